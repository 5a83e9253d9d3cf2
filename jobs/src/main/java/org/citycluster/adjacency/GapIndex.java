package org.citycluster.adjacency;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.citycluster.geo.GeodesicMeasures;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.ItemBoundable;
import org.locationtech.jts.index.strtree.ItemDistance;
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
 * <p>Not thread-safe: one index per thread (a Spark task builds its own).
 */
public final class GapIndex {

  private record Entry(Geometry geometry, PreparedGeometry prepared, STRtree facets) {}

  private static final ItemDistance FACET_DISTANCE =
      (ItemBoundable a, ItemBoundable b) ->
          ((FacetSequence) a.getItem()).distance((FacetSequence) b.getItem());

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
    Object[] nearest = ea.facets().nearestNeighbour(eb.facets(), FACET_DISTANCE);
    GeometryLocation[] at =
        ((FacetSequence) nearest[0]).nearestLocations((FacetSequence) nearest[1]);
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
}
