package org.citycluster.geo;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.GeometryFilter;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Validation and repair of input polygons before they enter the pipeline.
 *
 * <p>Contract of {@link #check}: a valid, non-empty Polygon or MultiPolygon is {@link Status#VALID}
 * and returned unchanged (same instance). An invalid one is repaired with JTS {@link GeometryFixer}
 * (collapsed parts dropped) and only its polygonal part kept: {@link Status#REPAIRED} with the OGC
 * validity error and its location as the problem, or {@link Status#QUARANTINED} if no area is left.
 * A GeometryCollection's polygons are kept the same way (its other members dropped and named in the
 * problem). Null, empty and non-polygonal geometries are {@link Status#QUARANTINED} with a problem
 * saying what was found. The input is never modified.
 *
 * <p>Works in any planar CRS (validity is planar; lon/lat degrees are treated as plane coordinates,
 * which is how the rest of the pipeline treats them too). Known limits: repair is geometric, not
 * semantic (a bow-tie becomes two triangles, not the polygon the author meant), and {@link
 * #looksLikeSwappedLonLat} is a heuristic for data meant to cover mainland China only.
 */
public final class GeometryRepair {

  /** Outcome of {@link #check}. */
  public enum Status {
    /** Valid polygonal input, returned unchanged. */
    VALID,
    /** Invalid polygonal input whose repair kept some area. */
    REPAIRED,
    /** Unusable: null, empty, not polygonal, or nothing left after repair. */
    QUARANTINED
  }

  /**
   * Result of {@link #check}.
   *
   * @param geometry the geometry to use: the input (VALID), the repaired Polygon or MultiPolygon
   *     (REPAIRED), or the input as found, possibly null (QUARANTINED)
   * @param status what happened
   * @param problem null when VALID, otherwise a human-readable reason
   */
  public record Result(Geometry geometry, Status status, String problem) {}

  /** Mainland China extent in degrees used by {@link #looksLikeSwappedLonLat}. */
  private static final Envelope CHINA_LON_LAT = new Envelope(73.0, 136.0, 3.0, 54.0);

  private GeometryRepair() {}

  /** Validates and, if needed, repairs a polygonal geometry; see the class comment. */
  public static Result check(Geometry g) {
    if (g == null) {
      return quarantined(null, "geometry is null, expected Polygon or MultiPolygon");
    }
    String type = g.getGeometryType();
    if (g.isEmpty()) {
      return quarantined(
          g, "geometry is an empty " + type + ", expected a non-empty Polygon or MultiPolygon");
    }
    if (g instanceof Polygon || g instanceof MultiPolygon) {
      TopologyValidationError error = new IsValidOp(g).getValidationError();
      if (error == null) {
        return new Result(g, Status.VALID, null);
      }
      return repair(g, describe(error));
    }
    if ("GeometryCollection".equals(type)) {
      return keepPolygonsOf((GeometryCollection) g);
    }
    return quarantined(g, "geometry is " + type + ", expected Polygon or MultiPolygon");
  }

  /**
   * Takes out of a geometry what Sedona's serialiser cannot take, before the geometry enters a
   * Spark column: empty members of a multi-geometry or collection (an empty part of a MultiPolygon)
   * and empty holes of a polygon. Contract: {@link Status#VALID} and the same instance when nothing
   * had to change (null included, for {@link #check} to judge); {@link Status#REPAIRED} with the
   * members and holes dropped, named in the problem; {@link Status#QUARANTINED} with a null
   * geometry when a coordinate is NaN or infinite (the position is named) or nothing non-empty is
   * left. Never throws; the input is not modified.
   */
  public static Result sanitize(Geometry g) {
    if (g == null) {
      return new Result(null, Status.VALID, null);
    }
    for (Coordinate c : g.getCoordinates()) {
      if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
        return quarantined(null, "coordinate (" + c.x + " " + c.y + ") is not a finite number");
      }
    }
    int[] dropped = {0, 0};
    Geometry cleaned = withoutEmpty(g, dropped);
    if (dropped[0] == 0 && dropped[1] == 0) {
      return new Result(g, Status.VALID, null);
    }
    String what =
        (dropped[0] > 0 ? dropped[0] + " empty part(s)" : "")
            + (dropped[0] > 0 && dropped[1] > 0 ? " and " : "")
            + (dropped[1] > 0 ? dropped[1] + " empty hole(s)" : "");
    if (cleaned == null || cleaned.isEmpty()) {
      return quarantined(null, g.getGeometryType() + " has only empty parts (" + what + ")");
    }
    return new Result(cleaned, Status.REPAIRED, g.getGeometryType() + ": dropped " + what);
  }

  /** {@code g} without empty members and holes, or null when it is itself empty. */
  private static Geometry withoutEmpty(Geometry g, int[] dropped) {
    GeometryFactory f = g.getFactory();
    if (g instanceof Polygon p) {
      if (p.isEmpty()) {
        return null;
      }
      List<LinearRing> holes = new ArrayList<>();
      for (int i = 0; i < p.getNumInteriorRing(); i++) {
        LinearRing hole = p.getInteriorRingN(i);
        if (hole.isEmpty()) {
          dropped[1]++;
        } else {
          holes.add(hole);
        }
      }
      return holes.size() == p.getNumInteriorRing()
          ? p
          : f.createPolygon(p.getExteriorRing(), holes.toArray(new LinearRing[0]));
    }
    if (g instanceof GeometryCollection c) {
      List<Geometry> kept = new ArrayList<>();
      boolean changed = false;
      for (int i = 0; i < c.getNumGeometries(); i++) {
        Geometry member = c.getGeometryN(i);
        Geometry cleaned = withoutEmpty(member, dropped);
        if (cleaned == null) {
          dropped[0]++;
          changed = true;
        } else {
          kept.add(cleaned);
          changed |= cleaned != member;
        }
      }
      if (!changed) {
        return c.isEmpty() ? null : c;
      }
      if (kept.isEmpty()) {
        return null;
      }
      if (c instanceof MultiPolygon) {
        return f.createMultiPolygon(kept.toArray(new Polygon[0]));
      }
      if (c instanceof org.locationtech.jts.geom.MultiLineString) {
        return f.createMultiLineString(kept.toArray(new org.locationtech.jts.geom.LineString[0]));
      }
      if (c instanceof org.locationtech.jts.geom.MultiPoint) {
        return f.createMultiPoint(kept.toArray(new org.locationtech.jts.geom.Point[0]));
      }
      return f.createGeometryCollection(kept.toArray(new Geometry[0]));
    }
    return g.isEmpty() ? null : g;
  }

  /**
   * Null when the envelope lies within lon −180..180 and lat −90..90 degrees, else the problem in
   * words (for WGS84 coordinates after conversion: such values are not on the Earth).
   */
  public static String outsideLonLatRange(Envelope e) {
    if (e == null || e.isNull()) {
      return null;
    }
    boolean inside =
        e.getMinX() >= -180 && e.getMaxX() <= 180 && e.getMinY() >= -90 && e.getMaxY() <= 90;
    return inside
        ? null
        : "coordinates out of range for longitude/latitude degrees: extent "
            + e
            + " (is the configured CRS right?)";
  }

  /**
   * True when the envelope, read as (lon, lat) degrees, does not fit mainland China (lon 73..136,
   * lat 3..54) but would fit with x and y swapped: the usual sign of lat/lon-ordered input. False
   * for null or empty envelopes and for data elsewhere in the world.
   */
  public static boolean looksLikeSwappedLonLat(Envelope e) {
    if (e == null || e.isNull()) {
      return false;
    }
    Envelope swapped = new Envelope(e.getMinY(), e.getMaxY(), e.getMinX(), e.getMaxX());
    return !CHINA_LON_LAT.contains(e) && CHINA_LON_LAT.contains(swapped);
  }

  private static Result keepPolygonsOf(GeometryCollection collection) {
    @SuppressWarnings("unchecked")
    List<Polygon> polygons = PolygonExtracter.getPolygons(collection);
    polygons.removeIf(Geometry::isEmpty);
    if (polygons.isEmpty()) {
      return quarantined(
          collection,
          "geometry is GeometryCollection without polygons, expected Polygon or MultiPolygon");
    }
    int[] others = {0};
    collection.apply(
        (GeometryFilter)
            part -> {
              if (!(part instanceof GeometryCollection) && !(part instanceof Polygon)) {
                others[0]++;
              }
            });
    String problem =
        "geometry is GeometryCollection; kept its "
            + polygons.size()
            + " polygon(s)"
            + (others[0] > 0 ? ", dropped " + others[0] + " non-polygonal part(s)" : "");
    Geometry polygonal = polygonal(collection, polygons);
    TopologyValidationError error = new IsValidOp(polygonal).getValidationError();
    return error == null
        ? new Result(polygonal, Status.REPAIRED, problem)
        : repair(polygonal, problem + "; " + describe(error));
  }

  private static Result repair(Geometry invalid, String problem) {
    Geometry fixed = GeometryFixer.fix(invalid, false);
    @SuppressWarnings("unchecked")
    List<Polygon> polygons = PolygonExtracter.getPolygons(fixed);
    polygons.removeIf(Geometry::isEmpty);
    if (polygons.isEmpty()) {
      return quarantined(invalid, problem + "; repair left no area");
    }
    return new Result(polygonal(invalid, polygons), Status.REPAIRED, problem);
  }

  /** A Polygon if there is one, else a MultiPolygon, on the factory (SRID) of {@code source}. */
  private static Geometry polygonal(Geometry source, List<Polygon> polygons) {
    return polygons.size() == 1
        ? polygons.get(0)
        : source.getFactory().createMultiPolygon(polygons.toArray(new Polygon[0]));
  }

  /** E.g. "Self-intersection at (1.0 1.0)". */
  private static String describe(TopologyValidationError error) {
    Coordinate at = error.getCoordinate();
    return at == null ? error.getMessage() : error.getMessage() + " at (" + at.x + " " + at.y + ")";
  }

  private static Result quarantined(Geometry g, String problem) {
    return new Result(g, Status.QUARANTINED, problem);
  }
}
