package org.citycluster.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.citycluster.config.PipelineConfig;
import org.citycluster.io.CsvTable;
import org.citycluster.io.Feature;
import org.citycluster.io.GeoJsonFeatureReader;
import org.citycluster.spark.Progress;
import org.citycluster.spark.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline at county level on the real data: counties are assigned to prefectures by a spatial
 * join, which must agree with the hierarchy attribute the boundary file carries, and cluster
 * membership follows from it.
 */
class PipelineCountyLevelTest extends SparkTestBase {

  private static final String RUN_DATE = "2026-01-02";
  @TempDir static Path warehouse;
  private static List<Feature> counties;

  @BeforeAll
  static void runPipeline() throws Exception {
    PipelineConfig config =
        PipelineConfig.load(
            null,
            Map.of(
                "data.root",
                sharedData().toString(),
                "warehouse",
                warehouse.toString(),
                "run.date",
                RUN_DATE,
                "level",
                "county"));
    new Pipeline(spark, config, new Progress(spark, System.out)).run();
    counties =
        new GeoJsonFeatureReader().read(sharedData().resolve("boundaries/china_counties.geojson"));
  }

  private static Dataset<Row> table(String name) {
    String path =
        warehouse.resolve(name).resolve("level=county").resolve("run_date=" + RUN_DATE).toString();
    return name.equals("cities") || name.equals("clusters")
        ? spark.read().format("geoparquet").load(path)
        : spark.read().parquet(path);
  }

  @Test
  void everyCountyIsPresentAndAssignedAsTheHierarchyAttributeSays() {
    Dataset<Row> cities = table("cities");
    assertEquals(2891, cities.count());
    assertEquals(2891, counties.size());
    Map<String, String> assigned = new java.util.HashMap<>();
    for (Row r : cities.select("adcode", "prefecture_adcode").collectAsList()) {
      assigned.put(r.getString(0), r.getString(1));
    }
    int disagreements = 0;
    for (Feature f : counties) {
      Object attribute = f.properties().get("prefecture_adcode");
      if (!String.valueOf(attribute)
          .equals(assigned.get(String.valueOf(f.properties().get("adcode"))))) {
        disagreements++;
      }
    }
    long reported =
        table("dq_issues")
            .filter("source = 'prefecture assignment' AND problem LIKE '%attribute%'")
            .count();
    System.out.println("county/prefecture disagreements: " + disagreements);
    assertEquals(disagreements, reported, "each disagreement with the attribute is reported");
    assertTrue(disagreements <= 5, "spatial join agrees with the hierarchy: " + disagreements);
  }

  @Test
  void clusterMembersAtCountyLevelAreTheCountiesOfThePlanMembers() throws Exception {
    Set<String> yrdPrefectures = new HashSet<>();
    try (InputStream in = Files.newInputStream(sharedData().resolve("stats/clusters.csv"))) {
      for (CsvTable.Row row : CsvTable.read(in, "clusters.csv", List.of()).rows()) {
        if (row.get("cluster_id").equals("yrd")) {
          yrdPrefectures.add(row.get("adcode"));
        }
      }
    }
    long expected =
        counties.stream()
            .filter(
                f ->
                    yrdPrefectures.contains(
                        String.valueOf(f.properties().get("prefecture_adcode"))))
            .count();
    long actual = table("cluster_members").filter("cluster_id = 'yrd'").count();
    assertEquals(expected, actual);
    Row yrd = table("clusters").filter("cluster_id = 'yrd'").first();
    assertEquals((int) expected, (Integer) yrd.getAs("n_units"));
    assertEquals(0, (Integer) yrd.getAs("n_unmatched"));
  }
}
