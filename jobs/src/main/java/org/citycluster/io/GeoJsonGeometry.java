package org.citycluster.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Parses one GeoJSON (RFC 7946) geometry object, as text, into JTS — leniently, so that one bad
 * feature can be repaired or quarantined instead of stopping the run.
 *
 * <p>Contract: every geometry type is read; positions are {@code [x, y]} numbers (a third ordinate
 * is dropped); geometries get SRID 4326 and a floating precision model. Polygon rings that are
 * empty, or that have fewer than four positions, are left out and an unclosed ring is closed; each
 * such change is named in {@link Parsed#repairs()}. A {@code null} geometry gives a null geometry.
 * Anything else that cannot be read (malformed JSON, an unknown type, a position that is not two
 * numbers) gives a null geometry and {@link Parsed#error()}. Never throws.
 */
public final class GeoJsonGeometry {

  /**
   * @param geometry the geometry, null when absent or unreadable
   * @param repairs what was changed while reading (empty if nothing), in words
   * @param error why it could not be read, or null
   */
  public record Parsed(Geometry geometry, List<String> repairs, String error) {}

  /** Accepts NaN and Infinity, as Spark's JSON reader does, so that they reach the checks. */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

  private final List<String> repairs = new ArrayList<>();

  private GeoJsonGeometry() {}

  /** Parses {@code json}; see the class comment. */
  public static Parsed parse(String json) {
    if (json == null || json.isBlank() || json.strip().equals("null")) {
      return new Parsed(null, List.of(), null);
    }
    GeoJsonGeometry parser = new GeoJsonGeometry();
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isNull()) {
        return new Parsed(null, List.of(), null);
      }
      Geometry g = parser.geometry(node);
      return new Parsed(g, List.copyOf(parser.repairs), null);
    } catch (JsonProcessingException e) {
      return new Parsed(null, List.of(), "malformed geometry JSON: " + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      return new Parsed(null, List.of(), e.getMessage());
    }
  }

  private Geometry geometry(JsonNode g) {
    if (!g.isObject()) {
      throw new IllegalArgumentException("geometry is not a JSON object: " + abbreviate(g));
    }
    String type = g.path("type").asText();
    if ("GeometryCollection".equals(type)) {
      JsonNode members = g.path("geometries");
      Geometry[] parts = new Geometry[members.size()];
      for (int i = 0; i < parts.length; i++) {
        parts[i] = geometry(members.get(i));
      }
      return FACTORY.createGeometryCollection(parts);
    }
    JsonNode c = g.get("coordinates");
    if (c == null || !c.isArray()) {
      throw new IllegalArgumentException(
          "geometry type '" + type + "' without a coordinates array");
    }
    switch (type) {
      case "Point":
        return c.isEmpty() ? FACTORY.createPoint() : FACTORY.createPoint(position(c));
      case "MultiPoint":
        {
          Point[] points = new Point[c.size()];
          for (int i = 0; i < points.length; i++) {
            points[i] = FACTORY.createPoint(position(c.get(i)));
          }
          return FACTORY.createMultiPoint(points);
        }
      case "LineString":
        return line(c);
      case "MultiLineString":
        {
          LineString[] lines = new LineString[c.size()];
          for (int i = 0; i < lines.length; i++) {
            lines[i] = line(c.get(i));
          }
          return FACTORY.createMultiLineString(lines);
        }
      case "Polygon":
        return polygon(c, "polygon");
      case "MultiPolygon":
        {
          Polygon[] polygons = new Polygon[c.size()];
          for (int i = 0; i < polygons.length; i++) {
            polygons[i] = polygon(c.get(i), "polygon " + i);
          }
          return FACTORY.createMultiPolygon(polygons);
        }
      default:
        throw new IllegalArgumentException("unsupported geometry type '" + type + "'");
    }
  }

  private LineString line(JsonNode c) {
    Coordinate[] cs = positions(c);
    if (cs.length == 1) {
      throw new IllegalArgumentException("LineString with a single position");
    }
    return FACTORY.createLineString(cs);
  }

  /** A polygon from its rings; rings that cannot be rings are left out and named. */
  private Polygon polygon(JsonNode rings, String where) {
    if (!rings.isArray()) {
      throw new IllegalArgumentException(where + ": expected an array of rings");
    }
    if (rings.isEmpty()) {
      return FACTORY.createPolygon(); // an empty part, named by GeometryRepair.sanitize
    }
    List<LinearRing> kept = new ArrayList<>();
    for (int i = 0; i < rings.size(); i++) {
      String ring = where + (i == 0 ? " shell" : " hole " + i);
      Coordinate[] cs = positions(rings.get(i));
      if (cs.length == 0) {
        repairs.add(ring + ": empty ring left out");
        if (i == 0) {
          return FACTORY.createPolygon();
        }
        continue;
      }
      if (!cs[0].equals2D(cs[cs.length - 1])) {
        Coordinate[] closed = java.util.Arrays.copyOf(cs, cs.length + 1);
        closed[cs.length] = new Coordinate(cs[0]);
        cs = closed;
        repairs.add(ring + ": ring was not closed; closed it");
      }
      if (cs.length < 4) {
        repairs.add(ring + ": ring of " + cs.length + " positions (fewer than 4) left out");
        if (i == 0) {
          return FACTORY.createPolygon();
        }
        continue;
      }
      kept.add(FACTORY.createLinearRing(cs));
    }
    return FACTORY.createPolygon(
        kept.get(0), kept.subList(1, kept.size()).toArray(new LinearRing[0]));
  }

  private static Coordinate[] positions(JsonNode array) {
    if (!array.isArray()) {
      throw new IllegalArgumentException(
          "expected an array of positions, found " + abbreviate(array));
    }
    Coordinate[] cs = new Coordinate[array.size()];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = position(array.get(i));
    }
    return cs;
  }

  private static Coordinate position(JsonNode p) {
    if (p == null || !p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
      throw new IllegalArgumentException(
          "malformed position " + abbreviate(p) + " (expected [x, y])");
    }
    return new Coordinate(p.get(0).doubleValue(), p.get(1).doubleValue());
  }

  private static String abbreviate(JsonNode node) {
    String s = String.valueOf(node);
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
