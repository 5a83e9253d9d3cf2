package org.citycluster.regions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionComparisonTest {

  // METRICS.md: plan labels (A, A, A, A, B, B), regions (X, X, X, Y, Y, Y)
  private static final String[] PLAN = {"A", "A", "A", "A", "B", "B"};
  private static final String[] REGIONS = {"X", "X", "X", "Y", "Y", "Y"};

  private static Map<String, String> regionMap(String[] labels) {
    Map<String, String> m = new HashMap<>();
    for (int k = 0; k < labels.length; k++) {
      m.put("u" + k, labels[k]);
    }
    return m;
  }

  @Test
  void metricsExample() {
    Set<String> a = Set.of("u0", "u1", "u2", "u3");
    assertEquals(0.75, PartitionComparison.jaccard(a, Set.of("u0", "u1", "u2")), 1e-15);
    assertEquals(1.0 / 6, PartitionComparison.jaccard(a, Set.of("u3", "u4", "u5")), 1e-15);
    assertEquals(1.2 / 3.7, PartitionComparison.adjustedRandIndex(PLAN, REGIONS), 1e-12);
    assertEquals(0.324324, PartitionComparison.adjustedRandIndex(PLAN, REGIONS), 1e-6);
    assertEquals(0.318257, PartitionComparison.mutualInformation(PLAN, REGIONS), 1e-6);
    assertEquals(0.636514, PartitionComparison.entropy(PLAN), 1e-6);
    assertEquals(0.693147, PartitionComparison.entropy(REGIONS), 1e-6);
    assertEquals(Math.log(2), PartitionComparison.entropy(REGIONS), 1e-15);
    assertEquals(0.478704, PartitionComparison.normalizedMutualInformation(PLAN, REGIONS), 1e-6);
    // symmetric in the two partitions
    assertEquals(1.2 / 3.7, PartitionComparison.adjustedRandIndex(REGIONS, PLAN), 1e-12);
    assertEquals(0.478704, PartitionComparison.normalizedMutualInformation(REGIONS, PLAN), 1e-6);
  }

  @Test
  void bestMatchOfTheMetricsExample() {
    Map<String, String> regions = regionMap(REGIONS);
    PartitionComparison.Match a =
        PartitionComparison.bestMatch(Set.of("u0", "u1", "u2", "u3"), regions);
    assertEquals(new PartitionComparison.Match("X", 0.75, 3, 1, 0, 3), a);
    PartitionComparison.Match b = PartitionComparison.bestMatch(Set.of("u4", "u5"), regions);
    assertEquals(new PartitionComparison.Match("Y", 2.0 / 3, 2, 0, 1, 3), b);
  }

  @Test
  void bestMatchTiesGoToLargerIntersectionThenSmallerId() {
    // equal Jaccard 1/4: "A" = {a} meets 1 member, "Z" = {b, c, d, x1..x8} meets 3 -> Z
    Map<String, String> regions = new HashMap<>();
    regions.put("a", "A");
    for (String u : new String[] {"b", "c", "d", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8"}) {
      regions.put(u, "Z");
    }
    Set<String> cluster = Set.of("a", "b", "c", "d");
    assertEquals(
        new PartitionComparison.Match("Z", 0.25, 3, 1, 8, 11),
        PartitionComparison.bestMatch(cluster, regions));
    // equal Jaccard and intersection: {a, b} in "R2", {c, d} in "R1" -> the smaller id, R1
    Map<String, String> halves = Map.of("a", "R2", "b", "R2", "c", "R1", "d", "R1");
    assertEquals(
        new PartitionComparison.Match("R1", 0.5, 2, 2, 0, 2),
        PartitionComparison.bestMatch(cluster, halves));
    // no region meets the cluster: the smallest id, Jaccard 0
    assertEquals(
        new PartitionComparison.Match("R1", 0.0, 0, 1, 2, 2),
        PartitionComparison.bestMatch(Set.of("q"), halves));
  }

  @Test
  void unmappedMembersLieOutsideEveryRegion() {
    Map<String, String> regions = Map.of("a", "R", "b", "R", "c", "S");
    PartitionComparison.Match m = PartitionComparison.bestMatch(Set.of("a", "b", "q"), regions);
    assertEquals(new PartitionComparison.Match("R", 2.0 / 3, 2, 1, 0, 2), m);
  }

  @Test
  void identicalPartitionsScoreOne() {
    String[] a = {"p", "p", "q", "r", "r", "r", "s"};
    assertEquals(1.0, PartitionComparison.adjustedRandIndex(a, a), 1e-12);
    assertEquals(1.0, PartitionComparison.normalizedMutualInformation(a, a), 1e-12);
    assertEquals(
        PartitionComparison.entropy(a), PartitionComparison.mutualInformation(a, a), 1e-12);
    // the trivial partitions: the degenerate cases are defined as 1.0
    String[] singletons = {"1", "2", "3", "4"};
    String[] oneBlock = {"x", "x", "x", "x"};
    assertEquals(1.0, PartitionComparison.adjustedRandIndex(singletons, singletons));
    assertEquals(1.0, PartitionComparison.adjustedRandIndex(oneBlock, oneBlock));
    assertEquals(1.0, PartitionComparison.normalizedMutualInformation(oneBlock, oneBlock));
    assertEquals(
        1.0, PartitionComparison.adjustedRandIndex(new String[] {"a"}, new String[] {"b"}));
    assertEquals(0.0, PartitionComparison.entropy(oneBlock));
    // one block against singletons: no agreement beyond chance, no shared information
    assertEquals(0.0, PartitionComparison.adjustedRandIndex(oneBlock, singletons), 1e-15);
    assertEquals(0.0, PartitionComparison.mutualInformation(oneBlock, singletons), 1e-15);
    assertEquals(0.0, PartitionComparison.normalizedMutualInformation(oneBlock, singletons), 1e-15);
  }

  @Test
  void renamingLabelsChangesNothing() {
    String[] plan = {"B", "B", "B", "B", "A", "A"}; // PLAN with A and B swapped
    String[] regions = {"y1", "y1", "y1", "x0", "x0", "x0"}; // REGIONS renamed
    assertEquals(1.2 / 3.7, PartitionComparison.adjustedRandIndex(plan, regions), 1e-12);
    assertEquals(
        PartitionComparison.normalizedMutualInformation(PLAN, REGIONS),
        PartitionComparison.normalizedMutualInformation(plan, regions),
        1e-12);
    assertEquals(
        PartitionComparison.mutualInformation(PLAN, REGIONS),
        PartitionComparison.mutualInformation(plan, regions),
        1e-12);
  }

  @Test
  void pairCountsDoNotOverflowInt() {
    // n = 100,000: C(n, 2) ≈ 5.0e9 > Integer.MAX_VALUE
    int n = 100_000;
    String[] a = new String[n];
    String[] b = new String[n];
    for (int i = 0; i < n; i++) {
      a[i] = i % 2 == 0 ? "even" : "odd";
      b[i] = (i / 2) % 2 == 0 ? "lo" : "hi";
    }
    assertEquals(1.0, PartitionComparison.adjustedRandIndex(a, a), 1e-12);
    // 2×2 table of 25,000 each, margins 50,000: the same index computed by hand in double
    double cells = 4 * (25_000.0 * 24_999 / 2);
    double margins = 2 * (50_000.0 * 49_999 / 2);
    double total = n * (n - 1.0) / 2;
    double expected = margins * margins / total;
    double ari = (cells - expected) / (margins - expected);
    assertEquals(ari, PartitionComparison.adjustedRandIndex(a, b), 1e-12);
    assertTrue(ari < 0 && ari > -1e-4, "ari " + ari);
    assertEquals(0.0, PartitionComparison.mutualInformation(a, b), 1e-12);
  }

  @Test
  void jaccardEdgeCases() {
    assertEquals(0.0, PartitionComparison.jaccard(Set.of(), Set.of("a")));
    assertEquals(1.0, PartitionComparison.jaccard(Set.of("a", "b"), Set.of("b", "a")));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> PartitionComparison.jaccard(Set.of(), Set.of()));
    assertTrue(e.getMessage().contains("both be empty"), e.getMessage());
  }

  @Test
  void badInputIsRejected() {
    assertMessage("b must not be null", () -> PartitionComparison.jaccard(Set.of("a"), null));
    assertMessage(
        "labelsB must have the same length as labelsA: 5 vs 6",
        () -> PartitionComparison.adjustedRandIndex(PLAN, new String[5]));
    assertMessage(
        "labelsA must not be null", () -> PartitionComparison.mutualInformation(null, REGIONS));
    assertMessage(
        "labelsB[2] must not be null",
        () ->
            PartitionComparison.normalizedMutualInformation(
                PLAN, new String[] {"X", "X", null, "Y", "Y", "Y"}));
    assertMessage("labels must not be empty", () -> PartitionComparison.entropy(new String[0]));
    assertMessage(
        "cluster must not be empty",
        () -> PartitionComparison.bestMatch(Set.of(), regionMap(REGIONS)));
    assertMessage(
        "regionOfUnit must not be null", () -> PartitionComparison.bestMatch(Set.of("u0"), null));
    assertMessage(
        "regionOfUnit must not be empty",
        () -> PartitionComparison.bestMatch(Set.of("u0"), Map.of()));
    Map<String, String> withNull = new HashMap<>();
    withNull.put("u0", null);
    assertMessage(
        "regionOfUnit must not hold null",
        () -> PartitionComparison.bestMatch(Set.of("u0"), withNull));
  }

  private static void assertMessage(String expected, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
