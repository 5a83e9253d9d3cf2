package org.citycluster.tools;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKTWriter;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

/**
 * Fills the geometry tables of a {@link DuckDbCatalog} database from one published table: each
 * row's {@code (filename, file_row_number) -> wkb_md5} in {@value
 * DuckDbCatalog#GEOMETRY_ROWS_TABLE} and, once per distinct WKB, its hex, WKT, simplified WKT
 * ({@link DuckDbCatalog#SIMPLIFY_TOLERANCE_DEG} degrees, topology-preserving) and planar centroid
 * (lon/lat degrees, EPSG:4326) in {@value DuckDbCatalog#GEOMETRY_TABLE}. The WKB is read with the
 * expression this DuckDB version needs for the column's type, rendered with JTS (no DuckDB
 * extension).
 */
final class CatalogGeometries {

  private CatalogGeometries() {}

  /**
   * @param source a {@code read_parquet(...)} with {@code filename} and {@code file_row_number}
   * @param geometryType the column's DuckDB type: {@code BLOB} (WKB) or {@code GEOMETRY(...)}
   */
  static void add(Connection conn, String source, String geometryType, String table)
      throws SQLException {
    String wkb = geometryType.equals("BLOB") ? "geometry" : "ST_AsWKB(geometry)";
    Set<String> known = new HashSet<>();
    try (Statement st = conn.createStatement();
        ResultSet existing =
            st.executeQuery("SELECT wkb_md5 FROM " + DuckDbCatalog.GEOMETRY_TABLE)) {
      while (existing.next()) {
        known.add(existing.getString(1));
      }
    }
    WKBReader reader = new WKBReader();
    WKTWriter writer = new WKTWriter();
    HexFormat hex = HexFormat.of().withUpperCase();
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT filename, file_row_number, "
                    + wkb
                    + " FROM "
                    + source
                    + " WHERE geometry IS NOT NULL");
        PreparedStatement rowInsert =
            conn.prepareStatement(
                "INSERT INTO " + DuckDbCatalog.GEOMETRY_ROWS_TABLE + " VALUES (?, ?, ?)");
        PreparedStatement geometryInsert =
            conn.prepareStatement(
                "INSERT INTO " + DuckDbCatalog.GEOMETRY_TABLE + " VALUES (?, ?, ?, ?, ?, ?)")) {
      while (rs.next()) {
        byte[] bytes = rs.getBytes(3);
        String md5 = hex.formatHex(md5(bytes));
        rowInsert.setString(1, rs.getString(1));
        rowInsert.setLong(2, rs.getLong(2));
        rowInsert.setString(3, md5);
        rowInsert.addBatch();
        if (!known.add(md5)) {
          continue;
        }
        Geometry g;
        try {
          g = reader.read(bytes);
        } catch (ParseException e) {
          throw new SQLException(
              "invalid WKB in "
                  + table
                  + " ("
                  + rs.getString(1)
                  + ", row "
                  + (rs.getLong(2) + 1)
                  + ", field geometry): "
                  + e.getMessage(),
              e);
        }
        Point centroid = g.getCentroid();
        geometryInsert.setString(1, md5);
        geometryInsert.setString(2, hex.formatHex(bytes));
        geometryInsert.setString(3, writer.write(g));
        geometryInsert.setString(
            4,
            writer.write(
                TopologyPreservingSimplifier.simplify(g, DuckDbCatalog.SIMPLIFY_TOLERANCE_DEG)));
        geometryInsert.setObject(5, centroid.isEmpty() ? null : centroid.getX());
        geometryInsert.setObject(6, centroid.isEmpty() ? null : centroid.getY());
        geometryInsert.addBatch();
      }
      rowInsert.executeBatch();
      geometryInsert.executeBatch();
    }
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
