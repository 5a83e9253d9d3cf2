package org.citycluster.regions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LeidenRegionsTest {

  /** An edge list under construction. */
  private static final class Graph {
    final int n;
    final List<int[]> ends = new ArrayList<>();
    final List<Double> weights = new ArrayList<>();

    Graph(int n) {
      this.n = n;
    }

    Graph edge(int i, int j, double w) {
      ends.add(new int[] {i, j});
      weights.add(w);
      return this;
    }

    int[] from() {
      return ends.stream().mapToInt(e -> e[0]).toArray();
    }

    int[] to() {
      return ends.stream().mapToInt(e -> e[1]).toArray();
    }

    double[] w() {
      return weights.stream().mapToDouble(Double::doubleValue).toArray();
    }

    LeidenRegions.Result detect(LeidenRegions.Options options) {
      return LeidenRegions.detect(n, from(), to(), w(), options);
    }

    /** Modularity {@code Σ_c [w_c / W − γ (K_c / 2W)²]}, straight from the definition. */
    double modularity(int[] region, double gamma) {
      int k = Arrays.stream(region).max().orElse(-1) + 1;
      double[] inside = new double[k];
      double[] degree = new double[k];
      double total = 0;
      for (int e = 0; e < ends.size(); e++) {
        int i = ends.get(e)[0];
        int j = ends.get(e)[1];
        double w = weights.get(e);
        total += w;
        degree[region[i]] += w;
        degree[region[j]] += w;
        if (region[i] == region[j]) {
          inside[region[i]] += w;
        }
      }
      double q = 0;
      for (int c = 0; c < k; c++) {
        q += inside[c] / total - gamma * Math.pow(degree[c] / (2 * total), 2);
      }
      return q;
    }

    /** Whether every region is connected using only the graph's edges inside it (BFS). */
    boolean regionsConnected(int[] region) {
      List<List<Integer>> adj = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        adj.add(new ArrayList<>());
      }
      for (int[] e : ends) {
        adj.get(e[0]).add(e[1]);
        adj.get(e[1]).add(e[0]);
      }
      int k = Arrays.stream(region).max().orElse(-1) + 1;
      boolean[] seenRegion = new boolean[k];
      boolean[] visited = new boolean[n];
      for (int s = 0; s < n; s++) {
        if (visited[s]) {
          continue;
        }
        if (seenRegion[region[s]]) {
          return false; // a second piece of a region already reached from elsewhere
        }
        seenRegion[region[s]] = true;
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(s));
        visited[s] = true;
        while (!queue.isEmpty()) {
          int u = queue.poll();
          for (int v : adj.get(u)) {
            if (!visited[v] && region[v] == region[s]) {
              visited[v] = true;
              queue.add(v);
            }
          }
        }
      }
      return true;
    }
  }

  /** A rows×cols grid with edges only between rook neighbours, node r·cols + c. */
  private interface Weight {
    double of(int r1, int c1, int r2, int c2);
  }

  private static Graph grid(int rows, int cols, Weight weight) {
    Graph g = new Graph(rows * cols);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        if (c + 1 < cols) {
          g.edge(r * cols + c, r * cols + c + 1, weight.of(r, c, r, c + 1));
        }
        if (r + 1 < rows) {
          g.edge(r * cols + c, (r + 1) * cols + c, weight.of(r, c, r + 1, c));
        }
      }
    }
    return g;
  }

  private static Graph plantedBlocks() {
    // 4 blocks of 10: every intra-block pair weight 5; block b's nodes 0 and 1 tied to block
    // b+1's (mod 4) with weight 1
    Graph g = new Graph(40);
    for (int b = 0; b < 4; b++) {
      for (int i = 0; i < 10; i++) {
        for (int j = i + 1; j < 10; j++) {
          g.edge(10 * b + i, 10 * b + j, 5);
        }
      }
      int next = (b + 1) % 4;
      g.edge(10 * b, 10 * next, 1).edge(10 * b + 1, 10 * next + 1, 1);
    }
    return g;
  }

  private static String[] labels(int[] regions) {
    return Arrays.stream(regions).mapToObj(Integer::toString).toArray(String[]::new);
  }

  @Test
  void plantedPartitionIsRecoveredExactly() {
    Graph g = plantedBlocks();
    LeidenRegions.Result res = g.detect(LeidenRegions.Options.defaults());
    int[] planted = new int[40];
    Arrays.setAll(planted, i -> i / 10);
    assertEquals(4, res.regions());
    // equal sizes: numbered by smallest node, so the labels are the planted ones themselves
    assertArrayEquals(planted, res.regionOfNode());
    assertEquals(
        1.0, PartitionComparison.adjustedRandIndex(labels(planted), labels(res.regionOfNode())));
    // W = 4·45·5 + 8 = 908, each block w_c = 225, K_c = 454: Q = 4 (225/908 − (454/1816)²)
    assertEquals(4 * (225.0 / 908 - Math.pow(454.0 / 1816, 2)), res.quality(), 1e-12);
    assertEquals(g.modularity(res.regionOfNode(), 1.0), res.quality(), 1e-12);
  }

  @Test
  void gridQuadrantsAreRecoveredAndContiguous() {
    // 10×10 rook grid: weight 10 inside each 5×5 quadrant, 1 across. At γ = 1 keeping a quadrant
    // whole beats cutting it straight in two only narrowly (Q gain 0.0309 vs 0.0297), so γ = 0.5,
    // where the quadrants are the clear optimum, is checked too.
    Graph g = grid(10, 10, (r1, c1, r2, c2) -> r1 / 5 == r2 / 5 && c1 / 5 == c2 / 5 ? 10 : 1);
    int[] quadrants = new int[100];
    // quadrant order by smallest node: top-left (0), top-right (5), bottom-left (50), (55)
    Arrays.setAll(quadrants, i -> 2 * ((i / 10) / 5) + (i % 10) / 5);
    for (double gamma : new double[] {1.0, 0.5}) {
      LeidenRegions.Result res = g.detect(LeidenRegions.Options.defaults().withResolution(gamma));
      assertEquals(4, res.regions());
      assertArrayEquals(quadrants, res.regionOfNode());
      assertTrue(g.regionsConnected(res.regionOfNode()));
      assertEquals(g.modularity(res.regionOfNode(), gamma), res.quality(), 1e-12);
    }
    // W = 4·400 + 20 = 1620, each quadrant w_c = 400, K_c = 810: Q(γ = 1) = 4 (400/W − 1/16)
    assertEquals(
        4 * (400.0 / 1620 - 1.0 / 16), g.detect(LeidenRegions.Options.defaults()).quality(), 1e-12);
  }

  @Test
  void regionsOfRandomGridsAreConnected() {
    for (long seed = 1; seed <= 5; seed++) {
      SplittableRandom rng = new SplittableRandom(seed);
      Graph g = grid(12, 12, (r1, c1, r2, c2) -> 0.01 + rng.nextDouble());
      for (double gamma : new double[] {0.5, 1.0, 2.0}) {
        LeidenRegions.Result res =
            g.detect(LeidenRegions.Options.defaults().withResolution(gamma).withSeed(seed));
        assertTrue(res.regions() > 1 && res.regions() < 144, "regions " + res.regions());
        assertTrue(g.regionsConnected(res.regionOfNode()), "seed " + seed + ", γ " + gamma);
        assertEquals(g.modularity(res.regionOfNode(), gamma), res.quality(), 1e-12);
        assertCanonical(res);
      }
    }
  }

  /** Region numbers by size descending, ties by smallest node. */
  private static void assertCanonical(LeidenRegions.Result res) {
    int[] size = new int[res.regions()];
    int[] first = new int[res.regions()];
    Arrays.fill(first, -1);
    int[] region = res.regionOfNode();
    for (int i = 0; i < region.length; i++) {
      size[region[i]]++;
      if (first[region[i]] < 0) {
        first[region[i]] = i;
      }
    }
    for (int r = 1; r < res.regions(); r++) {
      assertTrue(
          size[r - 1] > size[r] || (size[r - 1] == size[r] && first[r - 1] < first[r]),
          "region " + r);
    }
  }

  @Test
  void sameInputAndSeedGiveTheSameResult() {
    SplittableRandom rng = new SplittableRandom(77);
    Graph g = grid(15, 15, (r1, c1, r2, c2) -> 0.01 + rng.nextDouble());
    LeidenRegions.Options options = LeidenRegions.Options.defaults().withSeed(99);
    LeidenRegions.Result first = g.detect(options);
    LeidenRegions.Result second = g.detect(options);
    assertNotSame(first.regionOfNode(), second.regionOfNode());
    assertEquals(first, second);
    assertArrayEquals(first.regionOfNode(), second.regionOfNode());
    assertEquals(first.quality(), second.quality());
  }

  @Test
  void isolatedNodesAreSingletonRegions() {
    // triangle 0-1-2 and triangle 3-4-5 tied by one light edge; nodes 6 and 7 have no edges
    Graph g =
        new Graph(8)
            .edge(0, 1, 1)
            .edge(1, 2, 1)
            .edge(0, 2, 1)
            .edge(3, 4, 1)
            .edge(4, 5, 1)
            .edge(3, 5, 1)
            .edge(2, 3, 0.1);
    LeidenRegions.Result res = g.detect(LeidenRegions.Options.defaults());
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2, 3}, res.regionOfNode());
    assertEquals(4, res.regions());
    assertEquals(g.modularity(res.regionOfNode(), 1.0), res.quality(), 1e-12);
    // no edges at all: every node its own region, modularity undefined
    LeidenRegions.Result none =
        LeidenRegions.detect(
            3, new int[0], new int[0], new double[0], LeidenRegions.Options.defaults());
    assertArrayEquals(new int[] {0, 1, 2}, none.regionOfNode());
    assertEquals(3, none.regions());
    assertTrue(Double.isNaN(none.quality()));
  }

  @Test
  void repeatedEdgesAreSummed() {
    Graph once = plantedBlocks();
    Graph split = new Graph(40);
    for (int e = 0; e < once.ends.size(); e++) {
      int[] ends = once.ends.get(e);
      double w = once.weights.get(e);
      split.edge(ends[0], ends[1], 0.25 * w).edge(ends[1], ends[0], 0.75 * w); // both directions
    }
    LeidenRegions.Options options = LeidenRegions.Options.defaults();
    LeidenRegions.Result a = once.detect(options);
    LeidenRegions.Result b = split.detect(options);
    assertArrayEquals(a.regionOfNode(), b.regionOfNode());
    assertEquals(a.quality(), b.quality(), 1e-12);
  }

  @Test
  void badInputIsRejected() {
    LeidenRegions.Options ok = LeidenRegions.Options.defaults();
    int[] one = {0};
    int[] two = {1};
    double[] w = {1};
    assertMessage("nNodes must be >= 1", () -> LeidenRegions.detect(0, one, two, w, ok));
    assertMessage("edgeFrom must not be null", () -> LeidenRegions.detect(2, null, two, w, ok));
    assertMessage("weight must not be null", () -> LeidenRegions.detect(2, one, two, null, ok));
    assertMessage("options must not be null", () -> LeidenRegions.detect(2, one, two, w, null));
    assertMessage(
        "edgeTo must have the same length as edgeFrom: 2 vs 1",
        () -> LeidenRegions.detect(2, one, new int[] {1, 0}, w, ok));
    assertMessage(
        "weight must have the same length as edgeFrom: 0 vs 1",
        () -> LeidenRegions.detect(2, one, two, new double[0], ok));
    assertMessage(
        "edgeTo[0] must be a node in 0..1, got 2",
        () -> LeidenRegions.detect(2, one, new int[] {2}, w, ok));
    assertMessage(
        "edgeFrom[0] must be a node in 0..1, got -1",
        () -> LeidenRegions.detect(2, new int[] {-1}, two, w, ok));
    assertMessage("no self-loops", () -> LeidenRegions.detect(2, one, one, w, ok));
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertMessage(
          "weight[0] must be finite and > 0",
          () -> LeidenRegions.detect(2, one, two, new double[] {bad}, ok));
    }
    double r = LeidenRegions.DEFAULT_RANDOMNESS;
    assertMessage(
        "resolution must be finite and > 0", () -> new LeidenRegions.Options(0, 10, 10, r, 1));
    assertMessage(
        "resolution must be finite and > 0",
        () -> new LeidenRegions.Options(Double.NaN, 10, 10, r, 1));
    assertMessage(
        "randomStarts must be in 1..1000, got 0", () -> new LeidenRegions.Options(1, 0, 10, r, 1));
    assertMessage(
        "randomStarts must be in 1..1000, got 1001",
        () -> new LeidenRegions.Options(1, 1001, 10, r, 1));
    assertMessage(
        "iterations must be >= 1, got 0", () -> new LeidenRegions.Options(1, 10, 0, r, 1));
    assertMessage(
        "randomness must be finite and > 0", () -> new LeidenRegions.Options(1, 10, 10, 0, 1));
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    LeidenRegions.Options d = LeidenRegions.Options.defaults();
    assertEquals(new LeidenRegions.Options(1.0, 10, 10, 0.01, 20240601L), d);
  }

  private static void assertMessage(String expected, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
