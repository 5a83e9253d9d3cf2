package org.citycluster.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sedona.core.formatMapper.shapefileParser.parseUtils.shp.ShapeReaderFactory;
import org.apache.sedona.core.formatMapper.shapefileParser.parseUtils.shp.ShapeType;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Decodes the content of one ESRI shapefile record (the bytes after the 8-byte record header,
 * starting with the shape type) into JTS — checked first, so that one bad record is one repaired or
 * quarantined feature instead of an exception inside the reader.
 *
 * <p>Contract of {@link #decode}: never throws. The record's structure is checked against the ESRI
 * Shapefile Technical Description (1998): shape type, the 44-byte Polygon header, part and point
 * counts that fit the record's length, part offsets that start at 0 and do not decrease, finite
 * coordinates. Polygon, PolygonZ and PolygonM records are then decoded by Sedona's {@code
 * PolygonParser} (rings to shells and holes by orientation) in x and y only (z and m are dropped,
 * as the GeoJSON reader drops a third ordinate). Parts that cannot be rings (no points, fewer than
 * four) are left out and an unclosed ring is closed; each such change is named in {@link
 * Parsed#repairs()}. A null shape, any other shape type (points, lines, MultiPatch, an unknown
 * code), a broken structure or a non-finite coordinate gives a null geometry and {@link
 * Parsed#error()}, naming the part or point. Each text is "kind: details" (the kind alone when
 * there are none), as dq_issues problems are, so that the console groups records by kind.
 * Geometries get SRID 4326 and a floating precision model, like {@link GeoJsonGeometry}'s.
 */
public final class ShapefileGeometry {

  /**
   * @param geometry the geometry, null when the record has none or cannot be read
   * @param repairs what was changed while reading (empty if nothing), in words
   * @param error why there is no geometry, or null
   */
  public record Parsed(Geometry geometry, List<String> repairs, String error) {}

  private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

  /** The shape types of the specification, by code. */
  private static final Map<Integer, String> TYPES =
      Map.ofEntries(
          Map.entry(0, "Null"),
          Map.entry(1, "Point"),
          Map.entry(3, "PolyLine"),
          Map.entry(5, "Polygon"),
          Map.entry(8, "MultiPoint"),
          Map.entry(11, "PointZ"),
          Map.entry(13, "PolyLineZ"),
          Map.entry(15, "PolygonZ"),
          Map.entry(18, "MultiPointZ"),
          Map.entry(21, "PointM"),
          Map.entry(23, "PolyLineM"),
          Map.entry(25, "PolygonM"),
          Map.entry(28, "MultiPointM"),
          Map.entry(31, "MultiPatch"));

  /** Bytes before the part offsets: type, bounding box, numParts, numPoints. */
  private static final int POLYGON_HEADER = 4 + 32 + 4 + 4;

  private ShapefileGeometry() {}

  /** "Polygon (5)", or "unknown (77)". */
  public static String typeName(int code) {
    return TYPES.getOrDefault(code, "unknown") + " (" + code + ")";
  }

  /** Whether {@code code} is Polygon, PolygonZ or PolygonM. */
  public static boolean isPolygonal(int code) {
    return code == 5 || code == 15 || code == 25;
  }

  /** Decodes one record's content; see the class comment. */
  public static Parsed decode(byte[] content) {
    try {
      return new ShapefileGeometry().read(content);
    } catch (
        RuntimeException e) { // the checks above should leave nothing for the parser to trip on
      return error("the record could not be decoded: " + e);
    }
  }

  private final List<String> repairs = new ArrayList<>();

