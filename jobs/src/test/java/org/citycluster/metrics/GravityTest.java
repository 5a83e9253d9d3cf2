package org.citycluster.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GravityTest {

  // METRICS.md example: k = 1, β = 2
  private static final double[] P = {24.9, 9.4, 12.5};
  private static final double[] G = {4.47, 1.74, 2.00};
  private static final double[][] D = {{0, 300, 170}, {300, 0, 150}, {170, 150, 0}};

  @Test
  void classicPairwiseMatchesMetricsExample() {
    assertEquals(0.002601, Gravity.classic(P[0], P[1], D[0][1]), 5e-7);
    assertEquals(0.010770, Gravity.classic(P[0], P[2], D[0][2]), 5e-7);
    assertEquals(0.005222, Gravity.classic(P[1], P[2], D[1][2]), 5e-7);
  }

  @Test
  void cityClusterPairwiseMatchesMetricsExample() {
    assertEquals(0.000474, Gravity.cityCluster(P[0], G[0], P[1], G[1], D[0][1]), 5e-7);
    assertEquals(0.001825, Gravity.cityCluster(P[0], G[0], P[2], G[2], D[0][2]), 5e-7);
    assertEquals(0.000899, Gravity.cityCluster(P[1], G[1], P[2], G[2], D[1][2]), 5e-7);
  }

  @Test
  void matricesAreSymmetricWithZeroDiagonal() {
    double[][] t = Gravity.classicMatrix(P, D);
    double[][] r = Gravity.cityClusterMatrix(P, G, D);
    for (int i = 0; i < 3; i++) {
      assertEquals(0.0, t[i][i]);
      assertEquals(0.0, r[i][i]);
      for (int j = 0; j < 3; j++) {
        assertEquals(t[i][j], t[j][i], 1e-15);
        assertEquals(r[i][j], r[j][i], 1e-15);
      }
    }
    assertEquals(0.002601, t[0][1], 5e-7);
    assertEquals(0.005222, t[2][1], 5e-7);
    assertEquals(0.001825, r[2][0], 5e-7);
    assertEquals(0.000899, r[1][2], 5e-7);
  }

  @Test
  void parametersScaleAsDocumented() {
    // k = 2, β = 1: 2 · 24.9 · 9.4 / 300
    assertEquals(2 * 24.9 * 9.4 / 300, Gravity.classic(24.9, 9.4, 300, 2, 1), 1e-12);
    double[][] t = Gravity.classicMatrix(P, D, 3, 0);
    assertEquals(3 * 24.9 * 12.5, t[0][2], 1e-9);
  }

  @Test
  void badInputIsRejectedNamingTheArgument() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Gravity.classic(1, 1, -5));
    assertTrue(e.getMessage().contains("distance"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Gravity.classic(-1, 1, 5));
    assertTrue(e.getMessage().contains("massI"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Gravity.classicMatrix(P, new double[][] {{0, 1, 2}, {1, 0}, {2, 1, 0}}));
    assertTrue(e.getMessage().contains("square"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Gravity.classicMatrix(P, new double[][] {{0, 0, 1}, {0, 0, 1}, {1, 1, 0}}));
    assertTrue(e.getMessage().contains("distance[0][1]"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Gravity.classicMatrix(new double[] {1}, new double[][] {{0}}));
    assertTrue(e.getMessage().contains("n >= 2"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Gravity.cityClusterMatrix(P, new double[] {1, 2}, D));
    assertTrue(e.getMessage().contains("gdp"), e.getMessage());
  }
}
