package org.citycluster.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One GeoJSON feature: its {@code id} member as a string ({@code null} when absent), its properties
 * (insertion-ordered, unmodifiable, JSON {@code null} values kept as {@code null}) and its geometry
 * as JTS in the file's own coordinates (lon/lat degrees for RFC 7946 files). A {@code null} GeoJSON
 * geometry is returned as an empty geometry collection, never {@code null}.
 */
public record Feature(String id, Map<String, Object> properties, Geometry geometry) {

  /** Copies the properties into an unmodifiable map; rejects a {@code null} geometry. */
  public Feature {
    properties =
        properties == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    if (geometry == null) {
      throw new IllegalArgumentException("geometry must not be null (use an empty geometry)");
    }
  }
}
