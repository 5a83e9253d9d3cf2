package org.citycluster.metrics;

/** Argument validation shared by the metric classes; every failure names the argument. */
final class Checks {

  private Checks() {}

  /** Returns n after checking that {@code m} is a non-null, non-ragged n×n matrix. */
  static int square(String name, double[][] m) {
    if (m == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    int n = m.length;
    for (int i = 0; i < n; i++) {
      if (m[i] == null || m[i].length != n) {
        throw new IllegalArgumentException(
            name
                + " must be square: row "
                + i
                + " has "
                + (m[i] == null ? 0 : m[i].length)
                + " entries, expected "
                + n);
      }
    }
    return n;
  }

  /** Square, at least {@code min} units, all entries finite and non-negative. */
  static int squareNonNegative(String name, double[][] m, int min) {
    int n = square(name, m);
    atLeast(name, n, min);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        nonNegative(name + "[" + i + "][" + j + "]", m[i][j]);
      }
    }
    return n;
  }

  /** Square, at least {@code min} units, all entries finite. */
  static int squareFinite(String name, double[][] m, int min) {
    int n = square(name, m);
    atLeast(name, n, min);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        finite(name + "[" + i + "][" + j + "]", m[i][j]);
      }
    }
    return n;
  }

  static void atLeast(String name, int n, int min) {
    if (n < min) {
      throw new IllegalArgumentException(
          name + " must have at least " + min + " units (n >= " + min + "), got n = " + n);
    }
  }

  static double[] vector(String name, double[] v) {
    if (v == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return v;
  }

  static void sameLength(String name, double[] v, int n) {
    vector(name, v);
    if (v.length != n) {
      throw new IllegalArgumentException(name + " must have length " + n + ", got " + v.length);
    }
  }

  static double finite(String name, double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException(name + " must be finite, got " + x);
    }
    return x;
  }

  static double nonNegative(String name, double x) {
    finite(name, x);
    if (x < 0) {
      throw new IllegalArgumentException(name + " must be non-negative, got " + x);
    }
    return x;
  }

  static double positive(String name, double x) {
    finite(name, x);
    if (x <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + x);
    }
    return x;
  }

  static void allNonNegative(String name, double[] v) {
    vector(name, v);
    for (int i = 0; i < v.length; i++) {
      nonNegative(name + "[" + i + "]", v[i]);
    }
  }

  static void allPositive(String name, double[] v) {
    vector(name, v);
    for (int i = 0; i < v.length; i++) {
      positive(name + "[" + i + "]", v[i]);
    }
  }

  static void zeroDiagonal(String name, double[][] m) {
    for (int i = 0; i < m.length; i++) {
      if (m[i][i] != 0) {
        throw new IllegalArgumentException(
            name
                + " must have a zero diagonal, got "
                + name
                + "["
                + i
                + "]["
                + i
                + "] = "
                + m[i][i]);
      }
    }
  }

  static void permutations(String name, int permutations) {
    if (permutations < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + permutations);
    }
  }
}
