package org.citycluster.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.citycluster.publish.PublishedSnapshot;
import org.citycluster.tools.DuckDbCatalog;

/**
 * One published run (a level and a run date) of a warehouse, read with DuckDB straight from its
 * Parquet partitions, all from the version current when it was opened ({@link PublishedSnapshot}),
 * so a run publishing meanwhile cannot mix into one page. Tables that the run did not publish (e.g.
 * {@code cluster_pairs} before the linkage comparison existed) are reported as absent, not as
 * errors, so readers can degrade.
 */
final class PublishedRun implements AutoCloseable {

  /** Rows of a query: column names in order and one map per row. */
  record Rows(List<String> columns, List<Map<String, Object>> rows) {}

  private final PublishedSnapshot snapshot;
  private final String level;
  private final String runDate;
  private final Connection conn;

  PublishedRun(Path warehouse, String level, String runDate) throws IOException, SQLException {
    this.snapshot = PublishedSnapshot.of(warehouse);
    this.level = level;
    this.runDate = runDate;
    this.conn = DuckDbCatalog.open(":memory:", false);
  }

  String level() {
    return level;
  }

  String runDate() {
    return runDate;
  }

  Path partition(String table) {
    return snapshot.partition(table, level, runDate);
  }

  /** The run dates published for a table at this run's level, oldest first ([] if none). */
  List<String> publishedDates(String table) {
    try {
      return snapshot.runDates(table, level);
    } catch (IOException e) {
      return List.of();
    }
  }

  /** True when the run published the table. */
  boolean has(String table) {
    Path dir = partition(table);
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
    } catch (IOException e) {
      return false;
    }
  }

  /** The {@code read_parquet} expression of the table's partition. */
  String source(String table) {
    return "read_parquet('"
        + partition(table).resolve("*.parquet").toString().replace("'", "''")
        + "')";
  }

  /** The table's column names, empty when the table is absent. */
  Set<String> columns(String table) throws SQLException {
    Set<String> cols = new LinkedHashSet<>();
    if (!has(table)) {
      return cols;
    }
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + source(table))) {
      while (rs.next()) {
        cols.add(rs.getString(1));
      }
    }
    return cols;
  }

  /** Runs a query; write {@code {table}} for a table's partition, e.g. {@code {clusters}}. */
  Rows query(String sql) throws SQLException {
    String resolved = sql;
    int open;
    while ((open = resolved.indexOf('{')) >= 0) {
      int close = resolved.indexOf('}', open);
      String table = resolved.substring(open + 1, close);
      resolved = resolved.substring(0, open) + source(table) + resolved.substring(close + 1);
    }
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(resolved)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> cols = new ArrayList<>();
      for (int c = 1; c <= md.getColumnCount(); c++) {
        cols.add(md.getColumnLabel(c));
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int c = 1; c <= cols.size(); c++) {
          row.put(cols.get(c - 1), rs.getObject(c));
        }
        rows.add(row);
      }
      return new Rows(cols, rows);
    }
  }

  @Override
  public void close() throws SQLException {
    conn.close();
  }
}
