package org.citycluster.metrics;

import java.util.SplittableRandom;

/**
 * Quadratic Assignment Procedure (QAP) correlation between two n×n matrices (Krackhardt 1988), used
 * here to ask whether functional linkage F follows adjacency A.
 *
 * <ul>
 *   <li>{@code r} = Pearson correlation of the n(n−1) off-diagonal entries of A and F (ordered
 *       pairs, so directed matrices are fine; diagonals are ignored).
 *   <li>p-value, one-sided (upper tail): share of simultaneous row-and-column permutations π with
 *       {@code r(A, F_ππ) ≥ r_obs}, where {@code F_ππ[i][j] = F[π(i)][π(j)]}. For n ≤ {@value
 *       #EXACT_MAX_N} all n! permutations are enumerated (identity included) and {@code p = count /
 *       n!}. Otherwise {@code permutations} uniform random permutations are drawn from {@link
 *       SplittableRandom}{@code (seed)} and {@code p = (count + 1) / (permutations + 1)}, the +1
 *       being the identity (observed) arrangement counted once. Ties are counted as reaching r_obs
 *       (tolerance {@code 1e-10}), so automorphisms of A always count.
 *   <li>Mantel statistic, raw form: {@code Z = Σ_{i≠j} a_ij f_ij}. Because a simultaneous
 *       permutation preserves the multiset of off-diagonal entries of F (hence their mean and
 *       variance), r is an increasing affine function of Z over the permutation distribution, so
 *       the p-value above is also the Mantel test p-value.
 * </ul>
 *
 * <p>Degenerate input: if A or F is constant off the diagonal, r is undefined; the result then
 * carries {@code r = NaN}, {@code p = NaN}, {@code permutations = 0}, {@code exact = false} (no
 * permutation is run) while {@code mantel} is still computed. Bad input throws {@link
 * IllegalArgumentException} naming the argument: null or non-square matrix, matrices of different
 * size, non-finite entry, n &lt; 2, {@code permutations < 1}.
 */
public final class Qap {

  /** Largest n for which the permutation distribution is enumerated exactly (7! = 5040). */
  public static final int EXACT_MAX_N = 7;

  /**
   * QAP result.
   *
   * @param r observed Pearson correlation of the off-diagonal entries
   * @param p one-sided permutation p-value (see class doc)
   * @param mantel raw Mantel statistic {@code Σ_{i≠j} a_ij f_ij}
   * @param countAtLeast permutations with {@code r_π ≥ r}; exact: identity included; random:
   *     identity not included (p = (countAtLeast + 1) / (permutations + 1))
   * @param permutations permutations evaluated: n! when exact, else the random draws
   * @param exact whether the distribution was enumerated
   * @param seed the seed given (recorded even when exact and therefore unused)
   */
  public record Result(
      double r,
      double p,
      double mantel,
      long countAtLeast,
      long permutations,
      boolean exact,
      long seed) {}

  private Qap() {}

  /**
   * Pearson r of the off-diagonal entries of {@code a} and {@code f}; NaN if either is constant.
   */
  public static double correlation(double[][] a, double[][] f) {
    int n = checkPair(a, f);
    double ma = offDiagonalMean(a);
    double mf = offDiagonalMean(f);
    double sab = 0;
    double saa = 0;
    double sff = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          double da = a[i][j] - ma;
          double df = f[i][j] - mf;
          sab += da * df;
          saa += da * da;
          sff += df * df;
        }
      }
    }
    if (saa == 0 || sff == 0) {
      return Double.NaN;
    }
    return sab / Math.sqrt(saa * sff);
  }

  /** Raw Mantel statistic {@code Σ_{i≠j} a_ij f_ij}. */
  public static double mantel(double[][] a, double[][] f) {
    int n = checkPair(a, f);
    double z = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          z += a[i][j] * f[i][j];
        }
      }
    }
    return z;
  }

  /**
   * QAP test of {@code a} against {@code f}: exact for n ≤ {@value #EXACT_MAX_N}, else {@code
   * permutations} seeded random permutations of f's rows and columns.
   */
  public static Result test(double[][] a, double[][] f, int permutations, long seed) {
    int n = checkPair(a, f);
    Checks.permutations("permutations", permutations);
    double r = correlation(a, f);
    double z = mantel(a, f);
    if (Double.isNaN(r)) {
      return new Result(Double.NaN, Double.NaN, z, 0, 0, false, seed);
    }
    // Centred off-diagonal A: Σ ac_ij f_π(i)π(j) is proportional to r(A, F_ππ). It equals
    // Σ_{a_ij≠0} a_ij f_π(i)π(j) − mean(A)·Σ_{i≠j} f_ij, whose second term does not depend on π,
    // so each permutation costs the non-zeros of A (a sparse rook matrix), not n².
    SparseTerms terms = new SparseTerms(a, offDiagonalMean(a) * offDiagonalSum(f));
    int[] pi = Permutations.identity(n);
    double observed = terms.crossProduct(f, pi);
    double threshold = observed - Permutations.tolerance(observed);
    long count = 0;
    if (n <= EXACT_MAX_N) {
      long total = 0;
      do {
        total++;
        if (terms.crossProduct(f, pi) >= threshold) {
          count++;
        }
      } while (Permutations.next(pi));
      return new Result(r, (double) count / total, z, count, total, true, seed);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int k = 0; k < permutations; k++) {
      Permutations.shuffle(pi, rng);
      if (terms.crossProduct(f, pi) >= threshold) {
        count++;
      }
    }
    double p = (count + 1.0) / (permutations + 1.0);
    return new Result(r, p, z, count, permutations, false, seed);
  }

  /** The off-diagonal non-zeros of A, and the permutation-invariant term of the cross product. */
  private static final class SparseTerms {
    private final int[] rows;
    private final int[] cols;
    private final double[] values;
    private final double constant;

    SparseTerms(double[][] a, double constant) {
      int n = a.length;
      int nonZero = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (i != j && a[i][j] != 0) {
            nonZero++;
          }
        }
      }
      rows = new int[nonZero];
      cols = new int[nonZero];
      values = new double[nonZero];
      int k = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (i != j && a[i][j] != 0) {
            rows[k] = i;
            cols[k] = j;
            values[k] = a[i][j];
            k++;
          }
        }
      }
      this.constant = constant;
    }

    /** {@code Σ_{i≠j} (a_ij − mean(A)) f_π(i)π(j)}. */
    double crossProduct(double[][] f, int[] pi) {
      double s = 0;
      for (int k = 0; k < values.length; k++) {
        s += values[k] * f[pi[rows[k]]][pi[cols[k]]];
      }
      return s - constant;
    }
  }

  private static double offDiagonalSum(double[][] m) {
    int n = m.length;
    double s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          s += m[i][j];
        }
      }
    }
    return s;
  }

  private static double offDiagonalMean(double[][] m) {
    int n = m.length;
    double s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          s += m[i][j];
        }
      }
    }
    return s / ((double) n * (n - 1));
  }

  private static int checkPair(double[][] a, double[][] f) {
    int n = Checks.squareFinite("a", a, 2);
    int m = Checks.squareFinite("f", f, 2);
    if (m != n) {
      throw new IllegalArgumentException(
          "f must have the same size as a: " + m + "×" + m + " vs " + n + "×" + n);
    }
    return n;
  }
}
