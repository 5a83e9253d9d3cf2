package org.citycluster.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FittedGravityTest {

  private static final double B0 = 8.0; // keeps every generated flow positive
  private static final double B1 = 0.8;
  private static final double B2 = 0.6;
  private static final double B3 = -1.2;

  /** Masses and distances for 6 cities; flows generated exactly from B0..B3. */
  private static double[] mass = {24.9, 9.4, 12.5, 8.5, 30.1, 5.2};

  private static double[][] distance() {
    SplittableRandom rng = new SplittableRandom(7);
    int n = mass.length;
    double[][] d = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          d[i][j] = 50 + 400 * rng.nextDouble(); // asymmetric on purpose: no collinearity
        }
      }
    }
    return d;
  }

  private static double exactFlow(double mi, double mj, double d) {
    return Math.expm1(B0 + B1 * Math.log(mi) + B2 * Math.log(mj) + B3 * Math.log(d));
  }

  @Test
  void recoversKnownCoefficientsFromExactFlows() {
    double[][] d = distance();
    int n = mass.length;
    double[][] flow = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          flow[i][j] = exactFlow(mass[i], mass[j], d[i][j]);
          assertTrue(flow[i][j] >= 0, "generated flow must be a valid flow");
        }
      }
    }
    List<FittedGravity.Pair> pairs = FittedGravity.pairs(mass, d, flow);
    assertEquals(30, pairs.size());
    FittedGravity.Result fit = FittedGravity.fit(pairs);
    assertEquals(B0, fit.intercept(), 1e-9);
    assertEquals(B1, fit.massICoefficient(), 1e-9);
    assertEquals(B2, fit.massJCoefficient(), 1e-9);
    assertEquals(B3, fit.distanceCoefficient(), 1e-9);
    assertEquals(1.0, fit.rSquared(), 1e-12);
    for (double e : fit.residuals()) {
      assertEquals(0.0, e, 1e-9);
    }
  }

  @Test
  void residualSignMarksOverLinkedPair() {
    double[][] d = distance();
    int n = mass.length;
    double[][] flow = new double[n][n];
    SplittableRandom rng = new SplittableRandom(11);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          flow[i][j] = exactFlow(mass[i], mass[j], d[i][j]) * (1 + 0.05 * rng.nextDouble());
        }
      }
    }
    flow[0][1] *= 20; // pair (0 -> 1) carries far more than size and distance predict
    flow[2][3] /= 20; // pair (2 -> 3) carries far less
    FittedGravity.Result fit = FittedGravity.fit(FittedGravity.pairs(mass, d, flow));
    // row-major order over i != j: (0,1) is index 0; (2,3) is 2 * 5 + 2 = 12
    assertTrue(fit.residuals()[0] > 1.0, "over-linked pair has a large positive residual");
    assertTrue(fit.residuals()[12] < -1.0, "under-linked pair has a large negative residual");
    assertTrue(fit.rSquared() < 1.0);
    double sum = 0;
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) { // pairs() order: row-major over i != j
          assertEquals(Math.log1p(flow[i][j]), fit.fitted()[k] + fit.residuals()[k], 1e-12);
          sum += fit.residuals()[k++];
        }
      }
    }
    assertEquals(0.0, sum, 1e-9); // OLS with intercept: residuals sum to zero
  }

  @Test
  void badInputIsRejected() {
    double[] one = {1, 2, 3, 4, 5};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> {
              double[] four = {1, 2, 3, 4};
              FittedGravity.fit(four, four, four, four);
            });
    assertTrue(e.getMessage().contains("at least 5"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FittedGravity.fit(one, one, new double[] {1, 2, 0, 4, 5}, one));
    assertTrue(e.getMessage().contains("distance[2]"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FittedGravity.fit(one, one, one, new double[] {1, -2, 3, 4, 5}));
    assertTrue(e.getMessage().contains("flow[1]"), e.getMessage());
    double[] same = {7, 7, 7, 7, 7};
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FittedGravity.fit(one, new double[] {5, 4, 3, 2, 1}, same, one));
    assertTrue(e.getMessage().contains("collinear"), e.getMessage());
  }
}
