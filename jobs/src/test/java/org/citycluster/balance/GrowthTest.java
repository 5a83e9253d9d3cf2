package org.citycluster.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GrowthTest {

  @Test
  void annualisedGrowthIsTheLogForm() {
    // doubling in 10 years: ln 2 / 10 a year
    assertEquals(Math.log(2) / 10, Growth.annualised(100, 200, 10), 1e-15);
    assertEquals(0, Growth.annualised(5, 5, 3), 0);
    assertTrue(Growth.annualised(200, 100, 10) < 0);
  }

  @Test
  void growthOfATotalIsNotTheMeanOfTheRates() {
    double[] from = {100, 900};
    double[] to = {200, 900};
    assertEquals(Math.log(1100.0 / 1000) / 10, Growth.annualisedTotal(from, to, 10), 1e-15);
  }

  @Test
  void median() {
    assertEquals(3, Growth.median(new double[] {5, 1, 3}), 0);
    assertEquals(2.5, Growth.median(new double[] {4, 1, 3, 2}), 0);
    assertEquals(-1, Growth.median(new double[] {-1}), 0);
  }

  @Test
  void badInputNamesTheArgument() {
    assertMessage(() -> Growth.annualised(0, 1, 1), "from must be positive");
    assertMessage(() -> Growth.annualised(1, Double.NaN, 1), "to must be positive");
    assertMessage(() -> Growth.annualised(1, 2, 0), "years must be positive");
    assertMessage(() -> Growth.median(new double[0]), "values must have at least 1");
    assertMessage(() -> Growth.median(null), "values must not be null");
    assertMessage(
        () -> Growth.annualisedTotal(new double[] {1}, new double[] {1, 2}, 1),
        "to must have length 1");
  }

  private static void assertMessage(Runnable call, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
