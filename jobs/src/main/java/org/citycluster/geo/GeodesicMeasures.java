package org.citycluster.geo;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;
import net.sf.geographiclib.PolygonArea;
import net.sf.geographiclib.PolygonResult;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Geodesic lengths and areas on the WGS84 ellipsoid (Karney's algorithms, GeographicLib).
 *
 * <p>Input coordinates are longitude/latitude in decimal degrees (x = lon, y = lat), WGS84 or
 * CGCS2000 (which differ by centimetres). Lengths are in km, areas in km². Polygon areas subtract
 * holes; multi-geometries are summed. Non-polygonal parts contribute no area.
 */
public final class GeodesicMeasures {

  private static final Geodesic WGS84 = Geodesic.WGS84;

  private GeodesicMeasures() {}

  /** Great-circle (geodesic) distance between two lon/lat points, in km. */
  public static double distanceKm(double lon1, double lat1, double lon2, double lat2) {
    return WGS84.Inverse(lat1, lon1, lat2, lon2, GeodesicMask.DISTANCE).s12 / 1000.0;
  }

  /**
   * Geodesic length of all linear parts of a geometry in km: the boundary length is not taken, so
   * pass {@code polygon.getBoundary()} for a perimeter (or use {@link #perimeterKm}).
   */
  public static double lineLengthKm(Geometry linear) {
    double km = 0;
    for (int i = 0; i < linear.getNumGeometries(); i++) {
      Geometry part = linear.getGeometryN(i);
      if (part instanceof LineString line) {
        km += pathLengthKm(line.getCoordinates());
      } else if (part.getNumGeometries() > 1 || part instanceof Polygon) {
        km += lineLengthKm(part instanceof Polygon ? part.getBoundary() : part);
      }
    }
    return km;
  }

  /** Geodesic length of a coordinate path in km. */
  public static double pathLengthKm(Coordinate[] path) {
    double m = 0;
    for (int i = 1; i < path.length; i++) {
      m +=
          WGS84.Inverse(path[i - 1].y, path[i - 1].x, path[i].y, path[i].x, GeodesicMask.DISTANCE)
              .s12;
    }
    return m / 1000.0;
  }

  /** Perimeter of a polygonal geometry (all rings, holes included) in km; 0 for other types. */
  public static double perimeterKm(Geometry polygonal) {
    double km = 0;
    for (int i = 0; i < polygonal.getNumGeometries(); i++) {
      if (polygonal.getGeometryN(i) instanceof Polygon p) {
        km += pathLengthKm(p.getExteriorRing().getCoordinates());
        for (int h = 0; h < p.getNumInteriorRing(); h++) {
          km += pathLengthKm(p.getInteriorRingN(h).getCoordinates());
        }
      }
    }
    return km;
  }

  /** Geodesic area of a polygonal geometry in km², holes subtracted; 0 for other types. */
  public static double areaKm2(Geometry polygonal) {
    double m2 = 0;
    for (int i = 0; i < polygonal.getNumGeometries(); i++) {
      if (polygonal.getGeometryN(i) instanceof Polygon p) {
        m2 += ringAreaM2(p.getExteriorRing());
        for (int h = 0; h < p.getNumInteriorRing(); h++) {
          m2 -= ringAreaM2(p.getInteriorRingN(h));
        }
      }
    }
    return m2 / 1e6;
  }

  /**
   * {@link #areaKm2} and {@link #perimeterKm} in one pass over the rings (each edge's geodesic is
   * solved once): {area km², perimeter km}. The perimeter agrees with {@link #perimeterKm} to
   * rounding (GeographicLib sums the edge lengths with extra precision).
   */
  public static double[] areaAndPerimeter(Geometry polygonal) {
    double m2 = 0;
    double m = 0;
    for (int i = 0; i < polygonal.getNumGeometries(); i++) {
      if (polygonal.getGeometryN(i) instanceof Polygon p) {
        PolygonResult shell = ring(p.getExteriorRing());
        m2 += Math.abs(shell.area);
        m += shell.perimeter;
        for (int h = 0; h < p.getNumInteriorRing(); h++) {
          PolygonResult hole = ring(p.getInteriorRingN(h));
          m2 -= Math.abs(hole.area);
          m += hole.perimeter;
        }
      }
    }
    return new double[] {m2 / 1e6, m / 1000.0};
  }

  private static double ringAreaM2(LinearRing ring) {
    return Math.abs(ring(ring).area);
  }

  private static PolygonResult ring(LinearRing ring) {
    PolygonArea area = new PolygonArea(WGS84, false);
    Coordinate[] cs = ring.getCoordinates();
    // the closing point repeats the first: GeographicLib closes the ring itself
    for (int i = 0; i < cs.length - 1; i++) {
      area.AddPoint(cs[i].y, cs[i].x);
    }
    return area.Compute(false, true);
  }
}
