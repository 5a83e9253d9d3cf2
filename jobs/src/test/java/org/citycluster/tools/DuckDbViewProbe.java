package org.citycluster.tools;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Run in a child JVM with another DuckDB JDBC jar on the classpath: opens a catalog database
 * read-only and queries every view, printing {@code <version>}, then {@code ok <view> <rows>} or
 * {@code broken <view> <message>} per view, then the comment count. Exit 0 when every view
 * answered.
 */
public final class DuckDbViewProbe {

  private DuckDbViewProbe() {}

  public static void main(String[] args) throws SQLException {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    p.setProperty("autoinstall_known_extensions", "false");
    p.setProperty("autoload_known_extensions", "false");
    int broken = 0;
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:" + args[0], p);
        Statement st = conn.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT version()")) {
        rs.next();
        System.out.println("version " + rs.getString(1));
      }
      List<String> views = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name")) {
        while (rs.next()) {
          views.add(rs.getString(1));
        }
      }
      for (String view : views) {
        try (Statement q = conn.createStatement();
            ResultSet rs = q.executeQuery("SELECT count(*) FROM " + view)) {
          rs.next();
          System.out.println("ok " + view + " " + rs.getLong(1));
        } catch (SQLException e) {
          broken++;
          System.out.println(
              "broken " + view + " " + e.getMessage().lines().findFirst().orElse(""));
        }
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(*) FROM duckdb_columns() WHERE comment IS NOT NULL AND table_name ="
                  + " 'cities'")) {
        rs.next();
        System.out.println("commented_cities_columns " + rs.getLong(1));
      }
      try (ResultSet rs = st.executeQuery("SELECT count(geometry_wkt) FROM cities_flat")) {
        rs.next();
        System.out.println("cities_wkt " + rs.getLong(1));
      }
    }
    System.exit(broken == 0 ? 0 : 1);
  }
}
