package org.citycluster.balance;

/**
 * σ- and β-convergence (Barro &amp; Sala-i-Martin 1992) between two years.
 *
 * <ul>
 *   <li><b>σ-convergence</b>: a dispersion (CV, Theil) falls between the years; {@link
 *       #sigmaChange} is {@code to − from}, negative = converging.
 *   <li><b>β-convergence</b>: OLS of each unit's annualised log growth {@code g_i = ln(x1_i/x0_i) /
 *       (t1 − t0)} (see {@link Growth}) on its log initial level {@code ln(x0_i)}: {@code g_i = a +
 *       b ln(x0_i) + e_i}. A negative slope b means that units starting lower grow faster
 *       (converging). Unweighted, one observation per unit.
 * </ul>
 *
 * <p>The slope's standard error is the classical (homoskedastic) one, {@code sqrt(s² / Sxx)} with
 * {@code s² = SSR / (n − 2)}. Undefined figures are NaN, not exceptions: slope, intercept and R²
 * need n ≥ 2 units with different initial levels, the standard error n ≥ 3. Bad input (null arrays,
 * different lengths, non-positive or non-finite levels, a non-positive span) throws {@link
 * IllegalArgumentException} naming the argument.
 */
public final class Convergence {

  /**
   * An OLS fit {@code y = intercept + slope x}.
   *
   * @param slope β (per unit of x); NaN when undefined
   * @param standardError classical standard error of the slope; NaN when n < 3 or undefined
   * @param intercept the intercept; NaN when undefined
   * @param rSquared coefficient of determination; NaN when undefined or y is constant
   * @param n observations
   */
  public record Beta(
      double slope, double standardError, double intercept, double rSquared, int n) {}

  private Convergence() {}

  /** {@code to − from} of a dispersion measured in two years; negative = σ-convergence. */
  public static double sigmaChange(double from, double to) {
    if (!Double.isFinite(from)) {
      throw new IllegalArgumentException("from must be finite, got " + from);
    }
    if (!Double.isFinite(to)) {
      throw new IllegalArgumentException("to must be finite, got " + to);
    }
    return to - from;
  }

  /**
   * β-convergence of levels {@code initial} (year t0) and {@code end} (year t1 = t0 + {@code
   * years}), one entry per unit.
   */
  public static Beta beta(double[] initial, double[] end, double years) {
    int n = Args.vector("initial", initial, 0);
    Args.vector("end", end, 0);
    Args.sameLength("end", end.length, n);
    Args.allPositive("initial", initial);
    Args.allPositive("end", end);
    Args.positive("years", years);
    double[] x = new double[n];
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.log(initial[i]);
      g[i] = Growth.annualised(initial[i], end[i], years);
    }
    return ols(x, g);
  }

  /** Simple OLS of {@code y} on {@code x} with an intercept (two-pass, centred sums). */
  public static Beta ols(double[] x, double[] y) {
    int n = Args.vector("x", x, 0);
    Args.vector("y", y, 0);
    Args.sameLength("y", y.length, n);
    Args.allFinite("x", x);
    Args.allFinite("y", y);
    if (n < 2) {
      return new Beta(Double.NaN, Double.NaN, Double.NaN, Double.NaN, n);
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
    if (sxx == 0) {
      return new Beta(Double.NaN, Double.NaN, Double.NaN, Double.NaN, n);
    }
    double slope = sxy / sxx;
    double intercept = my - slope * mx;
    double ssr = 0;
    for (int i = 0; i < n; i++) {
      double e = y[i] - intercept - slope * x[i];
      ssr += e * e;
    }
    double se = n < 3 ? Double.NaN : Math.sqrt(ssr / (n - 2) / sxx);
    double r2 = syy == 0 ? Double.NaN : 1 - ssr / syy;
    return new Beta(slope, se, intercept, r2, n);
  }
}
