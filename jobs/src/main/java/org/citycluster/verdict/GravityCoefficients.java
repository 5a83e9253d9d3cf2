package org.citycluster.verdict;

import java.io.Serializable;

/**
 * A fitted symmetric gravity model {@code log(1 + F_ab) = intercept + massCoefficient·(log M_a +
 * log M_b) + distanceCoefficient·log d_ab} (natural logs; M = √(P·G) with P in persons and G in
 * CNY; d = centroid great-circle distance in km). The residual of a pair is observed minus
 * predicted, in log(1 + flow) units: positive = more linked than size and distance predict.
 *
 * @param pairs the number of pairs the fit used
 * @param rSquared {@code 1 − SSR/SST} of the fit (NaN when every flow is equal)
 */
public record GravityCoefficients(
    double intercept,
    double massCoefficient,
    double distanceCoefficient,
    long pairs,
    double rSquared)
    implements Serializable {

  /** Predicted {@code log(1 + F)} of a pair from the sum of log masses and the log distance. */
  public double predicted(double logMassSum, double logDistanceKm) {
    return intercept + massCoefficient * logMassSum + distanceCoefficient * logDistanceKm;
  }

  /**
   * Residual of a pair with {@code flow} (≥ 0) and log masses {@code logMassA}, {@code logMassB};
   * NaN when a mass is not finite or {@code distanceKm} is not positive.
   */
  public double residual(double flow, double logMassA, double logMassB, double distanceKm) {
    if (!Double.isFinite(logMassA) || !Double.isFinite(logMassB) || !(distanceKm > 0)) {
      return Double.NaN;
    }
    return Math.log1p(flow) - predicted(logMassA + logMassB, Math.log(distanceKm));
  }
}
