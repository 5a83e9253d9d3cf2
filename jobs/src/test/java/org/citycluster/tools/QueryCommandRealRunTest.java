package org.citycluster.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.citycluster.spark.SparkTestBase;
import org.citycluster.testing.PublishedRealRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.io.WKTReader;

/**
 * The query command and the BI database on a real published run: reading works, every kind of
 * writing is refused with a clear message and leaves no trace, and the flat views carry WKT that
 * parses.
 */
class QueryCommandRealRunTest extends SparkTestBase {

  private static Path warehouse;
  @TempDir Path temp;

  @BeforeAll
  static void publish() throws Exception {
    warehouse = PublishedRealRun.warehouse(spark, sharedData());
  }

  private record Result(int code, String out, String err) {}

  private static Result query(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 2];
    all[0] = "--warehouse";
    all[1] = warehouse.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int code =
        QueryCommand.run(
            all,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void selectPrintsATableOverTheViews() {
    Result r =
        query(
            "SELECT c.cluster_id, count(*) AS members FROM cluster_members c WHERE c.run_date ="
                + " DATE '"
                + PublishedRealRun.RUN_DATE
                + "' GROUP BY ALL ORDER BY 1");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).startsWith("cluster_id | members"), r.out());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("yrd ")), r.out());
    assertEquals("(19 rows)", lines.get(lines.size() - 1));
  }

  @Test
  void csvFormatAndFlatViewsWithWkt() throws Exception {
    Result r =
        query(
            "--format",
            "csv",
            "SELECT cluster_id, geometry_wkt_simplified, geometry_centroid_lon FROM clusters_flat"
                + " WHERE cluster_id = 'yrd'");
    assertEquals(0, r.code(), r.err());
    String[] row = r.out().lines().toList().get(1).split(",\"|\",");
    assertEquals("yrd", row[0]);
    var g = new WKTReader().read(row[1]);
    assertTrue(g.getArea() > 5, "the Yangtze River Delta covers more than 5 square degrees");
    double lon = Double.parseDouble(row[2]);
    assertTrue(lon > 117 && lon < 122, "centroid lon " + lon);
  }

  @Test
  void theVerdictsAndTheFunctionalRegionsAreViews() {
    Result verdicts =
        query(
            "--format",
            "csv",
            "SELECT count(*) AS clusters, count(DISTINCT cluster_name_en) AS names,"
                + " count(*) FILTER (WHERE verdict IN ('functionally_linked', 'adjacent_only',"
                + " 'neither')) AS valid, count(*) FILTER (WHERE p BETWEEN 0 AND 1) AS with_p"
                + " FROM cluster_verdicts WHERE is_verdict_linkage AND run_date = DATE '"
                + PublishedRealRun.RUN_DATE
                + "'");
    assertEquals(0, verdicts.code(), verdicts.err());
    assertEquals("19,19,19,19", verdicts.out().lines().toList().get(1), verdicts.out());

    Result regions =
        query(
            "--format",
            "csv",
            "SELECT variant, count(*) AS units, count(DISTINCT region_id) > 1 AS several,"
                + " bool_and(region_size >= 1) AS sized FROM functional_regions GROUP BY variant"
                + " ORDER BY variant");
    assertEquals(0, regions.code(), regions.err());
    assertEquals(
        List.of(
            "variant,units,several,sized",
            "contiguous,375,true,true",
            "unconstrained,375,true,true"),
        regions.out().lines().toList(),
        regions.out());

    // the flat views for maps: every unit of a region has a centroid and an outline, every
    // verdict its cluster's outline
    Result flat =
        query(
            "--format",
            "csv",
            "SELECT (SELECT count(*) FROM functional_regions_flat WHERE variant = 'contiguous' AND"
                + " centroid_lon BETWEEN 73 AND 136 AND geometry_wkt_simplified LIKE '%POLYGON%'),"
                + " (SELECT count(*) FROM cluster_verdicts_flat WHERE is_verdict_linkage AND"
                + " geometry_wkt_simplified LIKE '%POLYGON%')");
    assertEquals(0, flat.code(), flat.err());
    assertEquals("375,19", flat.out().lines().toList().get(1), flat.out());
  }

  @Test
  void writingStatementsAreRefusedWithAClearMessage() throws Exception {
    Path copyTarget = temp.resolve("copied.csv");
    Path attached = temp.resolve("attached.duckdb");
    for (String sql :
        List.of(
            "CREATE TABLE x AS SELECT 1",
            "INSERT INTO geometry_wkt VALUES ('a', 'b', 'c', 1, 2)",
            "COPY (SELECT 1) TO '" + copyTarget + "'",
            "ATTACH '" + attached + "' AS other",
            "SELECT 1; DROP VIEW cities")) {
      Result r = query(sql);
      assertEquals(QueryCommand.REFUSED, r.code(), sql + " -> " + r.out() + r.err());
      assertTrue(r.err().startsWith("citycluster query: REFUSED: "), r.err());
    }
    assertFalse(Files.exists(copyTarget));
    assertFalse(Files.exists(attached));
    assertFalse(Files.exists(warehouse.resolve(DuckDbCommand.DEFAULT_FILE)));
  }

  @Test
  void theDatabaseLayersHoldWhenTheLexicalCheckIsPassed() {
    // WITH ... INSERT starts like a read; the read-only database refuses it.
    Result insert =
        query("WITH a AS (SELECT 1) INSERT INTO geometry_wkt SELECT * FROM geometry_wkt");
    assertEquals(QueryCommand.REFUSED, insert.code(), insert.out());
    assertTrue(insert.err().contains("read-only"), insert.err());
    // reading outside the warehouse is blocked by the external-access settings.
    Result outside = query("SELECT * FROM read_csv('/etc/hostname')");
    assertEquals(QueryCommand.REFUSED, outside.code(), outside.out());
    assertTrue(outside.err().contains("only files in the warehouse"), outside.err());
  }

  @Test
  void badSqlFailsWithExitOneAndUsageErrorsWithTwo() {
    Result bad = query("SELECT no_such_column FROM clusters");
    assertEquals(QueryCommand.FAILED, bad.code());
    assertTrue(bad.err().startsWith("citycluster query: FAILED: "), bad.err());
    Result usage = query("--format", "xml", "SELECT 1");
    assertEquals(QueryCommand.USAGE_ERROR, usage.code());
  }

  @Test
  void duckdbCommandWritesADatabaseThatBiToolsOpenReadOnly() throws Exception {
    Path db = temp.resolve("bi.duckdb");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        DuckDbCommand.run(
            new String[] {"--warehouse", warehouse.toString(), "--out", db.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    assertEquals(0, code);
    assertTrue(Files.isRegularFile(db));
    assertTrue(DuckDbCatalog.builtFor(db, warehouse));
    assertFalse(DuckDbCatalog.builtFor(db, temp), "built for another warehouse");
    try (Connection conn = DuckDbCatalog.open(db.toString(), true);
        Statement st = conn.createStatement()) {
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(*), count(geometry_wkt), min(length(geometry_wkt_simplified) <"
                  + " length(geometry_wkt)) FROM cities_flat")) {
        assertTrue(rs.next());
        assertEquals(375, rs.getInt(1));
        assertEquals(375, rs.getInt(2), "every city has its WKT");
        assertTrue(rs.getBoolean(3), "simplified WKT is shorter");
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT data_type FROM information_schema.columns WHERE table_name = 'clusters_flat'"
                  + " AND data_type IN ('BLOB', 'GEOMETRY')")) {
        assertFalse(rs.next(), "flat views carry no binary or geometry type");
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(*), count(line_wkt), min(lon_a), max(lat_b) FROM city_pairs_flat")) {
        assertTrue(rs.next());
        assertEquals(rs.getInt(1), rs.getInt(2), "every pair has its line");
        assertTrue(rs.getDouble(3) > 73 && rs.getDouble(4) < 54, "lon/lat in China");
      }
      try (ResultSet rs = st.executeQuery("SELECT level, run_date FROM latest_runs")) {
        assertTrue(rs.next());
        assertEquals("prefecture", rs.getString(1));
        assertEquals(PublishedRealRun.RUN_DATE, rs.getString(2));
      }
      try (ResultSet rs =
          st.executeQuery("SELECT geometry_wkb_hex FROM clusters WHERE cluster_id = 'prd'")) {
        assertTrue(rs.next());
        assertNotNull(rs.getString(1));
        assertTrue(rs.getString(1).matches("0[0-9A-F]+"), "hex WKB");
      }
    }
  }
}
