package org.citycluster.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpecialisationTest {

  // METRICS.md example, rows = regions
  private static final double[][] E = {{50, 30, 20}, {10, 60, 30}, {40, 10, 50}};

  @Test
  void locationQuotientsMatchMetricsExample() {
    Specialisation s = Specialisation.ofVolumes(E);
    assertArrayEquals(new double[] {1.5, 0.9, 0.6}, s.locationQuotients()[0], 1e-12);
    assertEquals(0.9, s.locationQuotient(0, 1), 1e-12);
  }

  @Test
  void krugmanAndDissimilarityMatchMetricsExample() {
    Specialisation s = Specialisation.ofVolumes(E);
    assertArrayEquals(new double[] {0.333, 0.533, 0.467}, s.krugman(), 5e-4);
    assertEquals(0.8, s.dissimilarity(0, 1), 1e-12);
    double[][] k = s.dissimilarityMatrix();
    assertEquals(0.8, k[1][0], 1e-12);
    assertEquals(0.0, k[2][2]);
    // region 1 vs 3: |0.5−0.4| + |0.3−0.1| + |0.2−0.5| = 0.6
    assertEquals(0.6, k[0][2], 1e-12);
  }

  @Test
  void dominantSectorIsArgmaxOfLq() {
    // LQs: region 1 (1.5, 0.9, 0.6), region 2 (0.3, 1.8, 0.9), region 3 (1.2, 0.3, 1.5)
    assertArrayEquals(new int[] {0, 1, 2}, Specialisation.ofVolumes(E).dominantSectors());
  }

  @Test
  void shareRowsWithWeightsEqualVolumes() {
    // the example as shares (each region has total 100) with equal weights
    double[][] shares = {{0.5, 0.3, 0.2}, {0.1, 0.6, 0.3}, {0.4, 0.1, 0.5}};
    Specialisation s = Specialisation.ofShares(shares);
    assertArrayEquals(new double[] {0.333, 0.533, 0.467}, s.krugman(), 5e-4);
    // percentages are rescaled; weights act as region totals
    double[][] percent = {{50, 30, 20}, {10, 60, 30}, {40, 10, 50}};
    double[] weights = {2, 1, 1};
    double[][] volumes = {{100, 60, 40}, {10, 60, 30}, {40, 10, 50}};
    assertArrayEquals(
        Specialisation.ofVolumes(volumes).totalShares(),
        Specialisation.ofShares(percent, weights).totalShares(),
        1e-12);
    assertArrayEquals(
        Specialisation.ofVolumes(volumes).locationQuotients()[1],
        Specialisation.ofShares(percent, weights).locationQuotients()[1],
        1e-12);
  }

  @Test
  void badInputIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Specialisation.ofVolumes(new double[][] {{1, 2}, {3}}));
    assertTrue(e.getMessage().contains("ragged"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Specialisation.ofVolumes(new double[][] {{1, -2}, {3, 4}}));
    assertTrue(e.getMessage().contains("volumes[0][1]"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Specialisation.ofVolumes(new double[][] {{1, 0}, {3, 0}}));
    assertTrue(e.getMessage().contains("sector 1"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Specialisation.ofShares(new double[][] {{0.5, 0.5}}, new double[] {1, 2}));
    assertTrue(e.getMessage().contains("weights"), e.getMessage());
  }
}
