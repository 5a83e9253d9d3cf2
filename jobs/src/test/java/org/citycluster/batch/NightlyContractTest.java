package org.citycluster.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.citycluster.Main;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.testing.FixtureData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly batch contract on the fixture data: exit codes, idempotent re-runs that replace only
 * their own date, the warehouse lock and its recovery, quality gates that stop publication, and the
 * run manifest.
 */
class NightlyContractTest extends SparkTestBase {

  @TempDir Path data;
  @TempDir Path warehouse;

  @BeforeEach
  void fixture() throws Exception {
    FixtureData.write(data);
  }

  /** A full run (all stages). */
  private BatchRunner.Outcome run(String date) {
    return run(date, Map.of());
  }

  /** Only the first two stages: enough where a test is about the batch contract, not metrics. */
  private static final Map<String, String> CHEAP = Map.of("stages", "cities,clusters");

  private BatchRunner.Outcome run(String date, Map<String, String> options) {
    return BatchRunner.run(spark, data, warehouse, date, options);
  }

  private Path partition(String table, String date) {
    return warehouse.resolve(table).resolve("level=prefecture").resolve("run_date=" + date);
  }

  @Test
  void rerunReplacesOnlyItsDateWithIdenticalContent() throws Exception {
    BatchRunner.Outcome first = run("2026-01-01");
    assertEquals(Main.OK, first.exitCode(), first.err());
    assertEquals(Main.OK, run("2026-01-02").exitCode());
    Map<String, String> day1 = TableChecksums.of(spark, warehouse, "prefecture", "2026-01-01");
    Map<String, String> day2Files = TableChecksums.files(partition("cities", "2026-01-02"));
    assertTrue(
        day1.keySet().containsAll(List.of("cities", "city_pairs", "dq_issues")), day1.toString());

    // the first runs staged their tables concurrently (output.parallel_writes default 4); this
    // one stages them one after the other, and must publish the same content
    BatchRunner.Outcome again = run("2026-01-01", Map.of("output.parallel_writes", "1"));
    assertEquals(Main.OK, again.exitCode(), again.err());
    assertEquals(day1, TableChecksums.of(spark, warehouse, "prefecture", "2026-01-01"));
    // a small table is one file, not one per shuffle partition
    try (Stream<Path> files = Files.list(partition("city_pairs", "2026-01-01"))) {
      assertEquals(1, files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count());
    }
    assertEquals(day2Files, TableChecksums.files(partition("cities", "2026-01-02")));
    // the manifest table holds the newest run of the date, once
    List<Row> manifests =
        spark.read().parquet(partition("run_manifest", "2026-01-01").toString()).collectAsList();
    assertEquals(1, manifests.size());
    assertTrue(again.out().contains((String) manifests.get(0).getAs("run_id")));
  }

  @Test
  void runManifestRecordsInputsStagesCountsAndConfiguration() throws Exception {
    BatchRunner.Outcome outcome = run("2026-02-01");
    assertEquals(Main.OK, outcome.exitCode(), outcome.err());
    Path runs = warehouse.resolve("_runs");
    Path manifestFile;
    try (Stream<Path> s = Files.list(runs)) {
      manifestFile = s.findFirst().orElseThrow().resolve("manifest.json");
    }
    JsonNode m = new ObjectMapper().readTree(manifestFile.toFile());
    assertEquals("succeeded", m.path("status").asText());
    assertEquals("2026-02-01", m.path("run_date").asText());
    assertEquals(4, m.path("tables").path("cities").path("rows").asInt());
    assertEquals("1.0", m.path("tables").path("cities").path("schema_version").asText());
    assertTrue(
        m.path("inputs")
            .path("stats/city_stats.csv")
            .path("sha256")
            .asText()
            .matches("[0-9a-f]{64}"));
    assertTrue(m.path("inputs").path("stats/city_stats.csv").path("bytes").asLong() > 100);
    assertTrue(m.path("stages").size() >= 5);
    assertEquals("cities", m.path("stages").get(1).path("stage").asText());
    assertEquals(4, m.path("stages").get(1).path("rows").asInt());
    assertEquals(m.path("config_hash").asText(), m.path("config_hash").asText().toLowerCase());
    assertEquals("2026-02-01", m.path("config").path("run.date").asText());
    // progress: a start and an end line per stage
    assertTrue(
        outcome.out().contains("[citycluster] cities                 started"), outcome.out());
    assertTrue(
        outcome
            .out()
            .matches("(?s).*\\[citycluster\\] cities\\s+done in\\s+[0-9.]+ s\\s+4 units.*"));
    // every progress line starts with its wall-clock time (UTC, to the second)
    assertTrue(
        outcome
            .out()
            .matches(
                "(?s)(.*\\n)?\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\[citycluster\\] cities\\s+started.*"),
        outcome.out());
  }

