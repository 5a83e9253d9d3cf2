package org.citycluster.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.citycluster.Main;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.testing.FixtureData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input catalogue: each case either stops the run with one line naming the file, the record
 * and the field, or is quarantined to dq_issues while the run succeeds (where that is the
 * configured policy). Never a bare stack trace, never a silent drop.
 */
class BadInputCatalogueTest extends SparkTestBase {

  private static final Map<String, String> CHEAP = Map.of("stages", "cities,clusters");

  @TempDir static Path shared;
  private static List<Row> quarantineRunIssues;
  private static BatchRunner.Outcome quarantineRun;

  /** One run over boundaries carrying four record-level defects, with the gate relaxed. */
  @BeforeAll
  static void runWithQuarantinableDefects() throws Exception {
    Path data = FixtureData.write(shared.resolve("data"));
    List<String> features = new ArrayList<>(FixtureData.defaultFeatures());
    features.add(FixtureData.feature(null, "无码区", FixtureData.square(122, 31)));
    features.add(FixtureData.feature("320500", "苏州市（重复）", FixtureData.square(122, 32)));
    features.add(
        "{\"type\":\"Feature\",\"properties\":{\"adcode\":\"320900\",\"name\":\"盐城市\"},"
            + "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[120,33],[121,34]]}}");
    features.add(FixtureData.feature("321000", "扬州市", FixtureData.square(32, 119)));
    FixtureData.writeBoundaries(data, features);
    Path warehouse = shared.resolve("warehouse");
    Map<String, String> options = new java.util.HashMap<>(CHEAP);
    options.put("gates.max_quarantined_share", "0.5");
    quarantineRun = BatchRunner.run(spark, data, warehouse, "2026-07-01", options);
    quarantineRunIssues =
        spark
            .read()
            .parquet(warehouse.resolve("dq_issues/level=prefecture/run_date=2026-07-01").toString())
            .filter("source = '" + FixtureData.BOUNDARIES + "'")
            .orderBy("record_id")
            .collectAsList();
  }

  private static Row issue(String recordId) {
    return quarantineRunIssues.stream()
        .filter(r -> r.getAs("record_id").equals(recordId))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no dq row for " + recordId + ": " + quarantineRunIssues));
  }

  private static Path freshData(String name) throws Exception {
    return FixtureData.write(shared.resolve(name));
  }

  private static BatchRunner.Outcome runOn(Path data) {
    return BatchRunner.run(
        spark, data, data.resolveSibling(data.getFileName() + "-wh"), "2026-07-02", CHEAP);
  }

  @Test
  void quarantiningRunSucceedsWithTheGoodUnits() {
    assertEquals(Main.OK, quarantineRun.exitCode(), quarantineRun.err());
    assertEquals(4, quarantineRunIssues.size(), quarantineRunIssues.toString());
  }

  @Test
  void featureWithoutAdcodeIsQuarantined() {
    Row r = issue("feature 4");
    assertEquals("adcode", r.getAs("field"));
    assertEquals("quarantined", r.getAs("action"));
    assertEquals("missing adcode or not a 6-digit code", r.getAs("problem"));
  }

  @Test
  void duplicateAdcodeIsQuarantinedAndTheFirstKept() {
    Row r = issue("feature 5");
    assertEquals("duplicate adcode; first seen at feature 0", r.getAs("problem"));
    assertEquals("320500", r.getAs("value"));
  }

  @Test
  void duplicateAdcodeStopsTheRunWhenThePolicyIsFail() throws Exception {
    Path data = freshData("dup");
    List<String> features = new ArrayList<>(FixtureData.defaultFeatures());
    features.add(FixtureData.feature("320500", "苏州市（重复）", FixtureData.square(122, 32)));
    FixtureData.writeBoundaries(data, features);
    Map<String, String> options = new java.util.HashMap<>(CHEAP);
    options.put("policy.duplicate_adcode", "fail");
    BatchRunner.Outcome o =
        BatchRunner.run(spark, data, shared.resolve("dup-wh"), "2026-07-02", options);
    assertEquals(Main.RUN_FAILED, o.exitCode());
    assertEquals(
        "citycluster: FAILED: bad input: boundaries/china_prefectures.geojson: feature 4, field"
            + " 'adcode': duplicate adcode; first seen at feature 0 (policy.duplicate_adcode=fail)",
        o.failure());
  }

  @Test
  void geometryThatIsNotAPolygonIsQuarantined() {
    Row r = issue("feature 6");
    assertEquals("geometry", r.getAs("field"));
    assertTrue(((String) r.getAs("problem")).contains("LineString"), (String) r.getAs("problem"));
  }

  @Test
  void swappedLonLatIsDetectedFromTheExtent() {
    Row r = issue("feature 7");
    assertEquals("geometry", r.getAs("field"));
    assertTrue(((String) r.getAs("problem")).contains("(lat, lon) instead of (lon, lat)"));
  }

