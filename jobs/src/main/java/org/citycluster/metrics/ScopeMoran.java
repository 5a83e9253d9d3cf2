package org.citycluster.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Moran's I, its permutation test and local Moran of one attribute over one scope (a cluster's
 * members, or every unit): the units with a finite value and at least one rook neighbour with a
 * value (the others are dropped and listed), row-standardised rook weights among them, {@link
 * SparseMoran}'s kernels and seeding. Fewer than 3 units left gives no statistics; a constant
 * attribute gives NaN statistics.
 *
 * @param kept units used, sorted
 * @param dropped units of the scope left out, with the reason ({@link #NO_VALUE} or {@link
 *     #NO_NEIGHBOUR})
 * @param global Moran's I and moments, null with fewer than 3 units
 * @param test the permutation test, null with fewer than 3 units
 * @param local per kept unit {@code {I_i, p_i, z_i, lag_i}} (lag = Σ_j w_ij z_j), empty without
 *     statistics
 */
public record ScopeMoran(
    List<String> kept,
    Map<String, String> dropped,
    SpatialAutocorrelation.GlobalMoran global,
    SpatialAutocorrelation.PermutationTest test,
    Map<String, double[]> local) {

  /** Reason of a unit without a finite value. */
  public static final String NO_VALUE = "no finite value";

  /** Reason of a unit whose rook neighbours (within the scope) all lack a value. */
  public static final String NO_NEIGHBOUR = "no rook neighbour with a value";

  /**
   * @param scope the scope's unit ids
   * @param values finite values by id (ids absent or mapped to a non-finite value count as without
   *     a value)
   * @param rook rook neighbours by id (may name units outside the scope; those are ignored)
   */
  public static ScopeMoran of(
      Collection<String> scope,
      Map<String, Double> values,
      Map<String, ? extends Collection<String>> rook,
      int permutations,
      long seed) {
    Map<String, String> dropped = new TreeMap<>();
    List<String> valued = new ArrayList<>();
    for (String id : new java.util.TreeSet<>(scope)) {
      Double v = values.get(id);
      if (v == null || !Double.isFinite(v)) {
        dropped.put(id, NO_VALUE);
      } else {
        valued.add(id);
      }
    }
    Set<String> valuedSet = Set.copyOf(valued);
    List<String> kept = new ArrayList<>();
    for (String id : valued) {
      Collection<String> nb = rook.get(id);
      if (nb != null && nb.stream().anyMatch(valuedSet::contains)) {
        kept.add(id);
      } else {
        dropped.put(id, NO_NEIGHBOUR);
      }
    }
    int n = kept.size();
    if (n < 3) {
      return new ScopeMoran(List.copyOf(kept), dropped, null, null, Map.of());
    }
    Map<String, Integer> index = new HashMap<>();
    for (String id : kept) {
      index.put(id, index.size());
    }
    int[][] neighbours = new int[n][];
    double[] x = new double[n];
    double mean = 0;
    for (String id : kept) {
      int i = index.get(id);
      x[i] = values.get(id);
      mean += x[i];
      neighbours[i] =
          rook.get(id).stream()
              .map(index::get)
              .filter(j -> j != null)
              .distinct()
              .mapToInt(Integer::intValue)
              .toArray();
    }
    mean /= n;
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = x[i] - mean;
    }
    SparseMoran.Weights w = SparseMoran.Weights.rowStandardised(neighbours);
    SpatialAutocorrelation.GlobalMoran global = SparseMoran.global(z, w);
    SpatialAutocorrelation.PermutationTest test =
        SparseMoran.permutationTest(z, w, permutations, seed);
    double m2 = SparseMoran.zz(z) / n;
    Map<String, double[]> local = new TreeMap<>();
    for (String id : kept) {
      int i = index.get(id);
      double lag = 0;
      int from = w.rowStart()[i];
      int to = w.rowStart()[i + 1];
      double[] weights = java.util.Arrays.copyOfRange(w.values(), from, to);
      for (int k = from; k < to; k++) {
        lag += w.values()[k] * z[w.columns()[k]];
      }
      double li = SparseMoran.localI(z[i], lag, m2);
      double p =
          SparseMoran.localP(z, i, weights, m2, li, permutations, SparseMoran.unitSeed(seed, id));
      local.put(id, new double[] {li, p, z[i], lag});
    }
    return new ScopeMoran(List.copyOf(kept), dropped, global, test, local);
  }
}
