package org.citycluster.metrics;

import java.util.Arrays;

/**
 * Structure of a (weighted, directed) urban network and of its size distribution: density, primacy,
 * Green's functional polycentricity and rank-size slopes.
 *
 * <ul>
 *   <li>Weighted density {@code Δ = Σ_{i≠j} w_ij / (n(n−1) · max_{i≠j} w_ij)} (0..1; 0 for an
 *       all-zero network); binary density {@code L / (n(n−1))} with L = number of ordered pairs i ≠
 *       j with {@code w_ij > 0}. Diagonals (self-flows) are ignored.
 *   <li>Primacy {@code P1/P2} and four-city primacy {@code P1/(P2+P3+P4)} of the sizes sorted in
 *       decreasing order (positive infinity if the denominator is 0 and P1 &gt; 0).
 *   <li>Green's (2007) functional polycentricity {@code P_F = (1 − σ_D / σ_Dmax) · Δ}, with {@code
 *       D} the weighted in-degrees (column sums of the flow matrix, rows = origins, diagonal
 *       excluded), {@code σ_D} their population standard deviation, and {@code σ_Dmax} the
 *       population standard deviation of the pair {0, D_max}, i.e. {@code D_max / 2}.
 *   <li>Rank-size slope (Burger &amp; Meijers 2012): OLS slope b of {@code ln(size) = a + b ·
 *       ln(rank)} over the largest k = 2..4 centres (rank 1 = largest). <b>Sign convention:</b> the
 *       raw slope is returned, so it is ≤ 0; 0 means equal sizes (perfectly polycentric), more
 *       negative means steeper, i.e. more monocentric ({@code −1} is Zipf). Morphological
 *       polycentricity uses sizes (population, built-up area), functional polycentricity the
 *       incoming flows from within the region ({@link #functionalRankSizeSlope}).
 * </ul>
 *
 * <p>Bad input throws {@link IllegalArgumentException} naming the argument: non-square matrix,
 * fewer than 2 units, negative or non-finite weight or size, k outside 2..4 or larger than n,
 * non-positive size in a rank-size fit, or (for Green) a network without any positive flow.
 */
public final class NetworkStructure {

  /**
   * Green's functional polycentricity and its components.
   *
   * @param inDegrees weighted in-degrees D (column sums, diagonal excluded)
   * @param sigma population standard deviation of D
   * @param sigmaMax population standard deviation of {0, D_max}, i.e. D_max / 2
   * @param balance {@code 1 − sigma / sigmaMax}
   * @param density weighted density Δ
   * @param polycentricity {@code P_F = balance · density}
   */
  public record Green(
      double[] inDegrees,
      double sigma,
      double sigmaMax,
      double balance,
      double density,
      double polycentricity) {}

  private NetworkStructure() {}

  /** Weighted density {@code Σ w / (n(n−1) max w)} over off-diagonal entries; 0 if all zero. */
  public static double weightedDensity(double[][] weights) {
    int n = Checks.squareNonNegative("weights", weights, 2);
    double sum = 0;
    double max = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          sum += weights[i][j];
          max = Math.max(max, weights[i][j]);
        }
      }
    }
    return max == 0 ? 0.0 : sum / ((double) n * (n - 1) * max);
  }

  /** Binary density {@code L / (n(n−1))}, L = number of off-diagonal entries &gt; 0. */
  public static double binaryDensity(double[][] weights) {
    int n = Checks.squareNonNegative("weights", weights, 2);
    long links = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j && weights[i][j] > 0) {
          links++;
        }
      }
    }
    return links / ((double) n * (n - 1));
  }

  /** Two-city primacy {@code P1/P2} (sizes in any order; n ≥ 2). */
  public static double primacy(double[] sizes) {
    double[] s = sortedDescending("sizes", sizes, 2);
    return s[0] / s[1];
  }

  /** Four-city primacy {@code P1/(P2+P3+P4)} (sizes in any order; n ≥ 4). */
  public static double fourCityPrimacy(double[] sizes) {
    double[] s = sortedDescending("sizes", sizes, 4);
    return s[0] / (s[1] + s[2] + s[3]);
  }

  /** Weighted in-degrees {@code D_j = Σ_{i≠j} F_ij} (column sums, rows = origins). */
  public static double[] weightedInDegrees(double[][] flows) {
    int n = Checks.squareNonNegative("flows", flows, 2);
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          d[j] += flows[i][j];
        }
      }
    }
    return d;
  }

  /** Green's (2007) functional polycentricity of a directed flow matrix (rows = origins). */
  public static Green green(double[][] flows) {
    double[] d = weightedInDegrees(flows);
    int n = d.length;
    double mean = 0;
    double max = 0;
    for (double v : d) {
      mean += v;
      max = Math.max(max, v);
    }
    if (max == 0) {
      throw new IllegalArgumentException("flows must contain a positive off-diagonal flow");
    }
    mean /= n;
    double ss = 0;
    for (double v : d) {
      ss += (v - mean) * (v - mean);
    }
    double sigma = Math.sqrt(ss / n);
    double sigmaMax = max / 2.0;
    double balance = 1.0 - sigma / sigmaMax;
    double density = weightedDensity(flows);
    return new Green(d, sigma, sigmaMax, balance, density, balance * density);
  }

  /**
   * Rank-size slope b of {@code ln(size) = a + b ln(rank)} over the largest {@code k} sizes (k =
   * 2..4, k ≤ n; sizes in any order, the largest k must be positive). Returns b ≤ 0: closer to 0 =
   * flatter = more polycentric.
   */
  public static double rankSizeSlope(double[] sizes, int k) {
    if (k < 2 || k > 4) {
      throw new IllegalArgumentException("k must be in 2..4, got " + k);
    }
    double[] s = sortedDescending("sizes", sizes, k);
    double mx = 0;
    double my = 0;
    for (int r = 0; r < k; r++) {
      Checks.positive("sizes (rank " + (r + 1) + ")", s[r]);
      mx += Math.log(r + 1);
      my += Math.log(s[r]);
    }
    mx /= k;
    my /= k;
    double sxy = 0;
    double sxx = 0;
    for (int r = 0; r < k; r++) {
      double dx = Math.log(r + 1) - mx;
      sxy += dx * (Math.log(s[r]) - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }

  /**
   * Functional rank-size slope: {@link #rankSizeSlope} of the weighted in-degrees of a flow matrix
   * restricted to the region's own units (Burger &amp; Meijers 2012).
   */
  public static double functionalRankSizeSlope(double[][] flows, int k) {
    return rankSizeSlope(weightedInDegrees(flows), k);
  }

  private static double[] sortedDescending(String name, double[] sizes, int min) {
    Checks.allNonNegative(name, sizes);
    Checks.atLeast(name, sizes.length, min);
    double[] s = sizes.clone();
    Arrays.sort(s);
    for (int i = 0, j = s.length - 1; i < j; i++, j--) {
      double t = s[i];
      s[i] = s[j];
      s[j] = t;
    }
    return s;
  }
}
