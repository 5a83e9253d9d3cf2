package org.citycluster.adjacency;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.citycluster.geo.GeodesicMeasures;
import org.locationtech.jts.algorithm.Distance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * One unit's part of {@link ContiguityBuilder}'s algorithm, for engines that distribute it (the
 * Spark job hashes segments and vertices across executors instead of in one map):
 *
 * <ul>
 *   <li>{@link #segments}: the unit's boundary segments with their snapped endpoints (grid of the
 *       tolerance, {@code round(x / tol)}) and their geodesic length in km (WGS84, from the
 *       unsnapped coordinates); segments collapsing under snapping are dropped and a segment
 *       repeated within the unit is listed once (first occurrence), as in the engine;
 *   <li>{@link #vertices}: the unit's distinct snapped ring vertices;
 *   <li>{@link #contact}: the engine's fallback test of one unmatched segment S against one
 *       unmatched segment T of another unit (touch within the tolerance, and the parameter interval
 *       of S running alongside T), with {@link #mergedLength} and {@link #fallbackIsRook} to finish
 *       the per-pair totals.
 * </ul>
 *
 * <p>Grouping segments by {@link Segment#key()} across units, summing the km of keys owned by two
 * units, OR-ing vertex ownership, and, for unmatched segments, summing per directed pair {@code
 * mergedLength(intervals of S alongside B) × length(S)}, reproduces {@link ContiguityBuilder#build}
 * (the rules are the same; {@code AdjacencyJobTest} checks the two agree on the real layer). The
 * only difference: a matched segment's length is taken from whichever owner the caller chooses (the
 * engine takes the first unit in input order); the two sides differ by less than the tolerance.
 */
public final class BoundarySegments {

  private BoundarySegments() {}

  /**
   * A boundary segment of one unit: snapped endpoints in ring order ({@code s0x, s0y}) → ({@code
   * s1x, s1y}), unsnapped lon/lat coordinates, and geodesic length in km.
   */
  public record Segment(
      long s0x, long s0y, long s1x, long s1y, double x0, double y0, double x1, double y1, double km)
      implements Serializable {

    /** The unordered snapped endpoints as {ax, ay, bx, by} with (ax, ay) ≤ (bx, by). */
    public long[] key() {
      return s0x < s1x || (s0x == s1x && s0y <= s1y)
          ? new long[] {s0x, s0y, s1x, s1y}
          : new long[] {s1x, s1y, s0x, s0y};
    }

    /** Plane length in degrees. */
    public double lengthDeg() {
      return Math.hypot(x1 - x0, y1 - y0);
    }

    Coordinate start() {
      return new Coordinate(x0, y0);
    }

    Coordinate end() {
      return new Coordinate(x1, y1);
    }
  }

  /**
   * The outcome of {@link #contact}: the segments touch; {@code alongside} is the interval [u0, u1]
   * of S (0 at its start) running alongside T, or null if S only touches T.
   */
  public record Contact(double[] alongside) {}

  /** Distinct boundary segments of a polygonal geometry (lon/lat degrees), in ring order. */
  public static List<Segment> segments(Geometry polygonal, double toleranceDeg) {
    Map<List<Long>, Segment> distinct = new LinkedHashMap<>();
    for (Coordinate[] ring : rings(polygonal)) {
      int n = ring.length;
      if (n > 1 && ring[0].equals2D(ring[n - 1])) {
        n--;
      }
      for (int k = 0; k < n; k++) {
        Coordinate p = ring[k];
        Coordinate q = ring[(k + 1) % n];
        long px = snap(p.x, toleranceDeg);
        long py = snap(p.y, toleranceDeg);
        long qx = snap(q.x, toleranceDeg);
        long qy = snap(q.y, toleranceDeg);
        if (px == qx && py == qy) {
          continue;
        }
        Segment s =
            new Segment(
                px,
                py,
                qx,
                qy,
                p.x,
                p.y,
                q.x,
                q.y,
                GeodesicMeasures.distanceKm(p.x, p.y, q.x, q.y));
        long[] key = s.key();
        distinct.putIfAbsent(List.of(key[0], key[1], key[2], key[3]), s);
      }
    }
    return new ArrayList<>(distinct.values());
  }

  /** Distinct snapped ring vertices {x, y} of a polygonal geometry. */
  public static List<long[]> vertices(Geometry polygonal, double toleranceDeg) {
    Set<List<Long>> seen = new LinkedHashSet<>();
    List<long[]> out = new ArrayList<>();
    for (Coordinate[] ring : rings(polygonal)) {
      for (Coordinate c : ring) {
        long x = snap(c.x, toleranceDeg);
        long y = snap(c.y, toleranceDeg);
        if (seen.add(List.of(x, y))) {
          out.add(new long[] {x, y});
        }
      }
    }
    return out;
  }

  /**
   * The engine's fallback test of unmatched segment S (of unit A) against unmatched segment T (of
   * another unit B): null if they do not touch (plane distance in degrees above the tolerance) or
   * only meet at a shared snapped endpoint and diverge; otherwise a {@link Contact}, with the part
   * of S alongside T when the two are nearly parallel ({@value
   * ContiguityBuilder#MAX_ALONGSIDE_ANGLE_DEG}°) and the part is not empty.
   */
  public static Contact contact(Segment s, Segment t, double toleranceDeg) {
    if (isVertexTouchOnly(s, t, toleranceDeg)) {
      return null;
    }
    if (Distance.segmentToSegment(s.start(), s.end(), t.start(), t.end()) > toleranceDeg) {
      return null;
    }
    if (!nearlyParallel(s, t)) {
      return new Contact(null);
    }
    return new Contact(
        SegmentProximity.alongside(s.x0, s.y0, s.x1, s.y1, t.x0, t.y0, t.x1, t.y1, toleranceDeg));
  }

  /** Total length of the union of parameter intervals within [0, 1]; 0 for none. */
  public static double mergedLength(List<double[]> intervals) {
    if (intervals.isEmpty()) {
      return 0;
    }
    List<double[]> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparingDouble(iv -> iv[0]));
    double total = 0;
    double lo = sorted.get(0)[0];
    double hi = sorted.get(0)[1];
    for (double[] iv : sorted) {
      if (iv[0] > hi) {
        total += hi - lo;
        lo = iv[0];
        hi = iv[1];
      } else {
        hi = Math.max(hi, iv[1]);
      }
    }
    return total + (hi - lo);
  }

  /**
   * Whether the fallback overlaps of a pair (plane degrees, A alongside B and B alongside A) make
   * it rook: both longer than {@value ContiguityBuilder#MIN_FALLBACK_OVERLAP_IN_TOLERANCES}
   * tolerances. The pair then gains the mean of the two directed geodesic lengths.
   */
  public static boolean fallbackIsRook(double degAb, double degBa, double toleranceDeg) {
    return Math.min(degAb, degBa)
        > ContiguityBuilder.MIN_FALLBACK_OVERLAP_IN_TOLERANCES * toleranceDeg;
  }

  private static boolean isVertexTouchOnly(Segment s, Segment t, double tol) {
    Coordinate sFar;
    Coordinate tFar;
    if (s.s0x == t.s0x && s.s0y == t.s0y) {
      sFar = s.end();
      tFar = t.end();
    } else if (s.s0x == t.s1x && s.s0y == t.s1y) {
      sFar = s.end();
      tFar = t.start();
    } else if (s.s1x == t.s0x && s.s1y == t.s0y) {
      sFar = s.start();
      tFar = t.end();
    } else if (s.s1x == t.s1x && s.s1y == t.s1y) {
      sFar = s.start();
      tFar = t.start();
    } else {
      return false;
    }
    return Distance.pointToSegment(sFar, t.start(), t.end()) > tol
        && Distance.pointToSegment(tFar, s.start(), s.end()) > tol;
  }

  private static boolean nearlyParallel(Segment s, Segment t) {
    double sx = s.x1 - s.x0;
    double sy = s.y1 - s.y0;
    double tx = t.x1 - t.x0;
    double ty = t.y1 - t.y0;
    double cross = Math.abs(sx * ty - sy * tx);
    return cross
        <= Math.sin(Math.toRadians(ContiguityBuilder.MAX_ALONGSIDE_ANGLE_DEG))
            * Math.hypot(sx, sy)
            * Math.hypot(tx, ty);
  }

  private static long snap(double v, double tol) {
    return Math.round(v / tol);
  }

  private static List<Coordinate[]> rings(Geometry polygonal) {
    List<Coordinate[]> rings = new ArrayList<>();
    for (int i = 0; i < polygonal.getNumGeometries(); i++) {
      if (!(polygonal.getGeometryN(i) instanceof Polygon p) || p.isEmpty()) {
        continue;
      }
      rings.add(p.getExteriorRing().getCoordinates());
      for (int h = 0; h < p.getNumInteriorRing(); h++) {
        rings.add(p.getInteriorRingN(h).getCoordinates());
      }
    }
    return rings;
  }
}
