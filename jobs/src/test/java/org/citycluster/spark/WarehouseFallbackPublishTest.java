package org.citycluster.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.citycluster.config.Level;
import org.citycluster.dq.DqIssue;
import org.citycluster.io.TableSchema;
import org.citycluster.testing.NoLinksFileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publish fallback of {@link Warehouse} — two renames per partition, one table after another —
 * on a file system that is not {@code file} ({@link NoLinksFileSystem}, the local disk under
 * another scheme, as HDFS or an object store would be): publish, replace, the order of the swaps,
 * and what a failure or a kill between a partition's two renames leaves, before and after the next
 * run's recovery.
 */
class WarehouseFallbackPublishTest extends SparkTestBase {

  private static final String D1 = "2026-07-01";
  private static final String D2 = "2026-07-02";

  @TempDir Path local;
  private Warehouse warehouse;
  private final List<String> swaps = new ArrayList<>();

  /** A rename of the given staged table that dies as a killed process would: nothing after it. */
  private static final class Killed extends Error {
    Killed() {
      super("simulated kill -9");
    }
  }

  @BeforeEach
  void fallbackWarehouse() throws IOException {
    NoLinksFileSystem.register(spark.sparkContext().hadoopConfiguration());
    warehouse = new Warehouse(spark, NoLinksFileSystem.uri(local.resolve("wh")));
    assertTrue(warehouse.versions().isEmpty(), "a nolinks: warehouse cannot be versioned");
    NoLinksFileSystem.onRename = this::record;
  }

  @AfterEach
  void noHook() {
    NoLinksFileSystem.onRename = (from, to) -> true;
  }

  /** Records each swap of a staged partition into its published place (the second rename). */
  private boolean record(org.apache.hadoop.fs.Path from, org.apache.hadoop.fs.Path to) {
    if (from.toString().contains("/_staging/") && !to.toString().contains("/_")) {
      swaps.add(to.getParent().getParent().getName());
    }
    return true;
  }

  /** Stages dq_issues (value = run id), t_b and run_manifest (column run = run id) at one date. */
  private void stage(String runId, String date) {
    TableSchema schema = TableSchema.load("dq_issues");
    var rows =
        ReferenceFrames.issues(
            spark,
            List.of(
                new DqIssue("test", "line 1", "f", "p", "kept", runId),
                new DqIssue("test", "line 2", "f", "p", "kept", runId)));
    warehouse.stage(SchemaEnforcer.conform(rows, schema), schema, runId, Level.PREFECTURE, date);
    for (String table : List.of("t_b", "run_manifest")) {
      spark
          .range(3)
          .selectExpr("'" + runId + "' AS run", "id")
          .write()
          .parquet(
              warehouse.root()
                  + "/_staging/"
                  + runId
                  + "/"
                  + table
                  + "/level=prefecture/run_date="
                  + date);
    }
  }

  /** The run whose rows a published partition holds, "missing" when it is absent. */
  private String runOf(String table, String date) {
    Path dir = local.resolve("wh/" + table + "/level=prefecture/run_date=" + date);
    if (!Files.isDirectory(dir)) {
      return "missing";
    }
    String column = table.equals("dq_issues") ? "value" : "run";
    List<Row> runs =
        spark
            .read()
            .parquet(warehouse.partition(table, Level.PREFECTURE, date).toString())
            .select(column)
            .distinct()
            .collectAsList();
    return runs.size() == 1 ? runs.get(0).getString(0) : "mixed " + runs;
  }

  private Map<String, String> published() {
    Map<String, String> runs = new TreeMap<>();
    for (String table : List.of("dq_issues", "t_b", "run_manifest")) {
      for (String date : List.of(D1, D2)) {
        runs.put(table + " " + date, runOf(table, date));
      }
    }
    return runs;
  }

  private Map<String, String> expect(String... tableDateRun) {
    Map<String, String> m = new TreeMap<>();
    for (String table : List.of("dq_issues", "t_b", "run_manifest")) {
      for (String date : List.of(D1, D2)) {
        m.put(table + " " + date, "missing");
      }
    }
    for (int i = 0; i < tableDateRun.length; i += 3) {
      m.put(tableDateRun[i] + " " + tableDateRun[i + 1], tableDateRun[i + 2]);
    }
    return m;
  }

