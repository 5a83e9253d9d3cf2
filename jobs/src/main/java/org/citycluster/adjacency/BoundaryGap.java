package org.citycluster.adjacency;

import org.citycluster.geo.GeodesicMeasures;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * Minimum gap between two units in km: 0 if they touch or overlap (or, with a tolerance, come
 * within it), else the WGS84 geodesic distance between the nearest points that JTS {@link
 * DistanceOp} finds in lon/lat degrees. Limit: the nearest pair is chosen by planar distance in
 * degrees, so the result is the geodesic length of that pair, which can exceed the true geodesic
 * minimum slightly when the gap is long and east–west (a degree of longitude is shorter than one of
 * latitude); for the near neighbours this is meant for the difference is small. Empty geometries
 * raise {@link IllegalArgumentException}.
 */
public final class BoundaryGap {

  private BoundaryGap() {}

  /** Gap in km, 0 when the geometries intersect. */
  public static double gapKm(Geometry a, Geometry b) {
    return gapKm(a, b, 0);
  }

  /** Gap in km, 0 when the planar distance in degrees is at most {@code toleranceDeg}. */
  public static double gapKm(Geometry a, Geometry b, double toleranceDeg) {
    if (a.isEmpty() || b.isEmpty()) {
      throw new IllegalArgumentException("empty geometry has no gap");
    }
    DistanceOp op = new DistanceOp(a, b);
    if (op.distance() <= toleranceDeg) {
      return 0;
    }
    Coordinate[] nearest = op.nearestPoints();
    return GeodesicMeasures.distanceKm(nearest[0].x, nearest[0].y, nearest[1].x, nearest[1].y);
  }

  /**
   * The same gap as {@link #gapKm(Geometry, Geometry, double)}, with the nearest boundary points
   * found through an STR tree of facets ({@link IndexedFacetDistance}) instead of all segment
   * pairs: O((n + m) log) instead of O(n·m) for rings of n and m vertices, for the many
   * distance-band pairs of the county layer. Geometries whose envelopes overlap are first tested
   * for intersection (one inside a hole of the other, or overlapping), which gives 0. Ties between
   * equally near point pairs may be resolved differently from {@link DistanceOp}.
   */
  public static double gapKmIndexed(Geometry a, Geometry b, double toleranceDeg) {
    if (a.isEmpty() || b.isEmpty()) {
      throw new IllegalArgumentException("empty geometry has no gap");
    }
    if (a.getEnvelopeInternal().intersects(b.getEnvelopeInternal()) && a.intersects(b)) {
      return 0;
    }
    Coordinate[] nearest = IndexedFacetDistance.nearestPoints(a, b);
    if (nearest[0].distance(nearest[1]) <= toleranceDeg) {
      return 0;
    }
    return GeodesicMeasures.distanceKm(nearest[0].x, nearest[0].y, nearest[1].x, nearest[1].y);
  }
}
