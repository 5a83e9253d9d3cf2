package org.citycluster.metrics;

import java.util.SplittableRandom;

/**
 * Spatial autocorrelation of an attribute x over n units with a spatial weights matrix W
 * (non-negative, zero diagonal; binary contiguity or row-standardised via {@link #rowStandardise}).
 *
 * <ul>
 *   <li>Global Moran's I {@code I = (n / S0) · zᵀWz / zᵀz}, z = x − mean(x), {@code S0 = Σ_ij
 *       w_ij}, {@code E[I] = −1/(n−1)}, {@code S1 = ½ Σ_ij (w_ij + w_ji)²}, {@code S2 = Σ_i (w_i· +
 *       w_·i)²}; variance under the normality assumption (Cliff &amp; Ord) {@code Var = (n² S1 − n
 *       S2 + 3 S0²) / ((n² − 1) S0²) − E[I]²} and {@code z = (I − E[I]) / √Var}.
 *   <li>Permutation test of global I, one-sided (upper tail, positive autocorrelation): the share
 *       of orderings of x over the units whose I reaches the observed I (ties within {@code 1e-10}
 *       count). Exact for n ≤ {@value #EXACT_MAX_N} (all n! orderings, identity included, {@code p
 *       = count / n!}); otherwise seeded random permutations, {@code p = (count + 1) /
 *       (permutations + 1)}.
 *   <li>Local Moran (Anselin 1995) {@code I_i = (z_i / m2) · Σ_j w_ij z_j}, {@code m2 = Σ z² / n},
 *       with conditional-permutation pseudo p-values: x_i is held fixed and the other n − 1 values
 *       are randomly reassigned to the other units; {@code p_i = (min(c≥, c≤) + 1) / (permutations
 *       + 1)} with c≥ (c≤) the number of draws whose I_i is ≥ (≤) the observed one. This is the
 *       "folded" convention of PySAL's esda ({@code p_sim}): small p_i flags both clusters (high
 *       I_i) and outliers (low I_i). A unit without neighbours has I_i = 0 and p_i = 1. One {@link
 *       SplittableRandom}{@code (seed)} is used for all units in index order.
 *   <li>Join counts for a binary attribute y ∈ {0, 1} (1 = black): {@code BB = ½ Σ_ij w_ij y_i
 *       y_j}, {@code WW = ½ Σ_ij w_ij (1−y_i)(1−y_j)}, {@code BW = ½ Σ_ij w_ij (y_i − y_j)²}; with
 *       a symmetric binary W each join is counted once.
 * </ul>
 *
 * <p>Degenerate input: if x is constant, zᵀz = 0 and I, z-score, local I and all p-values are NaN.
 * Bad input throws {@link IllegalArgumentException} naming the argument: non-square W, negative or
 * non-finite weight, non-zero diagonal, W summing to 0, x of the wrong length or non-finite, n &lt;
 * 2, y not 0/1, {@code permutations < 1}.
 */
public final class SpatialAutocorrelation {

  /** Largest n for which the global permutation test is exact (8! = 40320). */
  public static final int EXACT_MAX_N = 8;

  /**
   * Global Moran's I with its analytical moments under normality.
   *
   * @param i Moran's I
   * @param expected E[I] = −1/(n−1)
   * @param s0 Σ w_ij
   * @param s1 ½ Σ (w_ij + w_ji)²
   * @param s2 Σ (w_i· + w_·i)²
   * @param varianceNormal Var[I] under normality
   * @param zNormal (I − E[I]) / √Var
   */
  public record GlobalMoran(
      double i,
      double expected,
      double s0,
      double s1,
      double s2,
      double varianceNormal,
      double zNormal) {}

  /**
   * Permutation test of global Moran's I.
   *
   * @param i observed I
   * @param p one-sided (upper-tail) p-value
   * @param countAtLeast orderings with I ≥ observed (exact: identity included; random: not)
   * @param permutations orderings evaluated (n! when exact)
   * @param exact whether all orderings were enumerated
   * @param seed the seed given (recorded even when unused)
   */
  public record PermutationTest(
      double i, double p, long countAtLeast, long permutations, boolean exact, long seed) {}

  /**
   * Local Moran statistics with conditional-permutation pseudo p-values.
   *
   * @param statistics I_i per unit
   * @param p folded pseudo p-value per unit
   * @param permutations draws per unit
   * @param seed seed of the generator
   */
  public record LocalMoran(double[] statistics, double[] p, int permutations, long seed) {}

  /** Join counts BB, WW, BW. */
  public record JoinCounts(double bb, double ww, double bw) {}