  private Parsed read(byte[] content) {
    if (content == null || content.length < 4) {
      return error(
          "record of "
              + (content == null ? 0 : content.length)
              + " bytes, too short to hold a shape type");
    }
    ByteBuffer b = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
    int type = b.getInt(0);
    if (type == 0) {
      return error("null shape (shape type 0): the record has no geometry");
    }
    if (!isPolygonal(type)) {
      return error("shape type " + typeName(type) + ", expected Polygon (5, 15 or 25)");
    }
    if (content.length < POLYGON_HEADER) {
      return error(
          "record shorter than the "
              + POLYGON_HEADER
              + "-byte Polygon header: "
              + content.length
              + " bytes");
    }
    int numParts = b.getInt(36);
    int numPoints = b.getInt(40);
    if (numParts < 0 || numPoints < 0) {
      return error("negative count: " + numParts + " part(s), " + numPoints + " point(s)");
    }
    if (numParts == 0 || numPoints == 0) {
      return error(
          "empty shape, no ring to read: " + numParts + " part(s), " + numPoints + " point(s)");
    }
    long needed = POLYGON_HEADER + 4L * numParts + 16L * numPoints;
    if (needed > content.length) {
      return error(
          "part and point counts do not fit the record (corrupt counts or a truncated record): "
              + numParts
              + " part(s) and "
              + numPoints
              + " point(s) need "
              + needed
              + " bytes, the record has "
              + content.length);
    }
    int[] starts = new int[numParts + 1];
    for (int i = 0; i < numParts; i++) {
      starts[i] = b.getInt(POLYGON_HEADER + 4 * i);
    }
    starts[numParts] = numPoints;
    if (starts[0] != 0) {
      return error("the first part does not start at point 0: it starts at " + starts[0]);
    }
    for (int i = 1; i <= numParts; i++) {
      if (starts[i] < starts[i - 1] || starts[i] > numPoints) {
        return error(
            "part offsets do not increase within the points: part "
                + (i < numParts ? i : i - 1)
                + " at "
                + starts[i - 1]
                + ".."
                + starts[i]
                + " of "
                + numPoints
                + " point(s)");
      }
    }
    int pointsAt = POLYGON_HEADER + 4 * numParts;
    double[] xs = new double[numPoints];
    double[] ys = new double[numPoints];
    for (int i = 0; i < numPoints; i++) {
      xs[i] = b.getDouble(pointsAt + 16 * i);
      ys[i] = b.getDouble(pointsAt + 16 * i + 8);
    }
    int rings = 0;
    boolean close = false;
    boolean[] unclosed = new boolean[numParts];
    for (int part = 0; part < numParts; part++) {
      int from = starts[part];
      int to = starts[part + 1];
      for (int i = from; i < to; i++) {
        if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
          return error(
              "coordinate is not a finite number: part "
                  + part
                  + ", point "
                  + (i - from)
                  + " is ("
                  + xs[i]
                  + " "
                  + ys[i]
                  + ")");
        }
      }
      int count = to - from;
      if (count == 0) {
        repairs.add("empty part left out: part " + part + " has no points");
        continue;
      }
      boolean closed = xs[from] == xs[to - 1] && ys[from] == ys[to - 1];
      if (count + (closed ? 0 : 1) < 4) {
        repairs.add("ring of fewer than 4 points left out: part " + part + " has " + count);
        continue;
      }
      if (!closed) {
        unclosed[part] = true;
        close = true;
        repairs.add("unclosed ring closed: part " + part);
      }
      rings++;
    }
    if (rings == 0) {
      return error("no part is a ring of 4 or more points: " + String.join("; ", repairs));
    }
    byte[] polygon =
        close ? closed(b, numParts, starts, xs, ys, unclosed) : asPolygon(content, type);
    Geometry g =
        ShapeType.POLYGON
            .getParser(FACTORY)
            .parseShape(
                ShapeReaderFactory.fromByteBuffer(
                    ByteBuffer.wrap(polygon, 4, polygon.length - 4).slice()));
    if (g == null || g.isEmpty()) {
      return error("Polygon record decoded to an empty geometry");
    }
    return new Parsed(g, List.copyOf(repairs), null);
  }

  /**
   * The content as a plain Polygon record: for PolygonZ and PolygonM the x/y part is laid out as a
   * Polygon's, so only the type code changes (the z and m arrays after it are not read).
   */
  private static byte[] asPolygon(byte[] content, int type) {
    if (type == 5) {
      return content;
    }
    byte[] copy = content.clone();
    ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 5);
    return copy;
  }

  /**
   * A Polygon record of the same parts with each unclosed ring's first point repeated at its end.
   */
  private static byte[] closed(
      ByteBuffer source, int numParts, int[] starts, double[] xs, double[] ys, boolean[] unclosed) {
    int added = 0;
    for (boolean u : unclosed) {
      added += u ? 1 : 0;
    }
    int numPoints = xs.length + added;
    ByteBuffer out =
        ByteBuffer.allocate(POLYGON_HEADER + 4 * numParts + 16 * numPoints)
            .order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(5);
    for (int i = 0; i < 4; i++) {
      out.putDouble(source.getDouble(4 + 8 * i));
    }
    out.putInt(numParts).putInt(numPoints);
    int shift = 0;
    for (int part = 0; part < numParts; part++) {
      out.putInt(starts[part] + shift);
      shift += unclosed[part] ? 1 : 0;
    }
    for (int part = 0; part < numParts; part++) {
      for (int i = starts[part]; i < starts[part + 1]; i++) {
        out.putDouble(xs[i]).putDouble(ys[i]);
      }
      if (unclosed[part]) {
        out.putDouble(xs[starts[part]]).putDouble(ys[starts[part]]);
      }
    }
    return out.array();
  }

  private static Parsed error(String problem) {
    return new Parsed(null, List.of(), problem);
  }
}
