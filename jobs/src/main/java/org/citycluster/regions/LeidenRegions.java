package org.citycluster.regions;

import java.util.Arrays;
import java.util.Random;
import nl.cwts.networkanalysis.Clustering;
import nl.cwts.networkanalysis.LeidenAlgorithm;
import nl.cwts.networkanalysis.Network;
import nl.cwts.util.LargeDoubleArray;
import nl.cwts.util.LargeIntArray;

/**
 * Functional regions: communities of a weighted undirected graph of units found by the Leiden
 * algorithm (Traag, Waltman &amp; van Eck 2019) maximising modularity, through the reference
 * implementation {@code nl.cwts:networkanalysis}.
 *
 * <p>The run mirrors that library's {@code RunNetworkClustering} for modularity: node weights are
 * the nodes' total edge weights, the CPM resolution is {@code resolution / (2W)} (W the total edge
 * weight), and {@code randomStarts} starts, each from singletons and sharing one {@link
 * Random}{@code (seed)}, keep the first start of highest quality. Same input and options give the
 * same result.
 *
 * <p>Leiden's communities are connected in the graph it is given (γ-connected, proved for every
 * iteration in the paper's supplement): with edges only between rook neighbours, every region is
 * contiguous. Nodes without edges are singleton regions. Modularity has a resolution limit: a
 * higher resolution gives more, smaller regions.
 */
public final class LeidenRegions {

  /** Default modularity resolution γ. */
  public static final double DEFAULT_RESOLUTION = 1.0;

  /** Default number of random starts (the library's CLI default is 1). */
  public static final int DEFAULT_RANDOM_STARTS = 10;

  /** Default Leiden iterations per start (the library's CLI default is 1). */
  public static final int DEFAULT_ITERATIONS = 10;

  /** Default randomness of the refinement phase, the library's (0.01). */
  public static final double DEFAULT_RANDOMNESS = LeidenAlgorithm.DEFAULT_RANDOMNESS;

  /** Default seed of the random number generator. */
  public static final long DEFAULT_SEED = 20240601L;

  /** Largest number of random starts accepted. */
  public static final int MAX_RANDOM_STARTS = 1000;

  /**
   * Leiden options, validated on construction.
   *
   * @param resolution modularity resolution γ, finite and &gt; 0
   * @param randomStarts independent starts, 1..{@value #MAX_RANDOM_STARTS}; the best is kept
   * @param iterations Leiden iterations per start, &gt;= 1
   * @param randomness randomness of the refinement phase, finite and &gt; 0
   * @param seed seed of the one {@link Random} shared by all starts
   */
  public record Options(
      double resolution, int randomStarts, int iterations, double randomness, long seed)
      implements java.io.Serializable {

    /** Checks every option; the error names it and the allowed values. */
    public Options {
      if (!(resolution > 0) || !Double.isFinite(resolution)) {
        throw new IllegalArgumentException("resolution must be finite and > 0, got " + resolution);
      }
      if (randomStarts < 1 || randomStarts > MAX_RANDOM_STARTS) {
        throw new IllegalArgumentException(
            "randomStarts must be in 1.." + MAX_RANDOM_STARTS + ", got " + randomStarts);
      }
      if (iterations < 1) {
        throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
      }
      if (!(randomness > 0) || !Double.isFinite(randomness)) {
        throw new IllegalArgumentException("randomness must be finite and > 0, got " + randomness);
      }
    }

    /** The defaults: γ 1.0, 10 starts, 10 iterations, randomness 0.01, seed 20240601. */
    public static Options defaults() {
      return new Options(
          DEFAULT_RESOLUTION,
          DEFAULT_RANDOM_STARTS,
          DEFAULT_ITERATIONS,
          DEFAULT_RANDOMNESS,
          DEFAULT_SEED);
    }

    /** These options with another resolution. */
    public Options withResolution(double resolution) {
      return new Options(resolution, randomStarts, iterations, randomness, seed);
    }

    /** These options with another seed. */
    public Options withSeed(long seed) {
      return new Options(resolution, randomStarts, iterations, randomness, seed);
    }
  }

  /**
   * Detected regions. Equality compares the array's contents; the array is not copied, so callers
   * must not modify it.
   *
   * @param regionOfNode region of each node, 0..regions−1, numbered by size descending, ties by the
   *     smallest node index in the region
   * @param regions number of regions
   * @param quality modularity {@code Σ_c [w_c / W − γ (K_c / 2W)²]} of the partition (w_c edge
   *     weight inside c, K_c its total node degree, W the total edge weight); NaN without edges
   */
  public record Result(int[] regionOfNode, int regions, double quality) {

    @Override
    public boolean equals(Object o) {
      return o instanceof Result r
          && regions == r.regions
          && Double.compare(quality, r.quality) == 0
          && Arrays.equals(regionOfNode, r.regionOfNode);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * Arrays.hashCode(regionOfNode) + regions) + Double.hashCode(quality);
    }

