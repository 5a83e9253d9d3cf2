package org.citycluster.verdict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.citycluster.geo.GeodesicMeasures;
import org.junit.jupiter.api.Test;

class ClusterNullModelTest {

  private static final boolean[] ALL = {true, true, true};
  private static final double[] NONE = {0, 0, 0};

  /** predicted log(1 + F) = 1 for every pair: residual = log1p(F) - 1. */
  private static final GravityCoefficients FLAT = new GravityCoefficients(1, 0, 0, 100, 0.5);

  private static GravityCoefficients[] flat() {
    return new GravityCoefficients[] {FLAT, FLAT, FLAT};
  }

  /** Flows whose residuals under FLAT are r. */
  private static double flowFor(double r) {
    return Math.expm1(r + 1);
  }

  private static ClusterContext.Builder node(
      ClusterContext.Builder b, String id, double lon, boolean member, double[] total) {
    return b.node(id, lon, 30, 20.0, ALL, total, true, member, false, false);
  }

  @Test
  void excessIsTheMeanPairResidualOfTheMembers() {
    // METRICS.md: three members with pair residuals (0.5, -0.1, 0.2) -> E_C = 0.2
    ClusterContext.Builder b = new ClusterContext.Builder("c");
    node(b, "100001", 110.0, true, NONE);
    node(b, "100002", 110.5, true, NONE);
    node(b, "100003", 111.0, true, NONE);
    b.flow("100001", "100002", new double[] {flowFor(0.5), 0, 0});
    b.flow("100003", "100001", new double[] {flowFor(-0.1), 0, 0});
    b.flow("100002", "100003", new double[] {flowFor(0.2), 0, 0});
    ClusterNullModel m = new ClusterNullModel(b.build(), flat(), 42);
    ClusterNullModel.Mean e = m.observedExcess(Linkage.TRAINS_ALL);
    assertEquals(0.2, e.mean(), 1e-12);
    assertEquals(3, e.pairs());
    assertEquals(0.5, m.residual(0, 1, Linkage.TRAINS_ALL), 1e-12);
    // no hsr service at all: every pair's residual is log1p(0) - 1
    assertEquals(-1.0, m.observedExcess(Linkage.TRAINS_HSR).mean(), 1e-12);
  }

  @Test
  void affinityAndShare() {
    // METRICS.md: residuals into three members (0.4, 0.1, -0.2) -> A_u = 0.1;
    // trains to them (10, 5, 0) of 60 in all -> s_u = 0.25
    ClusterContext.Builder b = new ClusterContext.Builder("c");
    node(b, "100001", 110.0, true, NONE);
    node(b, "100002", 110.5, true, NONE);
    node(b, "100003", 111.0, true, NONE);
    node(b, "100009", 112.0, false, new double[] {0, 60, 0});
    b.flow("100009", "100001", new double[] {flowFor(0.4), 10, 0});
    b.flow("100009", "100002", new double[] {flowFor(0.1), 5, 0});
    b.flow("100009", "100003", new double[] {flowFor(-0.2), 0, 0});
    ClusterNullModel m = new ClusterNullModel(b.build(), flat(), 42);
    int u = 3;
    ClusterNullModel.Mean a =
        ClusterNullModel.affinity(m.residualsOf(u, Linkage.TRAINS_ALL), m.members(), u);
    assertEquals(0.1, a.mean(), 1e-12);
    assertEquals(3, a.pairs());
    assertEquals(0.25, m.share(u, Linkage.TRAINS_HSR), 1e-15);
    assertTrue(Double.isNaN(m.share(u, Linkage.AIR)));
  }

  @Test
  void pairsOffTheNetworkOrWithoutMassDoNotCount() {
    ClusterContext.Builder b = new ClusterContext.Builder("c");
    b.node("1", 110, 30, 20, ALL, NONE, true, true, false, false);
    b.node("2", 111, 30, Double.NaN, ALL, NONE, true, true, false, false);
    b.node("3", 112, 30, 20, new boolean[] {false, true, true}, NONE, true, true, false, false);
    b.node("4", 113, 30, 20, ALL, NONE, true, true, false, false);
    ClusterNullModel m = new ClusterNullModel(b.build(), flat(), 1);
    assertEquals(1, m.observedExcess(Linkage.TRAINS_ALL).pairs()); // only 1-4
    assertEquals(3, m.observedExcess(Linkage.TRAINS_HSR).pairs()); // 1-3, 1-4, 3-4
    ClusterNullModel unfitted =
        new ClusterNullModel(b.build(), new GravityCoefficients[] {null, FLAT, FLAT}, 1);
    assertEquals(0, unfitted.observedExcess(Linkage.TRAINS_ALL).pairs());
    assertTrue(Double.isNaN(unfitted.observedExcess(Linkage.TRAINS_ALL).mean()));
  }

