package org.citycluster.config;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.citycluster.io.BoundaryAttributes;

/**
 * Where a level's boundary polygons come from and how to read them.
 *
 * @param path file or directory, relative to the data root
 * @param format {@code geojson} (a FeatureCollection), {@code shapefile} (a .shp or a directory of
 *     them) or {@code geoparquet}; {@code auto} picks by extension
 * @param crs the declared CRS of the coordinates: {@code EPSG:4326}, {@code EPSG:4490} (CGCS2000),
 *     {@code GCJ-02}, or another EPSG code
 * @param charset text encoding of a shapefile's .dbf when it has no .cpg; empty = detect (the
 *     .dbf's language-driver byte, else UTF-8 if the text decodes as UTF-8, otherwise GBK)
 * @param fields attribute to source field ({@code <prefix>.fields.<attribute>}), only the
 *     configured ones; an attribute not listed is found by name or by its dBase-truncated name
 *     ({@link org.citycluster.io.BoundaryAttributes})
 */
public record BoundarySource(
    String path, String format, String crs, String charset, Map<String, String> fields)
    implements Serializable {

  /** A source whose attributes are all found by name. */
  public BoundarySource(String path, String format, String crs, String charset) {
    this(path, format, crs, charset, Map.of());
  }

  public BoundarySource {
    fields = Map.copyOf(fields);
  }

  public static BoundarySource fromOptions(Map<String, String> o, String prefix) {
    String path = PipelineConfig.nonEmpty(o, prefix + ".path");
    String format = o.getOrDefault(prefix + ".format", "auto").toLowerCase(Locale.ROOT);
    if (format.equals("auto")) {
      format = formatOf(path);
      if (format == null) {
        throw new ConfigException(
            prefix + ".format",
            "auto",
            "geojson, shapefile, geoparquet (cannot tell from the extension of '" + path + "')");
      }
    } else if (!format.matches("geojson|shapefile|geoparquet")) {
      throw new ConfigException(prefix + ".format", format, "auto, geojson, shapefile, geoparquet");
    }
    String crs = PipelineConfig.nonEmpty(o, prefix + ".crs");
    Map<String, String> fields = new TreeMap<>();
    for (BoundaryAttributes.Attribute a : BoundaryAttributes.ALL) {
      String field = o.getOrDefault(prefix + ".fields." + a.name(), "").trim();
      if (!field.isEmpty()) {
        fields.put(a.name(), field);
      }
    }
    for (String key : o.keySet()) {
      if (key.startsWith(prefix + ".fields.")
          && BoundaryAttributes.byName(key.substring((prefix + ".fields.").length())).isEmpty()) {
        throw new ConfigException(
            key,
            o.get(key),
            "a field mapping of one of "
                + BoundaryAttributes.ALL.stream().map(BoundaryAttributes.Attribute::name).toList());
      }
    }
    return new BoundarySource(path, format, crs, o.getOrDefault(prefix + ".charset", ""), fields);
  }

  /** The format implied by a file name, or null. */
  static String formatOf(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    if (p.endsWith(".geojson") || p.endsWith(".json")) {
      return "geojson";
    }
    if (p.endsWith(".shp") || p.endsWith(".zip")) {
      return "shapefile";
    }
    if (p.endsWith(".parquet") || p.endsWith(".geoparquet")) {
      return "geoparquet";
    }
    return null;
  }
}
