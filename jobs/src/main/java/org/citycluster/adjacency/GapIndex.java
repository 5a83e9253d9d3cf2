package org.citycluster.adjacency;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;
import org.citycluster.geo.GeodesicMeasures;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.AbstractNode;
import org.locationtech.jts.index.strtree.Boundable;
import org.locationtech.jts.index.strtree.ItemBoundable;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.FacetSequence;
import org.locationtech.jts.operation.distance.FacetSequenceTreeBuilder;
import org.locationtech.jts.operation.distance.GeometryLocation;

/**
 * {@link BoundaryGap#gapKmIndexed} for many pairs over one set of units: each unit's facet tree
 * (JTS {@link FacetSequenceTreeBuilder}) and prepared geometry are built once, on first use, and
 * reused for every pair it is in, instead of twice per pair. Same result as {@link
 * BoundaryGap#gapKmIndexed}: 0 when the units intersect or their nearest points are at most {@code
 * toleranceDeg} apart (planar, degrees), else the WGS84 geodesic km between the nearest points
 * found by the same tree-to-tree nearest-neighbour search that {@code IndexedFacetDistance} runs.
 *
 * <p>The search ({@link #nearestFacets}) is JTS's best-first search over pairs of tree nodes, in
 * squared distances: JTS's own ({@code STRtree.nearestNeighbour}) takes a {@code Math.hypot} for
 * every node pair and, through {@code FacetSequence.distance}, for every point-segment candidate,
 * which was most of the time of this class. Facets are compared by {@link #squaredDistance}, which
 * skips JTS's segment-intersection test: that cannot succeed here, since the search runs only for
 * units that do not intersect, so no two of their segments cross. The nearest points of the chosen
 * facet pair are then found by JTS ({@code FacetSequence.nearestLocations}).
 *
 * <p>Not thread-safe: one index per thread (a Spark task builds its own).
 */
public final class GapIndex {

  private record Entry(Geometry geometry, PreparedGeometry prepared, STRtree facets) {}

  /** Two nodes (or facets) of the two trees, and the squared distance of their envelopes. */
  private record NodePair(Boundable a, Boundable b, double squaredDistance) {}

  private final Function<String, Geometry> geometries;
  private final double toleranceDeg;
  private final Map<String, Entry> entries = new HashMap<>();

  /**
   * @param geometries the unit geometry by id (lon/lat degrees); called once per id, may return
   *     null for an unknown id
   * @param toleranceDeg gaps up to this planar distance in degrees count as 0
   */
  public GapIndex(Function<String, Geometry> geometries, double toleranceDeg) {
    this.geometries = geometries;
    this.toleranceDeg = toleranceDeg;
  }

  /**
   * Gap in km between units {@code a} and {@code b}.
   *
   * @throws IllegalArgumentException for an unknown id or an empty geometry
   */
  public double gapKm(String a, String b) {
    Entry ea = entry(a);
    Entry eb = entry(b);
    if (ea.geometry().getEnvelopeInternal().intersects(eb.geometry().getEnvelopeInternal())
        && ea.prepared().intersects(eb.geometry())) {
      return 0;
    }
    FacetSequence[] nearest = nearestFacets(ea.facets(), eb.facets());
    GeometryLocation[] at = nearest[0].nearestLocations(nearest[1]);
    Coordinate p = at[0].getCoordinate();
    Coordinate q = at[1].getCoordinate();
    if (p.distance(q) <= toleranceDeg) {
      return 0;
    }
    return GeodesicMeasures.distanceKm(p.x, p.y, q.x, q.y);
  }

  private Entry entry(String id) {
    Entry e = entries.get(id);
    if (e == null) {
      Geometry g = geometries.apply(id);
      if (g == null) {
        throw new IllegalArgumentException("no geometry for unit " + id);
      }
      if (g.isEmpty()) {
        throw new IllegalArgumentException("empty geometry has no gap (unit " + id + ")");
      }
      e = new Entry(g, PreparedGeometryFactory.prepare(g), FacetSequenceTreeBuilder.build(g));
      entries.put(id, e);
    }
    return e;
  }