    @Override
    public String toString() {
      return "Result[regions="
          + regions
          + ", quality="
          + quality
          + ", regionOfNode="
          + Arrays.toString(regionOfNode)
          + "]";
    }
  }

  private LeidenRegions() {}

  /**
   * Leiden regions of an undirected graph of {@code nNodes} nodes whose edge k joins {@code
   * edgeFrom[k]} and {@code edgeTo[k]} with weight {@code weight[k]}. Give each edge once; repeated
   * edges (in either direction) are summed.
   *
   * @throws IllegalArgumentException naming the argument: {@code nNodes < 1}, a null array or
   *     options, arrays of different length, an endpoint outside 0..nNodes−1, a self-loop, a weight
   *     not finite and &gt; 0
   */
  public static Result detect(
      int nNodes, int[] edgeFrom, int[] edgeTo, double[] weight, Options options) {
    if (nNodes < 1) {
      throw new IllegalArgumentException("nNodes must be >= 1, got " + nNodes);
    }
    notNull("edgeFrom", edgeFrom);
    notNull("edgeTo", edgeTo);
    notNull("weight", weight);
    notNull("options", options);
    int m = edgeFrom.length;
    if (edgeTo.length != m) {
      throw new IllegalArgumentException(
          "edgeTo must have the same length as edgeFrom: " + edgeTo.length + " vs " + m);
    }
    if (weight.length != m) {
      throw new IllegalArgumentException(
          "weight must have the same length as edgeFrom: " + weight.length + " vs " + m);
    }
    for (int k = 0; k < m; k++) {
      node("edgeFrom[" + k + "]", edgeFrom[k], nNodes);
      node("edgeTo[" + k + "]", edgeTo[k], nNodes);
      if (edgeFrom[k] == edgeTo[k]) {
        throw new IllegalArgumentException(
            "edgeFrom["
                + k
                + "] and edgeTo["
                + k
                + "] must differ (no self-loops), both are "
                + edgeFrom[k]);
      }
      if (!(weight[k] > 0) || !Double.isFinite(weight[k])) {
        throw new IllegalArgumentException(
            "weight[" + k + "] must be finite and > 0, got " + weight[k]);
      }
    }
    if (m == 0) {
      int[] singletons = new int[nNodes];
      Arrays.setAll(singletons, i -> i);
      return new Result(singletons, nNodes, Double.NaN);
    }

    // One entry per unordered pair, weights summed: the library mirrors each edge itself
    // (sortedEdges = false) and rejects a pair listed twice.
    long[] keys = new long[m];
    for (int k = 0; k < m; k++) {
      int lo = Math.min(edgeFrom[k], edgeTo[k]);
      int hi = Math.max(edgeFrom[k], edgeTo[k]);
      keys[k] = (long) lo * nNodes + hi;
    }
    Integer[] order = new Integer[m];
    Arrays.setAll(order, k -> k);
    Arrays.sort(order, (x, y) -> Long.compare(keys[x], keys[y]));
    int[] from = new int[m];
    int[] to = new int[m];
    double[] w = new double[m];
    int e = -1;
    for (int k = 0; k < m; k++) {
      int i = order[k];
      if (e < 0 || keys[i] != keys[order[k - 1]]) {
        e++;
        from[e] = (int) (keys[i] / nNodes);
        to[e] = (int) (keys[i] % nNodes);
      }
      w[e] += weight[i]; // same order for the same input: deterministic sums
    }
    int edges = e + 1;
    LargeIntArray[] endpoints = {
      new LargeIntArray(Arrays.copyOf(from, edges)), new LargeIntArray(Arrays.copyOf(to, edges))
    };
    Network network =
        new Network(
            nNodes, true, endpoints, new LargeDoubleArray(Arrays.copyOf(w, edges)), false, true);

    double resolution2 =
        options.resolution()
            / (2 * network.getTotalEdgeWeight() + network.getTotalEdgeWeightSelfLinks());
    Random random = new Random(options.seed());
    LeidenAlgorithm algorithm =
        new LeidenAlgorithm(resolution2, options.iterations(), options.randomness(), random);
    Clustering best = null;
    double bestQuality = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < options.randomStarts(); s++) {
      Clustering clustering = new Clustering(nNodes);
      algorithm.improveClustering(network, clustering);
      double quality = algorithm.calcQuality(network, clustering);
      if (quality > bestQuality) {
        best = clustering;
        bestQuality = quality;
      }
    }
    return canonical(best.getClusters(), bestQuality);
  }

  /** Renumbers clusters by size descending, ties by their smallest node. */
  private static Result canonical(int[] cluster, double quality) {
    int k = 0;
    for (int c : cluster) {
      k = Math.max(k, c + 1);
    }
    int[] size = new int[k];
    int[] first = new int[k];
    Arrays.fill(first, -1);
    for (int i = 0; i < cluster.length; i++) {
      if (first[cluster[i]] < 0) {
        first[cluster[i]] = i;
      }
      size[cluster[i]]++;
    }
    int regions = 0;
    for (int c = 0; c < k; c++) {
      if (size[c] > 0) {
        regions++;
      }
    }
    Integer[] clusters = new Integer[regions];
    for (int c = 0, r = 0; c < k; c++) {
      if (size[c] > 0) {
        clusters[r++] = c;
      }
    }
    Arrays.sort(
        clusters,
        (x, y) -> size[x] != size[y] ? Integer.compare(size[y], size[x]) : first[x] - first[y]);
    int[] label = new int[k];
    for (int r = 0; r < regions; r++) {
      label[clusters[r]] = r;
    }
    int[] regionOfNode = new int[cluster.length];
    for (int i = 0; i < cluster.length; i++) {
      regionOfNode[i] = label[cluster[i]];
    }
    return new Result(regionOfNode, regions, quality);
  }

  private static void node(String name, int i, int nNodes) {
    if (i < 0 || i >= nNodes) {
      throw new IllegalArgumentException(
          name + " must be a node in 0.." + (nNodes - 1) + ", got " + i);
    }
  }

  private static void notNull(String name, Object o) {
    if (o == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
  }
}