  @Test
  void missingFileIsNamed() throws Exception {
    Path data = freshData("missing");
    Files.delete(data.resolve(FixtureData.STATS));
    BatchRunner.Outcome o = runOn(data);
    assertEquals(Main.RUN_FAILED, o.exitCode());
    assertTrue(
        o.failure()
            .startsWith("citycluster: FAILED: bad input: stats/city_stats.csv: file: not found"),
        o.failure());
  }

  @Test
  void emptyFileIsNamed() throws Exception {
    Path data = freshData("empty");
    FixtureData.write(data, FixtureData.BOUNDARIES, "");
    BatchRunner.Outcome o = runOn(data);
    assertEquals(Main.RUN_FAILED, o.exitCode());
    assertEquals(
        "citycluster: FAILED: bad input: boundaries/china_prefectures.geojson: file: empty file"
            + " (0 bytes)",
        o.failure());
  }

  @Test
  void truncatedGeoJsonIsNamed() throws Exception {
    Path data = freshData("truncated");
    String full = Files.readString(data.resolve(FixtureData.BOUNDARIES));
    FixtureData.write(data, FixtureData.BOUNDARIES, full.substring(0, full.length() / 2));
    BatchRunner.Outcome o = runOn(data);
    assertEquals(Main.RUN_FAILED, o.exitCode());
    assertTrue(
        o.failure()
            .startsWith(
                "citycluster: FAILED: bad input: boundaries/china_prefectures.geojson: file: not a"
                    + " GeoJSON FeatureCollection"),
        o.failure());
  }

  @Test
  void nonNumericStatisticNamesFileLineAndField() throws Exception {
    Path data = freshData("nonnumeric");
    FixtureData.write(
        data,
        FixtureData.STATS,
        FixtureData.STATS_HEADER + "\n320500,2020,12748262,lots,1.0,46.5,52.5\n");
    BatchRunner.Outcome o = runOn(data);
    assertEquals(Main.RUN_FAILED, o.exitCode());
    assertEquals(
        "citycluster: FAILED: bad input: stats/city_stats.csv: line 2, field 'gdp_cny': not a"
            + " number: 'lots'",
        o.failure());
  }

  @Test
  void csvWithTheWrongHeaderNamesTheMissingColumn() throws Exception {
    Path data = freshData("header");
    FixtureData.write(data, FixtureData.CLUSTERS, "cluster,name,adcode\ntst,Test,320500\n");
    BatchRunner.Outcome o = runOn(data);
    assertEquals(Main.RUN_FAILED, o.exitCode());
    assertTrue(
        o.failure()
            .startsWith(
                "citycluster: FAILED: bad input: stats/clusters.csv: line 1, field 'cluster_id':"
                    + " missing required column 'cluster_id'"),
        o.failure());
  }

  @Test
  void gbkCsvReadAsUtf8IsRejected() throws Exception {
    Path data = freshData("gbkcsv");
    String units = Files.readString(data.resolve(FixtureData.UNITS));
    FixtureData.write(data, FixtureData.UNITS, units, Charset.forName("GBK"));
    BatchRunner.Outcome o = runOn(data);
    assertEquals(Main.RUN_FAILED, o.exitCode());
    assertTrue(o.failure().contains("stats/cities.csv: file: not valid UTF-8 text"), o.failure());
  }

  @Test
  void gbkGeoJsonIsRejectedAsNotUtf8() throws Exception {
    Path data = freshData("gbkjson");
    String json = Files.readString(data.resolve(FixtureData.BOUNDARIES));
    FixtureData.write(data, FixtureData.BOUNDARIES, json, Charset.forName("GBK"));
    BatchRunner.Outcome o = runOn(data);
    assertEquals(Main.RUN_FAILED, o.exitCode(), o.err());
    assertTrue(
        o.failure()
            .startsWith(
                "citycluster: FAILED: bad input: boundaries/china_prefectures.geojson: file: not"
                    + " valid UTF-8 text"),
        o.failure());
  }

