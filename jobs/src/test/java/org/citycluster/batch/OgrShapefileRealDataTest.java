package org.citycluster.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.citycluster.Main;
import org.citycluster.io.DbfCharsetDetector;
import org.citycluster.io.Feature;
import org.citycluster.io.GeoJsonFeatureReader;
import org.citycluster.spark.SparkTestBase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared prefecture layer converted to a shapefile by ogr2ogr (GDAL), as an operator would: GBK
 * text, no .cpg, field names cut to 10 characters, booleans written as numbers. The run must give
 * every unit the name, province code, pinyin and mainland flag of the GeoJSON. Skipped only when
 * ogr2ogr is absent and {@code CI} is not {@code true} (Debian package gdal-bin).
 */
class OgrShapefileRealDataTest extends SparkTestBase {

  private static final String DATE = "2026-07-03";

  @TempDir static Path dir;
  private static BatchRunner.Outcome run;
  private static Path shp;

  private static Path ogr2ogr(String name, String encoding) throws Exception {
    Path out = dir.resolve(name + ".shp");
    Process p =
        new ProcessBuilder(
                "ogr2ogr",
                "-f",
                "ESRI Shapefile",
                "-lco",
                "ENCODING=" + encoding,
                out.toString(),
                sharedData().resolve("boundaries/china_prefectures.geojson").toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), log);
    Files.deleteIfExists(dir.resolve(name + ".cpg"));
    return out;
  }

  static boolean hasOgr2ogr() {
    try {
      return new ProcessBuilder("ogr2ogr", "--version").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  @BeforeAll
  static void runOnTheShapefile() throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    Assumptions.assumeTrue(ci || hasOgr2ogr(), "ogr2ogr (gdal-bin) is not installed");
    shp = ogr2ogr("prefectures_gbk", "GBK");
    Map<String, String> options = new HashMap<>();
    options.put("stages", "cities");
    options.put("boundaries.prefecture.path", shp.toString());
    options.put("boundaries.prefecture.format", "shapefile");
    run = BatchRunner.run(spark, sharedData(), dir.resolve("warehouse"), DATE, options);
  }

  @Test
  void everyUnitGetsTheAttributesOfTheGeoJson() throws Exception {
    assertEquals(Main.OK, run.exitCode(), run.err());
    Map<String, Row> cities = new HashMap<>();
    for (Row r :
        spark
            .read()
            .parquet(dir.resolve("warehouse/cities/level=prefecture/run_date=" + DATE).toString())
            .select("adcode", "name", "province_adcode", "province_name", "name_pinyin", "mainland")
            .collectAsList()) {
      cities.put(r.getString(0), r);
    }
    List<Feature> features =
        new GeoJsonFeatureReader()
            .read(sharedData().resolve("boundaries/china_prefectures.geojson"));
    assertEquals(375, features.size());
    assertEquals(375, cities.size());
    int pinyin = 0;
    for (Feature f : features) {
      Row c = cities.get((String) f.properties().get("adcode"));
      String unit = f.properties().get("adcode") + " " + f.properties().get("name");
      assertEquals(f.properties().get("name"), c.getAs("name"), unit);
      assertEquals(f.properties().get("province_adcode"), c.getAs("province_adcode"), unit);
      assertEquals(f.properties().get("province_name"), c.getAs("province_name"), unit);
      assertEquals(f.properties().get("name_pinyin"), c.getAs("name_pinyin"), unit);
      assertEquals(f.properties().get("mainland"), c.getAs("mainland"), unit);
      pinyin += f.properties().get("name_pinyin") == null ? 0 : 1;
    }
    assertTrue(pinyin > 350, "pinyin of " + pinyin + " units");
    assertEquals(3, cities.values().stream().filter(r -> !(Boolean) r.getAs("mainland")).count());
  }

  @Test
  void truncatedFieldNamesAreReportedNotMissing() {
    assertEquals(Main.OK, run.exitCode(), run.err());
    List<Row> notes =
        spark
            .read()
            .parquet(
                dir.resolve("warehouse/dq_issues/level=prefecture/run_date=" + DATE).toString())
            .filter("record_id = 'file'")
            .orderBy("problem")
            .collectAsList();
    assertEquals(
        List.of(
            "field 'geometry_r' read as 'geometry_repaired' (name cut to 10 characters by dBase)",
            "field 'name_pinyi' read as 'name_pinyin' (name cut to 10 characters by dBase)",
            "field 'province_a' read as 'province_adcode' (name cut to 10 characters by dBase)",
            "field 'province_n' read as 'province_name' (name cut to 10 characters by dBase)"),
        notes.stream().map(r -> (String) r.getAs("problem")).toList());
    assertTrue(notes.stream().allMatch(r -> Objects.equals(r.getAs("action"), "reported")));
  }

  /**
   * One record with parts but no points and one with an empty part: the run publishes, the first
   * quarantined and the second repaired, each a dq row naming its record. Five broken records (more
   * than gates.max_quarantined_share) stop the run at the gate, and the rows naming them are kept
   * beside its manifest and printed — never an exception from the reader.
   */
  @Test
  void brokenRecordsAreDqRowsNamingTheRecord() throws Exception {
    Path copy = ogr2ogr("prefectures_broken", "GBK");
    org.citycluster.testing.ShapefileRecords records =
        org.citycluster.testing.ShapefileRecords.read(copy);
    records.content(371).putInt(40, 0); // 1 part, 0 points
    records.addEmptyPart(370);
    records.write(copy);
    List<Feature> features =
        new GeoJsonFeatureReader()
            .read(sharedData().resolve("boundaries/china_prefectures.geojson"));
    Map<String, String> options = new HashMap<>();
    options.put("stages", "cities");
    options.put("boundaries.prefecture.path", copy.toString());
    options.put("boundaries.prefecture.format", "shapefile");
    options.put("gates.all_cluster_members_matched", "false");
    Path warehouse = dir.resolve("warehouse-broken");
    BatchRunner.Outcome ok = BatchRunner.run(spark, sharedData(), warehouse, DATE, options);
    assertEquals(Main.OK, ok.exitCode(), ok.err());
    List<Row> rows =
        spark
            .read()
            .parquet(warehouse.resolve("dq_issues/level=prefecture/run_date=" + DATE).toString())
            .filter("record_id IN ('record 370', 'record 371')")
            .orderBy("record_id")
            .collectAsList();
    assertEquals(2, rows.size(), rows.toString());
    assertEquals("repaired", rows.get(0).getAs("action"));
    assertTrue(
        ((String) rows.get(0).getAs("problem"))
            .startsWith("empty part left out: part 0 has no points"),
        rows.get(0).toString());
    assertEquals(features.get(370).properties().get("adcode"), rows.get(0).getAs("value"));
    assertEquals("quarantined", rows.get(1).getAs("action"));
    assertEquals("geometry", rows.get(1).getAs("field"));
    assertEquals(
        "empty shape, no ring to read: 1 part(s), 0 point(s)", rows.get(1).getAs("problem"));
    assertEquals(features.get(371).properties().get("adcode"), rows.get(1).getAs("value"));

    for (int r : new int[] {100, 101, 102, 103}) {
      records.content(r).putDouble(44 + 4 * records.partsAndPoints(r)[0], Double.NaN);
    }
    records.write(copy);
    BatchRunner.Outcome gate = BatchRunner.run(spark, sharedData(), warehouse, DATE, options);
    assertEquals(Main.QUALITY_GATE_FAILED, gate.exitCode(), gate.err());
    assertTrue(gate.failure().contains("gates.max_quarantined_share"), gate.failure());
    assertTrue(
        gate.out()
            .contains(
                "4 × "
                    + copy
                    + ", geometry: coordinate is not a finite number [quarantined]: record 100 = "),
        gate.out());
    Path failed;
    try (var runs = Files.list(warehouse.resolve("_runs"))) {
      failed =
          runs.filter(d -> Files.isDirectory(d.resolve("dq_issues"))).findFirst().orElseThrow();
    }
    List<String> kept =
        spark
            .read()
            .parquet(failed.resolve("dq_issues").toString())
            .filter("action = 'quarantined'")
            .orderBy("record_id")
            .select("record_id")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertEquals(
        List.of("record 100", "record 101", "record 102", "record 103", "record 371"), kept);
  }

  @Test
  void theLanguageDriverByteDecidesTheCharset() throws Exception {
    Path withLdid = ogr2ogr("prefectures_ldid", "LDID/122");
    try (InputStream in = Files.newInputStream(dir.resolve("prefectures_ldid.dbf"))) {
      byte[] header = in.readNBytes(32);
      assertEquals(0x7A, header[29] & 0xff);
    }
    try (InputStream in = Files.newInputStream(dir.resolve("prefectures_ldid.dbf"))) {
      assertEquals("GBK", DbfCharsetDetector.detect(in, withLdid.toString()));
    }
    // without a language-driver byte the content decides: GBK is not valid UTF-8
    try (InputStream in = Files.newInputStream(dir.resolve("prefectures_gbk.dbf"))) {
      assertEquals(0, in.readNBytes(32)[29]);
    }
    try (InputStream in = Files.newInputStream(dir.resolve("prefectures_gbk.dbf"))) {
      assertEquals("GBK", DbfCharsetDetector.detect(in, shp.toString()));
    }
  }
}