  private List<String> leftovers() throws IOException {
    try (Stream<Path> s = Files.list(local.resolve("wh"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("_") && !n.equals("_runs"))
          .sorted()
          .toList();
    }
  }

  @Test
  void publishesAndReplacesPartitionsByRenameWithTheManifestLast() throws Exception {
    stage("r1", D1);
    Map<String, org.apache.hadoop.fs.Path> paths = warehouse.publishRun("r1", Level.PREFECTURE, D1);
    assertEquals(List.of("dq_issues", "t_b", "run_manifest"), List.copyOf(paths.keySet()));
    assertEquals(List.of("dq_issues", "t_b", "run_manifest"), swaps);
    assertEquals(
        warehouse.partition("t_b", Level.PREFECTURE, D1).toString(), paths.get("t_b").toString());
    assertEquals(
        expect("dq_issues", D1, "r1", "t_b", D1, "r1", "run_manifest", D1, "r1"), published());
    assertEquals(List.of(), leftovers(), "no staging, trash, version or link left");
    assertFalse(Files.isSymbolicLink(local.resolve("wh/t_b")));

    stage("r2", D2);
    warehouse.publishRun("r2", Level.PREFECTURE, D2);
    stage("r3", D1); // replaces D1, leaves D2
    warehouse.publishRun("r3", Level.PREFECTURE, D1);
    Map<String, String> both =
        expect(
            "dq_issues",
            D1,
            "r3",
            "t_b",
            D1,
            "r3",
            "run_manifest",
            D1,
            "r3",
            "dq_issues",
            D2,
            "r2",
            "t_b",
            D2,
            "r2",
            "run_manifest",
            D2,
            "r2");
    assertEquals(both, published());
    assertEquals(List.of(), leftovers());
    // readTable reads the root in this mode: every date, schema-conformed
    Map<String, String> byDate = new TreeMap<>();
    for (Row r :
        warehouse
            .readTable(TableSchema.load("dq_issues"), Level.PREFECTURE)
            .select("run_date", "value")
            .distinct()
            .collectAsList()) {
      byDate.put(r.getString(0), r.getString(1));
    }
    assertEquals(Map.of(D1, "r3", D2, "r2"), byDate);
    assertEquals(warehouse.root(), warehouse.snapshot());
  }

  @Test
  void aKillBetweenTheTwoRenamesIsRecoveredByTheNextRun() throws Exception {
    stage("r1", D1);
    warehouse.publishRun("r1", Level.PREFECTURE, D1);
    stage("r2", D1);
    NoLinksFileSystem.onRename =
        (from, to) -> {
          if (from.toString().contains("/_staging/r2/t_b/")) {
            throw new Killed(); // t_b's old partition is in the trash, the new one still staged
          }
          return record(from, to);
        };
    assertThrows(Killed.class, () -> warehouse.publishRun("r2", Level.PREFECTURE, D1));
    // what readers see until the next run: dq_issues of r2, t_b absent, the manifest of r1
    assertEquals(
        expect("dq_issues", D1, "r2", "t_b", D1, "missing", "run_manifest", D1, "r1"), published());
    assertTrue(
        Files.isDirectory(local.resolve("wh/_trash/r2/t_b/level=prefecture/run_date=" + D1)));
    NoLinksFileSystem.onRename = (from, to) -> true;

    int restored =
        warehouse.recoverAbandonedRun("r2", Map.of("run_id", "r2", "pid", 1), "test kill");
    assertEquals(1, restored);
    // t_b is back (r1's); the table swapped before the kill stays swapped (not atomic across
    // tables, as documented); run_manifest still names r1
    assertEquals(
        expect("dq_issues", D1, "r2", "t_b", D1, "r1", "run_manifest", D1, "r1"), published());
    assertEquals(List.of(), leftovers(), "staging and trash of the dead run removed");
    JsonNode manifest =
        new ObjectMapper().readTree(local.resolve("wh/_runs/r2/manifest.json").toFile());
    assertEquals("killed", manifest.path("status").asText());
    assertEquals("killed: test kill", manifest.path("error").asText());
    assertFalse(manifest.path("published").asBoolean(true));

    // the next run of the date makes it whole again
    stage("r3", D1);
    warehouse.publishRun("r3", Level.PREFECTURE, D1);
    assertEquals(
        expect("dq_issues", D1, "r3", "t_b", D1, "r3", "run_manifest", D1, "r3"), published());
  }

  @Test
  void aFailedSecondRenamePutsTheOldPartitionBack() throws Exception {
    stage("r1", D1);
    warehouse.publishRun("r1", Level.PREFECTURE, D1);
    for (String how : List.of("refused", "threw")) {
      String run = "r2" + how;
      stage(run, D1);
      NoLinksFileSystem.onRename =
          (from, to) -> {
            if (from.toString().contains("/_staging/" + run + "/t_b/")) {
              if (how.equals("threw")) {
                throw new IOException("injected: connection reset");
              }
              return false;
            }
            return true;
          };
      IOException e =
          assertThrows(IOException.class, () -> warehouse.publishRun(run, Level.PREFECTURE, D1));
      assertTrue(
          e.getMessage().startsWith(how.equals("threw") ? "injected" : "could not publish"),
          e.getMessage());
      // t_b's old partition is back at once; dq_issues (swapped before) is the failed run's
      assertEquals(
          expect("dq_issues", D1, run, "t_b", D1, "r1", "run_manifest", D1, "r1"), published());
      warehouse.cleanUp(run); // what Pipeline does after a failed run
      assertEquals(List.of(), leftovers());
      NoLinksFileSystem.onRename = (from, to) -> true;
    }
  }

  @Test
  void cleaningUpAfterAnErrorBetweenTheRenamesLosesNothing() throws Exception {
    stage("r1", D1);
    warehouse.publishRun("r1", Level.PREFECTURE, D1);
    stage("r2", D1);
    NoLinksFileSystem.onRename =
        (from, to) -> {
          if (from.toString().contains("/_staging/r2/t_b/")) {
            throw new OutOfMemoryError("injected"); // an Error: publish's own put-back is skipped
          }
          return true;
        };
    assertThrows(OutOfMemoryError.class, () -> warehouse.publishRun("r2", Level.PREFECTURE, D1));
    NoLinksFileSystem.onRename = (from, to) -> true;
    assertEquals("missing", runOf("t_b", D1));
    warehouse.cleanUp("r2"); // Pipeline's clean-up of a failed run puts the trash back first
    assertEquals("r1", runOf("t_b", D1));
    assertEquals(List.of(), leftovers());
  }
}
