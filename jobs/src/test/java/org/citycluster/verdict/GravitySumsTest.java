package org.citycluster.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import org.citycluster.metrics.FittedGravity;
import org.junit.jupiter.api.Test;

class GravitySumsTest {

  @Test
  void sumsFitEqualsOrderedPairOlsWithBothOrientations() {
    SplittableRandom rng = new SplittableRandom(7);
    int pairs = 300;
    double[] ma = new double[pairs];
    double[] mb = new double[pairs];
    double[] d = new double[pairs];
    double[] f = new double[pairs];
    double[] mi = new double[2 * pairs];
    double[] mj = new double[2 * pairs];
    double[] dd = new double[2 * pairs];
    double[] ff = new double[2 * pairs];
    GravitySums sums = GravitySums.EMPTY;
    for (int k = 0; k < pairs; k++) {
      ma[k] = Math.exp(18 + 3 * rng.nextDouble());
      mb[k] = Math.exp(18 + 3 * rng.nextDouble());
      d[k] = 20 + 2000 * rng.nextDouble();
      f[k] = rng.nextInt(40) * (rng.nextDouble() < 0.6 ? 0 : 1);
      mi[2 * k] = ma[k];
      mj[2 * k] = mb[k];
      mi[2 * k + 1] = mb[k];
      mj[2 * k + 1] = ma[k];
      dd[2 * k] = dd[2 * k + 1] = d[k];
      ff[2 * k] = ff[2 * k + 1] = f[k];
      sums = sums.add(Math.log(ma[k]) + Math.log(mb[k]), Math.log(d[k]), Math.log1p(f[k]));
    }
    FittedGravity.Result ols = FittedGravity.fit(mi, mj, dd, ff);
    GravityCoefficients fit = sums.fit();
    assertEquals(ols.intercept(), fit.intercept(), 1e-9);
    assertEquals(ols.massICoefficient(), fit.massCoefficient(), 1e-9);
    assertEquals(ols.massJCoefficient(), fit.massCoefficient(), 1e-9);
    assertEquals(ols.distanceCoefficient(), fit.distanceCoefficient(), 1e-9);
    assertEquals(ols.rSquared(), fit.rSquared(), 1e-9);
    assertEquals(pairs, fit.pairs());
    for (int k = 0; k < pairs; k++) {
      double residual = fit.residual(f[k], Math.log(ma[k]), Math.log(mb[k]), d[k]);
      assertEquals(ols.residuals()[2 * k], residual, 1e-9);
      assertEquals(ols.residuals()[2 * k + 1], residual, 1e-9);
    }
  }

  @Test
  void tooFewOrCollinearPairsHaveNoFit() {
    GravitySums three = GravitySums.EMPTY.add(40, 5, 1).add(41, 6, 2).add(42, 4, 0);
    assertNull(three.fit());
    GravitySums constantDistance = GravitySums.EMPTY;
    for (int k = 0; k < 10; k++) {
      constantDistance = constantDistance.add(40 + k, 5, k % 3);
    }
    assertNull(constantDistance.fit());
    GravitySums collinear = GravitySums.EMPTY;
    for (int k = 0; k < 10; k++) {
      collinear = collinear.add(40 + k, 2 * (40 + k), k % 3);
    }
    assertNull(collinear.fit());
  }

  @Test
  void residualIsNaNWithoutMassOrDistance() {
    GravityCoefficients fit = new GravityCoefficients(1, 0.1, -0.5, 10, 0.5);
    assertEquals(
        Math.log1p(3) - (1 + 0.1 * 40 - 0.5 * Math.log(100)), fit.residual(3, 19, 21, 100));
    assertEquals(Double.NaN, fit.residual(3, Double.NaN, 21, 100));
    assertEquals(Double.NaN, fit.residual(3, 19, 21, 0));
  }

  @Test
  void threePairsFitWithTheRailRuleButNotTheDefault() {
    GravitySums sums =
        GravitySums.EMPTY
            .add(Math.log(4e16), Math.log(120), Math.log1p(30))
            .add(Math.log(9e16), Math.log(400), Math.log1p(5))
            .add(Math.log(2e16), Math.log(60), Math.log1p(12));
    assertNull(sums.fit(), "the default needs 4 pairs");
    GravityCoefficients three = sums.fit(3);
    org.junit.jupiter.api.Assertions.assertNotNull(three);
    // three pairs, three parameters: an exact fit
    assertEquals(0.0, three.residual(30, Math.log(4e16), 0.0, 120), 1e-9);
    assertEquals(1.0, three.rSquared(), 1e-9);
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> sums.fit(2));
  }
}