  @Test
  void secondRunWhileTheLockIsHeldFailsFast() throws Exception {
    Files.createDirectories(warehouse);
    String holder =
        "{\"run_id\":\"other-run\",\"host\":\""
            + InetAddress.getLocalHost().getHostName()
            + "\",\"pid\":"
            + ProcessHandle.current().pid()
            + ",\"started_at\":\""
            + java.time.Instant.now()
            + "\"}";
    Files.writeString(warehouse.resolve("_lock"), holder);
    BatchRunner.Outcome outcome = run("2026-03-01", CHEAP);
    assertEquals(Main.WAREHOUSE_LOCKED, outcome.exitCode());
    assertTrue(outcome.failure().contains("is locked by run other-run"), outcome.failure());
    assertFalse(Files.exists(partition("cities", "2026-03-01")));
    assertTrue(Files.exists(warehouse.resolve("_lock")), "the live holder's lock is left alone");
  }

  @Test
  void staleLockOfAKilledPublishIsRecoveredAndTheRunMarkedKilled() throws Exception {
    assertEquals(Main.OK, run("2026-04-01", CHEAP).exitCode());
    Map<String, String> before = TableChecksums.of(spark, warehouse, "prefecture", "2026-04-01");
    // a run killed inside publish: its data moved under _data, half a version written, no switch
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    String deadRun = "20260401T000000000Z_2026-04-01_prefecture";
    Path deadData = warehouse.resolve("_data/" + deadRun + "/cities/level=prefecture");
    Files.createDirectories(deadData.resolve("run_date=2026-04-01"));
    Files.writeString(deadData.resolve("run_date=2026-04-01/part-0.parquet"), "not parquet");
    Path halfVersion = warehouse.resolve("_versions/v000099/cities/level=prefecture");
    Files.createDirectories(halfVersion);
    Files.createSymbolicLink(
        halfVersion.resolve("run_date=2026-04-01"),
        Path.of("../../../../_data/" + deadRun + "/cities/level=prefecture/run_date=2026-04-01"));
    Files.createDirectories(warehouse.resolve("_staging/" + deadRun + "/clusters"));
    Files.createDirectories(warehouse.resolve("_runs/" + deadRun));
    Files.writeString(
        warehouse.resolve("_runs/" + deadRun + "/manifest.json"),
        "{\"run_id\":\"" + deadRun + "\",\"run_date\":\"2026-04-01\",\"status\":\"running\"}");
    Files.writeString(
        warehouse.resolve("_lock"),
        "{\"run_id\":\""
            + deadRun
            + "\",\"host\":\""
            + InetAddress.getLocalHost().getHostName()
            + "\",\"pid\":"
            + dead.pid()
            + ",\"started_at\":\"2026-04-01T00:00:00Z\"}");

    BatchRunner.Outcome outcome = run("2026-04-02", CHEAP);
    assertEquals(Main.OK, outcome.exitCode(), outcome.err());
    assertTrue(outcome.out().contains("took over the stale lock of run " + deadRun), outcome.out());
    assertEquals(before, TableChecksums.of(spark, warehouse, "prefecture", "2026-04-01"));
    assertFalse(Files.exists(warehouse.resolve("_data/" + deadRun)));
    assertFalse(Files.exists(warehouse.resolve("_versions/v000099")));
    assertFalse(Files.exists(warehouse.resolve("_staging/" + deadRun)));
    assertFalse(Files.exists(warehouse.resolve("_lock")), "released after the run");
    JsonNode m =
        new ObjectMapper()
            .readTree(warehouse.resolve("_runs/" + deadRun + "/manifest.json").toFile());
    assertEquals("killed", m.path("status").asText());
    assertEquals("2026-04-01", m.path("run_date").asText());
    assertTrue(m.path("error").asText().contains("process " + dead.pid()), m.toString());
    assertTrue(m.path("detected_at").asText().startsWith("20"), m.toString());
    assertFalse(m.path("published").asBoolean(true));
  }

