package org.citycluster.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.citycluster.geo.GeodesicMeasures;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.testing.PublishedRealRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * The GeoJSON export of a real published run: every unit and cluster a feature with its columns as
 * properties, geometries whose geodesic area is the published {@code area_km2}, readable by GDAL
 * (what QGIS reads files with); the command line in both flag spellings, with --version and named
 * usage errors.
 */
class ExportCommandRealRunTest extends SparkTestBase {

  private static Path warehouse;
  @TempDir Path temp;

  @BeforeAll
  static void publish() throws Exception {
    warehouse = PublishedRealRun.warehouse(spark, sharedData());
  }

  private record Result(int code, String out, String err) {}

  private static Result export(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ExportCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void citiesAndClustersAsFeatureCollectionsWithTheirAreas() throws Exception {
    Result r = export("--warehouse=" + warehouse, "--out", temp.toString());
    assertEquals(0, r.code(), r.err());
    Path cities = temp.resolve("cities-prefecture-" + PublishedRealRun.RUN_DATE + ".geojson");
    Path clusters = temp.resolve("clusters-prefecture-" + PublishedRealRun.RUN_DATE + ".geojson");
    assertTrue(r.out().contains(cities + " (375 features, cities)"), r.out());
    assertTrue(r.out().contains(clusters + " (19 features, clusters)"), r.out());

    JsonNode fc = new ObjectMapper().readTree(cities.toFile());
    assertEquals("FeatureCollection", fc.path("type").asText());
    assertFalse(fc.has("crs"), "RFC 7946 has no crs member (WGS84 lon/lat)");
    assertEquals(375, fc.path("features").size());
    JsonNode shanghai = null;
    for (JsonNode f : fc.path("features")) {
      if (f.path("properties").path("adcode").asText().equals("310000")) {
        shanghai = f;
      }
    }
    assertTrue(shanghai != null, "no feature for adcode 310000");
    assertEquals("上海市", shanghai.path("properties").path("name").asText());
    assertTrue(shanghai.path("properties").path("mainland").isBoolean());
    Geometry g = new GeoJsonReader().read(shanghai.path("geometry").toString());
    double published = shanghai.path("properties").path("area_km2").asDouble();
    double exported = GeodesicMeasures.areaKm2(g);
    assertEquals(published, exported, published * 1e-6, "geodesic area of the exported geometry");
    double lon = g.getCentroid().getX();
    assertTrue(lon > 120 && lon < 123, "longitude first (RFC 7946): " + lon);

    try (Stream<Path> s = Files.list(temp)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".partial")));
    }
    Path ogrinfo = Path.of("/usr/bin/ogrinfo");
    assumeTrue(
        Files.isExecutable(ogrinfo) || "true".equals(System.getenv("CI")),
        "no ogrinfo (gdal-bin) to read the export as desktop GIS does");
    Process p =
        new ProcessBuilder(ogrinfo.toString(), "-ro", "-so", "-al", cities.toString())
            .redirectErrorStream(true)
            .start();
    String info = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), info);
    assertTrue(info.contains("Feature Count: 375"), info);
    assertTrue(info.contains("adcode: String"), info);
    assertTrue(info.contains("area_km2: Real"), info);
  }

  @Test
  void versionHelpAndUsageErrors() {
    Result v = export("--version");
    assertEquals(0, v.code());
    assertTrue(v.out().startsWith("citycluster "), v.out());
    Result bad = export("--warehouse", warehouse.toString(), "--tables", "nonsense");
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("--tables: unknown table 'nonsense'"), bad.err());
    Result unknown = export("--frobnicate");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("Unknown option: '--frobnicate'"), unknown.err());
    Result noDate = export("--warehouse", warehouse.toString(), "--date", "1999-01-01");
    assertEquals(1, noDate.code());
    assertTrue(noDate.err().contains("no published partition"), noDate.err());
  }
}
