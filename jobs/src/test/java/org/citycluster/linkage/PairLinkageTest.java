package org.citycluster.linkage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;

class PairLinkageTest {

  static final String A = RailPairCountsTest.A;
  static final String B = RailPairCountsTest.B;
  static final String C = RailPairCountsTest.C;
  static final String D = "140000";

  /** The METRICS.md gravity and specialisation examples, plus a unit D without statistics. */
  static final List<UnitAttributes> UNITS =
      List.of(
          new UnitAttributes(C, 12.5, 2.00, new double[] {40, 10, 50}, null),
          new UnitAttributes(A, 24.9, 4.47, new double[] {50, 30, 20}, new double[] {1, 1, 2}),
          new UnitAttributes(B, 9.4, 1.74, new double[] {10, 60, 30}, new double[] {1, 3, 0}),
          new UnitAttributes(D, null, null, null, null));

  static final Map<UnitPair, Double> KM =
      Map.of(
          UnitPair.of(A, B), 300.0,
          UnitPair.of(A, C), 170.0,
          UnitPair.of(B, C), 150.0,
          UnitPair.of(A, D), 500.0,
          UnitPair.of(B, D), 500.0,
          UnitPair.of(C, D), 500.0);

  static final ToDoubleBiFunction<String, String> DIST = (x, y) -> KM.get(UnitPair.of(x, y));

  static PairLinkage.Result compute(double beta) throws Exception {
    RailPairCounts rail =
        RailPairCounts.of(RailPairCountsTest.fixture().trains(), RailPairCountsTest.UNITS);
    TravelTimes travel =
        TravelTimes.compute(
            List.of(
                new TimetableCall("S1", "G1", "高速动车", TimetableCall.CallType.ORIGIN, null, 600),
                new TimetableCall("S3", "G1", "高速动车", TimetableCall.CallType.TERMINUS, 700, null)),
            RailPairCountsTest.UNITS,
            "tt");
    return PairLinkage.compute(UNITS, DIST, rail, travel, null, beta);
  }

  @Test
  void countsGravityAndComplementarity() throws Exception {
    List<PairLinkage.Row> rows = compute(2).rows();
    assertEquals(6, rows.size());
    PairLinkage.Row ab = rows.get(0);
    assertEquals(A, ab.adcodeA());
    assertEquals(B, ab.adcodeB());
    assertEquals(300.0, ab.distanceKm());
    assertEquals(1, ab.trainsAll());
    assertEquals(1, ab.trainsHsr());
    assertNull(ab.minTravelMinutes());
    assertEquals(0, ab.airRoutes());
    assertEquals(0, ab.airAirlines());
    assertEquals(0.000474, ab.gravity(), 5e-7);
    assertEquals(0.8, ab.complementaritySector(), 1e-12);
    // employment shares (0.25, 0.25, 0.5) vs (0.25, 0.75, 0): |0| + 0.5 + 0.5
    assertEquals(1.0, ab.complementarityEmployment(), 1e-12);
    PairLinkage.Row ac = rows.get(1);
    assertEquals(C, ac.adcodeB());
    assertEquals(2, ac.trainsAll());
    assertEquals(100, ac.minTravelMinutes());
    assertEquals(0.001825, ac.gravity(), 5e-7);
    assertNull(ac.complementarityEmployment());
    PairLinkage.Row bc = rows.get(3);
    assertEquals(B + C, bc.adcodeA() + bc.adcodeB());
    assertEquals(0.000899, bc.gravity(), 5e-7);
    PairLinkage.Row ad = rows.get(2);
    assertEquals(D, ad.adcodeB());
    assertEquals(0, ad.trainsAll());
    assertNull(ad.gravity());
    assertNull(ad.complementaritySector());
    assertNull(ad.railResidual());
  }

  @Test
  void betaIsConfigurable() throws Exception {
    double expected = Math.sqrt(24.9 * 4.47) * Math.sqrt(9.4 * 1.74) / 300.0;
    assertEquals(expected, compute(1).rows().get(0).gravity(), 1e-12);
  }

  @Test
  void linkageIndexIsTheMeanOfMinMaxNormalisedLogCounts() throws Exception {
    List<PairLinkage.Row> rows = compute(2).rows();
    // hsr: AB, AC, BC = 1, others 0 -> 1; all: ln2/ln3, 1, ln2/ln3; air: all 0 -> 0
    double r = Math.log(2) / Math.log(3);
    assertEquals((1 + r) / 3, rows.get(0).linkageIndex(), 1e-12);
    assertEquals(2.0 / 3, rows.get(1).linkageIndex(), 1e-12);
    assertEquals(0.0, rows.get(2).linkageIndex(), 0);
    assertEquals((1 + r) / 3, rows.get(3).linkageIndex(), 1e-12);
  }

  @Test
  void railResidualIsSymmetricAndCentred() throws Exception {
    PairLinkage.Result result = compute(2);
    assertNotNull(result.railFit());
    assertEquals(result.railFit().massICoefficient(), result.railFit().massJCoefficient(), 1e-9);
    double sum = 0;
    int n = 0;
    for (PairLinkage.Row row : result.rows()) {
      if (row.railResidual() != null) {
        sum += row.railResidual();
        n++;
      }
    }
    assertEquals(3, n);
    assertEquals(0.0, sum, 1e-9);
    for (int k = 0; k < 6; k += 2) {
      assertEquals(result.railFit().residuals()[k], result.railFit().residuals()[k + 1], 1e-9);
    }
  }

  @Test
  void duplicateUnitsAreRejected() throws Exception {
    RailPairCounts rail = new RailPairCounts(Map.of());
    List<UnitAttributes> dup =
        List.of(
            new UnitAttributes(A, 1.0, 1.0, null, null),
            new UnitAttributes(A, 1.0, 1.0, null, null));
    assertThrows(
        IllegalArgumentException.class, () -> PairLinkage.compute(dup, DIST, rail, null, null, 2));
  }
}
