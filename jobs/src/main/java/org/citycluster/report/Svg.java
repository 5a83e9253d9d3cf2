package org.citycluster.report;

import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * Inline SVG pieces for the report, without Spark and without any script: map paths from JTS
 * geometries in an equirectangular projection of lon/lat (x scaled by cos 35°), a sequential colour
 * ramp, and number formatting (the markup itself is in the templates, see {@link Templates}).
 * Coordinates are rounded to 0.1 px; geometries are simplified with Douglas-Peucker first
 * (tolerance in degrees), so a map of China's 375 prefectures stays small.
 */
final class Svg {

  /** The map frame: mainland China and Hainan, lon 73..135 °E, lat 17..54 °N. */
  static final double LON_MIN = 73, LON_MAX = 135, LAT_MIN = 17, LAT_MAX = 54;

  /** Pixels per degree of latitude. */
  static final double SCALE = 11;

  static final double COS_LAT0 = Math.cos(Math.toRadians(35));

  private Svg() {}

  static double width() {
    return (LON_MAX - LON_MIN) * COS_LAT0 * SCALE;
  }

  static double height() {
    return (LAT_MAX - LAT_MIN) * SCALE;
  }

  static double x(double lon) {
    return (lon - LON_MIN) * COS_LAT0 * SCALE;
  }

  static double y(double lat) {
    return (LAT_MAX - lat) * SCALE;
  }

  /**
   * The SVG path data ({@code d}) of the polygons of a geometry, simplified with the given
   * tolerance in degrees; empty when nothing polygonal is left. Use with {@code
   * fill-rule="evenodd"} so holes stay holes.
   */
  static String path(Geometry g, double toleranceDeg) {
    if (g == null || g.isEmpty()) {
      return "";
    }
    Geometry s = toleranceDeg > 0 ? DouglasPeuckerSimplifier.simplify(g, toleranceDeg) : g;
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < s.getNumGeometries(); i++) {
      if (s.getGeometryN(i) instanceof Polygon p) {
        ring(d, p.getExteriorRing());
        for (int h = 0; h < p.getNumInteriorRing(); h++) {
          ring(d, p.getInteriorRingN(h));
        }
      }
    }
    return d.toString();
  }

  private static void ring(StringBuilder d, LineString ring) {
    Coordinate[] cs = ring.getCoordinates();
    if (cs.length < 4) {
      return;
    }
    for (int i = 0; i < cs.length - 1; i++) {
      d.append(i == 0 ? 'M' : 'L').append(num(x(cs[i].x))).append(',').append(num(y(cs[i].y)));
    }
    d.append('Z');
  }

  /** A number with at most one decimal, no trailing ".0". */
  static String num(double v) {
    long tenths = Math.round(v * 10);
    return tenths % 10 == 0
        ? Long.toString(tenths / 10)
        : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
  }

  /** Colour stops of the ramp (viridis, 5 stops). */
  private static final List<int[]> RAMP =
      List.of(
          new int[] {68, 1, 84},
          new int[] {59, 82, 139},
          new int[] {33, 145, 140},
          new int[] {94, 201, 98},
          new int[] {253, 231, 37});

  /** The ramp's colour at t in 0..1 (clamped), as {@code #rrggbb}. */
  static String colour(double t) {
    double c = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
    double pos = c * (RAMP.size() - 1);
    int i = Math.min((int) Math.floor(pos), RAMP.size() - 2);
    double f = pos - i;
    int[] a = RAMP.get(i);
    int[] b = RAMP.get(i + 1);
    return String.format(
        Locale.ROOT,
        "#%02x%02x%02x",
        Math.round(a[0] + f * (b[0] - a[0])),
        Math.round(a[1] + f * (b[1] - a[1])),
        Math.round(a[2] + f * (b[2] - a[2])));
  }
}