  @Test
  void runFailingWithAnUnexpectedExceptionWritesItsManifest() throws Exception {
    assertEquals(Main.OK, run("2026-04-03", CHEAP).exitCode());
    Map<String, String> before = TableChecksums.of(spark, warehouse, "prefecture", "2026-04-03");
    // a file where the staging directory must go: the writes fail inside Spark, not on input
    Files.writeString(warehouse.resolve("_staging"), "in the way");
    BatchRunner.Outcome outcome = run("2026-04-03", CHEAP);
    assertEquals(Main.RUN_FAILED, outcome.exitCode(), outcome.err());
    JsonNode failed = null;
    try (Stream<Path> s = Files.list(warehouse.resolve("_runs"))) {
      for (Path run : s.toList()) {
        JsonNode m = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
        if (!m.path("status").asText().equals("succeeded")) {
          assertNull(failed, "one failed run");
          failed = m;
        }
      }
    }
    assertNotNull(failed, "the failed run wrote a manifest");
    assertEquals("failed", failed.path("status").asText());
    String error = failed.path("error").asText();
    assertFalse(error.isBlank() || error.contains("\n"), "one line: " + error);
    assertTrue(
        outcome.failure().contains(error.substring(0, Math.min(40, error.length()))),
        outcome.failure() + " vs " + error);
    assertTrue(failed.path("finished_at").asText().startsWith("20"), failed.toString());
    assertEquals(before, TableChecksums.of(spark, warehouse, "prefecture", "2026-04-03"));
  }

  @Test
  void failingQualityGatePublishesNothingAndSaysWhich() throws Exception {
    FixtureData.write(
        data,
        FixtureData.CLUSTERS,
        FixtureData.CLUSTERS_HEADER
            + "\ntst,Test,测试城市群,2016,320500,苏州市,core,false,,high\n"
            + "tst,Test,测试城市群,2016,329999,不存在市,member,false,,high\n");
    BatchRunner.Outcome outcome = run("2026-05-01", CHEAP);
    assertEquals(Main.QUALITY_GATE_FAILED, outcome.exitCode());
    assertEquals(
        "citycluster: FAILED: quality gate failed: gates.all_cluster_members_matched: 1 plan"
            + " members match no unit (see dq_issues, action 'unmatched')",
        outcome.failure());
    try (Stream<Path> s = Files.list(warehouse)) {
      List<String> visible = s.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(List.of("_runs"), visible, "no table, no staging left behind");
    }
    Path failedRun;
    try (Stream<Path> s = Files.list(warehouse.resolve("_runs"))) {
      failedRun = s.findFirst().orElseThrow();
      JsonNode m = new ObjectMapper().readTree(failedRun.resolve("manifest.json").toFile());
      assertEquals("failed_quality_gate", m.path("status").asText());
      assertTrue(m.path("error").asText().contains("all_cluster_members_matched"));
    }
    // the rejected record stays visible: the run's dq_issues beside its manifest, and on the
    // console
    List<Row> kept =
        spark
            .read()
            .parquet(failedRun.resolve("dq_issues").toString())
            .filter("action = 'unmatched'")
            .collectAsList();
    assertEquals(1, kept.size());
    assertEquals("cluster tst member 329999 (line 3)", kept.get(0).getAs("record_id"));
    assertEquals("329999", kept.get(0).getAs("value"));
    assertEquals(FixtureData.CLUSTERS, kept.get(0).getAs("source"));
    assertTrue(
        outcome
            .out()
            .contains(
                "1 × stats/clusters.csv, adcode: plan member 不存在市 matches no prefecture-level"
                    + " unit [unmatched]: cluster tst member 329999 (line 3) = 329999"),
        outcome.out());
    // the same input passes when the operator switches that gate off
    BatchRunner.Outcome relaxed =
        run(
            "2026-05-01",
            Map.of("gates.all_cluster_members_matched", "false", "stages", "cities,clusters"));
    assertEquals(Main.OK, relaxed.exitCode(), relaxed.err());
    long unmatched =
        spark
            .read()
            .parquet(partition("dq_issues", "2026-05-01").toString())
            .filter("action = 'unmatched' AND value = '329999'")
            .count();
    assertEquals(1, unmatched);
  }

  @Test
  void onlyTheListedStagesPublish() throws Exception {
    BatchRunner.Outcome outcome = run("2026-06-01", Map.of("stages", "cities"));
    assertEquals(Main.OK, outcome.exitCode(), outcome.err());
    assertTrue(Files.isDirectory(partition("cities", "2026-06-01")));
    assertTrue(Files.isDirectory(partition("dq_issues", "2026-06-01")));
    assertFalse(Files.exists(partition("clusters", "2026-06-01")));
    assertFalse(Files.exists(partition("city_pairs", "2026-06-01")));
    assertNotEquals("", outcome.out());
  }
}
