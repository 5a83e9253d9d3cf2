package org.citycluster.adjacency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.citycluster.geo.GeodesicMeasures;
import org.locationtech.jts.algorithm.Distance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Rook and queen contiguity of polygonal units with shared border lengths: the adjacency engine.
 *
 * <p><b>Contract.</b> {@link #build} takes units in WGS84 lon/lat degrees and returns every
 * touching pair once ({@code idA < idB}, sorted), as {@link ContiguityRelation#ROOK} (boundaries
 * share a line of positive length, within the tolerance) with its geodesic shared border length in
 * km ({@link GeodesicMeasures}, segments taken as geodesics between vertices), or {@link
 * ContiguityRelation#QUEEN} (they share only points, within the tolerance) with length 0. Pairs
 * that do not touch are absent.
 *
 * <p><b>Algorithm.</b>
 *
 * <ol>
 *   <li><i>Exact pass</i>, one pass over all ring vertices: each vertex is snapped to a grid of the
 *       tolerance ({@code round(x / tol)}, {@code round(y / tol)}); each boundary segment is hashed
 *       as the unordered pair of its snapped endpoints, and each snapped vertex collects its owner
 *       units. A segment owned by two units is shared border (its geodesic length, from the first
 *       owner's unsnapped coordinates, is added to the pair); a vertex owned by two units makes
 *       them touch. Segments that collapse under snapping are ignored.
 *   <li><i>Fallback</i>, only for <i>unmatched</i> segments (owned by one unit: coastline, outer
 *       border, and any border whose two sides carry different vertex sets). They go into an {@link
 *       STRtree}; each one queries the tree with its envelope expanded by the tolerance, so only
 *       segments of other units whose envelopes come within the tolerance are examined (no
 *       all-pairs loop). For each such pair of segments S (of A) and T (of B) closer than the
 *       tolerance, A and B touch; if moreover S and T are nearly parallel (at most {@value
 *       #MAX_ALONGSIDE_ANGLE_DEG}°), the part of S running alongside T (perpendicular foot on T,
 *       distance to T at most the tolerance) is computed exactly ({@link SegmentProximity}); the
 *       parts of S alongside any of B's segments are merged, and their length is added to the
 *       directed total A→B. Two segments that merely meet at a shared snapped endpoint and then
 *       diverge (neither far endpoint within the tolerance of the other segment) are skipped: that
 *       is a vertex touch, already recorded by the exact pass. A pair whose fallback overlap is, in
 *       both directions, longer than {@value #MIN_FALLBACK_OVERLAP_IN_TOLERANCES} tolerances (plane
 *       length in degrees) gets rook status and the mean of the two directed geodesic lengths is
 *       added to its shared border; a shorter overlap only makes the pair touch (queen).
 * </ol>
 *
 * <p><b>Complexity.</b> O(V) expected time and memory for the exact pass (V = ring vertices), plus
 * O(U log U + U·c) for the fallback (U = unmatched segments, c = candidate segments per query,
 * small for polygon coverages). The real prefecture layer (185k vertices) runs in about a second.
 *
 * <p><b>Bad input and limits.</b> Ids must be unique and geometries polygonal (Polygon,
 * MultiPolygon), else {@link IllegalArgumentException}; empty geometries touch nothing. Validity is
 * not checked: rings are used as linework. Distances in the tolerance test are plane distances in
 * degrees (a degree of longitude shrinks with latitude), and coordinates are not wrapped at the
 * antimeridian. Within-tolerance gaps count as touching. Overlapping units are not detected as
 * such: they are reported only through their boundaries. The fallback's threshold means a genuine
 * common border shorter than ten tolerances (about 1 m at 1e-6°) whose two sides carry different
 * vertices is reported as queen, and, conversely, two unmatched boundaries that stay within the
 * tolerance of each other at an angle below {@value #MAX_ALONGSIDE_ANGLE_DEG}° over more than ten
 * tolerances are rook.
 */
public final class ContiguityBuilder {

  /** Default snapping tolerance: 1e-6°, about 0.1 m, the precision of the real boundary data. */
  public static final double DEFAULT_TOLERANCE_DEG = 1e-6;

  /** Minimum fallback overlap, in multiples of the tolerance, for a pair to become rook. */
  public static final double MIN_FALLBACK_OVERLAP_IN_TOLERANCES = 10;

  /**
   * Largest angle (degrees) between two unmatched segments for one to count as running alongside
   * the other; steeper segments within the tolerance only touch.
   */
  public static final double MAX_ALONGSIDE_ANGLE_DEG = 30;

  private static final double SIN_MAX_ALONGSIDE_ANGLE =
      Math.sin(Math.toRadians(MAX_ALONGSIDE_ANGLE_DEG));

  private final double toleranceDeg;

  /** An engine with the {@linkplain #DEFAULT_TOLERANCE_DEG default tolerance}. */
  public ContiguityBuilder() {
    this(DEFAULT_TOLERANCE_DEG);
  }

  /** An engine snapping to a grid of {@code toleranceDeg} degrees (finite, positive). */
  public ContiguityBuilder(double toleranceDeg) {
    if (!(toleranceDeg > 0) || Double.isInfinite(toleranceDeg)) {
      throw new IllegalArgumentException("tolerance must be positive and finite: " + toleranceDeg);
    }
    this.toleranceDeg = toleranceDeg;
  }

  /** The snapping tolerance in degrees. */
  public double toleranceDeg() {
    return toleranceDeg;
  }

  /**
   * A touching pair with the part of its shared border found by the tolerance fallback ({@code
   * fallbackKm}, km; 0 when the border was matched edge for edge or the pair is queen).
   */
  public record Detail(ContiguityPair pair, double fallbackKm) {}

  /** All touching pairs of {@code units}, sorted by (idA, idB). */
  public List<ContiguityPair> build(List<Unit> units) {
    return buildDetailed(units).stream().map(Detail::pair).toList();
  }

  /**
   * As {@link #build}, with each pair's fallback length. Every length is an order-independent sum
   * (the values sorted, then added, as the Spark job's {@code DeterministicSum}), so the result
   * does not depend on hash iteration order.
   */
  public List<Detail> buildDetailed(List<Unit> units) {
    checkUnits(units);
    int vertices = 0;
    for (Unit u : units) {
      vertices += u.geometry().getNumPoints();
    }
    // sized for every vertex and segment once: no rehashing in the one pass
    Map<SegmentKey, Segment> segments = new HashMap<>(vertices * 4 / 3 + 16);
    Map<VertexKey, int[]> vertexOwners = new HashMap<>(vertices * 4 / 3 + 16);
    PairTable pairs = new PairTable();
    List<Segment> all = new ArrayList<>(vertices);
    for (int u = 0; u < units.size(); u++) {
      for (Coordinate[] ring : rings(units.get(u).geometry())) {
        addRing(u, ring, segments, vertexOwners, pairs, all);
      }
    }
    segments = null;
    vertexOwners = null;

    List<Segment> unmatched = new ArrayList<>();
    for (Segment s : all) {
      if (s.ownerCount == 1) {
        unmatched.add(s);
      }
    }
    matchUnmatched(unmatched, pairs);

    double minOverlapDeg = MIN_FALLBACK_OVERLAP_IN_TOLERANCES * toleranceDeg;
    List<Detail> result = new ArrayList<>();
    for (PairTotals t : pairs.values()) {
      double km = sortedSum(t.matchedKm);
      double fallbackKm = 0;
      if (t.fallbackDeg != null
          && Math.min(sortedSum(t.fallbackDeg[0]), sortedSum(t.fallbackDeg[1])) > minOverlapDeg) {
        fallbackKm = (sortedSum(t.fallbackKm[0]) + sortedSum(t.fallbackKm[1])) / 2;
        km += fallbackKm;
      }
      String idA = units.get(t.a).id();
      String idB = units.get(t.b).id();
      if (km > 0) {
        result.add(
            new Detail(ContiguityPair.of(idA, idB, ContiguityRelation.ROOK, km), fallbackKm));
      } else if (t.touch) {
        result.add(new Detail(ContiguityPair.of(idA, idB, ContiguityRelation.QUEEN, 0), 0));
      }
    }
    result.sort(
        Comparator.comparing((Detail d) -> d.pair().idA()).thenComparing(d -> d.pair().idB()));
    return result;
  }

  /**
   * Hashes one ring's snapped vertices and segments. A segment or vertex that gains a second (or
   * further) owner records the pair at once: its length for a segment, a touch for a vertex.
   * Consecutive segments along a border belong to the same pair, which {@link PairTable} keeps at
   * hand.
   */
  private void addRing(
      int unit,
      Coordinate[] ring,
      Map<SegmentKey, Segment> segments,
      Map<VertexKey, int[]> owners,
      PairTable pairs,
      List<Segment> all) {
    int n = ring.length;
    if (n > 1 && ring[0].equals2D(ring[n - 1])) {
      n--; // the closing point repeats the first vertex
    }
    for (int k = 0; k < n; k++) {
      Coordinate p = ring[k];
      Coordinate q = ring[(k + 1) % n];
      long px = snap(p.x);
      long py = snap(p.y);
      long qx = snap(q.x);
      long qy = snap(q.y);
      VertexKey vertex = new VertexKey(px, py);
      int[] before = owners.get(vertex);
      int[] after = withOwner(before, unit);
      if (after != before) {
        owners.put(vertex, after);
        if (before != null) {
          for (int other : before) {
            pairs.get(other, unit).touch = true;
          }
        }
      }
      if (px == qx && py == qy) {
        continue;
      }
      SegmentKey key = SegmentKey.of(px, py, qx, qy);
      Segment s = segments.get(key);
      if (s == null) {
        s = new Segment(unit, p, q, px, py, qx, qy);
        segments.put(key, s);
        all.add(s);
      } else if (s.addOwner(unit)) {
        double km = s.geodesicKm();
        for (int i = 0; i < s.ownerCount - 1; i++) {
          PairTotals t = pairs.get(s.owners[i], unit);
          t.matchedKm.add(km);
          t.touch = true;
        }
      }
    }
  }

  private void matchUnmatched(List<Segment> unmatched, PairTable pairs) {
    if (unmatched.isEmpty()) {
      return;
    }
    STRtree tree = new STRtree();
    for (Segment s : unmatched) {
      tree.insert(new Envelope(s.x0, s.x1, s.y0, s.y1), s);
    }
    tree.build();
    Map<Integer, List<double[]>> nearByOwner = new HashMap<>();
    for (Segment s : unmatched) {
      Envelope search = new Envelope(s.x0, s.x1, s.y0, s.y1);
      search.expandBy(toleranceDeg);
      nearByOwner.clear();
      for (Object o : tree.query(search)) {
        Segment t = (Segment) o;
        int b = t.owners[0];
        if (b == s.owners[0] || isVertexTouchOnly(s, t)) {
          continue;
        }
        if (Distance.segmentToSegment(s.start(), s.end(), t.start(), t.end()) > toleranceDeg) {
          continue;
        }
        pairs.get(s.owners[0], b).touch = true;
        if (!nearlyParallel(s, t)) {
          continue;
        }
        double[] part =
            SegmentProximity.alongside(
                s.x0, s.y0, s.x1, s.y1, t.x0, t.y0, t.x1, t.y1, toleranceDeg);
        if (part != null) {
          nearByOwner.computeIfAbsent(b, k -> new ArrayList<>()).add(part);
        }
      }
      int a = s.owners[0];
      for (Map.Entry<Integer, List<double[]>> e : nearByOwner.entrySet()) {
        int b = e.getKey();
        double fraction = mergedLength(e.getValue());
        PairTotals t = pairs.get(a, b).withFallback();
        int direction = a < b ? 0 : 1;
        t.fallbackDeg[direction].add(fraction * Math.hypot(s.x1 - s.x0, s.y1 - s.y0));
        t.fallbackKm[direction].add(fraction * s.geodesicKm());
      }
    }
  }

  /** Segments meeting at a snapped endpoint and diverging: a vertex touch, not an overlap. */
  private boolean isVertexTouchOnly(Segment s, Segment t) {
    Coordinate sFar;
    Coordinate tFar;
    if (s.snapX0 == t.snapX0 && s.snapY0 == t.snapY0) {
      sFar = s.end();
      tFar = t.end();
    } else if (s.snapX0 == t.snapX1 && s.snapY0 == t.snapY1) {
      sFar = s.end();
      tFar = t.start();
    } else if (s.snapX1 == t.snapX0 && s.snapY1 == t.snapY0) {
      sFar = s.start();
      tFar = t.end();
    } else if (s.snapX1 == t.snapX1 && s.snapY1 == t.snapY1) {
      sFar = s.start();
      tFar = t.start();
    } else {
      return false;
    }
    return Distance.pointToSegment(sFar, t.start(), t.end()) > toleranceDeg
        && Distance.pointToSegment(tFar, s.start(), s.end()) > toleranceDeg;
  }

  /** Angle between the two segments' lines at most {@link #MAX_ALONGSIDE_ANGLE_DEG}. */
  private static boolean nearlyParallel(Segment s, Segment t) {
    double sx = s.x1 - s.x0;
    double sy = s.y1 - s.y0;
    double tx = t.x1 - t.x0;
    double ty = t.y1 - t.y0;
    double cross = Math.abs(sx * ty - sy * tx);
    return cross <= SIN_MAX_ALONGSIDE_ANGLE * Math.hypot(sx, sy) * Math.hypot(tx, ty);
  }

  /** Total length of the union of parameter intervals within [0, 1]. */
  private static double mergedLength(List<double[]> intervals) {
    intervals.sort(Comparator.comparingDouble(iv -> iv[0]));
    double total = 0;
    double lo = intervals.get(0)[0];
    double hi = intervals.get(0)[1];
    for (double[] iv : intervals) {
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

  private long snap(double v) {
    return Math.round(v / toleranceDeg);
  }

  private static int[] withOwner(int[] owners, int unit) {
    if (owners == null) {
      return new int[] {unit};
    }
    for (int o : owners) {
      if (o == unit) {
        return owners;
      }
    }
    int[] more = Arrays.copyOf(owners, owners.length + 1);
    more[owners.length] = unit;
    return more;
  }

  /**
   * The pairs met so far, keyed by the two unit indexes. The key is spread by a multiplicative hash
   * ({@code Long.hashCode} of the plain packed indexes folds them into few buckets), and the last
   * pair looked up is kept, since consecutive boundary segments mostly share their pair.
   */
  private static final class PairTable {
    private final Map<Long, PairTotals> byKey = new HashMap<>();
    private PairTotals last;

    PairTotals get(int x, int y) {
      int a = Math.min(x, y);
      int b = Math.max(x, y);
      if (last != null && last.a == a && last.b == b) {
        return last;
      }
      long key = (((long) a << 32) | b) * 0x9E3779B97F4A7C15L; // a bijection of the packed pair
      PairTotals t = byKey.get(key);
      if (t == null) {
        t = new PairTotals(a, b);
        byKey.put(key, t);
      }
      last = t;
      return t;
    }

    Iterable<PairTotals> values() {
      return byKey.values();
    }
  }

  static void checkUnits(List<Unit> units) {
    Set<String> seen = new HashSet<>();
    for (Unit u : units) {
      if (!seen.add(u.id())) {
        throw new IllegalArgumentException("duplicate unit id " + u.id());
      }
      if (!(u.geometry() instanceof Polygonal)) {
        throw new IllegalArgumentException(
            "unit " + u.id() + " is not polygonal: " + u.geometry().getGeometryType());
      }
    }
  }

  private static List<Coordinate[]> rings(Geometry polygonal) {
    List<Coordinate[]> rings = new ArrayList<>();
    for (int i = 0; i < polygonal.getNumGeometries(); i++) {
      Polygon p = (Polygon) polygonal.getGeometryN(i);
      if (p.isEmpty()) {
        continue;
      }
      rings.add(p.getExteriorRing().getCoordinates());
      for (int h = 0; h < p.getNumInteriorRing(); h++) {
        rings.add(p.getInteriorRingN(h).getCoordinates());
      }
    }
    return rings;
  }

  private record VertexKey(long x, long y) {}

  private record SegmentKey(long ax, long ay, long bx, long by) {
    static SegmentKey of(long px, long py, long qx, long qy) {
      return px < qx || (px == qx && py <= qy)
          ? new SegmentKey(px, py, qx, qy)
          : new SegmentKey(qx, qy, px, py);
    }
  }

  /** A boundary segment (first owner's coordinates) and the distinct units that own it. */
  private static final class Segment {
    final double x0;
    final double y0;
    final double x1;
    final double y1;
    final long snapX0;
    final long snapY0;
    final long snapX1;
    final long snapY1;
    int[] owners = new int[2];
    int ownerCount;
    double km = -1;

    Segment(int owner, Coordinate p, Coordinate q, long px, long py, long qx, long qy) {
      x0 = p.x;
      y0 = p.y;
      x1 = q.x;
      y1 = q.y;
      snapX0 = px;
      snapY0 = py;
      snapX1 = qx;
      snapY1 = qy;
      owners[0] = owner;
      ownerCount = 1;
    }

    /** Adds {@code unit}; false if it already owns the segment. */
    boolean addOwner(int unit) {
      for (int i = 0; i < ownerCount; i++) {
        if (owners[i] == unit) {
          return false; // the same unit twice (touching parts): not a border between units
        }
      }
      if (ownerCount == owners.length) {
        owners = Arrays.copyOf(owners, ownerCount * 2);
      }
      owners[ownerCount++] = unit;
      return true;
    }

    double geodesicKm() {
      if (km < 0) {
        km = GeodesicMeasures.distanceKm(x0, y0, x1, y1);
      }
      return km;
    }

    Coordinate start() {
      return new Coordinate(x0, y0);
    }

    Coordinate end() {
      return new Coordinate(x1, y1);
    }
  }

  /** The values sorted ascending, then added from 0 (order-independent). */
  private static double sortedSum(DoubleList values) {
    double[] v = Arrays.copyOf(values.values, values.size);
    Arrays.sort(v);
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    return sum;
  }

  /** A growable list of doubles. */
  private static final class DoubleList {
    double[] values = new double[2];
    int size;

    void add(double v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }
  }

  /** What is known of one pair (unit indexes {@code a < b}); fallback lists only when needed. */
  private static final class PairTotals {
    final int a;
    final int b;
    final DoubleList matchedKm = new DoubleList();
    boolean touch;
    DoubleList[] fallbackDeg;
    DoubleList[] fallbackKm;

    PairTotals(int a, int b) {
      this.a = a;
      this.b = b;
    }

    PairTotals withFallback() {
      if (fallbackDeg == null) {
        fallbackDeg = new DoubleList[] {new DoubleList(), new DoubleList()};
        fallbackKm = new DoubleList[] {new DoubleList(), new DoubleList()};
      }
      return this;
    }
  }
}
