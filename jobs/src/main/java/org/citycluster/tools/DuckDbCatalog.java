package org.citycluster.tools;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * DuckDB views over a warehouse's published Parquet, for SQL users and BI tools. No DuckDB
 * extension is needed (the spatial extension is not available offline), so geometry is exposed as
 * plain strings and numbers:
 *
 * <ul>
 *   <li>one view per published table, named like the table, over every partition ({@code
 *       read_parquet('<warehouse>/<table>/*&#47;*&#47;*.parquet', hive_partitioning = true,
 *       union_by_name = true)}, so {@code level} and {@code run_date} are columns); a WKB {@code
 *       geometry} column becomes {@code geometry_wkb_hex} (hex text of the WKB);
 *   <li>for each table with a geometry, a flat view {@code <table>_flat} without any binary or
 *       geometry type: the table's columns plus {@code geometry_wkt} (full WKT), {@code
 *       geometry_wkt_simplified} (topology-preserving simplification, {@link
 *       #SIMPLIFY_TOLERANCE_DEG} degrees) and {@code geometry_centroid_lon/lat} (planar centroid in
 *       lon/lat degrees, for labels and point maps);
 *   <li>{@code city_pairs_flat}: {@code city_pairs} with both units' names, centroid lon/lat
 *       ({@code lon_a, lat_a, lon_b, lat_b}) and {@code line_wkt} between the centroids, for flow
 *       maps; {@code cluster_members_flat}: members with {@code name_pinyin} and centroid lon/lat;
 *   <li>{@code functional_regions_flat}: each unit's region with its {@code name_pinyin}, centroid
 *       lon/lat and simplified boundary WKT, for maps of the regions; {@code
 *       cluster_verdicts_flat}: every verdict row with the cluster's simplified outline WKT and
 *       centroid, for the map of the verdicts (filter {@code is_verdict_linkage});
 *   <li>{@code latest_runs}: the newest published run date per level.
 * </ul>
 *
 * <p>Every table also gets {@code <table>_latest} (the newest run date of each level), and every
 * view and column a comment from {@code schemas/} ({@link CatalogComments}). No view reads the
 * Parquet {@code geometry} column, whose type differs between DuckDB versions (BLOB in 1.4,
 * GEOMETRY from 1.5): {@link CatalogGeometries} reads the WKB once, renders it with JTS into
 * {@value #GEOMETRY_TABLE} (keyed by the MD5 of the WKB) and records each row's geometry by file
 * and row number in {@value #GEOMETRY_ROWS_TABLE}; the views join those. So a database written by
 * one DuckDB version works in newer ones. Views hold the warehouse's absolute path, so a database
 * must be rebuilt after the warehouse moves or a new run is published with new geometries.
 */
public final class DuckDbCatalog {

  /** The table of WKB and WKT renderings of every published geometry, keyed by {@code wkb_md5}. */
  public static final String GEOMETRY_TABLE = "geometry_wkt";

  /** Which geometry each published row has: {@code filename, file_row_number -> wkb_md5}. */
  public static final String GEOMETRY_ROWS_TABLE = "geometry_rows";

  /** Simplification tolerance of {@code geometry_wkt_simplified}, in degrees (about 1 km). */
  public static final double SIMPLIFY_TOLERANCE_DEG = 0.01;

  /**
   * The layout version of the views; a database of another version (or built for another warehouse
   * path) is stale. Bump it when views change.
   */
  public static final String LAYOUT_VERSION = "4";

  /** One-row table recording the layout version and the warehouse a database was built for. */
  public static final String INFO_TABLE = "citycluster_catalog";

  private DuckDbCatalog() {}

  /**
   * True when a database was built by this layout version for this warehouse (its path as given,
   * normalised); false for older layouts, other warehouses, or files that are not such databases.
   */
  public static boolean builtFor(Path db, Path warehouse) {
    try (Connection conn = open(db.toString(), true);
        Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT layout_version, warehouse FROM " + INFO_TABLE + " LIMIT 1")) {
      return rs.next()
          && LAYOUT_VERSION.equals(rs.getString(1))
          && warehouse.toAbsolutePath().normalize().toString().equals(rs.getString(2));
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Opens a DuckDB database ({@code ""} or {@code ":memory:"} for an in-memory one) with extension
   * auto-install and auto-load switched off, so nothing is ever fetched from the network.
   */
  public static Connection open(String database, boolean readOnly) throws SQLException {
    Properties p = new Properties();
    if (readOnly) {
      p.setProperty("duckdb.read_only", "true");
    }
    p.setProperty("autoinstall_known_extensions", "false");
    p.setProperty("autoload_known_extensions", "false");
    String target = database == null || database.equals(":memory:") ? "" : database;
    return DriverManager.getConnection("jdbc:duckdb:" + target, p);
  }

  /**
   * The published tables of a warehouse: its top-level directories (not starting with {@code _} or
   * {@code .}) that hold at least one {@code level=*}/{@code run_date=*}/{@code *.parquet} file.
   * Symbolic links are followed: {@code <warehouse>/<table>} links into the current version.
   */
  public static List<String> publishedTables(Path warehouse) throws IOException {
    if (!Files.isDirectory(warehouse)) {
      throw new IOException("warehouse " + warehouse + " is not a directory");
    }
    List<String> tables = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(warehouse)) {
      for (Path dir : dirs.sorted().toList()) {
        String name = dir.getFileName().toString();
        if (!Files.isDirectory(dir) || name.startsWith("_") || name.startsWith(".")) {
          continue;
        }
        if (!name.matches("[a-z][a-z0-9_]*")) {
          continue;
        }
        try (Stream<Path> files =
            Files.find(dir, 3, (f, a) -> isPublishedFile(dir, f), FileVisitOption.FOLLOW_LINKS)) {
          if (files.findAny().isPresent()) {
            tables.add(name);
          }
        }
      }
    }
    return tables;
  }

  private static boolean isPublishedFile(Path tableDir, Path file) {
    Path rel = tableDir.relativize(file);
    return rel.getNameCount() == 3
        && rel.getName(0).toString().startsWith("level=")
        && rel.getName(1).toString().startsWith("run_date=")
        && rel.getName(2).toString().endsWith(".parquet");
  }

  /** The {@code read_parquet(...)} expression over every partition of a table. */
  public static String source(Path warehouse, String table) {
    return "read_parquet("
        + literal(glob(warehouse, table))
        + ", hive_partitioning = true, union_by_name = true)";
  }

  /**
   * {@link #source} with each row's {@code filename} and {@code file_row_number}: the key that ties
   * a row to its geometry in {@value #GEOMETRY_ROWS_TABLE} without the view ever reading the
   * geometry column (whose type differs between DuckDB versions).
   */
  static String sourceWithRowKeys(Path warehouse, String table) {
    return "read_parquet("
        + literal(glob(warehouse, table))
        + ", hive_partitioning = true, union_by_name = true, filename = true,"
        + " file_row_number = true)";
  }

  private static String glob(Path warehouse, String table) {
    return warehouse
        .toAbsolutePath()
        .normalize()
        .resolve(table)
        .resolve("*/*/*.parquet")
        .toString();
  }

  /**
   * Creates (or replaces) the views, the flat views, the latest views, the geometry tables and the
   * comments in a writable connection. Returns the names of the views created, in order.
   */
  public static List<String> create(Connection conn, Path warehouse)
      throws SQLException, IOException {
    List<String> views = new ArrayList<>();
    try (Statement st = conn.createStatement()) {
      st.execute(
          "CREATE OR REPLACE TABLE "
              + GEOMETRY_TABLE
              + " (wkb_md5 VARCHAR PRIMARY KEY, geometry_wkb_hex VARCHAR, geometry_wkt VARCHAR,"
              + " geometry_wkt_simplified VARCHAR, geometry_centroid_lon DOUBLE,"
              + " geometry_centroid_lat DOUBLE)");
      st.execute(
          "CREATE OR REPLACE TABLE "
              + GEOMETRY_ROWS_TABLE
              + " (filename VARCHAR, file_row_number BIGINT, wkb_md5 VARCHAR,"
              + " PRIMARY KEY (filename, file_row_number))");
      st.execute(
          "CREATE OR REPLACE TABLE "
              + INFO_TABLE
              + " AS SELECT "
              + literal(LAYOUT_VERSION)
              + " AS layout_version, "
              + literal(warehouse.toAbsolutePath().normalize().toString())
              + " AS warehouse, current_timestamp AS built_at");
      List<String> tables = publishedTables(warehouse);
      for (String table : tables) {
        String geometryType = geometryType(st, source(warehouse, table));
        if (geometryType == null) {
          st.execute(
              "CREATE OR REPLACE VIEW " + table + " AS SELECT * FROM " + source(warehouse, table));
          views.add(table);
          continue;
        }
        // The view never reads the geometry column: DuckDB 1.4 reads GeoParquet's WKB as BLOB,
        // 1.5 and later as GEOMETRY, so an expression over it would bind in one version only.
        // The WKB is read here, once, and joined by each row's file and row number.
        CatalogGeometries.add(conn, sourceWithRowKeys(warehouse, table), geometryType, table);
        st.execute(
            "CREATE OR REPLACE VIEW "
                + table
                + " AS SELECT t.* EXCLUDE (geometry, filename, file_row_number),"
                + " g.geometry_wkb_hex, g.wkb_md5 AS geometry_wkb_md5 FROM "
                + sourceWithRowKeys(warehouse, table)
                + " t LEFT JOIN "
                + GEOMETRY_ROWS_TABLE
                + " r ON r.filename = t.filename AND r.file_row_number = t.file_row_number"
                + " LEFT JOIN "
                + GEOMETRY_TABLE
                + " g ON g.wkb_md5 = r.wkb_md5");
        views.add(table);
        st.execute(
            "CREATE OR REPLACE VIEW "
                + table
                + "_flat AS SELECT t.* EXCLUDE (geometry_wkb_hex, geometry_wkb_md5),"
                + " g.geometry_wkt, g.geometry_wkt_simplified, g.geometry_centroid_lon,"
                + " g.geometry_centroid_lat FROM "
                + table
                + " t LEFT JOIN "
                + GEOMETRY_TABLE
                + " g ON g.wkb_md5 = t.geometry_wkb_md5");
        views.add(table + "_flat");
      }
      for (String table : tables) {
        // the newest run date of each level, for dashboards that show "now"
        st.execute(
            "CREATE OR REPLACE VIEW "
                + table
                + "_latest AS SELECT * FROM "
                + table
                + " QUALIFY run_date = max(run_date) OVER (PARTITION BY level)");
        views.add(table + "_latest");
      }
      if (views.contains("cities")) {
        String unit =
            "(SELECT level, run_date, adcode, name, name_pinyin, centroid_lon, centroid_lat FROM"
                + " cities)";
        if (views.contains("city_pairs")) {
          st.execute(
              "CREATE OR REPLACE VIEW city_pairs_flat AS SELECT p.*, a.name AS name_a, b.name AS"
                  + " name_b, a.centroid_lon AS lon_a, a.centroid_lat AS lat_a, b.centroid_lon AS"
                  + " lon_b, b.centroid_lat AS lat_b, 'LINESTRING (' || a.centroid_lon || ' ' ||"
                  + " a.centroid_lat || ', ' || b.centroid_lon || ' ' || b.centroid_lat || ')' AS"
                  + " line_wkt FROM city_pairs p JOIN "
                  + unit
                  + " a ON a.level = p.level AND a.run_date = p.run_date AND a.adcode = p.adcode_a"
                  + " JOIN "
                  + unit
                  + " b ON b.level = p.level AND b.run_date = p.run_date AND b.adcode ="
                  + " p.adcode_b");
          views.add("city_pairs_flat");
        }
        if (views.contains("functional_regions") && views.contains("cities_flat")) {
          // for maps of the regions: each unit with its name, centroid and simplified boundary
          st.execute(
              "CREATE OR REPLACE VIEW functional_regions_flat AS SELECT r.*, u.name_pinyin,"
                  + " u.centroid_lon, u.centroid_lat, u.geometry_wkt_simplified FROM"
                  + " functional_regions r JOIN (SELECT level, run_date, adcode, name_pinyin,"
                  + " centroid_lon, centroid_lat, geometry_wkt_simplified FROM cities_flat) u ON"
                  + " u.level = r.level AND u.run_date = r.run_date AND u.adcode = r.adcode");
          views.add("functional_regions_flat");
        }
        if (views.contains("cluster_members")) {
          st.execute(
              "CREATE OR REPLACE VIEW cluster_members_flat AS SELECT m.*, u.name_pinyin,"
                  + " u.centroid_lon, u.centroid_lat FROM cluster_members m JOIN "
                  + unit
                  + " u ON u.level = m.level AND u.run_date = m.run_date AND u.adcode = m.adcode");
          views.add("cluster_members_flat");
        }
      }
      if (views.contains("cluster_verdicts") && views.contains("clusters_flat")) {
        // for the map of the verdicts: each verdict row with its cluster's simplified outline
        st.execute(
            "CREATE OR REPLACE VIEW cluster_verdicts_flat AS SELECT v.*,"
                + " c.geometry_wkt_simplified, c.geometry_centroid_lon, c.geometry_centroid_lat"
                + " FROM cluster_verdicts v JOIN (SELECT level, run_date, cluster_id,"
                + " geometry_wkt_simplified, geometry_centroid_lon, geometry_centroid_lat FROM"
                + " clusters_flat) c ON c.level = v.level AND c.run_date = v.run_date AND"
                + " c.cluster_id = v.cluster_id");
        views.add("cluster_verdicts_flat");
      }
      if (views.contains("run_manifest")) {
        st.execute(
            "CREATE OR REPLACE VIEW latest_runs AS SELECT level, max(run_date) AS run_date"
                + " FROM run_manifest GROUP BY level");
        views.add("latest_runs");
      }
      CatalogComments.apply(conn, views);
    }
    return views;
  }

  /**
   * The DuckDB type of a table's {@code geometry} column ({@code BLOB} in DuckDB 1.4, {@code
   * GEOMETRY(...)} from 1.5 on), or null when it has none.
   */
  private static String geometryType(Statement st, String source) throws SQLException {
    try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + source)) {
      while (rs.next()) {
        String type = rs.getString(2);
        if (rs.getString(1).equals("geometry")
            && (type.equals("BLOB") || type.startsWith("GEOMETRY"))) {
          return type;
        }
      }
    }
    return null;
  }

  /** A SQL string literal. */
  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
