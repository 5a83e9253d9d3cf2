package org.citycluster.linkage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** city_metrics helpers: cluster link share and sector profiles. */
class UnitMetricsTest {

  static final String A = RailPairCountsTest.A;
  static final String B = RailPairCountsTest.B;
  static final String C = RailPairCountsTest.C;

  @Test
  void railShareInsideCluster() throws Exception {
    RailPairCounts rail =
        RailPairCounts.of(RailPairCountsTest.fixture().trains(), RailPairCountsTest.UNITS);
    // A and C share cluster "x"; B is only in "y"
    Map<String, Double> share =
        ClusterLinkShare.rail(rail, Map.of(A, Set.of("x"), B, Set.of("y"), C, Set.of("x", "z")));
    // A: AB 1 (out), AC 2 (in) -> 2/3; B: 0/2; C: AC 2 in, BC 1 out -> 2/3
    assertEquals(Map.of(A, 2.0 / 3, B, 0.0, C, 2.0 / 3), share);
    // B in no cluster: absent
    assertFalse(ClusterLinkShare.rail(rail, Map.of(A, Set.of("x"))).containsKey(B));
    assertEquals(0.0, ClusterLinkShare.rail(rail, Map.of(A, Set.of("x"))).get(A));
  }

  @Test
  void locationQuotientsAndDominantSector() {
    // METRICS.md: volumes E = [[50,30,20],[10,60,30],[40,10,50]], LQ of region 1 = (1.5, 0.9, 0.6);
    // as shares with weights equal to the row totals (100 each) the result is the same.
    UnitSectors s =
        UnitSectors.of(
            List.of(
                new UnitAttributes(A, 1.0, 100.0, new double[] {50, 30, 20}, null),
                new UnitAttributes(B, 1.0, 100.0, new double[] {10, 60, 30}, null),
                new UnitAttributes(C, 1.0, 100.0, new double[] {40, 10, 50}, null),
                new UnitAttributes("140000", 1.0, 5.0, null, null)));
    assertTrue(s.gdpWeighted());
    assertArrayEquals(new double[] {1.5, 0.9, 0.6}, s.profiles().get(A).locationQuotients(), 1e-12);
    assertEquals(0, s.profiles().get(A).dominantSector());
    assertEquals(1, s.profiles().get(B).dominantSector());
    assertEquals(2, s.profiles().get(C).dominantSector());
    assertEquals(3, s.profiles().size());
  }

  @Test
  void locationQuotientsDoNotDependOnTheOrderTheUnitsArriveIn() {
    // shares whose weighted sums round differently in different orders
    List<UnitAttributes> units = new java.util.ArrayList<>();
    java.util.Random random = new java.util.Random(7);
    for (int k = 0; k < 60; k++) {
      double a = random.nextDouble();
      double b = random.nextDouble();
      units.add(
          new UnitAttributes(
              String.format("%06d", 110000 + k),
              1.0,
              1 + 1e6 * random.nextDouble(),
              new double[] {a, b, 1 - a - b + 3},
              null));
    }
    Map<String, UnitSectors.Profile> forward = UnitSectors.of(units).profiles();
    java.util.Collections.reverse(units);
    Map<String, UnitSectors.Profile> reversed = UnitSectors.of(units).profiles();
    for (String adcode : forward.keySet()) {
      assertArrayEquals(
          forward.get(adcode).locationQuotients(),
          reversed.get(adcode).locationQuotients(),
          0.0,
          adcode);
    }
  }

  @Test
  void referenceAndProfileGiveSpecialisationsDoublesUnitByUnit() {
    java.util.Random random = new java.util.Random(11);
    for (boolean allGdp : new boolean[] {true, false}) {
      List<UnitAttributes> units = new java.util.ArrayList<>();
      for (int k = 0; k < 80; k++) {
        Double gdp = !allGdp && k == 17 ? null : 1 + 1e5 * random.nextDouble();
        units.add(
            new UnitAttributes(
                String.format("%06d", 110000 + k),
                1.0,
                gdp,
                new double[] {
                  random.nextDouble(), 3 * random.nextDouble(), 2 + random.nextDouble()
                },
                null));
      }
      double[][] shares = new double[units.size()][];
      double[] weights = new double[units.size()];
      UnitSectors.Reference reference = new UnitSectors.Reference();
      for (int k = 0; k < units.size(); k++) {
        shares[k] = units.get(k).sectorShares();
        weights[k] = allGdp ? units.get(k).gdp() : 1.0;
        reference.add(units.get(k));
      }
      org.citycluster.metrics.Specialisation expected =
          org.citycluster.metrics.Specialisation.ofShares(shares, weights);
      assertEquals(allGdp, reference.gdpWeighted());
      assertArrayEquals(expected.totalShares(), reference.shares(), 0.0);
      double[][] lq = expected.locationQuotients();
      int[] dominant = expected.dominantSectors();
      for (int k = 0; k < units.size(); k++) {
        UnitSectors.Profile p =
            UnitSectors.profile(
                units.get(k).adcode(), units.get(k).sectorShares(), reference.shares());
        assertArrayEquals(lq[k], p.locationQuotients(), 0.0);
        assertEquals(dominant[k], p.dominantSector());
      }
    }
  }
}