  @Test
  void gbkShapefileDecodedWithTheWrongCharsetIsCaughtByTheTextGate() throws Exception {
    Path data = freshData("gbkshp");
    org.locationtech.jts.io.WKTReader wkt = new org.locationtech.jts.io.WKTReader();
    List<org.citycluster.testing.ShapefileFixture.Feature> features = new ArrayList<>();
    String[][] units = {
      {"320500", "苏州市", "120 31"}, {"320600", "南通市", "121 31"},
      {"320700", "连云港市", "120 32"}, {"320800", "淮安市", "121 32"}
    };
    for (String[] u : units) {
      String[] xy = u[2].split(" ");
      int x = Integer.parseInt(xy[0]);
      int y = Integer.parseInt(xy[1]);
      features.add(
          new org.citycluster.testing.ShapefileFixture.Feature(
              Map.of("adcode", u[0], "name", u[1]),
              (org.locationtech.jts.geom.Polygon)
                  wkt.read(
                      String.format(
                          "POLYGON ((%d %d, %d %d, %d %d, %d %d, %d %d))",
                          x, y, x + 1, y, x + 1, y + 1, x, y + 1, x, y))));
    }
    Files.createDirectories(data.resolve("shp"));
    org.citycluster.testing.ShapefileFixture.write(
        data.resolve("shp"),
        "prefectures",
        List.of("adcode:6", "name:40"),
        features,
        Charset.forName("GBK"),
        null);
    Map<String, String> options = new java.util.HashMap<>(CHEAP);
    options.put("boundaries.prefecture.path", "shp/prefectures.shp");
    options.put("boundaries.prefecture.charset", "UTF-8");
    BatchRunner.Outcome o =
        BatchRunner.run(spark, data, shared.resolve("gbkshp-wh"), "2026-07-02", options);
    assertEquals(Main.QUALITY_GATE_FAILED, o.exitCode(), o.err());
    assertTrue(
        o.failure().contains("gates.max_text_decoding_errors: 4 text fields are not valid UTF-8"),
        o.failure());
    // with the charset left to detection the same file is read correctly
    options.put("boundaries.prefecture.charset", "");
    BatchRunner.Outcome detected =
        BatchRunner.run(spark, data, shared.resolve("gbkshp-wh"), "2026-07-02", options);
    assertEquals(Main.OK, detected.exitCode(), detected.err());
    assertEquals(
        "苏州市",
        spark
            .read()
            .format("geoparquet")
            .load(
                shared.resolve("gbkshp-wh/cities/level=prefecture/run_date=2026-07-02").toString())
            .filter("adcode = '320500'")
            .first()
            .getAs("name"));
  }

  @Test
  void unknownClusterMemberIsReportedAndGated() throws Exception {
    Path data = freshData("unknown");
    FixtureData.write(
        data,
        FixtureData.CLUSTERS,
        FixtureData.CLUSTERS_HEADER
            + "\ntst,Test,测试城市群,2016,320500,苏州市,core,false,,high\n"
            + "tst,Test,测试城市群,2016,329999,不存在市,member,false,,high\n");
    BatchRunner.Outcome o = runOn(data);
    assertEquals(Main.QUALITY_GATE_FAILED, o.exitCode());
    assertTrue(
        o.failure().contains("gates.all_cluster_members_matched: 1 plan members"), o.failure());
  }

  @Test
  void wrongConfigOptionValueIsNamedBeforeAnythingRuns() {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code =
          Main.run(
              new String[] {
                "run", "--level", "city", "--warehouse", shared.resolve("cfg").toString()
              });
    } finally {
      System.setErr(saved);
    }
    assertEquals(Main.USAGE_ERROR, code);
    assertEquals(
        "citycluster: FAILED: option 'level' has value 'city'; allowed: prefecture, county",
        err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse(""));
    assertFalse(Files.exists(shared.resolve("cfg")));
  }

  @Test
  void multiPolygonWithAnEmptyPartIsRepairedBeforeSedonaSeesIt() throws Exception {
    Path data = freshData("emptypart");
    List<String> features = new ArrayList<>(FixtureData.defaultFeatures());
    features.set(
        1,
        "{\"type\":\"Feature\",\"properties\":{\"adcode\":\"320600\",\"name\":\"南通市\","
            + "\"name_short\":\"南通\",\"name_pinyin\":\"Nantong\",\"province_adcode\":\"320000\","
            + "\"province_name\":\"江苏省\",\"mainland\":true,\"kind\":\"prefecture_city\"},"
            + "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":["
            + FixtureData.square(121, 31)
            + ",[]]}}");
    FixtureData.writeBoundaries(data, features);
    BatchRunner.Outcome o = runOn(data);
    assertEquals(Main.OK, o.exitCode(), o.err());
    Row repaired =
        spark
            .read()
            .parquet(
                data.resolveSibling("emptypart-wh/dq_issues/level=prefecture/run_date=2026-07-02")
                    .toString())
            .filter("record_id = 'feature 1'")
            .first();
    assertEquals("geometry", repaired.getAs("field"));
    assertEquals("repaired", repaired.getAs("action"));
    assertEquals("MultiPolygon: dropped 1 empty part(s)", repaired.getAs("problem"));
  }

  @Test
  void mappedFieldTheSourceLacksNamesTheFileAndTheField() throws Exception {
    Path data = freshData("mapping");
    Map<String, String> options = new java.util.HashMap<>(CHEAP);
    options.put("boundaries.prefecture.fields.name", "NAME_CH");
    BatchRunner.Outcome o =
        BatchRunner.run(spark, data, shared.resolve("mapping-wh"), "2026-07-02", options);
    assertEquals(Main.RUN_FAILED, o.exitCode());
    assertTrue(
        o.failure()
            .startsWith(
                "citycluster: FAILED: bad input: boundaries/china_prefectures.geojson: file, field"
                    + " 'NAME_CH': configured as the field of 'name' but the source has no such"
                    + " field; fields are [adcode, kind, mainland, name, name_pinyin, name_short,"
                    + " province_adcode, province_name]"),
        o.failure());
  }
}
