package org.citycluster.config;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;

/**
 * Where a level's boundary polygons come from and how to read them.
 *
 * @param path file or directory, relative to the data root
 * @param format {@code geojson} (a FeatureCollection), {@code shapefile} (a .shp or a directory of
 *     them) or {@code geoparquet}; {@code auto} picks by extension
 * @param crs the declared CRS of the coordinates: {@code EPSG:4326}, {@code EPSG:4490} (CGCS2000),
 *     {@code GCJ-02}, or another EPSG code
 * @param charset text encoding of a shapefile's .dbf when it has no .cpg; empty = detect (UTF-8 if
 *     the text decodes as UTF-8, otherwise GBK)
 */
public record BoundarySource(String path, String format, String crs, String charset)
    implements Serializable {

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
    return new BoundarySource(path, format, crs, o.getOrDefault(prefix + ".charset", ""));
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
