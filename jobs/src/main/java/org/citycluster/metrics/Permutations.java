package org.citycluster.metrics;

import java.util.SplittableRandom;

/** Permutation helpers shared by {@link Qap} and {@link SpatialAutocorrelation}. */
final class Permutations {

  private Permutations() {}

  /** n! as a long (n ≤ 20). */
  static long factorial(int n) {
    long f = 1;
    for (int k = 2; k <= n; k++) {
      f *= k;
    }
    return f;
  }

  /** Identity permutation 0..n−1. */
  static int[] identity(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    return p;
  }

  /**
   * Advances {@code p} to the next permutation in lexicographic order; returns false (leaving
   * {@code p} unchanged) when {@code p} was the last one.
   */
  static boolean next(int[] p) {
    int i = p.length - 2;
    while (i >= 0 && p[i] >= p[i + 1]) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    int j = p.length - 1;
    while (p[j] <= p[i]) {
      j--;
    }
    swap(p, i, j);
    for (int a = i + 1, b = p.length - 1; a < b; a++, b--) {
      swap(p, a, b);
    }
    return true;
  }

  /** Uniform random shuffle of {@code p} in place (Fisher–Yates). */
  static void shuffle(int[] p, SplittableRandom rng) {
    for (int i = p.length - 1; i > 0; i--) {
      swap(p, i, rng.nextInt(i + 1));
    }
  }

  static void swap(int[] p, int i, int j) {
    int t = p[i];
    p[i] = p[j];
    p[j] = t;
  }

  /** Tie tolerance for "statistic reaches the observed value" comparisons. */
  static double tolerance(double observed) {
    return 1e-10 * Math.max(1.0, Math.abs(observed));
  }
}
