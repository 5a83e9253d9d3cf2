package org.citycluster.metrics;

import java.util.Arrays;

/** Sample quantiles. */
public final class Quantiles {

  private Quantiles() {}

  /**
   * Type-7 quantile (linear interpolation between order statistics, R's and NumPy's default) of
   * finite values; {@code q} in [0, 1].
   */
  public static double type7(double[] values, double q) {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException("values must not be empty");
    }
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("q must be in [0, 1], got " + q);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException("values[" + i + "] must be finite, got " + values[i]);
      }
    }
    double[] v = values.clone();
    Arrays.sort(v);
    double h = (v.length - 1) * q;
    int lo = (int) Math.floor(h);
    if (lo >= v.length - 1) {
      return v[v.length - 1];
    }
    return v[lo] + (h - lo) * (v[lo + 1] - v[lo]);
  }
}
