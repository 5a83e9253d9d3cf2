package org.citycluster.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NullComparisonTest {

  @Test
  void metricsExample() {
    // METRICS.md: E_C = 0.2, null values (0.1, 0.3, -0.2, 0.0) -> p = 2/5, z = 0.15 / 0.20817
    NullComparison c = NullComparison.upper(0.2, new double[] {0.1, 0.3, -0.2, 0.0});
    assertEquals(4, c.samples());
    assertEquals(1, c.atLeastAsExtreme());
    assertEquals(0.4, c.p(), 1e-15);
    assertEquals(0.05, c.nullMean(), 1e-15);
    assertEquals(0.20817, c.nullSd(), 5e-6);
    assertEquals(0.7206, c.z(), 5e-5);
    assertEquals(0.15 / Math.sqrt(0.13 / 3), c.z(), 1e-12);
  }

  @Test
  void lowerTailCountsValuesAtOrBelow() {
    NullComparison c = NullComparison.lower(0.0, new double[] {0.1, 0.3, -0.2, 0.0});
    assertEquals(2, c.atLeastAsExtreme());
    assertEquals(3.0 / 5.0, c.p(), 1e-15);
  }

  @Test
  void nanNullValuesAreLeftOutAndNoSamplesGiveNaN() {
    NullComparison c = NullComparison.upper(1.0, new double[] {Double.NaN, 2.0, 0.5});
    assertEquals(2, c.samples());
    assertEquals(2.0 / 3.0, c.p(), 1e-15);
    NullComparison none = NullComparison.upper(1.0, new double[] {Double.NaN});
    assertTrue(Double.isNaN(none.p()));
    assertTrue(Double.isNaN(none.z()));
    NullComparison constant = NullComparison.upper(1.0, new double[] {0.0, 0.0, 0.0});
    assertTrue(Double.isNaN(constant.z()));
    assertEquals(0.25, constant.p(), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> NullComparison.upper(1.0, null));
  }
}
