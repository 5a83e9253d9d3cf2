package org.citycluster.verdict;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.citycluster.adjacency.UnionFind;
import org.citycluster.geo.GeodesicMeasures;
import org.citycluster.metrics.Seeds;

/**
 * Excess linkage, the spatially constrained null, affinity and share of one cluster ({@code
 * METRICS.md}, "Verdict, candidates and functional regions"), over a {@link ClusterContext}.
 *
 * <ul>
 *   <li>The <b>residual</b> {@code e_ij} of a pair for a linkage is {@link
 *       GravityCoefficients#residual} of its flow, the two log masses and the geodesic distance of
 *       the centroids (km, GeographicLib on WGS84, from the unit with the smaller adcode, as {@code
 *       city_pairs} measures it); NaN (the pair does not count) unless both units have a mass and
 *       are on that linkage's network, and the fit exists.
 *   <li>The <b>excess</b> of a set is the mean residual over its pairs that count, with that number
 *       of pairs.
 *   <li>A <b>null sample</b> {@code k} is a connected set of as many neighbourhood units as the
 *       cluster has members, grown by {@link ConnectedSetSampler} in the neighbourhood's growth
 *       graph from a seed drawn uniformly among the neighbourhood units whose component is large
 *       enough, with the random stream {@code Seeds.mix(clusterSeed + k)}: sample k is the same
 *       whichever task draws it.
 *   <li>The <b>affinity</b> of a unit u to a set is the mean of {@code e_um} over the set's other
 *       units; its <b>share</b> is {@code Σ_{m ∈ C, m ≠ u} F_um / Σ_v F_uv}, the part of its own
 *       flow (national total) that goes to the members.
 * </ul>
 *
 * <p>Neighbourhood distances are computed once per pair (a triangular table while the neighbourhood
 * has at most {@value #DISTANCE_TABLE_MAX} units, else on each use). Not thread-safe.
 */
public final class ClusterNullModel {

  /** Largest neighbourhood whose pair distances are tabulated (a table of n(n−1)/2 doubles). */
  public static final int DISTANCE_TABLE_MAX = 3000;

  /** A mean residual over the pairs that count, and their number (mean NaN when 0). */
  public record Mean(double mean, int pairs) {}

  private final ClusterContext c;
  private final GravityCoefficients[] fits;
  private final long clusterSeed;
  private final int[] members;
  private final int[] neighbourhood;
  private final int[] localOf;
  private final ConnectedSetSampler sampler;
  private final int[] seeds;
  private final double[] logDistance;

  /**
   * @param fits the fit per {@link Linkage} (by ordinal), null entries where not fitted
   * @param clusterSeed the cluster's seed (e.g. {@code Seeds.derive(seed, clusterId)})
   */
  public ClusterNullModel(ClusterContext context, GravityCoefficients[] fits, long clusterSeed) {
    if (context == null || fits == null || fits.length != Linkage.values().length) {
      throw new IllegalArgumentException("context and one fit per linkage are required");
    }
    this.c = context;
    this.fits = fits.clone();
    this.clusterSeed = clusterSeed;
    int n = c.size();
    members = indices(c.member);
    neighbourhood = indices(c.inNeighbourhood);
    localOf = new int[n];
    Arrays.fill(localOf, -1);
    for (int k = 0; k < neighbourhood.length; k++) {
      localOf[neighbourhood[k]] = k;
    }
    int[] from = new int[c.edgeFrom.length];
    int[] to = new int[c.edgeFrom.length];
    int e = 0;
    for (int k = 0; k < c.edgeFrom.length; k++) {
      int a = localOf[c.edgeFrom[k]];
      int b = localOf[c.edgeTo[k]];
      if (a >= 0 && b >= 0) {
        from[e] = a;
        to[e] = b;
        e++;
      }
    }
    sampler =
        new ConnectedSetSampler(neighbourhood.length, Arrays.copyOf(from, e), Arrays.copyOf(to, e));
    int size = members.length;
    int[] component = sampler.componentSizes();
    seeds =
        size == 0
            ? new int[0]
            : java.util.stream.IntStream.range(0, neighbourhood.length)
                .filter(k -> component[k] >= size)
                .toArray();
    int m = neighbourhood.length;
    logDistance = m <= DISTANCE_TABLE_MAX ? new double[m * (m - 1) / 2] : null;
    if (logDistance != null) {
      Arrays.fill(logDistance, Double.NaN);
    }
  }

  private static int[] indices(boolean[] flags) {
    return java.util.stream.IntStream.range(0, flags.length).filter(i -> flags[i]).toArray();
  }

  /** The members (node indices, ascending adcode). */
  public int[] members() {
    return members.clone();
  }

  /** The neighbourhood's units (node indices). */
  public int[] neighbourhood() {
    return neighbourhood.clone();
  }

  /** Neighbourhood units a null sample can start from (their component holds |C| units). */
  public int seedCount() {
    return seeds.length;
  }

  /** The flow of a pair for a linkage (0 without service). */
  public double flow(int i, int j, Linkage l) {
    double[] f = c.flows.get(i, j);
    return f == null ? 0.0 : f[l.ordinal()];
  }

  /** Whether pairs of node {@code i} count for linkage {@code l}. */
  public boolean counts(int i, Linkage l) {
    return Double.isFinite(c.logMass[i]) && c.onNetwork[l.ordinal()][i];
  }

