package org.citycluster.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InequalityTest {

  // METRICS.md, "Regional balance": P = (1, 1, 2, 4), Y = (2, 1, 2, 3), groups {1, 2}, {3, 4}
  private static final double[] P = {1, 1, 2, 4};
  private static final double[] Y = {2, 1, 2, 3};
  private static final int[] G = {0, 0, 1, 1};

  @Test
  void metricsExampleTheilT() {
    assertEquals(0.065406, Inequality.theilT(P, Y), 1e-6);
    Inequality.Decomposition t = Inequality.theilT(P, Y, G);
    assertEquals(0.065406, t.total(), 1e-6);
    assertEquals(0.038098, t.between(), 1e-6);
    assertEquals(0.027308, t.within(), 1e-6);
    assertEquals(t.total(), t.between() + t.within(), 1e-15);
    assertEquals(2, t.groups());
    // by hand: (2/8) ln 2 + (3/8) ln(3/4)
    assertEquals(0.25 * Math.log(2) + 0.375 * Math.log(0.75), t.total(), 1e-15);
  }

  @Test
  void metricsExampleTheilL() {
    assertEquals(0.057198, Inequality.theilL(P, Y), 1e-6);
    Inequality.Decomposition l = Inequality.theilL(P, Y, G);
    assertEquals(0.057198, l.total(), 1e-6);
    assertEquals(0.035375, l.between(), 1e-6);
    assertEquals(0.021823, l.within(), 1e-6);
    assertEquals(l.total(), l.between() + l.within(), 1e-15);
    // L_b by hand: (2/8) ln((2/8)/(3/8)) + (6/8) ln((6/8)/(5/8))
    assertEquals(0.25 * Math.log(2.0 / 3) + 0.75 * Math.log(1.2), l.between(), 1e-15);
  }

  @Test
  void metricsExampleWeightedCv() {
    assertEquals(0.395285, Inequality.weightedCv(P, Y), 1e-6);
    // per capita (2, 1, 1, 0.75), mean 1, variance 1/8 + 4/8 · 1/16 = 5/32
    assertEquals(Math.sqrt(5.0 / 32), Inequality.weightedCv(P, Y), 1e-15);
  }

  @Test
  void decompositionIsExactForRandomGroupings() {
    SplittableRandom rng = new SplittableRandom(15);
    for (int round = 0; round < 50; round++) {
      int n = 2 + rng.nextInt(300);
      double[] p = new double[n];
      double[] y = new double[n];
      int[] g = new int[n];
      for (int i = 0; i < n; i++) {
        p[i] = 1e4 + rng.nextDouble() * 3e7;
        y[i] = p[i] * (2e4 + rng.nextDouble() * 2e5);
        g[i] = rng.nextInt(1 + rng.nextInt(20));
      }
      Inequality.Decomposition t = Inequality.theilT(p, y, g);
      Inequality.Decomposition l = Inequality.theilL(p, y, g);
      assertEquals(t.total(), t.between() + t.within(), 1e-13);
      assertEquals(l.total(), l.between() + l.within(), 1e-13);
      assertTrue(t.between() >= 0 && t.within() >= 0);
      assertTrue(l.between() >= 0 && l.within() >= 0);
    }
  }

  @Test
  void equalPerCapitaHasNoInequalityAndOneGroupHasNoBetweenTerm() {
    double[] p = {1, 2, 3};
    double[] y = {5, 10, 15};
    assertEquals(0, Inequality.theilT(p, y), 1e-15);
    assertEquals(0, Inequality.theilL(p, y), 1e-15);
    assertEquals(0, Inequality.weightedCv(p, y), 1e-15);
    Inequality.Decomposition t = Inequality.theilT(P, Y, new int[] {7, 7, 7, 7});
    assertEquals(0, t.between(), 1e-15);
    assertEquals(t.total(), t.within(), 1e-15);
    assertEquals(1, t.groups());
    // each unit its own group: everything is between
    Inequality.Decomposition each = Inequality.theilL(P, Y, new int[] {0, 1, 2, 3});
    assertEquals(each.total(), each.between(), 1e-15);
    assertEquals(0, each.within(), 1e-15);
  }

  @Test
  void measuresAreScaleFree() {
    double[] y = {2e8, 1e8, 2e8, 3e8};
    double[] p = {1e6, 1e6, 2e6, 4e6};
    assertEquals(Inequality.theilT(P, Y), Inequality.theilT(p, y), 1e-15);
    assertEquals(Inequality.theilL(P, Y), Inequality.theilL(p, y), 1e-15);
    assertEquals(Inequality.weightedCv(P, Y), Inequality.weightedCv(p, y), 1e-15);
  }

  @Test
  void plainCoefficientOfVariation() {
    // mean 5, population sd 2
    assertEquals(0.4, Inequality.cv(new double[] {2, 4, 4, 4, 5, 5, 7, 9}), 1e-15);
    assertEquals(0, Inequality.cv(new double[] {3}), 0);
  }

  @Test
  void badInputNamesTheArgument() {
    assertMessage(() -> Inequality.theilT(null, Y), "population must not be null");
    assertMessage(() -> Inequality.theilT(new double[0], new double[0]), "population");
    assertMessage(() -> Inequality.theilL(P, new double[] {1, 2}), "gdp must have length 4");
    assertMessage(() -> Inequality.theilT(P, new double[] {1, 0, 2, 3}), "gdp[1]");
    assertMessage(() -> Inequality.weightedCv(new double[] {1, -1, 2, 4}, Y), "population[1]");
    assertMessage(
        () -> Inequality.theilT(P, new double[] {1, Double.NaN, 2, 3}), "gdp[1] must be positive");
    assertMessage(() -> Inequality.theilT(P, Y, null), "group must not be null");
    assertMessage(() -> Inequality.theilL(P, Y, new int[] {0, 1}), "group must have length 4");
    assertMessage(() -> Inequality.theilT(P, Y, new int[] {0, -1, 0, 0}), "group[1]");
    assertMessage(() -> Inequality.cv(new double[] {1, 0}), "values[1]");
  }

  private static void assertMessage(Runnable call, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
