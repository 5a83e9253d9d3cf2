package org.citycluster.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpatialAutocorrelationTest {

  // METRICS.md: path 1–2–3–4, x = (1, 2, 3, 4)
  private static final double[][] PATH = {{0, 1, 0, 0}, {1, 0, 1, 0}, {0, 1, 0, 1}, {0, 0, 1, 0}};
  private static final double[] X = {1, 2, 3, 4};

  private static double[][] path(int n) {
    double[][] w = new double[n][n];
    for (int i = 0; i + 1 < n; i++) {
      w[i][i + 1] = 1;
      w[i + 1][i] = 1;
    }
    return w;
  }

  @Test
  void globalMoranBinaryMatchesMetricsExample() {
    SpatialAutocorrelation.GlobalMoran m = SpatialAutocorrelation.globalMoran(X, PATH);
    assertEquals(0.3333, m.i(), 5e-5);
    assertEquals(-1.0 / 3.0, m.expected(), 1e-12);
    assertEquals(6, m.s0(), 1e-12);
    assertEquals(12, m.s1(), 1e-12);
    assertEquals(40, m.s2(), 1e-12);
    assertEquals(0.14815, m.varianceNormal(), 5e-6);
    assertEquals(1.7321, m.zNormal(), 5e-5);
  }

  @Test
  void rowStandardisedGlobalAndLocalMatchMetricsExample() {
    double[][] w = SpatialAutocorrelation.rowStandardise(PATH);
    assertArrayEquals(new double[] {0.5, 0, 0.5, 0}, w[1], 1e-15);
    assertEquals(0.4, SpatialAutocorrelation.moransI(X, w), 1e-12);
    assertArrayEquals(
        new double[] {0.6, 0.2, 0.2, 0.6}, SpatialAutocorrelation.localMoran(X, w), 1e-12);
  }

  @Test
  void exactPermutationTestMatchesMetricsExample() {
    SpatialAutocorrelation.PermutationTest t =
        SpatialAutocorrelation.permutationTest(X, PATH, 999, 1);
    assertTrue(t.exact());
    assertEquals(24, t.permutations());
    assertEquals(2, t.countAtLeast()); // x and its reversal
    assertEquals(2.0 / 24.0, t.p(), 1e-12);
    assertEquals(1.0 / 3.0, t.i(), 1e-12);
  }

  @Test
  void randomPermutationTestOnLongerPath() {
    double[] x = new double[20];
    for (int i = 0; i < 20; i++) {
      x[i] = i;
    }
    SpatialAutocorrelation.PermutationTest t =
        SpatialAutocorrelation.permutationTest(x, path(20), 999, 77);
    assertFalse(t.exact());
    assertEquals(999, t.permutations());
    assertEquals(0, t.countAtLeast()); // a monotone trend on a path is the maximum I
    assertEquals(1.0 / 1000.0, t.p(), 1e-15);
    assertEquals(t, SpatialAutocorrelation.permutationTest(x, path(20), 999, 77));
  }

  @Test
  void localConditionalPermutation() {
    int n = 40;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
    }
    double[][] w = SpatialAutocorrelation.rowStandardise(path(n));
    SpatialAutocorrelation.LocalMoran lm = SpatialAutocorrelation.localMoranTest(x, w, 999, 2024);
    assertArrayEquals(SpatialAutocorrelation.localMoran(x, w), lm.statistics(), 0);
    // unit 0 (lowest value, lowest neighbour): only 1 of the 39 other values gives as low a lag,
    // so p ≈ (999/39 + 1)/1000 ≈ 0.027
    assertTrue(lm.p()[0] < 0.06, "p0 = " + lm.p()[0]);
    // unit 1 (neighbours 0 and 2): of the C(38, 2) = 703 pairs of other values only {0, 2}
    // gives as low a lag, so p ≈ (999/703 + 1)/1000 ≈ 0.0024
    assertTrue(lm.p()[1] < 0.01, "p1 = " + lm.p()[1]);
    // a unit at the mean has I_i ≈ 0 in the middle of the distribution
    assertTrue(lm.p()[20] > 0.2, "p20 = " + lm.p()[20]);
    for (double p : lm.p()) {
      assertTrue(p >= 1.0 / 1000 && p <= 0.5 + 1e-12, "folded p in [1/(B+1), ~0.5]: " + p);
    }
    SpatialAutocorrelation.LocalMoran again =
        SpatialAutocorrelation.localMoranTest(x, w, 999, 2024);
    assertArrayEquals(lm.p(), again.p(), 0);
  }

  @Test
  void joinCountsMatchMetricsExample() {
    SpatialAutocorrelation.JoinCounts jc =
        SpatialAutocorrelation.joinCounts(new int[] {1, 1, 0, 0}, PATH);
    assertEquals(1, jc.bb(), 1e-12);
    assertEquals(1, jc.ww(), 1e-12);
    assertEquals(1, jc.bw(), 1e-12);
  }

  @Test
  void constantAttributeGivesNaN() {
    double[] c = {2, 2, 2, 2};
    assertTrue(Double.isNaN(SpatialAutocorrelation.moransI(c, PATH)));
    assertTrue(Double.isNaN(SpatialAutocorrelation.permutationTest(c, PATH, 9, 1).p()));
    assertTrue(Double.isNaN(SpatialAutocorrelation.localMoran(c, PATH)[0]));
    assertTrue(Double.isNaN(SpatialAutocorrelation.localMoranTest(c, PATH, 9, 1).p()[0]));
  }

  @Test
  void badInputIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SpatialAutocorrelation.moransI(X, new double[][] {{1, 1}, {1, 0}}));
    assertTrue(e.getMessage().contains("zero diagonal"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SpatialAutocorrelation.moransI(new double[] {1, 2}, PATH));
    assertTrue(e.getMessage().contains("x must have length 4"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SpatialAutocorrelation.moransI(X, new double[4][4]));
    assertTrue(e.getMessage().contains("S0"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SpatialAutocorrelation.joinCounts(new int[] {1, 2, 0, 0}, PATH));
    assertTrue(e.getMessage().contains("y[1]"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SpatialAutocorrelation.globalMoran(X, new double[][] {{0, -1}, {1, 0}}));
    assertTrue(e.getMessage().contains("w[0][1]"), e.getMessage());
  }
}
