package org.citycluster.geo;

import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.TopologyException;
import org.locationtech.jts.operation.overlayng.CoverageUnion;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * The union of a region's member polygons (a cluster's units), in any planar CRS (the pipeline uses
 * lon/lat degrees as plane coordinates).
 *
 * <p>Administrative units that tile a region form a <em>coverage</em>: neighbours share identical
 * edges and do not overlap. Such a union needs no noding, so it is first computed with JTS {@link
 * CoverageUnion}, which is several times faster than a full overlay. JTS does not check that the
 * input is a coverage, so the result is accepted only if it is valid and its area equals the sum of
 * the members' areas (relative difference at most {@value #AREA_TOLERANCE}); otherwise (overlaps,
 * borders whose vertices do not match) the union is recomputed with {@link OverlayNGRobust}, the
 * overlay Sedona's {@code ST_Union_Aggr} uses. Either way the result covers the same area.
 */
public final class RegionUnion {

  /** Largest relative difference between the union's area and the sum of the members' areas. */
  static final double AREA_TOLERANCE = 1e-9;

  /** A union and whether the coverage path gave it (false: the full overlay did). */
  public record Result(Geometry geometry, boolean byCoverage) {}

  private RegionUnion() {}

  /**
   * @param members polygonal geometries (nulls and empties are skipped), in a fixed order for a
   *     reproducible result
   * @return their union, or null when no member has area
   */
  public static Geometry union(List<Geometry> members) {
    return compute(members).geometry();
  }

  /** {@link #union}, saying which path computed it. */
  public static Result compute(List<Geometry> members) {
    List<Geometry> parts = members.stream().filter(g -> g != null && !g.isEmpty()).toList();
    if (parts.isEmpty()) {
      return new Result(null, false);
    }
    GeometryFactory factory = parts.get(0).getFactory();
    Geometry collection = factory.buildGeometry(parts);
    double sum = 0;
    for (Geometry g : parts) {
      sum += g.getArea();
    }
    try {
      Geometry coverage = CoverageUnion.union(collection);
      if (coverage != null
          && Math.abs(coverage.getArea() - sum) <= AREA_TOLERANCE * sum
          && coverage.isValid()) {
        return new Result(coverage, true);
      }
    } catch (TopologyException | IllegalArgumentException e) {
      // not a coverage: fall through to the full overlay
    }
    return new Result(OverlayNGRobust.union(parts), false);
  }
}