  private SpatialAutocorrelation() {}

  /**
   * Row-standardised copy of {@code w}: each row divided by its sum; a row summing to 0 (an island)
   * stays all zero.
   */
  public static double[][] rowStandardise(double[][] w) {
    int n = checkWeights(w);
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (double v : w[i]) {
        s += v;
      }
      if (s > 0) {
        for (int j = 0; j < n; j++) {
          out[i][j] = w[i][j] / s;
        }
      }
    }
    return out;
  }

  /** Global Moran's I; NaN if x is constant. */
  public static double moransI(double[] x, double[][] w) {
    int n = checkWeights(w);
    double[] z = deviations(x, n);
    double s0 = s0(w);
    return n / s0 * quadraticForm(w, z, Permutations.identity(n)) / sumSquares(z);
  }

  /** Global Moran's I with S0, S1, S2, E[I], variance under normality and z-score. */
  public static GlobalMoran globalMoran(double[] x, double[][] w) {
    int n = checkWeights(w);
    double i = moransI(x, w);
    double s0 = s0(w);
    double s1 = 0;
    double s2 = 0;
    for (int a = 0; a < n; a++) {
      double rowSum = 0;
      double colSum = 0;
      for (int b = 0; b < n; b++) {
        double t = w[a][b] + w[b][a];
        s1 += t * t;
        rowSum += w[a][b];
        colSum += w[b][a];
      }
      s2 += (rowSum + colSum) * (rowSum + colSum);
    }
    s1 /= 2;
    double nn = (double) n * n;
    double e = -1.0 / (n - 1);
    double var = (nn * s1 - n * s2 + 3 * s0 * s0) / ((nn - 1) * s0 * s0) - e * e;
    return new GlobalMoran(i, e, s0, s1, s2, var, (i - e) / Math.sqrt(var));
  }

  /**
   * Permutation test of global Moran's I: exact for n ≤ {@value #EXACT_MAX_N}, else {@code
   * permutations} seeded random orderings.
   */
  public static PermutationTest permutationTest(
      double[] x, double[][] w, int permutations, long seed) {
    int n = checkWeights(w);
    Checks.permutations("permutations", permutations);
    double[] z = deviations(x, n);
    if (sumSquares(z) == 0) {
      return new PermutationTest(Double.NaN, Double.NaN, 0, 0, false, seed);
    }
    double i = moransI(x, w);
    int[] pi = Permutations.identity(n);
    SparseRows sparse = SparseRows.of(w);
    double observed = quadraticForm(sparse, z, pi);
    double threshold = observed - Permutations.tolerance(observed);
    long count = 0;
    if (n <= EXACT_MAX_N) {
      long total = 0;
      do {
        total++;
        if (quadraticForm(sparse, z, pi) >= threshold) {
          count++;
        }
      } while (Permutations.next(pi));
      return new PermutationTest(i, (double) count / total, count, total, true, seed);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int k = 0; k < permutations; k++) {
      Permutations.shuffle(pi, rng);
      if (quadraticForm(sparse, z, pi) >= threshold) {
        count++;
      }
    }
    return new PermutationTest(
        i, (count + 1.0) / (permutations + 1.0), count, permutations, false, seed);
  }

  /** Local Moran {@code I_i = (z_i / m2) Σ_j w_ij z_j}, m2 = Σz²/n; NaN if x is constant. */
  public static double[] localMoran(double[] x, double[][] w) {
    int n = checkWeights(w);
    double[] z = deviations(x, n);
    double m2 = sumSquares(z) / n;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double lag = 0;
      for (int j = 0; j < n; j++) {
        lag += w[i][j] * z[j];
      }
      out[i] = z[i] / m2 * lag;
    }
    return out;
  }

  /** Local Moran with conditional-permutation pseudo p-values (see class doc). */
  public static LocalMoran localMoranTest(double[] x, double[][] w, int permutations, long seed) {
    int n = checkWeights(w);
    Checks.permutations("permutations", permutations);
    double[] stats = localMoran(x, w);
    double[] z = deviations(x, n);
    double m2 = sumSquares(z) / n;
    double[] p = new double[n];
    SplittableRandom rng = new SplittableRandom(seed);
    int[] pool = new int[n - 1];
    for (int i = 0; i < n; i++) {
      if (m2 == 0) {
        p[i] = Double.NaN;
        continue;
      }
      int k = 0;
      for (int j = 0; j < n; j++) {
        if (j != i && w[i][j] != 0) {
          k++;
        }
      }
      int[] nb = new int[k];
      k = 0;
      for (int j = 0; j < n; j++) {
        if (j != i && w[i][j] != 0) {
          nb[k++] = j;
        }
      }
      for (int j = 0, t = 0; j < n; j++) {
        if (j != i) {
          pool[t++] = j;
        }
      }
      double tol = Permutations.tolerance(stats[i]);
      long ge = 0;
      long le = 0;
      for (int r = 0; r < permutations; r++) {
        // Partial Fisher–Yates: the first k slots of pool become a uniform random draw without
        // replacement from the other n − 1 units.
        double lag = 0;
        for (int t = 0; t < k; t++) {
          Permutations.swap(pool, t, t + rng.nextInt(n - 1 - t));
          lag += w[i][nb[t]] * z[pool[t]];
        }
        double sim = z[i] / m2 * lag;
        if (sim >= stats[i] - tol) {
          ge++;
        }
        if (sim <= stats[i] + tol) {
          le++;
        }
      }
      p[i] = (Math.min(ge, le) + 1.0) / (permutations + 1.0);
    }
    return new LocalMoran(stats, p, permutations, seed);
  }

  /** Join counts for a 0/1 attribute (1 = black). */
  public static JoinCounts joinCounts(int[] y, double[][] w) {
    int n = checkWeights(w);
    if (y == null || y.length != n) {
      throw new IllegalArgumentException("y must have length " + n);
    }
    for (int i = 0; i < n; i++) {
      if (y[i] != 0 && y[i] != 1) {
        throw new IllegalArgumentException("y[" + i + "] must be 0 or 1, got " + y[i]);
      }
    }
    double bb = 0;
    double ww = 0;
    double bw = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (y[i] == 1 && y[j] == 1) {
          bb += w[i][j];
        } else if (y[i] == 0 && y[j] == 0) {
          ww += w[i][j];
        } else {
          bw += w[i][j];
        }
      }
    }
    return new JoinCounts(bb / 2, ww / 2, bw / 2);
  }

  /**
   * The non-zero weights of each row, columns ascending (compressed sparse rows): the permutation
   * tests evaluate the quadratic form over these only, O(non-zeros) instead of O(n²) per
   * permutation, adding the same terms in the same order as the dense loop (identical results).
   */
  private record SparseRows(int[] rowStart, int[] columns, double[] values) {
    static SparseRows of(double[][] w) {
      int n = w.length;
      int[] rowStart = new int[n + 1];
      for (int i = 0; i < n; i++) {
        int k = 0;
        for (double v : w[i]) {
          if (v != 0) {
            k++;
          }
        }
        rowStart[i + 1] = rowStart[i] + k;
      }
      int[] columns = new int[rowStart[n]];
      double[] values = new double[rowStart[n]];
      for (int i = 0, k = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (w[i][j] != 0) {
            columns[k] = j;
            values[k++] = w[i][j];
          }
        }
      }
      return new SparseRows(rowStart, columns, values);
    }
  }

  /** As {@link #quadraticForm(double[][], double[], int[])}, over the non-zero weights. */
  private static double quadraticForm(SparseRows w, double[] z, int[] pi) {
    int n = z.length;
    int[] start = w.rowStart();
    int[] columns = w.columns();
    double[] values = w.values();
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

  /** zᵀ W z with z permuted: Σ_ij w_ij z_π(i) z_π(j). */
  private static double quadraticForm(double[][] w, double[] z, int[] pi) {
    int n = z.length;
    double s = 0;
    for (int i = 0; i < n; i++) {
      double[] wi = w[i];
      double row = 0;
      for (int j = 0; j < n; j++) {
        if (wi[j] != 0) {
          row += wi[j] * z[pi[j]];
        }
      }
      s += z[pi[i]] * row;
    }
    return s;
  }

  private static double[] deviations(double[] x, int n) {
    Checks.sameLength("x", x, n);
    double mean = 0;
    for (int i = 0; i < n; i++) {
      Checks.finite("x[" + i + "]", x[i]);
      mean += x[i];
    }
    mean /= n;
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = x[i] - mean;
    }
    return z;
  }

  private static double sumSquares(double[] z) {
    double s = 0;
    for (double v : z) {
      s += v * v;
    }
    return s;
  }

  private static double s0(double[][] w) {
    double s = 0;
    for (double[] row : w) {
      for (double v : row) {
        s += v;
      }
    }
    return s;
  }

  private static int checkWeights(double[][] w) {
    int n = Checks.squareNonNegative("w", w, 2);
    Checks.zeroDiagonal("w", w);
    if (s0(w) <= 0) {
      throw new IllegalArgumentException("w must have at least one positive weight (S0 > 0)");
    }
    return n;
  }
}
