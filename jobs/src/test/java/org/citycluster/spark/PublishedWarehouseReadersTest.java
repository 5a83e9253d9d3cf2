package org.citycluster.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Row;
import org.citycluster.config.Level;
import org.citycluster.dq.DqIssue;
import org.citycluster.io.TableSchema;
import org.citycluster.tools.DuckDbCatalog;
import org.citycluster.tools.DuckDbCommand;
import org.citycluster.tools.QueryCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readers of the contract path {@code <warehouse>/<table>/level=<L>/run_date=<D>/*.parquet}
 * after versioned publishes (links into {@code _current}): Spark's file index with partition
 * discovery, Hadoop's local file system, {@link Warehouse#readTable}, DuckDB's {@code read_parquet}
 * glob, and the {@code duckdb} and {@code query} commands.
 */
class PublishedWarehouseReadersTest extends SparkTestBase {

  private static final String D1 = "2026-07-01";
  private static final String D2 = "2026-07-02";

  @TempDir Path root;

  /** Stages and publishes one dq_issues partition whose rows name the run in {@code value}. */
  private void publish(Warehouse warehouse, String runId, String date) throws Exception {
    TableSchema schema = TableSchema.load("dq_issues");
    var rows =
        ReferenceFrames.issues(
            spark,
            List.of(
                new DqIssue("test", "line 1", "f", "p", "kept", runId),
                new DqIssue("test", "line 2", "f", "p", "kept", runId)));
    warehouse.stage(SchemaEnforcer.conform(rows, schema), schema, runId, Level.PREFECTURE, date);
    Map<String, org.apache.hadoop.fs.Path> published =
        warehouse.publishRun(runId, Level.PREFECTURE, date);
    assertEquals(List.of("dq_issues"), List.copyOf(published.keySet()));
  }

  @Test
  void everyReaderSeesTheCurrentVersionThroughTheContractPath() throws Exception {
    Warehouse warehouse = new Warehouse(spark, root.toString());
    publish(warehouse, "r1", D1);
    publish(warehouse, "r2", D2);
    publish(warehouse, "r3", D1);
    assertTrue(Files.isSymbolicLink(root.resolve("dq_issues")));
    assertTrue(Files.isSymbolicLink(root.resolve("_current")));
    Map<String, String> expected = new TreeMap<>(Map.of(D1, "r3", D2, "r2"));

    // Spark: partition discovery below the table link
    Map<String, String> spark1 = new TreeMap<>();
    for (Row r :
        spark
            .read()
            .parquet(root.resolve("dq_issues").toString())
            .selectExpr("CAST(run_date AS STRING)", "value", "level")
            .distinct()
            .collectAsList()) {
      spark1.put(r.getString(0), r.getString(1));
      assertEquals("prefecture", r.getString(2));
    }
    assertEquals(expected, spark1);
    // Warehouse.readTable reads one resolved version
    assertEquals(4L, warehouse.readTable(TableSchema.load("dq_issues"), Level.PREFECTURE).count());
    // Hadoop's local file system lists the partition's files through the links
    var part =
        new org.apache.hadoop.fs.Path(
            root.resolve("dq_issues/level=prefecture/run_date=" + D1).toUri());
    FileStatus[] files =
        part.getFileSystem(spark.sparkContext().hadoopConfiguration()).listStatus(part);
    assertTrue(
        java.util.Arrays.stream(files).anyMatch(f -> f.getPath().getName().endsWith(".parquet")));

    // DuckDB (the pinned duckdb_jdbc): the documented glob
    Map<String, String> duck = new TreeMap<>();
    try (Connection conn = DuckDbCatalog.open(":memory:", false);
        Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT DISTINCT CAST(run_date AS VARCHAR), value FROM read_parquet('"
                    + root
                    + "/dq_issues/*/*/*.parquet', hive_partitioning = true)")) {
      while (rs.next()) {
        duck.put(rs.getString(1), rs.getString(2));
      }
    }
    assertEquals(expected, duck);

    // the duckdb command's database and query read the same, and a publish makes it stale
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(
        0,
        DuckDbCommand.run(
            new String[] {"--warehouse", root.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)),
        err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("dq_issues"), out.toString());
    String query = query("SELECT DISTINCT run_date, value FROM dq_issues ORDER BY 1");
    assertTrue(query.contains(D1) && query.contains("r3") && !query.contains("r1"), query);
    Path db = root.resolve(DuckDbCommand.DEFAULT_FILE);
    assertTrue(isFresh(db));
    Thread.sleep(20); // the file times must differ
    publish(warehouse, "r4", D2);
    assertFalse(isFresh(db), "a publish makes the database stale");
    String after = query("SELECT DISTINCT run_date, value FROM dq_issues ORDER BY 1");
    assertTrue(after.contains("r4") && !after.contains("r2"), after);
  }

  private boolean isFresh(Path db) throws Exception {
    var m = QueryCommand.class.getDeclaredMethod("isFresh", Path.class, Path.class);
    m.setAccessible(true);
    return (boolean) m.invoke(null, db, root);
  }

  private String query(String sql) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        QueryCommand.run(
            new String[] {"--warehouse", root.toString(), "--format", "csv", sql},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aFailedDuckdbCommandLeavesNoPartialFileAndKeepsTheOldDatabase() throws Exception {
    Path bad = root.resolve("broken/level=prefecture/run_date=" + D1);
    Files.createDirectories(bad);
    Files.writeString(bad.resolve("part-0.parquet"), "not parquet at all");
    Path target = root.resolve("out/bi.duckdb");
    Files.createDirectories(target.getParent());
    Files.writeString(target, "the previous database");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        DuckDbCommand.run(
            new String[] {"--warehouse", root.toString(), "--out", target.toString()},
            System.out,
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("citycluster duckdb: FAILED:"));
    try (var s = Files.list(target.getParent())) {
      assertEquals(List.of("bi.duckdb"), s.map(p -> p.getFileName().toString()).toList());
    }
    assertEquals("the previous database", Files.readString(target));
  }
}
