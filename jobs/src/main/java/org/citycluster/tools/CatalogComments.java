package org.citycluster.tools;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.citycluster.io.TableSchema;
import org.citycluster.jobs.Pipeline;

/**
 * Comments on the views of a {@link DuckDbCatalog} database and on their columns (DuckDB's {@code
 * COMMENT ON}, shown by BI tools and by {@code duckdb_views()} / {@code duckdb_columns()}), taken
 * from {@code schemas/}: the table's description and grain, each column's description with its
 * unit, and fixed texts for the partition columns and the columns the catalog derives (WKB hex,
 * WKT, centroids, the names and coordinates of the flat views).
 */
final class CatalogComments {

  /** Columns the catalog adds, by name. */
  static final Map<String, String> DERIVED =
      Map.ofEntries(
          Map.entry("level", "partition: the level of the units (prefecture, county, ...)"),
          Map.entry("run_date", "partition: the run date (YYYY-MM-DD) that published the row"),
          Map.entry("geometry_wkb_hex", "the geometry as WKB, hex text (EPSG:4326, lon/lat)"),
          Map.entry("geometry_wkb_md5", "MD5 of the WKB bytes (hex): the geometry's key"),
          Map.entry("geometry_wkt", "the geometry as WKT (EPSG:4326, lon/lat degrees)"),
          Map.entry(
              "geometry_wkt_simplified",
              "WKT simplified topology-preserving at "
                  + DuckDbCatalog.SIMPLIFY_TOLERANCE_DEG
                  + " degrees (about 1 km), for maps"),
          Map.entry("geometry_centroid_lon", "planar centroid longitude of the geometry (degrees)"),
          Map.entry("geometry_centroid_lat", "planar centroid latitude of the geometry (degrees)"),
          Map.entry("name_a", "name of unit adcode_a"),
          Map.entry("name_b", "name of unit adcode_b"),
          Map.entry("lon_a", "centroid longitude of unit adcode_a (degrees)"),
          Map.entry("lat_a", "centroid latitude of unit adcode_a (degrees)"),
          Map.entry("lon_b", "centroid longitude of unit adcode_b (degrees)"),
          Map.entry("lat_b", "centroid latitude of unit adcode_b (degrees)"),
          Map.entry("line_wkt", "WKT line between the two units' centroids, for flow maps"));

  private CatalogComments() {}

  static void apply(Connection conn, List<String> views) throws SQLException {
    try (Statement st = conn.createStatement();
        PreparedStatement columns =
            conn.prepareStatement(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY"
                    + " column_index")) {
      for (String view : views) {
        String table = baseTable(view);
        TableSchema schema = Pipeline.TABLES.contains(table) ? TableSchema.load(table) : null;
        st.execute(
            "COMMENT ON VIEW "
                + view
                + " IS "
                + DuckDbCatalog.literal(describe(view, table, schema)));
        columns.setString(1, view);
        List<String> names = new ArrayList<>();
        try (ResultSet rs = columns.executeQuery()) {
          while (rs.next()) {
            names.add(rs.getString(1));
          }
        }
        for (String column : names) {
          String text = columnText(schema, column);
          if (text != null) {
            st.execute(
                "COMMENT ON COLUMN " + view + "." + column + " IS " + DuckDbCatalog.literal(text));
          }
        }
      }
    }
  }

  /** {@code cities_flat} and {@code cities_latest} describe {@code cities}. */
  static String baseTable(String view) {
    for (String suffix : List.of("_flat", "_latest")) {
      if (view.endsWith(suffix)) {
        return view.substring(0, view.length() - suffix.length());
      }
    }
    return view;
  }

  private static String describe(String view, String table, TableSchema schema) {
    String what =
        schema == null
            ? view.equals("latest_runs") ? "the newest published run date per level" : view
            : schema.description() + " (grain: " + schema.grain() + ")";
    if (view.endsWith("_latest")) {
      return what + "; only the newest run date of each level";
    }
    if (view.endsWith("_flat")) {
      return what + "; flat: names, coordinates and WKT for BI maps, no binary columns";
    }
    return what + "; every published run date and level";
  }

  private static String columnText(TableSchema schema, String column) {
    if (schema != null) {
      for (TableSchema.Column c : schema.columns()) {
        if (c.name().equals(column)) {
          String unit = c.unit() == null || c.unit().isBlank() ? "" : " [" + c.unit() + "]";
          return c.description() + unit;
        }
      }
    }
    return DERIVED.get(column);
  }
}