  /** The residual {@code e_ij} (NaN when the pair does not count); see the class comment. */
  public double residual(int i, int j, Linkage l) {
    GravityCoefficients fit = fits[l.ordinal()];
    if (fit == null || i == j || !counts(i, l) || !counts(j, l)) {
      return Double.NaN;
    }
    double logD = logDistance(i, j);
    if (Double.isNaN(logD)) {
      return Double.NaN;
    }
    return Math.log1p(flow(i, j, l)) - fit.predicted(c.logMass[i] + c.logMass[j], logD);
  }

  private double logDistance(int i, int j) {
    int a = Math.min(i, j);
    int b = Math.max(i, j);
    int la = localOf[a];
    int lb = localOf[b];
    if (logDistance == null || la < 0 || lb < 0) {
      return logKm(a, b);
    }
    int hi = Math.max(la, lb);
    int lo = Math.min(la, lb);
    int k = hi * (hi - 1) / 2 + lo;
    double v = logDistance[k];
    if (Double.isNaN(v)) {
      v = logKm(a, b);
      logDistance[k] = Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }
    return v == Double.NEGATIVE_INFINITY ? Double.NaN : v;
  }

  private double logKm(int a, int b) {
    double km = GeodesicMeasures.distanceKm(c.lon[a], c.lat[a], c.lon[b], c.lat[b]);
    return km > 0 ? Math.log(km) : Double.NaN;
  }

  /** The excess linkage of a set of nodes: the mean residual over its pairs that count. */
  public Mean excess(int[] set, Linkage l) {
    double sum = 0;
    int pairs = 0;
    for (int x = 0; x < set.length; x++) {
      for (int y = x + 1; y < set.length; y++) {
        double e = residual(set[x], set[y], l);
        if (!Double.isNaN(e)) {
          sum += e;
          pairs++;
        }
      }
    }
    return new Mean(pairs == 0 ? Double.NaN : sum / pairs, pairs);
  }

  /** The excess linkage of the cluster itself. */
  public Mean observedExcess(Linkage l) {
    return excess(members, l);
  }

  /**
   * Null sample {@code k} (node indices, in the order grown), or null when no neighbourhood unit
   * can start a connected set of |C| units.
   */
  public int[] sample(int k) {
    if (seeds.length == 0) {
      return null;
    }
    SplittableRandom random = new SplittableRandom(Seeds.mix(clusterSeed + k));
    int seed = seeds[random.nextInt(seeds.length)];
    int[] local = sampler.grow(seed, members.length, random);
    int[] out = new int[local.length];
    for (int x = 0; x < local.length; x++) {
      out[x] = neighbourhood[local[x]];
    }
    return out;
  }

  /** The residuals of node {@code u} with every node (NaN where the pair does not count). */
  public double[] residualsOf(int u, Linkage l) {
    double[] r = new double[c.size()];
    for (int v = 0; v < r.length; v++) {
      r[v] = residual(u, v, l);
    }
    return r;
  }

  /** The affinity of {@code u} to {@code set}, from {@link #residualsOf}{@code (u, l)}. */
  public static Mean affinity(double[] residualsOfU, int[] set, int u) {
    double sum = 0;
    int pairs = 0;
    for (int m : set) {
      if (m != u && !Double.isNaN(residualsOfU[m])) {
        sum += residualsOfU[m];
        pairs++;
      }
    }
    return new Mean(pairs == 0 ? Double.NaN : sum / pairs, pairs);
  }

  /** The share of {@code u}'s own flow that goes to the members; NaN when it has none. */
  public double share(int u, Linkage l) {
    double total = c.totalFlow[l.ordinal()][u];
    if (!(total > 0)) {
      return Double.NaN;
    }
    double into = 0;
    for (int m : members) {
      if (m != u) {
        into += flow(u, m, l);
      }
    }
    return into / total;
  }

  /**
   * Connected components of the members under rook contiguity among themselves, with the members
   * off the main landmass set aside: those outside the largest rook component of the null region
   * (Hainan's units, the Zhoushan islands, ...; units without any rook neighbour are always aside).
   * 0 when no member remains.
   */
  public int rookComponents() {
    int n = c.size();
    UnionFind region = new UnionFind(n);
    for (int k = 0; k < c.edgeFrom.length; k++) {
      int a = c.edgeFrom[k];
      int b = c.edgeTo[k];
      if (c.edgeIsRook[k] && c.inNeighbourhood[a] && c.inNeighbourhood[b]) {
        region.union(a, b);
      }
    }
    java.util.Map<Integer, Integer> sizes = new java.util.HashMap<>();
    for (int v : neighbourhood) {
      sizes.merge(region.find(v), 1, Integer::sum);
    }
    int mainland = -1;
    int largest = 0;
    for (int v : neighbourhood) {
      int size = sizes.get(region.find(v));
      if (size > largest) {
        largest = size;
        mainland = region.find(v);
      }
    }
    java.util.List<Integer> counted = new java.util.ArrayList<>();
    for (int m : members) {
      if (!c.island[m] && c.inNeighbourhood[m] && region.find(m) == mainland) {
        counted.add(m);
      }
    }
    UnionFind uf = new UnionFind(n);
    for (int k = 0; k < c.edgeFrom.length; k++) {
      int a = c.edgeFrom[k];
      int b = c.edgeTo[k];
      if (c.edgeIsRook[k] && c.member[a] && c.member[b]) {
        uf.union(a, b);
      }
    }
    java.util.Set<Integer> roots = new java.util.HashSet<>();
    for (int m : counted) {
      roots.add(uf.find(m));
    }
    return roots.size();
  }
}
