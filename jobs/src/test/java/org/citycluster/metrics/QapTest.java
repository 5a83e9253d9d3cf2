package org.citycluster.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QapTest {

  // METRICS.md: A = path 1–2–3–4, F = linkage
  private static final double[][] PATH = {{0, 1, 0, 0}, {1, 0, 1, 0}, {0, 1, 0, 1}, {0, 0, 1, 0}};
  private static final double[][] F = {{0, 9, 2, 1}, {8, 0, 7, 1}, {3, 6, 0, 5}, {1, 2, 6, 0}};

  private static double[][] random(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          m[i][j] = rng.nextDouble();
        }
      }
    }
    return m;
  }

  @Test
  void metricsExampleExact() {
    assertEquals(0.92179, Qap.correlation(PATH, F), 5e-6);
    Qap.Result res = Qap.test(PATH, F, 999, 42);
    assertEquals(0.92179, res.r(), 5e-6);
    assertTrue(res.exact());
    assertEquals(24, res.permutations());
    // the identity and the path reversal (an automorphism of A) both reach r_obs
    assertEquals(2, res.countAtLeast());
    assertEquals(2.0 / 24.0, res.p(), 1e-12);
    assertEquals(0.0833, res.p(), 5e-5);
    // Mantel Z = F12 + F21 + F23 + F32 + F34 + F43 = 9 + 8 + 7 + 6 + 5 + 6
    assertEquals(41, res.mantel(), 1e-12);
    assertEquals(42, res.seed());
  }

  @Test
  void identicalMatricesOnEightUnitsGiveSmallestPossibleP() {
    double[][] a = random(8, 1); // continuous weights: no non-trivial automorphism
    int perms = 499;
    Qap.Result res = Qap.test(a, a, perms, 2024);
    assertEquals(1.0, res.r(), 1e-12);
    assertFalse(res.exact());
    assertEquals(perms, res.permutations());
    assertEquals(0, res.countAtLeast());
    assertEquals(1.0 / (perms + 1), res.p(), 1e-15);
  }

  @Test
  void independentMatricesAreNotSignificant() {
    double[][] a = random(10, 5);
    double[][] f = random(10, 6);
    Qap.Result res = Qap.test(a, f, 999, 7);
    assertTrue(Math.abs(res.r()) < 0.3, "r = " + res.r());
    assertTrue(res.p() > 0.05, "p = " + res.p());
    assertTrue(res.p() <= 1.0);
  }

  @Test
  void permutationCountsMatchTheDirectCorrelationOfEachPermutation() {
    // sparse 0/1 adjacency (a ring plus chords) and a dense weighted A, against random F with
    // some signal; the reference recomputes r(A, F_ππ) from scratch for each permutation
    int n = 12;
    double[][] ring = new double[n][n];
    for (int i = 0; i < n; i++) {
      ring[i][(i + 1) % n] = ring[(i + 1) % n][i] = 1;
    }
    ring[0][6] = ring[6][0] = 1;
    ring[3][9] = ring[9][3] = 1;
    for (double[][] a : new double[][][] {ring, random(n, 21)}) {
      double[][] f = random(n, 22);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          f[i][j] += 0.2 * a[i][j];
        }
      }
      Qap.Result res = Qap.test(a, f, 400, 99);
      double observed = Qap.correlation(a, f);
      SplittableRandom rng = new SplittableRandom(99);
      int[] pi = Permutations.identity(n);
      long count = 0;
      for (int k = 0; k < 400; k++) {
        Permutations.shuffle(pi, rng);
        double[][] fp = new double[n][n];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            fp[i][j] = f[pi[i]][pi[j]];
          }
        }
        if (Qap.correlation(a, fp) >= observed - 1e-12) {
          count++;
        }
      }
      assertEquals(count, res.countAtLeast());
      assertTrue(count > 0 && count < 400, "count " + count);
    }
  }

  @Test
  void sameSeedSameResult() {
    double[][] a = random(9, 8);
    double[][] f = random(9, 9);
    for (int i = 0; i < 9; i++) {
      for (int j = 0; j < 9; j++) {
        f[i][j] += 0.3 * a[i][j]; // some signal, so p is neither 1/(B+1) nor ~1
      }
    }
    Qap.Result first = Qap.test(a, f, 299, 123);
    Qap.Result second = Qap.test(a, f, 299, 123);
    assertEquals(first, second);
    assertEquals(123, first.seed());
  }

  @Test
  void constantMatrixGivesNaN() {
    double[][] ones = {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
    double[][] f = {{0, 1, 2}, {3, 0, 4}, {5, 6, 0}};
    assertTrue(Double.isNaN(Qap.correlation(ones, f)));
    Qap.Result res = Qap.test(ones, f, 99, 1);
    assertTrue(Double.isNaN(res.r()));
    assertTrue(Double.isNaN(res.p()));
    assertEquals(0, res.permutations());
    assertEquals(21, res.mantel(), 1e-12);
  }

  @Test
  void badInputIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Qap.test(PATH, new double[3][3], 9, 1));
    assertTrue(e.getMessage().contains("same size"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Qap.correlation(new double[][] {{0, 1}, {1}}, new double[2][2]));
    assertTrue(e.getMessage().contains("a must be square"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Qap.test(PATH, F, 0, 1));
    assertTrue(e.getMessage().contains("permutations"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Qap.mantel(new double[1][1], new double[1][1]));
    assertTrue(e.getMessage().contains("n >= 2"), e.getMessage());
  }
}
