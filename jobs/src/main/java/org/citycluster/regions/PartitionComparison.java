package org.citycluster.regions;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Agreement between a partition of units into plan clusters and a partition into functional regions
 * ({@code METRICS.md}, "Matching a partition to the plans").
 *
 * <ul>
 *   <li>{@link #jaccard} {@code |A ∩ B| / |A ∪ B|} of two unit sets, and {@link #bestMatch}, the
 *       region of a partition that maximises it for one cluster.
 *   <li>{@link #adjustedRandIndex} (Hubert &amp; Arabie 1985) and {@link
 *       #normalizedMutualInformation} (MI over the arithmetic mean of the two entropies), natural
 *       logs throughout, from the contingency table of two label arrays over the same units ({@code
 *       labelsA[k]}, {@code labelsB[k]} are the labels of unit k). Labels are compared with {@code
 *       equals}; only the grouping matters, so renaming labels changes nothing.
 * </ul>
 *
 * <p>Pair counts are {@code long} (n(n−1)/2 passes {@code int} at n ≈ 65,536) and their products
 * are formed in {@code double}. Bad input throws {@link IllegalArgumentException} naming the
 * argument: null set, map, array or label, empty label arrays, arrays of different length, empty
 * cluster or region map, and two empty sets for {@link #jaccard}.
 */
public final class PartitionComparison {

  /**
   * The region best matching a cluster.
   *
   * @param regionId the region (a value of the region map)
   * @param jaccard {@code intersection / (clusterSize + regionSize − intersection)}, in [0, 1]
   * @param intersection cluster members in the region
   * @param membersOutside cluster members not in the region (unmapped members included)
   * @param nonmembersInside units of the region not in the cluster
   * @param regionSize units of the region
   */
  public record Match(
      String regionId,
      double jaccard,
      int intersection,
      int membersOutside,
      int nonmembersInside,
      int regionSize) {}

  private PartitionComparison() {}

  /**
   * Jaccard index {@code |A ∩ B| / |A ∪ B|}; 0 when exactly one set is empty. Two empty sets have
   * no defined index and throw {@link IllegalArgumentException}.
   */
  public static double jaccard(Set<String> a, Set<String> b) {
    notNull("a", a);
    notNull("b", b);
    if (a.isEmpty() && b.isEmpty()) {
      throw new IllegalArgumentException("a and b must not both be empty (Jaccard is 0/0)");
    }
    Set<String> small = a.size() <= b.size() ? a : b;
    Set<String> large = small == a ? b : a;
    long intersection = 0;
    for (String u : small) {
      if (large.contains(u)) {
        intersection++;
      }
    }
    return intersection / (double) (a.size() + b.size() - intersection);
  }

  /**
   * The region maximising the Jaccard index with {@code cluster}. Regions are the distinct values
   * of {@code regionOfUnit} (unit → region); cluster members absent from the map lie outside every
   * region. Ties in Jaccard (compared exactly, as fractions) go to the larger intersection, then to
   * the smaller region id ({@link String#compareTo}), so the answer is deterministic; if no region
   * meets the cluster, the smallest region id is returned with Jaccard 0.
   *
   * @throws IllegalArgumentException if {@code cluster} is null or empty, {@code regionOfUnit} is
   *     null or empty, or a key or region id is null
   */
  public static Match bestMatch(Set<String> cluster, Map<String, String> regionOfUnit) {
    notNull("cluster", cluster);
    notNull("regionOfUnit", regionOfUnit);
    if (cluster.isEmpty()) {
      throw new IllegalArgumentException("cluster must not be empty");
    }
    if (regionOfUnit.isEmpty()) {
      throw new IllegalArgumentException("regionOfUnit must not be empty");
    }
    Map<String, int[]> sizes = new TreeMap<>(); // region → {size, intersection}
    for (Map.Entry<String, String> e : regionOfUnit.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException(
            "regionOfUnit must not hold null units or regions: "
                + e.getKey()
                + " -> "
                + e.getValue());
      }
      sizes.computeIfAbsent(e.getValue(), r -> new int[2])[0]++;
    }
    for (String u : cluster) {
      String r = u == null ? null : regionOfUnit.get(u);
      if (r != null) {
        sizes.get(r)[1]++;
      }
    }
    int clusterSize = cluster.size();
    String best = null;
    int bestSize = 0;
    int bestInter = 0;
    for (Map.Entry<String, int[]> e : sizes.entrySet()) { // ascending id: the first wins full ties
      int size = e.getValue()[0];
      int inter = e.getValue()[1];
      // inter / union > bestInter / bestUnion, compared exactly as fractions
      long lhs = (long) inter * (clusterSize + bestSize - bestInter);
      long rhs = (long) bestInter * (clusterSize + size - inter);
      if (best == null || lhs > rhs || (lhs == rhs && inter > bestInter)) {
        best = e.getKey();
        bestSize = size;
        bestInter = inter;
      }
    }
    int union = clusterSize + bestSize - bestInter;
    return new Match(
        best,
        bestInter / (double) union,
        bestInter,
        clusterSize - bestInter,
        bestSize - bestInter,
        bestSize);
  }

  /**
   * Adjusted Rand index (Hubert &amp; Arabie 1985): {@code (Σ C(n_ij,2) − E) / (½[Σ C(a_i,2) + Σ
   * C(b_j,2)] − E)} with {@code E = Σ C(a_i,2) · Σ C(b_j,2) / C(n,2)}, n_ij the contingency table
   * and a_i, b_j its margins. 1 for identical partitions, about 0 for independent ones, can be
   * negative. The denominator is 0 only when both partitions are all singletons or both one block
   * (n = 1 included), i.e. when they are identical: the index is then defined as 1.0.
   */
  public static double adjustedRandIndex(String[] labelsA, String[] labelsB) {
    Contingency t = new Contingency(labelsA, labelsB);
    long sumCells = 0;
    for (long c : t.cells) {
      sumCells += pairs(c);
    }
    long sumA = 0;
    for (long c : t.countsA) {
      sumA += pairs(c);
    }
    long sumB = 0;
    for (long c : t.countsB) {
      sumB += pairs(c);
    }
    long total = pairs(t.n);
    double expected = total == 0 ? 0 : (double) sumA * (double) sumB / total;
    double max = 0.5 * ((double) sumA + (double) sumB);
    double denominator = max - expected;
    if (denominator == 0) {
      return 1.0;
    }
    return (sumCells - expected) / denominator;
  }

  /** Shannon entropy {@code −Σ p_i ln p_i} of a labelling, in nats; 0 for a single block. */
  public static double entropy(String[] labels) {
    Contingency t = new Contingency(labels, labels, "labels", "labels");
    return entropy(t.countsA, t.n);
  }

  /**
   * Mutual information {@code Σ p_ij ln(p_ij / (p_i p_j))} of two labellings of the same units, in
   * nats; 0 when either is a single block.
   */
  public static double mutualInformation(String[] labelsA, String[] labelsB) {
    return mutualInformation(new Contingency(labelsA, labelsB));
  }

  /**
   * Normalised mutual information {@code MI / ((H(a) + H(b)) / 2)}, in [0, 1]. When {@code H(a) +
   * H(b) = 0} both partitions are one block, hence identical, and the value is defined as 1.0.
   */
  public static double normalizedMutualInformation(String[] labelsA, String[] labelsB) {
    Contingency t = new Contingency(labelsA, labelsB);
    double h = entropy(t.countsA, t.n) + entropy(t.countsB, t.n);
    if (h == 0) {
      return 1.0;
    }
    return mutualInformation(t) / (h / 2);
  }

  private static double mutualInformation(Contingency t) {
    double logN = Math.log(t.n);
    double mi = 0;
    for (int k = 0; k < t.cells.length; k++) {
      double c = t.cells[k];
      mi +=
          c
              / t.n
              * (logN
                  + Math.log(c)
                  - Math.log(t.countsA[t.cellA[k]])
                  - Math.log(t.countsB[t.cellB[k]]));
    }
    return mi;
  }

  private static double entropy(long[] counts, long n) {
    double logN = Math.log(n);
    double h = 0;
    for (long c : counts) {
      h += (double) c / n * (logN - Math.log(c));
    }
    return h;
  }

  private static long pairs(long c) {
    return c * (c - 1) / 2;
  }

  private static void notNull(String name, Object o) {
    if (o == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
  }

  /** The non-zero cells and the margins of the contingency table of two labellings. */
  private static final class Contingency {
    final long n;
    final long[] countsA;
    final long[] countsB;
    final long[] cells;
    final int[] cellA;
    final int[] cellB;

    Contingency(String[] a, String[] b) {
      this(a, b, "labelsA", "labelsB");
    }

    Contingency(String[] a, String[] b, String nameA, String nameB) {
      notNull(nameA, a);
      notNull(nameB, b);
      if (a.length == 0) {
        throw new IllegalArgumentException(nameA + " must not be empty");
      }
      if (b.length != a.length) {
        throw new IllegalArgumentException(
            nameB + " must have the same length as " + nameA + ": " + b.length + " vs " + a.length);
      }
      n = a.length;
      int[] codeA = codes(nameA, a);
      int[] codeB = codes(nameB, b);
      countsA = margins(codeA);
      countsB = margins(codeB);
      long[] keys = new long[a.length];
      for (int k = 0; k < keys.length; k++) {
        keys[k] = (long) codeA[k] * countsB.length + codeB[k];
      }
      Arrays.sort(keys);
      int distinct = 0;
      for (int k = 0; k < keys.length; k++) {
        if (k == 0 || keys[k] != keys[k - 1]) {
          distinct++;
        }
      }
      cells = new long[distinct];
      cellA = new int[distinct];
      cellB = new int[distinct];
      int c = -1;
      for (int k = 0; k < keys.length; k++) {
        if (k == 0 || keys[k] != keys[k - 1]) {
          c++;
          cellA[c] = (int) (keys[k] / countsB.length);
          cellB[c] = (int) (keys[k] % countsB.length);
        }
        cells[c]++;
      }
    }

    private static int[] codes(String name, String[] labels) {
      Map<String, Integer> index = new HashMap<>();
      int[] codes = new int[labels.length];
      for (int k = 0; k < labels.length; k++) {
        if (labels[k] == null) {
          throw new IllegalArgumentException(name + "[" + k + "] must not be null");
        }
        Integer code = index.get(labels[k]);
        if (code == null) {
          code = index.size();
          index.put(labels[k], code);
        }
        codes[k] = code;
      }
      return codes;
    }

    private static long[] margins(int[] codes) {
      int k = 0;
      for (int c : codes) {
        k = Math.max(k, c + 1);
      }
      long[] counts = new long[k];
      for (int c : codes) {
        counts[c]++;
      }
      return counts;
    }
  }
}
