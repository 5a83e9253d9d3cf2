package org.citycluster.linkage;

/**
 * An unordered pair of distinct units, stored with {@code a < b} (String order, which for 6-digit
 * adcodes is numeric order). Use {@link #of} to build one from either order.
 */
public record UnitPair(String a, String b) implements Comparable<UnitPair> {

  public UnitPair {
    if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
      throw new IllegalArgumentException("unit pair needs two non-empty adcodes: " + a + ", " + b);
    }
    if (a.compareTo(b) >= 0) {
      throw new IllegalArgumentException(
          "unit pair must have a < b (use UnitPair.of): " + a + ", " + b);
    }
  }

  /** The pair {x, y} in canonical order; x and y must differ. */
  public static UnitPair of(String x, String y) {
    return x != null && y != null && x.compareTo(y) > 0 ? new UnitPair(y, x) : new UnitPair(x, y);
  }

  @Override
  public int compareTo(UnitPair o) {
    int c = a.compareTo(o.a);
    return c != 0 ? c : b.compareTo(o.b);
  }
}
