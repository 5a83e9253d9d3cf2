package org.citycluster.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Reads a GeoJSON (RFC 7946) FeatureCollection file into a list of {@link Feature}s, in file order.
 *
 * <p>The collection is streamed with Jackson: only one feature's JSON tree is held at a time. All
 * GeoJSON geometry types are converted to JTS (Point, MultiPoint, LineString, MultiLineString,
 * Polygon, MultiPolygon, GeometryCollection); coordinates are taken as given (x = longitude, y =
 * latitude, degrees, no CRS transformation); a third ordinate (altitude) is dropped. Geometries get
 * SRID 4326 and a floating precision model. No validity check or repair is done (invalid polygons
 * are returned as they are); rings must be closed with at least four positions.
 *
 * <p>Bad input: a file that is not a FeatureCollection, malformed JSON, an unknown geometry type or
 * malformed coordinates raise an {@link IOException} whose message names the file and the
 * zero-based index of the offending feature.
 */
public final class GeoJsonFeatureReader {

  private static final TypeReference<LinkedHashMap<String, Object>> PROPERTY_MAP =
      new TypeReference<>() {};

  private final ObjectMapper mapper = new ObjectMapper();
  private final GeometryFactory factory;

  /** A reader producing geometries with SRID 4326 and a floating precision model. */
  public GeoJsonFeatureReader() {
    this(new GeometryFactory(new PrecisionModel(), 4326));
  }

  /** A reader producing geometries with the given factory. */
  public GeoJsonFeatureReader(GeometryFactory factory) {
    this.factory = factory;
  }

  /** Reads every feature of the FeatureCollection in {@code file}. */
  public List<Feature> read(Path file) throws IOException {
    List<Feature> features = new ArrayList<>();
    String type = null;
    int index = 0;
    try (JsonParser parser = mapper.getFactory().createParser(file.toFile())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException(file + ": not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("type".equals(name)) {
          type = parser.getValueAsString();
        } else if ("features".equals(name)) {
          if (value != JsonToken.START_ARRAY) {
            throw new IOException(file + ": member 'features' is not an array");
          }
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonNode node = mapper.readTree(parser);
            try {
              features.add(toFeature(node));
            } catch (RuntimeException e) {
              throw new IOException(
                  file + ": feature " + index + " (id " + idOf(node) + "): " + e.getMessage(), e);
            }
            index++;
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
        throw e;
      }
      throw new IOException(
          file + ": malformed GeoJSON at feature " + index + ": " + e.getMessage(), e);
    }
    if (!"FeatureCollection".equals(type)) {
      throw new IOException(file + ": type is " + type + ", expected FeatureCollection");
    }
    return features;
  }

  private static String idOf(JsonNode feature) {
    JsonNode id = feature.get("id");
    return id == null || id.isNull() ? null : id.asText();
  }

  private Feature toFeature(JsonNode node) {
    if (!node.isObject() || !"Feature".equals(node.path("type").asText())) {
      throw new IllegalArgumentException("not a GeoJSON Feature object");
    }
    JsonNode props = node.get("properties");
    Map<String, Object> properties =
        props == null || props.isNull() ? Map.of() : mapper.convertValue(props, PROPERTY_MAP);
    JsonNode geometry = node.get("geometry");
    Geometry geom =
        geometry == null || geometry.isNull()
            ? factory.createGeometryCollection()
            : toGeometry(geometry);
    return new Feature(idOf(node), properties, geom);
  }

  private Geometry toGeometry(JsonNode g) {
    String type = g.path("type").asText();
    if ("GeometryCollection".equals(type)) {
      JsonNode members = g.path("geometries");
      Geometry[] parts = new Geometry[members.size()];
      for (int i = 0; i < parts.length; i++) {
        parts[i] = toGeometry(members.get(i));
      }
      return factory.createGeometryCollection(parts);
    }
    JsonNode c = g.get("coordinates");
    if (c == null || !c.isArray()) {
      throw new IllegalArgumentException(type + " without a coordinates array");
    }
    switch (type) {
      case "Point":
        return factory.createPoint(position(c));
      case "MultiPoint":
        {
          Point[] points = new Point[c.size()];
          for (int i = 0; i < points.length; i++) {
            points[i] = factory.createPoint(position(c.get(i)));
          }
          return factory.createMultiPoint(points);
        }
      case "LineString":
        return factory.createLineString(positions(c));
      case "MultiLineString":
        {
          LineString[] lines = new LineString[c.size()];
          for (int i = 0; i < lines.length; i++) {
            lines[i] = factory.createLineString(positions(c.get(i)));
          }
          return factory.createMultiLineString(lines);
        }
      case "Polygon":
        return polygon(c);
      case "MultiPolygon":
        {
          Polygon[] polygons = new Polygon[c.size()];
          for (int i = 0; i < polygons.length; i++) {
            polygons[i] = polygon(c.get(i));
          }
          return factory.createMultiPolygon(polygons);
        }
      default:
        throw new IllegalArgumentException("unsupported geometry type '" + type + "'");
    }
  }

  private Polygon polygon(JsonNode rings) {
    if (rings.isEmpty()) {
      return factory.createPolygon();
    }
    LinearRing shell = factory.createLinearRing(positions(rings.get(0)));
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int i = 1; i < rings.size(); i++) {
      holes[i - 1] = factory.createLinearRing(positions(rings.get(i)));
    }
    return factory.createPolygon(shell, holes);
  }

  private static Coordinate[] positions(JsonNode array) {
    if (!array.isArray()) {
      throw new IllegalArgumentException("expected an array of positions");
    }
    Coordinate[] cs = new Coordinate[array.size()];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = position(array.get(i));
    }
    return cs;
  }

  private static Coordinate position(JsonNode p) {
    if (p == null || !p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
      throw new IllegalArgumentException("malformed position " + p);
    }
    return new Coordinate(p.get(0).doubleValue(), p.get(1).doubleValue());
  }
}
