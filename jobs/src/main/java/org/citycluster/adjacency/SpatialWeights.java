package org.citycluster.adjacency;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Spatial weights in long format ({@link WeightRow}s, the non-zero entries only), as libpysal users
 * expect: {@link Transform#BINARY} (libpysal {@code "B"}: w = 1 for every neighbour) or {@link
 * Transform#ROW_STANDARDISED} ({@code "R"}: w = 1/|N(i)|, so each row with neighbours sums to 1).
 * Contiguity weights (rook, queen) and distance-band weights are symmetric (both directions are
 * emitted); k-nearest-neighbour weights are directed as given. Units without neighbours (islands)
 * have no rows: their row of the dense matrix is zero, as in libpysal. Rows are sorted by (i, j).
 * Self-pairs are rejected with {@link IllegalArgumentException}.
 */
public final class SpatialWeights {

  /** How weights are scaled. */
  public enum Transform {
    /** Every neighbour weighs 1. */
    BINARY,
    /** Every neighbour of i weighs 1/|N(i)|; rows sum to 1. */
    ROW_STANDARDISED
  }

  private SpatialWeights() {}

  /** Rook weights from contiguity pairs (QUEEN-only pairs are left out). */
  public static List<WeightRow> rook(Collection<ContiguityPair> pairs, Transform transform) {
    Map<String, SortedSet<String>> n = new TreeMap<>();
    for (ContiguityPair p : pairs) {
      if (p.isRook()) {
        link(n, p.idA(), p.idB(), true);
      }
    }
    return fromNeighbours("rook", n, transform);
  }

  /** Queen weights from contiguity pairs (ROOK and QUEEN pairs). */
  public static List<WeightRow> queen(Collection<ContiguityPair> pairs, Transform transform) {
    Map<String, SortedSet<String>> n = new TreeMap<>();
    for (ContiguityPair p : pairs) {
      link(n, p.idA(), p.idB(), true);
    }
    return fromNeighbours("queen", n, transform);
  }

  /** Directed k-nearest-neighbour weights from {@link NearestNeighbours#kNearest} output. */
  public static List<WeightRow> knn(Collection<CentroidDistance> nearest, Transform transform) {
    Map<String, SortedSet<String>> n = new TreeMap<>();
    for (CentroidDistance d : nearest) {
      link(n, d.from(), d.to(), false);
    }
    return fromNeighbours("knn", n, transform);
  }

  /** Symmetric distance-band weights from {@link NearestNeighbours#withinBand} output. */
  public static List<WeightRow> distanceBand(
      Collection<CentroidDistance> pairs, Transform transform) {
    Map<String, SortedSet<String>> n = new TreeMap<>();
    for (CentroidDistance d : pairs) {
      link(n, d.from(), d.to(), true);
    }
    return fromNeighbours("distance_band", n, transform);
  }

  /** Weights of an arbitrary neighbour map (row id → its neighbours). */
  public static List<WeightRow> fromNeighbours(
      String scheme, Map<String, ? extends Collection<String>> neighbours, Transform transform) {
    List<WeightRow> rows = new ArrayList<>();
    for (Map.Entry<String, ? extends Collection<String>> e : new TreeMap<>(neighbours).entrySet()) {
      SortedSet<String> js = new TreeSet<>(e.getValue());
      if (js.contains(e.getKey())) {
        throw new IllegalArgumentException("self-neighbour " + e.getKey());
      }
      double w = transform == Transform.BINARY ? 1.0 : 1.0 / js.size();
      for (String j : js) {
        rows.add(new WeightRow(scheme, e.getKey(), j, w));
      }
    }
    return rows;
  }

  private static void link(
      Map<String, SortedSet<String>> n, String i, String j, boolean symmetric) {
    if (i.equals(j)) {
      throw new IllegalArgumentException("self-neighbour " + i);
    }
    n.computeIfAbsent(i, k -> new TreeSet<>()).add(j);
    if (symmetric) {
      n.computeIfAbsent(j, k -> new TreeSet<>()).add(i);
    }
  }
}
