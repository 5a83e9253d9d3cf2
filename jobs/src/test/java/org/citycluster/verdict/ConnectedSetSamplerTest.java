package org.citycluster.verdict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConnectedSetSamplerTest {

  /** A rows × cols grid with rook edges. */
  static ConnectedSetSampler grid(int rows, int cols) {
    List<int[]> edges = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int i = r * cols + c;
        if (c + 1 < cols) {
          edges.add(new int[] {i, i + 1});
        }
        if (r + 1 < rows) {
          edges.add(new int[] {i, i + cols});
        }
      }
    }
    return new ConnectedSetSampler(
        rows * cols,
        edges.stream().mapToInt(e -> e[0]).toArray(),
        edges.stream().mapToInt(e -> e[1]).toArray());
  }

  static boolean connected(ConnectedSetSampler g, int[] set) {
    Set<Integer> in = new HashSet<>();
    for (int v : set) {
      in.add(v);
    }
    Set<Integer> seen = new HashSet<>(List.of(set[0]));
    List<Integer> queue = new ArrayList<>(List.of(set[0]));
    while (!queue.isEmpty()) {
      int v = queue.remove(queue.size() - 1);
      for (int u : g.neighbours(v)) {
        if (in.contains(u) && seen.add(u)) {
          queue.add(u);
        }
      }
    }
    return seen.size() == in.size();
  }

  @Test
  void setsAreConnectedDistinctAndOfTheRightSize() {
    ConnectedSetSampler g = grid(8, 8);
    SplittableRandom rng = new SplittableRandom(1);
    for (int t = 0; t < 500; t++) {
      int size = 1 + rng.nextInt(30);
      int[] set = g.grow(rng.nextInt(64), size, rng);
      assertEquals(size, set.length);
      assertEquals(size, java.util.Arrays.stream(set).distinct().count());
      assertTrue(connected(g, set));
    }
  }

  @Test
  void sameRandomStreamSameSet() {
    ConnectedSetSampler a = grid(6, 6);
    ConnectedSetSampler b = grid(6, 6);
    a.grow(3, 10, new SplittableRandom(5)); // marks left over must not matter
    assertArrayEquals(
        a.grow(14, 12, new SplittableRandom(99)), b.grow(14, 12, new SplittableRandom(99)));
  }

  @Test
  void frontierNodesAreChosenUniformlyAndDuplicateEdgesIgnored() {
    // 1 and 2 hang off 0; the edge 0-1 is given three times
    ConnectedSetSampler g =
        new ConnectedSetSampler(3, new int[] {0, 1, 0, 0}, new int[] {1, 0, 1, 2});
    SplittableRandom rng = new SplittableRandom(3);
    int ones = 0;
    int draws = 20_000;
    for (int t = 0; t < draws; t++) {
      if (g.grow(0, 2, rng)[1] == 1) {
        ones++;
      }
    }
    assertEquals(0.5, ones / (double) draws, 0.015);
    assertArrayEquals(new int[] {0}, g.neighbours(1));
    assertArrayEquals(new int[] {1, 2}, g.neighbours(0));
  }

  @Test
  void smallComponentsCannotHoldTheSet() {
    // components {0, 1, 2} and {3, 4}
    ConnectedSetSampler g = new ConnectedSetSampler(5, new int[] {0, 1, 3}, new int[] {1, 2, 4});
    assertArrayEquals(new int[] {3, 3, 3, 2, 2}, g.componentSizes());
    assertNull(g.grow(3, 3, new SplittableRandom(1)));
    assertEquals(3, g.grow(2, 3, new SplittableRandom(1)).length);
    assertThrows(IllegalArgumentException.class, () -> g.grow(5, 1, new SplittableRandom(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ConnectedSetSampler(2, new int[] {0}, new int[] {2}));
  }
}
