package org.citycluster.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InterlockingNetworkTest {

  // METRICS.md example: rows = cities A, B, C; columns = firms
  private static final double[][] V = {{5, 3, 0}, {2, 2, 1}, {0, 4, 3}};

  @Test
  void denseMatchesMetricsExample() {
    double[][] r = InterlockingNetwork.links(V);
    assertEquals(16, r[0][1], 1e-12);
    assertEquals(12, r[0][2], 1e-12);
    assertEquals(11, r[1][2], 1e-12);
    assertEquals(16, r[1][0], 1e-12);
    assertEquals(0, r[0][0], 1e-12);
    assertArrayEquals(new double[] {28, 27, 23}, InterlockingNetwork.nodalConnectivity(r), 1e-12);
  }

  @Test
  void sparseMatchesMetricsExample() {
    // per firm: the cities it serves with their values (zeros omitted)
    int[][] cities = {{0, 1}, {0, 1, 2}, {1, 2}};
    double[][] values = {{5, 2}, {3, 2, 4}, {1, 3}};
    double[][] sparse = InterlockingNetwork.links(3, cities, values);
    assertEquals(16, sparse[0][1], 1e-12);
    assertEquals(12, sparse[2][0], 1e-12);
    assertEquals(11, sparse[1][2], 1e-12);
    assertArrayEquals(
        new double[] {28, 27, 23}, InterlockingNetwork.nodalConnectivity(sparse), 1e-12);
  }

  @Test
  void denseAndSparseAgreeOnRandomData() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 9;
    int firms = 40;
    double[][] v = new double[n][firms];
    InterlockingNetwork.Accumulator acc = new InterlockingNetwork.Accumulator(n);
    for (int j = 0; j < firms; j++) {
      int m = 1 + rng.nextInt(5);
      int[] c = new int[m];
      double[] val = new double[m];
      for (int k = 0; k < m; k++) {
        c[k] = rng.nextInt(n); // may repeat: values of a repeated city add up
        val[k] = rng.nextInt(6);
        v[c[k]][j] += val[k];
      }
      acc.addFirm(c, val);
    }
    double[][] dense = InterlockingNetwork.links(v);
    double[][] sparse = acc.links();
    for (int a = 0; a < n; a++) {
      assertArrayEquals(dense[a], sparse[a], 1e-9);
    }
  }

  @Test
  void badInputIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> InterlockingNetwork.links(3, new int[][] {{0, 3}}, new double[][] {{1, 1}}));
    assertTrue(e.getMessage().contains("cities[1]"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> InterlockingNetwork.links(new double[][] {{1, -1}, {1, 1}}));
    assertTrue(e.getMessage().contains("serviceValues[0][1]"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> InterlockingNetwork.links(new double[][] {{1, 1}}));
    assertTrue(e.getMessage().contains("n >= 2"), e.getMessage());
  }
}
