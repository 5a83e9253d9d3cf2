package org.citycluster.adjacency;

/**
 * One touching pair of units, with {@code idA.compareTo(idB) < 0}. {@code sharedBorderKm} is the
 * geodesic (WGS84) length of the common border in km for {@link ContiguityRelation#ROOK} pairs, and
 * 0 for {@link ContiguityRelation#QUEEN} (point-only) pairs.
 */
public record ContiguityPair(
    String idA, String idB, ContiguityRelation relation, double sharedBorderKm) {

  /** Checks the id order and a non-negative length. */
  public ContiguityPair {
    if (idA.compareTo(idB) >= 0) {
      throw new IllegalArgumentException("ids not in order: " + idA + ", " + idB);
    }
    if (!(sharedBorderKm >= 0)) {
      throw new IllegalArgumentException("negative or NaN border length " + sharedBorderKm);
    }
  }

  /** {@code true} for rook pairs. */
  public boolean isRook() {
    return relation == ContiguityRelation.ROOK;
  }

  /** Builds a pair from two ids in either order. */
  static ContiguityPair of(String a, String b, ContiguityRelation relation, double km) {
    return a.compareTo(b) < 0
        ? new ContiguityPair(a, b, relation, km)
        : new ContiguityPair(b, a, relation, km);
  }
}
