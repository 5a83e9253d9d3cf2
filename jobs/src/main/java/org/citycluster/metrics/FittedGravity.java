package org.citycluster.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Fitted (log-linear) gravity model: ordinary least squares of
 *
 * <pre>  log(1 + flow_ij) = b0 + b1 · log M_i + b2 · log M_j + b3 · log d_ij + e_ij</pre>
 *
 * over a list of city pairs (natural logarithms). {@code b3} is the estimated distance decay
 * (typically negative, i.e. {@code −β}). The residual {@code e_ij} says whether the pair is
 * over-linked (positive: more flow than size and distance predict) or under-linked (negative) — the
 * functional-linkage reading of gravity models in Burger &amp; Meijers (2012). The {@code 1 +}
 * keeps zero flows in the sample; residuals are in log(1 + flow) units.
 *
 * <p>Bad input throws {@link IllegalArgumentException} naming the argument: fewer than 5 pairs (4
 * coefficients plus at least one residual degree of freedom), non-positive or non-finite mass or
 * distance, negative or non-finite flow, or a rank-deficient design (e.g. all distances equal, or
 * {@code M_i} identical to {@code M_j} in every pair).
 */
public final class FittedGravity {

  /** One observed pair: masses of origin i and destination j, distance, and observed flow. */
  public record Pair(double massI, double massJ, double distance, double flow) {}

  /**
   * OLS result. Coefficients are {@code intercept} (b0), {@code massICoefficient} (b1), {@code
   * massJCoefficient} (b2), {@code distanceCoefficient} (b3). {@code rSquared} is {@code 1 −
   * SSR/SST} (NaN when every {@code log(1 + flow)} is equal). {@code fitted} and {@code residuals}
   * are in the order of the input pairs; residual = observed − fitted.
   */
  public record Result(
      double intercept,
      double massICoefficient,
      double massJCoefficient,
      double distanceCoefficient,
      double rSquared,
      double[] fitted,
      double[] residuals) {}

  private FittedGravity() {}

  /** Fits the model to a list of pairs. */
  public static Result fit(List<Pair> pairs) {
    if (pairs == null) {
      throw new IllegalArgumentException("pairs must not be null");
    }
    int n = pairs.size();
    double[] mi = new double[n];
    double[] mj = new double[n];
    double[] d = new double[n];
    double[] f = new double[n];
    for (int k = 0; k < n; k++) {
      Pair p = pairs.get(k);
      if (p == null) {
        throw new IllegalArgumentException("pairs[" + k + "] must not be null");
      }
      mi[k] = p.massI();
      mj[k] = p.massJ();
      d[k] = p.distance();
      f[k] = p.flow();
    }
    return fit(mi, mj, d, f);
  }

  /** Fits the model to parallel arrays, one entry per pair. */
  public static Result fit(double[] massI, double[] massJ, double[] distance, double[] flow) {
    int n = Checks.vector("massI", massI).length;
    Checks.sameLength("massJ", massJ, n);
    Checks.sameLength("distance", distance, n);
    Checks.sameLength("flow", flow, n);
    if (n < 5) {
      throw new IllegalArgumentException("pairs: need at least 5 pairs, got " + n);
    }
    Checks.allPositive("massI", massI);
    Checks.allPositive("massJ", massJ);
    Checks.allPositive("distance", distance);
    Checks.allNonNegative("flow", flow);
    double[][] x = new double[n][];
    double[] y = new double[n];
    for (int k = 0; k < n; k++) {
      x[k] = new double[] {1.0, Math.log(massI[k]), Math.log(massJ[k]), Math.log(distance[k])};
      y[k] = Math.log1p(flow[k]);
    }
    double[] b = LeastSquares.solve(x, y);
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= n;
    double[] fitted = new double[n];
    double[] residuals = new double[n];
    double ssr = 0;
    double sst = 0;
    for (int k = 0; k < n; k++) {
      fitted[k] = b[0] + b[1] * x[k][1] + b[2] * x[k][2] + b[3] * x[k][3];
      residuals[k] = y[k] - fitted[k];
      ssr += residuals[k] * residuals[k];
      sst += (y[k] - mean) * (y[k] - mean);
    }
    double r2 = sst == 0 ? Double.NaN : 1.0 - ssr / sst;
    return new Result(b[0], b[1], b[2], b[3], r2, fitted, residuals);
  }

  /**
   * Builds the pair list from matrices: every ordered pair i ≠ j in row-major order (i = origin
   * row, j = destination column), with {@code massI = mass[i]}, {@code massJ = mass[j]}, {@code
   * distance[i][j]}, {@code flow[i][j]}. Diagonals are ignored.
   */
  public static List<Pair> pairs(double[] mass, double[][] distance, double[][] flow) {
    int n = Checks.square("distance", distance);
    Checks.atLeast("distance", n, 2);
    if (Checks.square("flow", flow) != n) {
      throw new IllegalArgumentException("flow must be " + n + "×" + n + " like distance");
    }
    Checks.sameLength("mass", mass, n);
    List<Pair> out = new ArrayList<>(n * (n - 1));
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          out.add(new Pair(mass[i], mass[j], distance[i][j], flow[i][j]));
        }
      }
    }
    return out;
  }
}
