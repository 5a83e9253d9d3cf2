package org.citycluster.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.config.Level;
import org.citycluster.geo.GeodesicMeasures;
import org.citycluster.plan.ClusterMembership;
import org.citycluster.spark.ReferenceFrames;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.stats.AdcodeAliases;
import org.citycluster.stats.UnitStatistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKTReader;

/** CitiesJob and ClusterRegionsJob on a hand-made WKT fixture: every branch of the contract. */
class CitiesAndClusterRegionsJobTest extends SparkTestBase {

  private static CitiesJob.Output cities;
  private static Map<String, Row> byAdcode;
  private static List<Row> issues;

  private static final String SQUARE = "POLYGON ((120 31, 121 31, 121 32, 120 32, 120 31))";
  private static final String EAST = "POLYGON ((121 31, 122 31, 122 32, 121 32, 121 31))";
  private static final String BOWTIE = "POLYGON ((119 30, 120 31, 120 30, 119 31, 119 30))";
  private static final String SWAPPED = "POLYGON ((31 118, 32 118, 32 119, 31 119, 31 118))";

  @BeforeAll
  static void runJobs() {
    StructType schema =
        new StructType()
            .add("record_index", DataTypes.LongType)
            .add("record_id", DataTypes.StringType)
            .add("adcode", DataTypes.StringType)
            .add("name", DataTypes.StringType)
            .add("wkt", DataTypes.StringType);
    List<Row> rows =
        List.of(
            RowFactory.create(0L, "feature 0", "320500", "苏州市", SQUARE),
            RowFactory.create(1L, "feature 1", "310100", "上海市", EAST),
            RowFactory.create(2L, "feature 2", "320600", "南通市", BOWTIE),
            RowFactory.create(3L, "feature 3", "320700", "连云港市", "LINESTRING (118 34, 119 35)"),
            RowFactory.create(4L, "feature 4", null, "无码", SQUARE),
            RowFactory.create(5L, "feature 5", "320500", "苏州市 again", EAST),
            RowFactory.create(6L, "feature 6", "320800", "淮安市", SWAPPED));
    Dataset<Row> boundaries =
        spark
            .createDataFrame(rows, schema)
            .selectExpr("*", "ST_GeomFromWKT(wkt) AS geometry")
            .drop("wkt");
    Dataset<Row> statistics =
        ReferenceFrames.statistics(
            spark,
            List.of(
                new UnitStatistics(
                    "320500",
                    12_748_262L,
                    2020,
                    2.0e12,
                    2020,
                    0.01,
                    0.465,
                    0.525,
                    2020,
                    null,
                    null,
                    null,
                    null),
                new UnitStatistics(
                    "310000",
                    24_870_895L,
                    2020,
                    3.87e12,
                    2020,
                    0.003,
                    0.266,
                    0.731,
                    2020,
                    null,
                    null,
                    null,
                    null),
                new UnitStatistics(
                    "330100",
                    11_936_010L,
                    2020,
                    1.6e12,
                    2020,
                    0.02,
                    0.299,
                    0.681,
                    2020,
                    null,
                    null,
                    null,
                    null)));
    cities =
        CitiesJob.build(
            boundaries,
            "fixture.geojson",
            "EPSG:4326",
            AdcodeAliases.municipalitiesOnly(),
            statistics,
            2020,
            Level.PREFECTURE,
            null);
    byAdcode =
        cities.cities().collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getAs("adcode"), r -> r));
    issues = cities.issues().orderBy("record_id", "action").collectAsList();
  }

  private static List<String> issueSummary() {
    return issues.stream()
        .map(r -> r.getAs("record_id") + "|" + r.getAs("field") + "|" + r.getAs("action"))
        .toList();
  }

  @Test
  void acceptedUnitsHaveGeodesicMeasuresAndStatistics() throws Exception {
    assertEquals(3, byAdcode.size(), byAdcode.keySet().toString());
    Row suzhou = byAdcode.get("320500");
    double expectedArea = GeodesicMeasures.areaKm2(new WKTReader().read(SQUARE));
    assertEquals(expectedArea, (Double) suzhou.getAs("area_km2"), 1e-9);
    assertEquals(120.5, (Double) suzhou.getAs("centroid_lon"), 1e-9);
    assertEquals(31.5, (Double) suzhou.getAs("centroid_lat"), 1e-9);
    assertEquals(12_748_262L, (Long) suzhou.getAs("population"));
    assertTrue((Boolean) suzhou.getAs("has_stats"));
    assertEquals("320500", suzhou.getAs("prefecture_adcode"));
    assertEquals("苏州市", suzhou.getAs("name"));
  }

  @Test
  void aliasedCodesAreCanonicalised() {
    Row shanghai = byAdcode.get("310000");
    assertEquals("310100", shanghai.getAs("src_adcode"));
    assertEquals(3.87e12, (Double) shanghai.getAs("gdp_cny"), 1);
  }

  @Test
  void invalidGeometryIsRepairedAndRecorded() {
    Row nantong = byAdcode.get("320600");
    assertTrue((Boolean) nantong.getAs("geometry_repaired"));
    assertTrue(((String) nantong.getAs("geometry_repair_note")).startsWith("Self-intersection"));
    assertFalse((Boolean) nantong.getAs("has_stats"));
    assertNull(nantong.getAs("population"));
  }

  @Test
  void everyRejectedFeatureIsInDqIssuesWithFieldAndAction() {
    assertEquals(
        List.of(
            "adcode 320600|adcode|defaulted",
            "adcode 330100|adcode|unmatched",
            "feature 2|geometry|repaired",
            "feature 3|geometry|quarantined",
            "feature 4|adcode|quarantined",
            "feature 5|adcode|quarantined",
            "feature 6|geometry|quarantined"),
        issueSummary());
    Row duplicate = issues.get(5);
    assertEquals("duplicate adcode; first seen at feature 0", duplicate.getAs("problem"));
    Row swapped = issues.get(6);
    assertTrue(((String) swapped.getAs("problem")).contains("(lat, lon)"));
    Row line = issues.get(3);
    assertTrue(
        ((String) line.getAs("problem")).contains("LineString"), (String) line.getAs("problem"));
  }

  @Test
  void clusterRegionsUnionMembersAndReportUnmatchedPlanMembers() throws Exception {
    List<ClusterMembership> plan =
        List.of(
            new ClusterMembership(
                "yrd",
                "Yangtze River Delta",
                "长三角",
                2016,
                "310000",
                "310000",
                "上海市",
                "core",
                "",
                false,
                "",
                "high"),
            new ClusterMembership(
                "yrd",
                "Yangtze River Delta",
                "长三角",
                2016,
                "320500",
                "320500",
                "苏州市",
                "member",
                "",
                true,
                "some counties",
                "medium"),
            new ClusterMembership(
                "yrd",
                "Yangtze River Delta",
                "长三角",
                2016,
                "330100",
                "330100",
                "杭州市",
                "member",
                "",
                false,
                "",
                "high"));
    ClusterRegionsJob.Output out =
        ClusterRegionsJob.build(
            cities.cities(),
            ReferenceFrames.plan(spark, plan),
            ReferenceFrames.statistics(
                spark,
                List.of(
                    new UnitStatistics(
                        "310000",
                        24_870_895L,
                        2020,
                        3.87e12,
                        2020,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                    new UnitStatistics(
                        "330100",
                        11_936_010L,
                        2020,
                        1.6e12,
                        2020,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null))),
            Level.PREFECTURE,
            "clusters.csv");
    assertEquals(2, out.members().count());
    Row yrd = out.clusters().first();
    assertEquals(3, (Integer) yrd.getAs("n_members"));
    assertEquals(2, (Integer) yrd.getAs("n_units"));
    assertEquals(1, (Integer) yrd.getAs("n_unmatched"));
    assertEquals(1, (Integer) yrd.getAs("n_partial"));
    assertEquals("310000", yrd.getAs("core_adcodes"));
    assertEquals(24_870_895L + 11_936_010L, (Long) yrd.getAs("population"));
    assertEquals(2, (Integer) yrd.getAs("n_members_with_population"));
    assertTrue((Boolean) yrd.getAs("totals_include_partial"));
    assertEquals("medium", yrd.getAs("membership_confidence"));
    double twoSquares =
        GeodesicMeasures.areaKm2(
            new WKTReader()
                .read("POLYGON ((120 31, 121 31, 122 31, 122 32, 121 32, 120 32, 120 31))"));
    assertEquals(twoSquares, (Double) yrd.getAs("area_km2"), 1e-6);
    Row unmatched = out.issues().first();
    assertEquals("cluster yrd member 330100", unmatched.getAs("record_id"));
    assertEquals("unmatched", unmatched.getAs("action"));
  }
}