  /**
   * The facet of {@code a} and the facet of {@code b} at the smallest distance (trees of {@link
   * FacetSequence}s from {@link FacetSequenceTreeBuilder}): best-first over node pairs ordered by
   * the squared distance of their envelopes, expanding the larger node of a pair; a pair of facets
   * is measured exactly when it is formed, and the search ends when no node pair left can be nearer
   * than the best facet pair found.
   */
  static FacetSequence[] nearestFacets(STRtree a, STRtree b) {
    PriorityQueue<NodePair> queue =
        new PriorityQueue<>(Comparator.comparingDouble(NodePair::squaredDistance));
    Boundable rootA = a.getRoot();
    Boundable rootB = b.getRoot();
    queue.add(new NodePair(rootA, rootB, squaredDistance(bounds(rootA), bounds(rootB))));
    double best = Double.POSITIVE_INFINITY;
    FacetSequence[] nearest = null;
    while (!queue.isEmpty()) {
      NodePair pair = queue.poll();
      if (pair.squaredDistance() >= best) {
        break;
      }
      if (pair.a() instanceof ItemBoundable ia && pair.b() instanceof ItemBoundable ib) {
        // two facets, measured only now that no other pair can be nearer by its envelopes
        FacetSequence fa = (FacetSequence) ia.getItem();
        FacetSequence fb = (FacetSequence) ib.getItem();
        double d = squaredDistance(fa, fb);
        if (d < best) {
          best = d;
          nearest = new FacetSequence[] {fa, fb};
        }
        continue;
      }
      boolean expandA =
          pair.a() instanceof AbstractNode
              && (!(pair.b() instanceof AbstractNode)
                  || bounds(pair.a()).getArea() >= bounds(pair.b()).getArea());
      Boundable fixed = expandA ? pair.b() : pair.a();
      AbstractNode expanded = (AbstractNode) (expandA ? pair.a() : pair.b());
      for (Object child : expanded.getChildBoundables()) {
        Boundable c = (Boundable) child;
        Boundable x = expandA ? c : fixed;
        Boundable y = expandA ? fixed : c;
        double d = squaredDistance(bounds(x), bounds(y));
        if (d < best) {
          queue.add(new NodePair(x, y, d));
        }
      }
    }
    return nearest;
  }

  private static Envelope bounds(Boundable b) {
    return (Envelope) b.getBounds();
  }

  /** Squared planar distance between two envelopes (0 when they intersect). */
  static double squaredDistance(Envelope a, Envelope b) {
    double dx = Math.max(0, Math.max(a.getMinX() - b.getMaxX(), b.getMinX() - a.getMaxX()));
    double dy = Math.max(0, Math.max(a.getMinY() - b.getMaxY(), b.getMinY() - a.getMaxY()));
    return dx * dx + dy * dy;
  }

  /**
   * The smallest squared planar distance between the segments (or the point) of {@code a} and those
   * of {@code b}, assuming no segment of one crosses a segment of the other.
   */
  static double squaredDistance(FacetSequence a, FacetSequence b) {
    int na = a.size();
    int nb = b.size();
    if (na == 1 || nb == 1) {
      FacetSequence point = na == 1 ? a : b;
      FacetSequence other = na == 1 ? b : a;
      Coordinate p = point.getCoordinate(0);
      if (other.size() == 1) {
        return squared(p, other.getCoordinate(0));
      }
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < other.size() - 1; j++) {
        best =
            Math.min(best, pointToSegment(p, other.getCoordinate(j), other.getCoordinate(j + 1)));
      }
      return best;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < na - 1; i++) {
      Coordinate p0 = a.getCoordinate(i);
      Coordinate p1 = a.getCoordinate(i + 1);
      for (int j = 0; j < nb - 1; j++) {
        Coordinate q0 = b.getCoordinate(j);
        Coordinate q1 = b.getCoordinate(j + 1);
        double d =
            Math.min(
                Math.min(pointToSegment(p0, q0, q1), pointToSegment(p1, q0, q1)),
                Math.min(pointToSegment(q0, p0, p1), pointToSegment(q1, p0, p1)));
        if (d < best) {
          best = d;
        }
      }
    }
    return best;
  }

  /** Squared distance from {@code p} to segment {@code ab} (as JTS's {@code pointToSegment}). */
  static double pointToSegment(Coordinate p, Coordinate a, Coordinate b) {
    double dx = b.x - a.x;
    double dy = b.y - a.y;
    double len2 = dx * dx + dy * dy;
    if (len2 == 0) {
      return squared(p, a);
    }
    double r = ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2;
    if (r <= 0) {
      return squared(p, a);
    }
    if (r >= 1) {
      return squared(p, b);
    }
    double cross = (a.y - p.y) * dx - (a.x - p.x) * dy;
    return cross * cross / len2;
  }

  private static double squared(Coordinate p, Coordinate q) {
    double dx = p.x - q.x;
    double dy = p.y - q.y;
    return dx * dx + dy * dy;
  }
}
