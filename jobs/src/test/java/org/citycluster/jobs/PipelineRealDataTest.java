package org.citycluster.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.citycluster.io.CsvTable;
import org.citycluster.io.TableSchema;
import org.citycluster.spark.SchemaEnforcer;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.testing.PublishedRealRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline at prefecture level on the real shared data, checked against facts computed
 * here independently from the input files (not from the pipeline's own code paths where avoidable).
 */
class PipelineRealDataTest extends SparkTestBase {

  private static final String RUN_DATE = PublishedRealRun.RUN_DATE;

  private static Path warehouse;
  private static Path manifest;

  /** The one real prefecture run of this test JVM, shared with the output tests. */
  @BeforeAll
  static void runPipeline() throws Exception {
    warehouse = PublishedRealRun.warehouse(spark, sharedData());
    try (Stream<Path> runs = Files.list(warehouse.resolve("_runs"))) {
      manifest = runs.findFirst().orElseThrow().resolve("manifest.json");
    }
  }

  private static Dataset<Row> table(String name) {
    TableSchema schema = TableSchema.load(name);
    String path =
        warehouse
            .resolve(name)
            .resolve("level=prefecture")
            .resolve("run_date=" + RUN_DATE)
            .toString();
    return schema.hasGeometry()
        ? spark.read().format("geoparquet").load(path)
        : spark.read().parquet(path);
  }

  private static CsvTable csv(String relative) throws Exception {
    try (InputStream in = Files.newInputStream(sharedData().resolve(relative))) {
      return CsvTable.read(in, relative, List.of());
    }
  }

  @Test
  void allMainlandPrefectureLevelUnitsArePresentOnce() {
    Dataset<Row> cities = table("cities");
    assertEquals(375, cities.count());
    assertEquals(372, cities.filter("mainland").count());
    assertEquals(375, cities.select("adcode").distinct().count());
    assertEquals(0, cities.filter("area_km2 <= 0 OR perimeter_km <= 0").count());
  }

  @Test
  void allNineteenClustersArePresent() {
    Set<String> ids =
        table("clusters").select("cluster_id").collectAsList().stream()
            .map(r -> r.getString(0))
            .collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "jjj", "yrd", "prd", "cy", "myr", "hc", "zy", "sdbd", "hxxa", "lzn", "gzpy", "bbw",
            "hbey", "sxzb", "lx", "nxyh", "qz", "dz", "tsbp"),
        ids);
  }

  @Test
  void everyPlanMemberIsMatchedOrReported() throws Exception {
    Set<String> matched =
        table("cluster_members")
            .select("cluster_id", "plan_code_as_written")
            .collectAsList()
            .stream()
            .map(r -> r.getString(0) + "/" + r.getString(1))
            .collect(Collectors.toSet());
    Set<String> reported =
        table("dq_issues")
            .filter("action = 'unmatched'")
            .select("record_id")
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .collect(Collectors.toSet());
    List<CsvTable.Row> plan = csv("stats/clusters.csv").rows();
    assertEquals(248, plan.size());
    for (CsvTable.Row row : plan) {
      String key = row.get("cluster_id") + "/" + row.get("adcode");
      boolean isMatched = matched.contains(key);
      boolean isReported =
          reported.contains("cluster " + row.get("cluster_id") + " member " + row.get("adcode"));
      assertTrue(isMatched || isReported, key + " is neither matched nor in dq_issues");
    }
    assertEquals(248, matched.size(), "all 248 plan rows match a prefecture-level unit");
  }

  @Test
  void yangtzeRiverDeltaPopulationIsTheSumOverItsMembers() throws Exception {
    Set<String> members = new HashSet<>();
    for (CsvTable.Row row : csv("stats/clusters.csv").rows()) {
      if (row.get("cluster_id").equals("yrd")) {
        members.add(row.get("adcode"));
      }
    }
    assertEquals(26, members.size());
    long expected = 0;
    for (CsvTable.Row row : csv("stats/city_stats.csv").rows()) {
      if (members.contains(row.get("adcode")) && row.get("year").equals("2020")) {
        expected += Long.parseLong(row.get("population_census"));
      }
    }
    Row yrd = table("clusters").filter("cluster_id = 'yrd'").first();
    assertEquals(expected, (Long) yrd.getAs("population"));
    assertEquals(26, (Integer) yrd.getAs("n_members"));
    assertEquals(26, (Integer) yrd.getAs("n_units"));
    assertEquals("310000", yrd.getAs("core_adcodes"));
  }

  @Test
  void statisticsAreTheConfiguredYearWithRecordedFallbacks() {
    Row shanghai = table("cities").filter("adcode = '310000'").first();
    assertEquals(3_870_058_000_000.0, (Double) shanghai.getAs("gdp_cny"), 1e6);
    assertEquals(24_870_895L, (Long) shanghai.getAs("population"));
    Row xining = table("cities").filter("adcode = '630100'").first();
    assertEquals(2019, (Integer) xining.getAs("gdp_year"));
    assertEquals(2020, (Integer) xining.getAs("stats_year"));
    assertEquals(
        1,
        table("dq_issues")
            .filter(
                "record_id = 'adcode 630100' AND field = 'gdp_cny' AND action = 'fallback'"
                    + " AND value = 'used 2019'")
            .count());
  }

  @Test
  void geodesicAreaAgreesWithAnIndependentBoundarySource() throws Exception {
    // cities.csv/boundary_area_km2_calc: spherical area of another polygon set (LEIII_CENSUS)
    Map<String, Double> other = new java.util.HashMap<>();
    for (CsvTable.Row row : csv("stats/cities.csv").rows()) {
      other.put(row.get("adcode"), row.getDouble("boundary_area_km2_calc"));
    }
    for (String adcode : List.of("110000", "230100", "320500", "510100")) {
      double ours = table("cities").filter("adcode = '" + adcode + "'").first().getAs("area_km2");
      assertEquals(other.get(adcode), ours, other.get(adcode) * 0.03, adcode);
    }
  }

  @Test
  void writtenTablesMatchTheirSchemaFilesAndLayout() throws Exception {
    for (String name : Pipeline.TABLES) {
      TableSchema schema = TableSchema.load(name);
      List<StructField> fields = List.of(table(name).schema().fields());
      assertEquals(schema.columnNames(), fields.stream().map(StructField::name).toList(), name);
      for (int i = 0; i < fields.size(); i++) {
        assertEquals(
            SchemaEnforcer.sparkType(schema.columns().get(i).type()),
            fields.get(i).dataType(),
            name + "." + fields.get(i).name());
      }
      Path partition =
          warehouse.resolve(name).resolve("level=prefecture").resolve("run_date=" + RUN_DATE);
      List<Path> files;
      try (Stream<Path> s = Files.list(partition)) {
        files = s.filter(p -> p.toString().endsWith(".parquet")).toList();
      }
      assertFalse(files.isEmpty(), name);
      try (ParquetFileReader reader =
          ParquetFileReader.open(
              HadoopInputFile.fromPath(
                  new org.apache.hadoop.fs.Path(files.get(0).toString()), new Configuration()))) {
        String geo = reader.getFileMetaData().getKeyValueMetaData().get("geo");
        if (schema.hasGeometry()) {
          JsonNode crs =
              new ObjectMapper().readTree(geo).path("columns").path("geometry").path("crs");
          assertEquals("EPSG", crs.path("id").path("authority").asText(), name);
          assertEquals(4326, crs.path("id").path("code").asInt(), name);
        } else {
          assertEquals(null, geo, name);
        }
      }
    }
    assertFalse(Files.exists(warehouse.resolve("_staging")));
  }

  @Test
  void manifestRecordsTheRun() throws Exception {
    JsonNode m = new ObjectMapper().readTree(manifest.toFile());
    assertEquals(RUN_DATE, m.path("run_date").asText());
    assertEquals("prefecture", m.path("level").asText());
    assertEquals("succeeded", m.path("status").asText());
    assertEquals(375, m.path("tables").path("cities").path("rows").asLong());
    assertEquals(64, m.path("config_hash").asText().length());
    assertEquals(
        "dbda12516cf78213290c15610dd2a6f3b70ccab0924d73d66cd36a269dda8aef",
        m.path("inputs").path("boundaries/china_prefectures.geojson").path("sha256").asText());
  }
}
