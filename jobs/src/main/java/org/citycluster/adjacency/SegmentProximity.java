package org.citycluster.adjacency;

/**
 * Which part of a segment S runs alongside another segment T, in plane (degree) coordinates: the
 * points of S whose perpendicular foot falls on T and whose distance to T's line is at most r (S
 * clipped to the rectangle of half-width r around T). Unlike the full r-neighbourhood of T (a
 * capsule), the rectangle does not add r of spurious length at each end of a partial overlap. The
 * part is one parameter interval [u0, u1] ⊂ [0, 1] along S (u = 0 at S's start). Coordinates are
 * shifted to S's start before squaring, so 1e-6 radii on 100° coordinates keep their precision. A
 * zero-length T yields nothing.
 */
final class SegmentProximity {

  private SegmentProximity() {}

  /**
   * The interval {u0, u1} of S = (sx0,sy0)-(sx1,sy1) alongside T = (tx0,ty0)-(tx1,ty1) within
   * distance r, or {@code null} if there is none.
   */
  static double[] alongside(
      double sx0,
      double sy0,
      double sx1,
      double sy1,
      double tx0,
      double ty0,
      double tx1,
      double ty1,
      double r) {
    double[] strip = lineStrip(sx1 - sx0, sy1 - sy0, tx0 - sx0, ty0 - sy0, tx1 - sx0, ty1 - sy0, r);
    if (strip == null) {
      return null;
    }
    double lo = Math.max(strip[0], 0);
    double hi = Math.min(strip[1], 1);
    return lo <= hi ? new double[] {lo, hi} : null;
  }

  /** Parameters u where u·d projects inside segment a-b and lies within r of its line. */
  private static double[] lineStrip(
      double dx, double dy, double ax, double ay, double bx, double by, double r) {
    double ex = bx - ax;
    double ey = by - ay;
    double len2 = ex * ex + ey * ey;
    if (len2 == 0) {
      return null;
    }
    double len = Math.sqrt(len2);
    // along-T parameter w(u) = ((u d − a)·e)/|e|², must lie in [0, 1]
    double[] along = linearBetween((-ax * ex - ay * ey) / len2, (dx * ex + dy * ey) / len2, 0, 1);
    if (along == null) {
      return null;
    }
    // signed distance to T's line h(u) = cross(e, u d − a)/|e|, must lie in [−r, r]
    double[] across = linearBetween((ex * -ay - ey * -ax) / len, (ex * dy - ey * dx) / len, -r, r);
    if (across == null) {
      return null;
    }
    double lo = Math.max(along[0], across[0]);
    double hi = Math.min(along[1], across[1]);
    return lo <= hi ? new double[] {lo, hi} : null;
  }

  /** Parameters u with min ≤ f0 + u·f1 ≤ max. */
  private static double[] linearBetween(double f0, double f1, double min, double max) {
    if (f1 == 0) {
      return f0 >= min && f0 <= max
          ? new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}
          : null;
    }
    double u1 = (min - f0) / f1;
    double u2 = (max - f0) / f1;
    return new double[] {Math.min(u1, u2), Math.max(u1, u2)};
  }
}
