package org.citycluster.balance;

import java.util.Arrays;

/**
 * Growth helpers: the annualised (continuously compounded) growth rate and the median.
 *
 * <p>Annualised growth between {@code x0} at {@code t0} and {@code x1} at {@code t1} is the log
 * form {@code g = ln(x1/x0) / (t1 − t0)} per year: 0.01 means about 1 % a year. The rate of a total
 * is not the mean of its parts' rates, so it is computed from the totals ({@link
 * #annualisedTotal}). The compound form {@code (x1/x0)^(1/Δt) − 1} equals {@code exp(g) − 1}. Bad
 * input throws {@link IllegalArgumentException} naming the argument.
 */
public final class Growth {

  private Growth() {}

  /** {@code ln(to / from) / years}; both levels and the span must be positive and finite. */
  public static double annualised(double from, double to, double years) {
    Args.positive("from", from);
    Args.positive("to", to);
    Args.positive("years", years);
    return Math.log(to / from) / years;
  }

  /**
   * Annualised growth of the total of units observed at both ends: {@code ln(Σ to / Σ from) /
   * years}, summed in index order.
   */
  public static double annualisedTotal(double[] from, double[] to, double years) {
    int n = Args.vector("from", from, 1);
    Args.vector("to", to, 0);
    Args.sameLength("to", to.length, n);
    Args.allPositive("from", from);
    Args.allPositive("to", to);
    double f = 0;
    double t = 0;
    for (int i = 0; i < n; i++) {
      f += from[i];
      t += to[i];
    }
    return annualised(f, t, years);
  }

  /** The median: the middle value, or the mean of the two middle values for an even count. */
  public static double median(double[] values) {
    int n = Args.vector("values", values, 1);
    Args.allFinite("values", values);
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
