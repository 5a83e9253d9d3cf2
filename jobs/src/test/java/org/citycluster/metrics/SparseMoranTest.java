package org.citycluster.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sparse kernels against the dense {@link SpatialAutocorrelation} on CSR inputs. */
class SparseMoranTest {

  /** A random asymmetric non-negative matrix with zero diagonal, about a third non-zero. */
  private static double[][] randomWeights(int n, long seed) {
    Random r = new Random(seed);
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j && r.nextDouble() < 0.3) {
          w[i][j] = r.nextDouble();
        }
      }
    }
    return w;
  }

  private static double[] deviations(double[] x) {
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double[] z = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      z[i] = x[i] - mean;
    }
    return z;
  }

  @Test
  void globalFromSparseRowsEqualsDense() {
    int n = 30;
    double[][] w = randomWeights(n, 5);
    double[] x = new Random(9).doubles(n).toArray();
    SpatialAutocorrelation.GlobalMoran dense = SpatialAutocorrelation.globalMoran(x, w);
    SpatialAutocorrelation.GlobalMoran sparse =
        SparseMoran.global(deviations(x), SparseMoran.Weights.of(w));
    assertEquals(dense.i(), sparse.i(), 1e-12);
    assertEquals(dense.s0(), sparse.s0(), 1e-12);
    assertEquals(dense.s1(), sparse.s1(), 1e-12 * dense.s1());
    assertEquals(dense.s2(), sparse.s2(), 1e-12 * dense.s2());
    assertEquals(dense.varianceNormal(), sparse.varianceNormal(), 1e-12);
    assertEquals(dense.zNormal(), sparse.zNormal(), 1e-10);
  }

  @Test
  void rowStandardisedFromNeighbourListsEqualsDense() {
    // the path 0-1-2-3 of METRICS.md
    int[][] nb = {{1}, {2, 0}, {1, 3}, {2}};
    SparseMoran.Weights w = SparseMoran.Weights.rowStandardised(nb);
    assertArrayEquals(new int[] {0, 1, 3, 5, 6}, w.rowStart());
    assertArrayEquals(new int[] {1, 0, 2, 1, 3, 2}, w.columns());
    double[] z = deviations(new double[] {1, 2, 3, 4});
    assertEquals(0.4, SparseMoran.global(z, w).i(), 1e-12);
  }

  @Test
  void exactTestEqualsDense() {
    double[][] path = {{0, 1, 0, 0}, {1, 0, 1, 0}, {0, 1, 0, 1}, {0, 0, 1, 0}};
    double[] x = {1, 2, 3, 4};
    SpatialAutocorrelation.PermutationTest t =
        SparseMoran.permutationTest(deviations(x), SparseMoran.Weights.of(path), 999, 1);
    SpatialAutocorrelation.PermutationTest dense =
        SpatialAutocorrelation.permutationTest(x, path, 999, 1);
    assertEquals(dense.countAtLeast(), t.countAtLeast());
    assertEquals(dense.permutations(), t.permutations());
    assertEquals(dense.i(), t.i(), 1e-12);
    assertTrue(t.exact());
    assertEquals(2.0 / 24, t.p(), 1e-15);
  }

  @Test
  void blocksAddUpInAnyOrderAndDifferBySeed() {
    int n = 25;
    double[][] w = randomWeights(n, 3);
    double[] z = deviations(new Random(4).doubles(n).toArray());
    SparseMoran.Weights sw = SparseMoran.Weights.of(w);
    int permutations = 999;
    assertEquals(20, SparseMoran.blocks(permutations));
    long count = 0;
    long total = 0;
    for (int b = SparseMoran.blocks(permutations) - 1; b >= 0; b--) {
      long[] c = SparseMoran.blockCount(z, sw, permutations, 11, b);
      assertEquals(b == 19 ? 49 : 50, c[1], "block " + b);
      count += c[0];
      total += c[1];
    }
    SpatialAutocorrelation.PermutationTest t = SparseMoran.permutationTest(z, sw, permutations, 11);
    assertFalse(t.exact());
    assertEquals(999, t.permutations());
    assertEquals(count, t.countAtLeast());
    assertEquals(total, t.permutations());
    // a random pattern: the permutation p is close to the dense test's with its own seeding
    double dense =
        SpatialAutocorrelation.permutationTest(
                z, w, 999, 11) // z has mean 0, so it is its own deviation vector
            .p();
    assertEquals(dense, t.p(), 0.06);
    assertFalse(
        java.util.Arrays.equals(
                SparseMoran.blockCount(z, sw, permutations, 11, 0),
                SparseMoran.blockCount(z, sw, permutations, 11, 1))
            && java.util.Arrays.equals(
                SparseMoran.blockCount(z, sw, permutations, 11, 1),
                SparseMoran.blockCount(z, sw, permutations, 11, 2)),
        "blocks draw different permutations");
  }

  @Test
  void localPermutationDrawsUniformlyFromTheOtherUnits() {
    double[] z = {-3, -1, 1, 3};
    double m2 = SparseMoran.zz(z) / 4;
    // unit 0 with one neighbour (unit 1): sims over the draws j = 1, 2, 3 are 3, −3, −9 (× 1/m2);
    // c≥ = draws of j = 1 (1/3 of them), c≤ = all, so p ≈ (B/3 + 1)/(B + 1)
    double observed = SparseMoran.localI(z[0], z[1], m2);
    int b = 30_000;
    double p = SparseMoran.localP(z, 0, new double[] {1}, m2, observed, b, 42);
    assertEquals(1 / 3.0, p, 0.01);
    // unit 3 with two neighbours (weights ½): pairs from {0, 1, 2}: lags −2, −1, 0; observed lag 0
    // (neighbours 1 and 2) is the largest, z_3 > 0, so c≥ = 1/3 of the draws
    double obs3 = SparseMoran.localI(z[3], 0.5 * z[1] + 0.5 * z[2], m2);
    double p3 = SparseMoran.localP(z, 3, new double[] {0.5, 0.5}, m2, obs3, b, 43);
    assertEquals(1 / 3.0, p3, 0.01);
    assertEquals(p3, SparseMoran.localP(z, 3, new double[] {0.5, 0.5}, m2, obs3, b, 43));
  }

  @Test
  void localPOnALongPathFlagsTheEnds() {
    int n = 40;
    double[] z = new double[n];
    int[][] nb = new int[n][];
    for (int i = 0; i < n; i++) {
      z[i] = i - (n - 1) / 2.0;
      nb[i] = i == 0 ? new int[] {1} : i == n - 1 ? new int[] {n - 2} : new int[] {i - 1, i + 1};
    }
    SparseMoran.Weights w = SparseMoran.Weights.rowStandardised(nb);
    double m2 = SparseMoran.zz(z) / n;
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      double lag = 0;
      double[] weights = new double[nb[i].length];
      for (int k = w.rowStart()[i]; k < w.rowStart()[i + 1]; k++) {
        lag += w.values()[k] * z[w.columns()[k]];
        weights[k - w.rowStart()[i]] = w.values()[k];
      }
      p[i] =
          SparseMoran.localP(
              z,
              i,
              weights,
              m2,
              SparseMoran.localI(z[i], lag, m2),
              999,
              SparseMoran.unitSeed(7, "u" + i));
    }
    assertTrue(p[0] < 0.06, "p0 = " + p[0]);
    assertTrue(p[1] < 0.01, "p1 = " + p[1]);
    assertTrue(p[20] > 0.2, "p20 = " + p[20]);
  }

  @Test
  void scopeMoranDropsUnitsWithoutValueOrNeighbourAndMatchesTheKernels() {
    Map<String, List<String>> rook =
        Map.of(
            "a", List.of("b", "c"),
            "b", List.of("a", "d"),
            "c", List.of("a", "d"),
            "d", List.of("b", "c", "x"),
            "e", List.of("x"),
            "f", List.of(),
            "x", List.of("d", "e"));
    Map<String, Double> values =
        Map.of("a", 1.0, "b", 2.0, "c", 3.0, "d", 4.0, "e", 5.0, "f", Double.NaN);
    ScopeMoran m = ScopeMoran.of(Set.of("a", "b", "c", "d", "e", "f"), values, rook, 99, 7);
    assertEquals(List.of("a", "b", "c", "d"), m.kept());
    assertEquals(Map.of("e", ScopeMoran.NO_NEIGHBOUR, "f", ScopeMoran.NO_VALUE), m.dropped());
    double[][] w = {{0, 1, 1, 0}, {1, 0, 0, 1}, {1, 0, 0, 1}, {0, 1, 1, 0}};
    w = SpatialAutocorrelation.rowStandardise(w);
    double[] x = {1, 2, 3, 4};
    assertEquals(SpatialAutocorrelation.moransI(x, w), m.global().i(), 1e-12);
    assertTrue(m.test().exact());
    assertEquals(SpatialAutocorrelation.permutationTest(x, w, 99, 7).p(), m.test().p(), 1e-15);
    double[] local = SpatialAutocorrelation.localMoran(x, w);
    assertEquals(local[0], m.local().get("a")[0], 1e-12);
    assertEquals(local[3], m.local().get("d")[0], 1e-12);
  }

  @Test
  void badInputIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SparseMoran.Weights(new int[] {0, 1, 1}, new int[] {0}, new double[] {1}));
    assertTrue(e.getMessage().contains("row 0"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SparseMoran.Weights(
                    new int[] {0, 1, 2}, new int[] {1, 0}, new double[] {-1, 1}));
    assertTrue(e.getMessage().contains("w[0][1]"), e.getMessage());
    SparseMoran.Weights ok =
        new SparseMoran.Weights(new int[] {0, 1, 2}, new int[] {1, 0}, new double[] {1, 1});
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SparseMoran.blockCount(new double[] {1, -1}, ok, 100, 1, 2));
    assertTrue(e.getMessage().contains("block"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SparseMoran.global(new double[] {1, Double.NaN}, ok));
    assertTrue(e.getMessage().contains("z[1]"), e.getMessage());
  }
}
