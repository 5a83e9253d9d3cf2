package org.citycluster.balance;

/** Argument validation of the balance measures; every failure names the argument. */
final class Args {

  private Args() {}

  /** Returns the length of {@code v} after checking it is non-null and has at least min entries. */
  static int vector(String name, double[] v, int min) {
    if (v == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (v.length < min) {
      throw new IllegalArgumentException(
          name + " must have at least " + min + " units (n >= " + min + "), got n = " + v.length);
    }
    return v.length;
  }

  static void sameLength(String name, int length, int n) {
    if (length != n) {
      throw new IllegalArgumentException(name + " must have length " + n + ", got " + length);
    }
  }

  /** Every entry finite and strictly positive. */
  static void allPositive(String name, double[] v) {
    for (int i = 0; i < v.length; i++) {
      positive(name + "[" + i + "]", v[i]);
    }
  }

  /** Every entry finite. */
  static void allFinite(String name, double[] v) {
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] must be finite, got " + v[i]);
      }
    }
  }

  static double positive(String name, double x) {
    if (!Double.isFinite(x) || x <= 0) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + x);
    }
    return x;
  }
}
