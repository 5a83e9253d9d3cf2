package org.citycluster.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ClusterDiagnostics} on hand-made clusters. The METRICS.md examples of the underlying
 * formulas are asserted in {@code QapTest} (QAP r = 0.92179, p = 2/24) and {@code
 * NetworkStructureTest} (primacy 1.992 / 0.819, Green P_F = 0.2088, rank-size slopes); the first
 * tests here check that this class passes its inputs through to them unchanged.
 */
class DiagnosticsEngineTest {

  // METRICS.md: A = path 1–2–3–4, F = linkage (directed; the engine accepts any square matrix)
  private static final double[][] F = {{0, 9, 2, 1}, {8, 0, 7, 1}, {3, 6, 0, 5}, {1, 2, 6, 0}};

  private static boolean[][] path(int n) {
    boolean[][] a = new boolean[n][n];
    for (int i = 0; i + 1 < n; i++) {
      a[i][i + 1] = a[i + 1][i] = true;
    }
    return a;
  }

  private static double[][] asMatrix(boolean[][] a, double weight) {
    int n = a.length;
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = a[i][j] ? weight : 0;
      }
    }
    return m;
  }

  private static List<String> ids(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(String.format("%06d", 110001 + i));
    }
    return ids;
  }

  private static ClusterDiagnostics.Input input(
      String id,
      boolean[][] rook,
      double[][] linkage,
      double[][] candidate,
      double[] population,
      boolean[] core,
      double external,
      long externalLinked,
      long outside) {
    Map<String, double[][]> l = new LinkedHashMap<>();
    for (String name : ClusterDiagnostics.LINKAGES) {
      l.put(name, linkage);
    }
    return new ClusterDiagnostics.Input(
        id,
        ids(rook.length),
        core,
        population,
        rook,
        l,
        candidate,
        external,
        externalLinked,
        outside);
  }

  @Test
  void metricsQapExampleThroughTheEngine() {
    boolean[][] a = path(4);
    double[] pop = {24.9, 12.5, 9.4, 8.5};
    ClusterDiagnostics.Result r =
        ClusterDiagnostics.compute(
            input("m", a, F, asMatrix(a, 1), pop, new boolean[4], 0, 0, 10), 999, 42, 0.75);
    ClusterDiagnostics.QapOutcome q = r.qap().get("trains_all");
    assertEquals(0.92179, q.r(), 5e-6);
    assertEquals(2.0 / 24.0, q.p(), 1e-12);
    assertEquals(41, q.mantel(), 1e-12);
    assertEquals(24L, q.permutations());
    assertTrue(q.exact());
    assertEquals(ClusterDiagnostics.qapSeed(42, "m", "trains_all"), q.seed());
    // METRICS.md primacy example: sizes (24.9, 12.5, 9.4, 8.5) → 1.992 and 0.819
    assertEquals(1.992, r.primacy(), 5e-4);
    assertEquals(0.819, r.primacyFour(), 5e-4);
    assertEquals("110001", r.primateAdcode());
    assertFalse(r.primateIsCore());
    assertEquals(0.0, r.corePopulationShare(), 0);
    // k = min(4, n) = 4 of the populations
    assertEquals(4, r.rankSizeK());
    assertEquals(
        org.citycluster.metrics.NetworkStructure.rankSizeSlope(pop, 4),
        r.polycentricityMorphological(),
        1e-12);
  }

  @Test
  void linkageEqualToAdjacencyOnAPathOfFive() {
    // r = 1; exact p = automorphisms of the path / 5! = (identity, reversal) / 120
    boolean[][] a = path(5);
    double[][] f = asMatrix(a, 10);
    ClusterDiagnostics.Result r =
        ClusterDiagnostics.compute(
            input("p5", a, f, f, new double[] {5, 4, 3, 2, 1}, new boolean[5], 0, 0, 0),
            999,
            1,
            0.75);
    for (String l : ClusterDiagnostics.LINKAGES) {
      ClusterDiagnostics.QapOutcome q = r.qap().get(l);
      assertEquals(1.0, q.r(), 1e-12, l);
      assertEquals(2.0 / 120.0, q.p(), 1e-12, l);
      assertEquals(120L, q.permutations());
    }
    // all four adjacent pairs carry 10, the six others 0: median 0, q75 = 10 (h = 6.75 → 10)
    assertEquals(10.0, r.strongThreshold(), 0);
    assertEquals(0.0, r.weakThreshold(), 0);
    assertEquals(4, r.adjacentPairs());
    assertEquals(4, r.strongPairs());
    assertEquals(0.0, r.strongNonadjacentShare(), 0);
    assertEquals(0.0, r.weakAdjacentShare(), 0);
    // densities: 8 positive ordered pairs of 20, weighted 80 / (20 · 10)
    assertEquals(0.4, r.internalDensity(), 1e-12);
    assertEquals(0.4, r.internalBinaryDensity(), 1e-12);
    assertNull(r.externalDensity()); // no outside units
    // in-degrees (10, 20, 20, 20, 10): functional slope of the top 4 (20, 20, 20, 10)
    assertEquals(
        org.citycluster.metrics.NetworkStructure.rankSizeSlope(new double[] {20, 20, 20, 10}, 4),
        r.polycentricityFunctional(),
        1e-12);
    // Green: σ of (10,20,20,20,10) = 4.89898, σmax = 10, balance 0.510102, Δ = 0.4
    assertEquals(0.510102 * 0.4, r.greenPf(), 1e-6);
    assertTrue(r.problems().isEmpty());
  }

  @Test
  void linkageEqualToAdjacencyOnNineUnitsGivesSmallestRandomP() {
    boolean[][] a = path(9);
    double[][] f = asMatrix(a, 3);
    int perms = 999;
    ClusterDiagnostics.Result r =
        ClusterDiagnostics.compute(
            input("p9", a, f, f, new double[9], new boolean[9], 0, 0, 0), perms, 5, 0.75);
    ClusterDiagnostics.QapOutcome q = r.qap().get("trains_all");
    assertEquals(1.0, q.r(), 1e-12);
    assertFalse(q.exact());
    // only the identity and the reversal reach r = 1; 999 draws of 9! = 362880 miss both
    assertEquals(1.0 / (perms + 1), q.p(), 1e-15);
    assertNotEquals(
        r.qap().get("trains_all").seed(), r.qap().get("trains_hsr").seed(), "seed per linkage");
    // populations of 0: the rank-size fit is refused and reported, primacy is undefined (0/0)
    assertNull(r.polycentricityMorphological());
    assertTrue(r.problems().stream().anyMatch(p -> p[0].equals("polycentricity_morphological")));
  }

  @Test
  void densitiesAndMismatchShares() {
    // members 0..3; rook 0–1, 1–2, 2–3; values 0–1 .8, 0–2 .6, 1–2 .5, 0–3 .05, others 0
    boolean[][] a = path(4);
    double[][] w = new double[4][4];
    double[][] values = {{0, 1, .8}, {0, 2, .6}, {1, 2, .5}, {0, 3, .05}};
    for (double[] v : values) {
      w[(int) v[0]][(int) v[1]] = w[(int) v[1]][(int) v[0]] = v[2];
    }
    ClusterDiagnostics.Result r =
        ClusterDiagnostics.compute(
            input(
                "k",
                a,
                w,
                w,
                new double[] {10, 5, 4, 1},
                new boolean[] {true, false, false, false},
                1.6,
                3,
                16),
            99,
            1,
            0.75);
    // sorted 0, 0, .05, .5, .6, .8: median .275, q75 .575 → strong {0–1, 0–2}, weak {0–3, 1–3,
    // 2–3}
    assertEquals(0.575, r.strongThreshold(), 1e-12);
    assertEquals(0.275, r.weakThreshold(), 1e-12);
    assertEquals(2, r.strongPairs());
    assertEquals(0.5, r.strongNonadjacentShare(), 1e-12); // 0–2 is not adjacent
    assertEquals(1.0 / 3.0, r.weakAdjacentShare(), 1e-12); // 2–3 of the three rook pairs
    assertEquals(3.9 / 9.6, r.internalDensity(), 1e-12);
    assertEquals(1.6 / (4 * 16 * 0.8), r.externalDensity(), 1e-12);
    assertEquals(8.0 / 12.0, r.internalBinaryDensity(), 1e-12);
    assertEquals(3.0 / 64.0, r.externalBinaryDensity(), 1e-12);
    assertEquals(2.0, r.primacy(), 1e-12);
    assertEquals(1.0, r.primacyFour(), 1e-12);
    assertTrue(r.primateIsCore());
    assertEquals(0.5, r.corePopulationShare(), 1e-12);
  }

  @Test
  void degenerateClustersAreReportedNotFailed() {
    boolean[][] two = path(2);
    double[][] f = asMatrix(two, 1);
    ClusterDiagnostics.Result r =
        ClusterDiagnostics.compute(
            input("two", two, f, f, new double[] {2, 1}, new boolean[2], 0, 0, 5), 99, 1, 0.75);
    assertNull(r.qap().get("air").r());
    assertTrue(r.qap().get("air").problem().contains("at least 3"));
    assertEquals(2.0, r.primacy(), 1e-12);
    assertEquals(4, r.problems().size()); // one per QAP linkage

    // complete graph: adjacency constant → r undefined, named
    boolean[][] k3 = {{false, true, true}, {true, false, true}, {true, true, false}};
    double[][] g = {{0, 1, 2}, {1, 0, 3}, {2, 3, 0}};
    r =
        ClusterDiagnostics.compute(
            input("k3", k3, g, g, new double[] {3, 2, 1}, new boolean[3], 0, 0, 5), 99, 1, 0.75);
    assertNull(r.qap().get("gravity").r());
    assertTrue(r.qap().get("gravity").problem().contains("rook adjacency is constant"));
    // values 1, 2, 3: median 2, so the pair with 1 is the one weak adjacent pair of three
    assertEquals(1.0 / 3.0, r.weakAdjacentShare(), 1e-12);

    // a not-measured gravity value
    boolean[][] p3 = path(3);
    Map<String, double[][]> l = new LinkedHashMap<>();
    double[][] h = asMatrix(p3, 1);
    for (String name : ClusterDiagnostics.LINKAGES) {
      l.put(name, h);
    }
    l.put("gravity", new double[][] {{0, 1, Double.NaN}, {1, 0, 1}, {Double.NaN, 1, 0}});
    r =
        ClusterDiagnostics.compute(
            new ClusterDiagnostics.Input(
                "p3", ids(3), new boolean[3], new double[] {1, Double.NaN, 1}, p3, l, h, 0, 0, 5),
            99,
            1,
            0.75);
    assertNull(r.qap().get("gravity").r());
    // the pair 0–2 lacks a value: member 2 is left out, two remain
    assertTrue(r.qap().get("gravity").problem().contains("not measured for 1 member pair"));
    assertTrue(r.qap().get("gravity").problem().contains("fewer than 3 members remain"));
    assertEquals(2, r.qap().get("gravity").members());
    assertEquals(1.0, r.qap().get("trains_all").r(), 1e-12);
    assertNull(r.primacy()); // a member without population
  }

  @Test
  void membersWithoutAValueAreLeftOutOfThatLinkagesTest() {
    // path of 5 with gravity equal to adjacency, but member 4 (the end) without statistics:
    // QAP on the path of 4 left, r = 1, p = 2/24
    boolean[][] a = path(5);
    double[][] f = asMatrix(a, 1);
    double[][] g = asMatrix(a, 1);
    for (int i = 0; i < 4; i++) {
      g[i][4] = g[4][i] = Double.NaN;
    }
    Map<String, double[][]> l = new LinkedHashMap<>();
    for (String name : ClusterDiagnostics.LINKAGES) {
      l.put(name, f);
    }
    l.put("gravity", g);
    ClusterDiagnostics.Result r =
        ClusterDiagnostics.compute(
            new ClusterDiagnostics.Input(
                "p5g", ids(5), new boolean[5], new double[] {5, 4, 3, 2, 1}, a, l, f, 0, 0, 0),
            99,
            1,
            0.75);
    ClusterDiagnostics.QapOutcome q = r.qap().get("gravity");
    assertEquals(4, q.members());
    assertEquals(1.0, q.r(), 1e-12);
    assertEquals(2.0 / 24.0, q.p(), 1e-12);
    assertTrue(q.problem().contains("[110005]"), q.problem());
    assertEquals(5, r.qap().get("trains_all").members());
    assertEquals(2.0 / 120.0, r.qap().get("trains_all").p(), 1e-12);
    assertTrue(r.problems().stream().anyMatch(p -> p[0].equals("qap_r_gravity")));
  }

  @Test
  void qapSeedIsStableAndDistinct() {
    long s = ClusterDiagnostics.qapSeed(20240601L, "yrd", "trains_all");
    assertEquals(s, ClusterDiagnostics.qapSeed(20240601L, "yrd", "trains_all"));
    assertNotEquals(s, ClusterDiagnostics.qapSeed(20240601L, "yrd", "air"));
    assertNotEquals(s, ClusterDiagnostics.qapSeed(20240601L, "jjj", "trains_all"));
    assertNotEquals(s, ClusterDiagnostics.qapSeed(20240602L, "yrd", "trains_all"));
  }
}
