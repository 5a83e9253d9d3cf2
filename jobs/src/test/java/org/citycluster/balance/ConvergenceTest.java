package org.citycluster.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConvergenceTest {

  // textbook OLS: x = 1..5, y = (2, 4, 5, 4, 5) → slope 0.6, intercept 2.2, SSR 2.4, Sxx 10,
  // se = sqrt(2.4 / 3 / 10) = sqrt(0.08), R² = 1 − 2.4 / 6 = 0.6
  private static final double[] X = {1, 2, 3, 4, 5};
  private static final double[] G = {2, 4, 5, 4, 5};

  @Test
  void olsKnownAnswer() {
    Convergence.Beta b = Convergence.ols(X, G);
    assertEquals(0.6, b.slope(), 1e-14);
    assertEquals(2.2, b.intercept(), 1e-14);
    assertEquals(Math.sqrt(0.08), b.standardError(), 1e-14);
    assertEquals(0.6, b.rSquared(), 1e-14);
    assertEquals(5, b.n());
  }

  @Test
  void betaRegressesAnnualisedLogGrowthOnLogInitialLevel() {
    // levels built so that ln(x0) = X and ln(x1/x0)/years = G/100: the slope is 0.006
    double years = 2;
    double[] x0 = new double[5];
    double[] x1 = new double[5];
    for (int i = 0; i < 5; i++) {
      x0[i] = Math.exp(X[i]);
      x1[i] = x0[i] * Math.exp(G[i] / 100 * years);
    }
    Convergence.Beta b = Convergence.beta(x0, x1, years);
    assertEquals(0.006, b.slope(), 1e-13);
    assertEquals(0.022, b.intercept(), 1e-13);
    assertEquals(Math.sqrt(0.08) / 100, b.standardError(), 1e-13);
    assertEquals(0.6, b.rSquared(), 1e-12);
  }

  @Test
  void poorerUnitsGrowingFasterGiveANegativeBeta() {
    double[] x0 = {10_000, 20_000, 40_000, 80_000};
    double[] x1 = {13_000, 24_000, 44_000, 84_000};
    Convergence.Beta b = Convergence.beta(x0, x1, 10);
    assertTrue(b.slope() < 0, "slope " + b.slope());
  }

  @Test
  void tooFewUnitsGiveNaNNotAnError() {
    Convergence.Beta two = Convergence.ols(new double[] {1, 2}, new double[] {3, 5});
    assertEquals(2, two.slope(), 1e-15);
    assertTrue(Double.isNaN(two.standardError()));
    Convergence.Beta one = Convergence.ols(new double[] {1}, new double[] {3});
    assertTrue(Double.isNaN(one.slope()));
    Convergence.Beta flat = Convergence.ols(new double[] {2, 2, 2}, new double[] {1, 2, 3});
    assertTrue(Double.isNaN(flat.slope()));
    assertEquals(0, Convergence.beta(new double[0], new double[0], 2).n());
  }

  @Test
  void sigmaChangeIsToMinusFrom() {
    assertEquals(-0.05, Convergence.sigmaChange(0.45, 0.40), 1e-15);
  }

  @Test
  void badInputNamesTheArgument() {
    assertMessage(() -> Convergence.ols(null, G), "x must not be null");
    assertMessage(() -> Convergence.ols(X, new double[] {1}), "y must have length 5");
    assertMessage(() -> Convergence.ols(X, new double[] {1, 2, Double.NaN, 4, 5}), "y[2]");
    assertMessage(
        () -> Convergence.beta(new double[] {1, 0}, new double[] {1, 1}, 1), "initial[1]");
    assertMessage(() -> Convergence.beta(new double[] {1, 2}, new double[] {1, -1}, 1), "end[1]");
    assertMessage(() -> Convergence.beta(new double[] {1, 2}, new double[] {1, 2}, 0), "years");
    assertMessage(() -> Convergence.sigmaChange(Double.NaN, 1), "from must be finite");
  }

  private static void assertMessage(Runnable call, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
