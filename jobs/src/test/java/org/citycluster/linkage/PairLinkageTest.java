package org.citycluster.linkage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void reportingFewerPairsKeepsEveryValue() {
    // 40 units (some without statistics, some off the rail network), random trains and routes
    java.util.Random random = new java.util.Random(5);
    List<UnitAttributes> units = new java.util.ArrayList<>();
    Map<String, String> stationUnit = new java.util.HashMap<>();
    Map<Integer, String> airportUnit = new java.util.HashMap<>();
    Map<String, double[]> at = new java.util.HashMap<>();
    for (int u = 0; u < 40; u++) {
      String adcode = String.valueOf(110100 + u * 100);
      boolean stats = random.nextInt(5) > 0;
      units.add(
          new UnitAttributes(
              adcode,
              stats ? 1 + random.nextDouble() * 50 : null,
              stats ? 0.1 + random.nextDouble() * 5 : null,
              stats ? new double[] {random.nextInt(20), random.nextInt(50), 40} : null,
              null));
      at.put(adcode, new double[] {100 + random.nextDouble() * 10, 25 + random.nextDouble() * 10});
      if (u % 7 != 3) {
        stationUnit.put("S" + u, adcode);
      }
      airportUnit.put(u, adcode);
    }
    List<Train> trains = new java.util.ArrayList<>();
    for (int t = 0; t < 60; t++) {
      List<String> stops = new java.util.ArrayList<>();
      for (int k = 0; k < 2 + random.nextInt(5); k++) {
        stops.add("S" + random.nextInt(40));
      }
      trains.add(new Train((t % 2 == 0 ? "G" : "K") + t, stops, 0));
    }
    List<AirRoute> routes = new java.util.ArrayList<>();
    for (int r = 0; r < 30; r++) {
      routes.add(
          new AirRoute("A" + random.nextInt(4), random.nextInt(40), random.nextInt(40), false));
    }
    RailPairCounts rail = RailPairCounts.of(trains, stationUnit);
    AirPairCounts air = AirPairCounts.of(routes, airportUnit);
    ToDoubleBiFunction<String, String> km =
        (x, y) ->
            org.citycluster.geo.GeodesicMeasures.distanceKm(
                at.get(x)[0], at.get(x)[1], at.get(y)[0], at.get(y)[1]);
    java.util.Set<UnitPair> also =
        java.util.Set.of(
            UnitPair.of("110100", "110200"),
            UnitPair.of("113000", "113900"),
            UnitPair.of("a", "b"));

    PairLinkage.Result all = PairLinkage.compute(units, km, rail, null, air, 2);
    PairLinkage.Result some = PairLinkage.compute(units, km, rail, null, air, 2, also);
    List<PairLinkage.Row> expected =
        all.rows().stream()
            .filter(
                r ->
                    r.trainsAll() > 0
                        || r.airRoutes() > 0
                        || also.contains(UnitPair.of(r.adcodeA(), r.adcodeB())))
            .toList();
    assertEquals(780, all.rows().size());
    assertTrue(expected.size() > 50 && expected.size() < 500, "reported " + expected.size());
    assertNotNull(all.railFit());
    assertTrue(expected.stream().anyMatch(r -> r.railResidual() != null));
    assertEquals(expected, some.rows());
    assertEquals(all.railFit().distanceCoefficient(), some.railFit().distanceCoefficient());
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
