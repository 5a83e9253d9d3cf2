package org.citycluster.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.testing.PublishedRealRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BI database the pinned DuckDB writes, opened by the DuckDB versions users run today (the
 * newest 1.5.x and the newest release, copied by the build into {@code target/duckdb-versions}):
 * every view answers in each, the flat views carry WKT, the columns carry the schemas' comments.
 * DuckDB 1.5 reads GeoParquet's WKB as GEOMETRY, which broke every view that touched the column.
 */
class DuckDbViewsAcrossVersionsTest extends SparkTestBase {

  private static Path warehouse;
  @TempDir static Path temp;

  @BeforeAll
  static void publish() throws Exception {
    warehouse = PublishedRealRun.warehouse(spark, sharedData());
  }

  @Test
  void everyViewAnswersInTheNewestDuckDbReleases() throws Exception {
    Path db = temp.resolve("citycluster.duckdb");
    List<String> views;
    try (Connection conn = DuckDbCatalog.open(db.toString(), false)) {
      views = DuckDbCatalog.create(conn, warehouse);
    }
    assertTrue(
        views.contains("cities_latest") && views.contains("cluster_verdicts_latest"), "" + views);
    Path dir = Path.of(System.getProperty("citycluster.duckdb.versions", "target/duckdb-versions"));
    List<Path> jars;
    try (Stream<Path> s = Files.list(dir)) {
      jars = s.filter(p -> p.getFileName().toString().startsWith("duckdb_jdbc-")).sorted().toList();
    }
    assertEquals(2, jars.size(), "the build copies two DuckDB versions into " + dir + ": " + jars);
    String testClasses =
        Path.of(DuckDbViewProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    for (Path jar : jars) {
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  testClasses + File.pathSeparator + jar,
                  DuckDbViewProbe.class.getName(),
                  db.toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      assertTrue(p.waitFor(5, TimeUnit.MINUTES), jar + " timed out");
      assertEquals(0, p.exitValue(), jar + ":\n" + out);
      Map<String, String> seen = new TreeMap<>();
      out.lines()
          .filter(l -> l.startsWith("ok "))
          .forEach(l -> seen.put(l.split(" ")[1], l.split(" ")[2]));
      assertEquals(new java.util.TreeSet<>(views), seen.keySet(), jar + ":\n" + out);
      assertEquals("375", seen.get("cities"), jar + ":\n" + out);
      assertEquals("375", seen.get("cities_latest"), jar + ":\n" + out);
      assertTrue(out.contains("cities_wkt 375"), jar + ":\n" + out);
      assertFalse(out.contains("commented_cities_columns 0"), jar + ":\n" + out);
      System.out.println(
          jar.getFileName()
              + ": "
              + out.lines().findFirst().orElse("")
              + ", "
              + seen.size()
              + " views answer");
    }
  }
}
