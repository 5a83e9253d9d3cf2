package org.citycluster.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Moran's I and local Moran on sparse weights (compressed sparse rows), the kernels the distributed
 * adjacency stage runs in its tasks. The statistics are those of {@link SpatialAutocorrelation};
 * what differs is the input (non-zeros only, O(n + non-zeros) memory) and the seeding, chosen so
 * that results do not depend on how the work is split:
 *
 * <ul>
 *   <li>the global permutation test runs in blocks of {@value #PERMUTATIONS_PER_BLOCK}
 *       permutations; block b draws from {@code SplittableRandom(Seeds.derive(seed, "moran-block/"
 *       + b))}, so the blocks may run in any task and order and their counts add up to the same
 *       p-value. For n ≤ {@value SpatialAutocorrelation#EXACT_MAX_N} all n! orderings are counted
 *       instead (exact).
 *   <li>local Moran's conditional permutations of unit i draw from {@code SplittableRandom(
 *       unitSeed)}, with {@link #unitSeed} = {@code Seeds.derive(seed, "lisa/" + id)}: a unit's
 *       p-value depends on the seed, its id, the values and its neighbours, not on the other units'
 *       order of processing. Each draw picks the neighbours' values without replacement from the
 *       other n − 1 units by a sparse partial Fisher–Yates (O(k) per draw, k = neighbours).
 * </ul>
 *
 * <p>Degenerate input: a constant attribute (Σ z² = 0) gives NaN statistics and p-values. Bad input
 * (ragged or out-of-range CSR, negative or non-finite weight, a diagonal entry, n &lt; 2, {@code
 * permutations < 1}) throws {@link IllegalArgumentException} naming the argument.
 */
public final class SparseMoran {

  /** Permutations per block of the global test (the unit of work of one task). */
  public static final int PERMUTATIONS_PER_BLOCK = 50;

  private SparseMoran() {}

  /**
   * Weights in compressed sparse rows: the non-zeros of row i are {@code columns[rowStart[i] ..
   * rowStart[i+1])} (ascending) with {@code values} at the same positions.
   */
  public record Weights(int[] rowStart, int[] columns, double[] values) {

    /** Validates the layout (see class doc). */
    public Weights {
      if (rowStart == null || rowStart.length < 3 || rowStart[0] != 0) {
        throw new IllegalArgumentException("rowStart must start at 0 and describe n >= 2 rows");
      }
      int n = rowStart.length - 1;
      if (columns == null
          || values == null
          || columns.length != values.length
          || rowStart[n] != columns.length) {
        throw new IllegalArgumentException(
            "columns and values must both have rowStart[n] = " + rowStart[n] + " entries");
      }
      for (int i = 0; i < n; i++) {
        if (rowStart[i + 1] < rowStart[i]) {
          throw new IllegalArgumentException("rowStart must not decrease (row " + i + ")");
        }
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
          int j = columns[k];
          if (j < 0 || j >= n || j == i || (k > rowStart[i] && columns[k - 1] >= j)) {
            throw new IllegalArgumentException(
                "columns of row "
                    + i
                    + " must be ascending, distinct, in 0.."
                    + (n - 1)
                    + " and not "
                    + i
                    + "; got "
                    + j);
          }
          if (!(values[k] >= 0) || Double.isInfinite(values[k])) {
            throw new IllegalArgumentException(
                "w[" + i + "][" + j + "] must be finite and non-negative, got " + values[k]);
          }
        }
      }
    }

    /**
     * Row-standardised binary weights from neighbour lists (indices, any order, distinct, not the
     * row itself): row i's weights are 1 / |neighbours[i]|; a row without neighbours stays empty.
     */
    public static Weights rowStandardised(int[][] neighbours) {
      int n = neighbours.length;
      int[] start = new int[n + 1];
      for (int i = 0; i < n; i++) {
        start[i + 1] = start[i] + neighbours[i].length;
      }
      int[] columns = new int[start[n]];
      double[] values = new double[start[n]];
      for (int i = 0; i < n; i++) {
        int[] nb = neighbours[i].clone();
        Arrays.sort(nb);
        System.arraycopy(nb, 0, columns, start[i], nb.length);
        Arrays.fill(values, start[i], start[i + 1], 1.0 / nb.length);
      }
      return new Weights(start, columns, values);
    }

    /** The sparse form of a dense matrix (its non-zeros, by row, columns ascending). */
    public static Weights of(double[][] w) {
      int n = w.length;
      int[] start = new int[n + 1];
      for (int i = 0; i < n; i++) {
        int k = 0;
        for (double v : w[i]) {
          if (v != 0) {
            k++;
          }
        }
        start[i + 1] = start[i] + k;
      }
      int[] columns = new int[start[n]];
      double[] values = new double[start[n]];
      for (int i = 0, k = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (w[i][j] != 0) {
            columns[k] = j;
            values[k++] = w[i][j];
          }
        }
      }
      return new Weights(start, columns, values);
    }

    /** Number of units (rows). */
    public int n() {
      return rowStart.length - 1;
    }
  }

  /**
   * Global Moran's I and its moments under normality from sufficient statistics (what an aggregate
   * over the units and a join over the non-zero weights yield).
   *
   * @param n units
   * @param s0 Σ w_ij
   * @param s1 ½ Σ (w_ij + w_ji)²
   * @param s2 Σ_i (w_i· + w_·i)²
   * @param zWz Σ_ij w_ij z_i z_j
   * @param zz Σ z_i²
   */
  public static SpatialAutocorrelation.GlobalMoran fromSums(
      long n, double s0, double s1, double s2, double zWz, double zz) {
    if (n < 2) {
      throw new IllegalArgumentException("n must be at least 2, got " + n);
    }
    if (!(s0 > 0)) {
      throw new IllegalArgumentException("w must have at least one positive weight (S0 > 0)");
    }
    double i = n / s0 * zWz / zz;
    double nn = (double) n * n;
    double e = -1.0 / (n - 1);
    double var = (nn * s1 - n * s2 + 3 * s0 * s0) / ((nn - 1) * s0 * s0) - e * e;
    return new SpatialAutocorrelation.GlobalMoran(i, e, s0, s1, s2, var, (i - e) / Math.sqrt(var));
  }

  /** Global Moran's I of the deviations {@code z} (mean 0) over {@code w}, from its own sums. */
  public static SpatialAutocorrelation.GlobalMoran global(double[] z, Weights w) {
    int n = check(z, w);
    double s0 = 0;
    double s1 = 0;
    double[] rowSum = new double[n];
    double[] colSum = new double[n];
    for (int i = 0; i < n; i++) {
      for (int k = w.rowStart[i]; k < w.rowStart[i + 1]; k++) {
        double v = w.values[k];
        int j = w.columns[k];
        s0 += v;
        rowSum[i] += v;
        colSum[j] += v;
        double t = v + weight(w, j, i);
        s1 += t * t;
      }
    }
    double s2 = 0;
    for (int i = 0; i < n; i++) {
      s2 += (rowSum[i] + colSum[i]) * (rowSum[i] + colSum[i]);
    }
    // s1 above counts each unordered non-zero pair twice when both directions are non-zero and
    // once (with the missing direction 0) for a pair with one direction: ½ Σ over all i, j.
    return fromSums(
        n, s0, s1 / 2 + oneWayHalf(w), s2, quadraticForm(w, z, Permutations.identity(n)), zz(z));
  }

  /** Σ_ij w_ij z_π(i) z_π(j). */
  public static double quadraticForm(Weights w, double[] z, int[] pi) {
    int n = z.length;
    int[] start = w.rowStart;
    int[] columns = w.columns;
    double[] values = w.values;
    double s = 0;
    for (int i = 0; i < n; i++) {
      double row = 0;
      for (int k = start[i]; k < start[i + 1]; k++) {
        row += values[k] * z[pi[columns[k]]];
      }
      s += z[pi[i]] * row;
    }
    return s;
  }

  /** Number of blocks of {@code permutations} random permutations. */
  public static int blocks(int permutations) {
    Checks.permutations("permutations", permutations);
    return (permutations + PERMUTATIONS_PER_BLOCK - 1) / PERMUTATIONS_PER_BLOCK;
  }

  /** Whether the global test of n units is exact (all n! orderings). */
  public static boolean exact(int n) {
    return n <= SpatialAutocorrelation.EXACT_MAX_N;
  }

  /**
   * Counts of one block of the global test: {@code {count, evaluated}}, count = orderings whose
   * zᵀWz reaches the observed one (ties within {@code 1e-10} relative). For an exact test (n ≤
   * {@value SpatialAutocorrelation#EXACT_MAX_N}) block 0 enumerates all n! orderings (identity
   * included) and other blocks are empty.
   */
  public static long[] blockCount(double[] z, Weights w, int permutations, long seed, int block) {
    int n = check(z, w);
    int blocks = blocks(permutations);
    if (block < 0 || block >= blocks) {
      throw new IllegalArgumentException("block must be in 0.." + (blocks - 1) + ", got " + block);
    }
    int[] pi = Permutations.identity(n);
    double observed = quadraticForm(w, z, pi);
    double threshold = observed - Permutations.tolerance(observed);
    long count = 0;
    long total = 0;
    if (exact(n)) {
      if (block > 0) {
        return new long[] {0, 0};
      }
      do {
        total++;
        if (quadraticForm(w, z, pi) >= threshold) {
          count++;
        }
      } while (Permutations.next(pi));
      return new long[] {count, total};
    }
    int size = Math.min(PERMUTATIONS_PER_BLOCK, permutations - block * PERMUTATIONS_PER_BLOCK);
    SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "moran-block/" + block));
    for (int k = 0; k < size; k++) {
      Permutations.shuffle(pi, rng);
      total++;
      if (quadraticForm(w, z, pi) >= threshold) {
        count++;
      }
    }
    return new long[] {count, total};
  }

  /**
   * The permutation test from the blocks' summed counts: exact {@code p = count / n!}, else {@code
   * p = (count + 1) / (permutations + 1)}; NaN when the attribute is constant ({@code zz = 0}).
   */
  public static SpatialAutocorrelation.PermutationTest fromCounts(
      double i, long count, long total, int n, double zz, long seed) {
    if (zz == 0) {
      return new SpatialAutocorrelation.PermutationTest(Double.NaN, Double.NaN, 0, 0, false, seed);
    }
    boolean exact = exact(n);
    double p = exact ? (double) count / total : (count + 1.0) / (total + 1.0);
    return new SpatialAutocorrelation.PermutationTest(i, p, count, total, exact, seed);
  }

  /** The whole global permutation test in one call (every block in turn). */
  public static SpatialAutocorrelation.PermutationTest permutationTest(
      double[] z, Weights w, int permutations, long seed) {
    int n = check(z, w);
    double zz = zz(z);
    if (zz == 0) {
      return fromCounts(Double.NaN, 0, 0, n, zz, seed);
    }
    long count = 0;
    long total = 0;
    for (int b = 0; b < blocks(permutations); b++) {
      long[] c = blockCount(z, w, permutations, seed, b);
      count += c[0];
      total += c[1];
    }
    return fromCounts(global(z, w).i(), count, total, n, zz, seed);
  }

  /** The seed of unit {@code id}'s conditional permutations under {@code seed}. */
  public static long unitSeed(long seed, String id) {
    return Seeds.derive(seed, "lisa/" + id);
  }

  /** Local Moran {@code I_i = (z_i / m2) Σ_j w_ij z_j}, m2 = Σ z² / n. */
  public static double localI(double zi, double lag, double m2) {
    return zi / m2 * lag;
  }

  /**
   * Folded conditional-permutation pseudo p-value of unit {@code i} (see {@link
   * SpatialAutocorrelation}'s class doc): z_i held fixed, its neighbours' values drawn without
   * replacement from the other n − 1 entries of {@code z}; {@code (min(c≥, c≤) + 1) / (permutations
   * + 1)}. NaN when m2 = 0; 1 for a unit without neighbours.
   *
   * @param z deviations of all n units of the scope
   * @param i the unit's index in z
   * @param weights the unit's non-zero weights (their columns do not matter: values are drawn)
   * @param observed the unit's local I
   */
  public static double localP(
      double[] z,
      int i,
      double[] weights,
      double m2,
      double observed,
      int permutations,
      long unitSeed) {
    Checks.permutations("permutations", permutations);
    int n = z.length;
    int k = weights.length;
    if (i < 0 || i >= n || k > n - 1) {
      throw new IllegalArgumentException(
          "unit " + i + " with " + k + " neighbours does not fit " + n + " units");
    }
    if (m2 == 0) {
      return Double.NaN;
    }
    SplittableRandom rng = new SplittableRandom(unitSeed);
    double tol = Permutations.tolerance(observed);
    // the pool is 0..n−2 standing for the other units (index p ≥ i stands for p + 1); only the
    // swapped positions are stored, in touched/moved (at most 2k of them per draw)
    int[] touched = new int[2 * k];
    int[] moved = new int[2 * k];
    long ge = 0;
    long le = 0;
    for (int r = 0; r < permutations; r++) {
      int used = 0;
      double lag = 0;
      for (int t = 0; t < k; t++) {
        int pick = t + rng.nextInt(n - 1 - t);
        int atPick = lookup(touched, moved, used, pick);
        int atT = lookup(touched, moved, used, t);
        used = store(touched, moved, used, pick, atT);
        used = store(touched, moved, used, t, atPick);
        int unit = atPick >= i ? atPick + 1 : atPick;
        lag += weights[t] * z[unit];
      }
      double sim = z[i] / m2 * lag;
      if (sim >= observed - tol) {
        ge++;
      }
      if (sim <= observed + tol) {
        le++;
      }
    }
    return (Math.min(ge, le) + 1.0) / (permutations + 1.0);
  }

  private static int lookup(int[] touched, int[] moved, int used, int position) {
    for (int s = 0; s < used; s++) {
      if (touched[s] == position) {
        return moved[s];
      }
    }
    return position;
  }

  private static int store(int[] touched, int[] moved, int used, int position, int value) {
    for (int s = 0; s < used; s++) {
      if (touched[s] == position) {
        moved[s] = value;
        return used;
      }
    }
    touched[used] = position;
    moved[used] = value;
    return used + 1;
  }

  /** Σ z². */
  public static double zz(double[] z) {
    double s = 0;
    for (double v : z) {
      s += v * v;
    }
    return s;
  }

  /** The weight w_ij (0 when absent), by binary search in row i. */
  private static double weight(Weights w, int i, int j) {
    int k = Arrays.binarySearch(w.columns, w.rowStart[i], w.rowStart[i + 1], j);
    return k >= 0 ? w.values[k] : 0;
  }

  /**
   * The half of S1 that the row loop in {@link #global} misses: for a pair with only w_ij non-zero
   * the loop adds (w_ij)² once, the full sum ½ Σ_ij over both (i, j) and (j, i) adds it twice.
   */
  private static double oneWayHalf(Weights w) {
    double s = 0;
    for (int i = 0; i < w.n(); i++) {
      for (int k = w.rowStart[i]; k < w.rowStart[i + 1]; k++) {
        if (weight(w, w.columns[k], i) == 0) {
          s += w.values[k] * w.values[k];
        }
      }
    }
    return s / 2;
  }

  private static int check(double[] z, Weights w) {
    int n = w.n();
    Checks.sameLength("z", z, n);
    for (int i = 0; i < n; i++) {
      Checks.finite("z[" + i + "]", z[i]);
    }
    return n;
  }
}
