package org.citycluster.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NetworkStructureTest {

  // METRICS.md flows, rows = origins
  private static final double[][] F = {{0, 10, 20}, {5, 0, 5}, {10, 0, 0}};

  @Test
  void primacyMatchesMetricsExample() {
    double[] sizes = {9.4, 24.9, 8.5, 12.5}; // any order
    assertEquals(1.992, NetworkStructure.primacy(sizes), 5e-4);
    assertEquals(0.819, NetworkStructure.fourCityPrimacy(sizes), 5e-4);
  }

  @Test
  void greenPolycentricityMatchesMetricsExample() {
    NetworkStructure.Green g = NetworkStructure.green(F);
    assertArrayEquals(new double[] {15, 10, 25}, g.inDegrees(), 1e-12);
    assertEquals(6.2361, g.sigma(), 5e-5);
    assertEquals(12.5, g.sigmaMax(), 1e-12);
    assertEquals(0.5011, g.balance(), 5e-5);
    assertEquals(0.4167, g.density(), 5e-5);
    assertEquals(0.2088, g.polycentricity(), 5e-5);
  }

  @Test
  void densities() {
    assertEquals(50.0 / 120.0, NetworkStructure.weightedDensity(F), 1e-12);
    assertEquals(5.0 / 6.0, NetworkStructure.binaryDensity(F), 1e-12); // 5 positive links
    // diagonal is ignored
    double[][] withSelf = {{99, 10, 20}, {5, 0, 5}, {10, 0, 0}};
    assertEquals(50.0 / 120.0, NetworkStructure.weightedDensity(withSelf), 1e-12);
    assertEquals(0.0, NetworkStructure.weightedDensity(new double[2][2]));
  }

  @Test
  void rankSizeSlopeByHand() {
    // k = 2: two points (ln 1, ln P1), (ln 2, ln P2) → b = ln(P2/P1) / ln 2
    //        = ln(12.5/24.9) / 0.693147 = −0.689155 / 0.693147 = −0.99422
    double[] sizes = {8.5, 24.9, 9.4, 12.5};
    assertEquals(-0.99422, NetworkStructure.rankSizeSlope(sizes, 2), 5e-6);
    // k = 4, sizes 8, 4, 2, 1: y = ln 2 · (3, 2, 1, 0), x = ln(1..4), x̄ = ln(24)/4 = 0.794513,
    // x − x̄ = (−0.794513, −0.101366, 0.304099, 0.591781), Σ(x − x̄) = 0, so
    // Sxx = 0.631251 + 0.010275 + 0.092476 + 0.350205 = 1.084207,
    // Sxy = ln 2 · (3 · −0.794513 + 2 · −0.101366 + 0.304099) = 0.693147 · −2.282174 = −1.581882,
    // b = Sxy / Sxx = −1.45902
    assertEquals(-1.45902, NetworkStructure.rankSizeSlope(new double[] {1, 2, 4, 8}, 4), 5e-6);
    // Zipf sizes 60, 30, 20 are exactly size = 60 / rank: slope −1
    assertEquals(-1.0, NetworkStructure.rankSizeSlope(new double[] {20, 60, 30}, 3), 1e-12);
    // equal sizes: flat, slope 0 (perfectly polycentric)
    assertEquals(0.0, NetworkStructure.rankSizeSlope(new double[] {5, 5, 5}, 3), 1e-12);
  }

  @Test
  void functionalRankSizeUsesInDegrees() {
    // in-degrees (15, 10, 25) → sorted 25, 15: ln(15/25)/ln 2
    assertEquals(
        Math.log(15.0 / 25.0) / Math.log(2), NetworkStructure.functionalRankSizeSlope(F, 2), 1e-12);
  }

  @Test
  void badInputIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> NetworkStructure.green(new double[][] {{0, 1}, {1, 0}, {0, 0}}));
    assertTrue(e.getMessage().contains("square"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> NetworkStructure.weightedDensity(new double[][] {{0}}));
    assertTrue(e.getMessage().contains("n >= 2"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> NetworkStructure.green(new double[][] {{0, -1}, {1, 0}}));
    assertTrue(e.getMessage().contains("flows[0][1]"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> NetworkStructure.fourCityPrimacy(new double[] {3, 2, 1}));
    assertTrue(e.getMessage().contains("sizes"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> NetworkStructure.rankSizeSlope(new double[] {3, 2, 1, 1, 1}, 5));
    assertTrue(e.getMessage().contains("k"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> NetworkStructure.rankSizeSlope(new double[] {3, 0}, 2));
    assertTrue(e.getMessage().contains("rank 2"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> NetworkStructure.green(new double[3][3]));
    assertTrue(e.getMessage().contains("flows"), e.getMessage());
  }
}