  @Test
  void residualUsesTheGeodesicCentroidDistance() {
    GravityCoefficients fit = new GravityCoefficients(0.3, 0.05, -0.8, 100, 0.5);
    ClusterContext.Builder b = new ClusterContext.Builder("c");
    b.node("1", 116.4, 39.9, 19.5, ALL, NONE, true, true, false, false);
    b.node("2", 121.5, 31.2, 20.1, ALL, NONE, false, false, false, false);
    b.flow("1", "2", new double[] {120, 80, 12});
    ClusterNullModel m =
        new ClusterNullModel(b.build(), new GravityCoefficients[] {fit, fit, fit}, 1);
    double km = GeodesicMeasures.distanceKm(116.4, 39.9, 121.5, 31.2);
    assertEquals(fit.residual(120, 19.5, 20.1, km), m.residual(0, 1, Linkage.TRAINS_ALL), 1e-12);
    assertEquals(fit.residual(12, 19.5, 20.1, km), m.residual(1, 0, Linkage.AIR), 1e-12);
  }

  /** A 6 × 6 grid of neighbourhood units; members are the four cells of the top-left corner. */
  private static ClusterContext grid(boolean withIsland) {
    ClusterContext.Builder b = new ClusterContext.Builder("g");
    int side = 6;
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        boolean member = r < 2 && c < 2;
        b.node(id(r, c), 110 + c * 0.5, 30 + r * 0.5, 20, ALL, NONE, true, member, false, false);
        if (c + 1 < side) {
          b.edge(id(r, c), id(r, c + 1), true);
        }
        if (r + 1 < side) {
          b.edge(id(r, c), id(r + 1, c), true);
        }
      }
    }
    if (withIsland) {
      // a member off the coast, attached to its nearest unit by a knn edge
      b.node("999999", 109, 29, 20, ALL, NONE, true, true, false, true);
      b.edge("999999", id(0, 0), false);
    }
    return b.build();
  }

  private static String id(int r, int c) {
    return String.format("%06d", 100000 + r * 10 + c);
  }

  @Test
  void nullSamplesAreConnectedSetsOfTheClusterSizeAndReproducible() {
    ClusterContext ctx = grid(false);
    ClusterNullModel a = new ClusterNullModel(ctx, flat(), 7);
    ClusterNullModel b = new ClusterNullModel(ctx, flat(), 7);
    assertEquals(36, a.seedCount());
    for (int k = 0; k < 50; k++) {
      int[] s = a.sample(k);
      assertEquals(4, s.length);
      assertEquals(4, Arrays.stream(s).distinct().count());
    }
    // sample 17 is the same whichever samples were drawn before
    assertArrayEquals(a.sample(17), b.sample(17));
    ClusterNullModel other = new ClusterNullModel(ctx, flat(), 8);
    int differ = 0;
    for (int k = 0; k < 20; k++) {
      if (!Arrays.equals(a.sample(k), other.sample(k))) {
        differ++;
      }
    }
    assertTrue(differ > 10, "another cluster seed gives other samples: " + differ);
  }

  @Test
  void rookComponentsSetIslandsAside() {
    assertEquals(1, new ClusterNullModel(grid(false), flat(), 1).rookComponents());
    ClusterNullModel withIsland = new ClusterNullModel(grid(true), flat(), 1);
    assertEquals(1, withIsland.rookComponents());
    assertEquals(5, withIsland.members().length);
    // the island is attached by its knn edge, so null sets may grow through it
    assertEquals(37, withIsland.seedCount());
  }

  @Test
  void membersOffTheMainLandmassAreSetAside() {
    ClusterContext.Builder b = new ClusterContext.Builder("g");
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 4; c++) {
        // members: the top-left cell and, apart from it, the bottom-right cell
        boolean member = (r == 0 && c == 0) || (r == 3 && c == 3);
        b.node(id(r, c), 110 + c * 0.5, 30 + r * 0.5, 20, ALL, NONE, true, member, false, false);
        if (c + 1 < 4) {
          b.edge(id(r, c), id(r, c + 1), true);
        }
        if (r + 1 < 4) {
          b.edge(id(r, c), id(r + 1, c), true);
        }
      }
    }
    // an archipelago of two rook-connected units, one of them a member (as Zhoushan's counties)
    b.node("900001", 120, 28, 20, ALL, NONE, true, true, false, false);
    b.node("900002", 120.2, 28, 20, ALL, NONE, true, false, false, false);
    b.edge("900001", "900002", true);
    ClusterNullModel m = new ClusterNullModel(b.build(), flat(), 1);
    assertEquals(3, m.members().length);
    assertEquals(2, m.rookComponents(), "two mainland components; the archipelago aside");
  }

  @Test
  void noSeedWhenTheNeighbourhoodIsTooSmall() {
    ClusterContext.Builder b = new ClusterContext.Builder("c");
    b.node("1", 110, 30, 20, ALL, NONE, true, true, false, false);
    b.node("2", 111, 30, 20, ALL, NONE, true, true, false, false);
    b.node("3", 112, 30, 20, ALL, NONE, false, true, false, false);
    b.edge("1", "2", true);
    ClusterNullModel m = new ClusterNullModel(b.build(), flat(), 1);
    assertEquals(0, m.seedCount());
    assertNull(m.sample(0));
    assertNotNull(m.observedExcess(Linkage.TRAINS_ALL));
    // member 3 lies outside the null region's main landmass (here: outside the region)
    assertEquals(1, m.rookComponents());
  }
}
