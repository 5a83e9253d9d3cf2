package org.citycluster.verdict;

/**
 * An observed value against the values of a null model: the one-sided permutation p-value {@code (1
 * + #{null ≥ observed}) / (N + 1)} (upper tail; {@link #lower} counts {@code null ≤ observed}), and
 * the z-score {@code (observed − mean) / sd} with the sample standard deviation (N − 1) of the null
 * values.
 *
 * @param samples N, the null values compared (NaN values are left out before)
 * @param atLeastAsExtreme null values at least as extreme as the observed one, in the tested tail
 * @param nullMean mean of the null values (NaN when N = 0)
 * @param nullSd sample standard deviation (NaN when N &lt; 2)
 * @param z NaN when the standard deviation is NaN or 0
 * @param p in (0, 1]; NaN when the observed value is NaN or N = 0
 */
public record NullComparison(
    double observed,
    int samples,
    int atLeastAsExtreme,
    double nullMean,
    double nullSd,
    double z,
    double p) {

  /** Upper tail: is the observed value larger than the null's? */
  public static NullComparison upper(double observed, double[] nullValues) {
    return of(observed, nullValues, true);
  }

  /** Lower tail: is the observed value smaller than the null's? */
  public static NullComparison lower(double observed, double[] nullValues) {
    return of(observed, nullValues, false);
  }

  private static NullComparison of(double observed, double[] nullValues, boolean upper) {
    if (nullValues == null) {
      throw new IllegalArgumentException("nullValues must not be null");
    }
    int n = 0;
    int extreme = 0;
    double sum = 0;
    for (double v : nullValues) {
      if (Double.isNaN(v)) {
        continue;
      }
      n++;
      sum += v;
      if (upper ? v >= observed : v <= observed) {
        extreme++;
      }
    }
    double mean = n == 0 ? Double.NaN : sum / n;
    double squares = 0;
    for (double v : nullValues) {
      if (!Double.isNaN(v)) {
        squares += (v - mean) * (v - mean);
      }
    }
    double sd = n < 2 ? Double.NaN : Math.sqrt(squares / (n - 1));
    double z = sd > 0 && !Double.isNaN(observed) ? (observed - mean) / sd : Double.NaN;
    double p = n == 0 || Double.isNaN(observed) ? Double.NaN : (1.0 + extreme) / (n + 1.0);
    return new NullComparison(observed, n, Double.isNaN(observed) ? 0 : extreme, mean, sd, z, p);
  }
}
