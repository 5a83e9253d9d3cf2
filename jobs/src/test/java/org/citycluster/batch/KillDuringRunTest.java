package org.citycluster.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.citycluster.Main;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.testing.FixtureData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run in its own JVM is killed with SIGKILL while it writes; the previously published
 * partitions must stay readable and unchanged, no half-written partition may be visible, and the
 * next run must detect the dead run's lock and clean up after it.
 */
class KillDuringRunTest extends SparkTestBase {

  @TempDir Path data;
  @TempDir Path warehouse;
  @TempDir Path logs;

  @Test
  void killedRunLeavesPublishedPartitionsIntactAndIsRecoveredByTheNextRun() throws Exception {
    FixtureData.write(data);
    String date = "2026-09-01";
    assertEquals(Main.OK, BatchRunner.run(spark, data, warehouse, date, Map.of()).exitCode());
    Map<String, String> published = TableChecksums.of(spark, warehouse, "prefecture", date);
    Map<String, String> files = TableChecksums.files(warehouse);

    // the same date again, in a child JVM, killed as soon as it has staged its first table
    Process child = startChildRun(date);
    boolean staged = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (System.nanoTime() < deadline && child.isAlive()) {
      if (hasStagedParquet()) {
        staged = true;
        break;
      }
      Thread.sleep(20);
    }
    child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no cleanup
    child.waitFor(30, TimeUnit.SECONDS);
    assertTrue(staged, "the child never staged a table; its log:\n" + childLog());
    assertNotEquals(0, child.exitValue());

    assertEquals(published, TableChecksums.of(spark, warehouse, "prefecture", date));
    Map<String, String> after = TableChecksums.files(warehouse);
    after.keySet().removeIf(KillDuringRunTest::internal);
    Map<String, String> before = new java.util.TreeMap<>(files);
    before.keySet().removeIf(KillDuringRunTest::internal);
    java.util.Set<String> changed = new java.util.TreeSet<>(after.keySet());
    changed.addAll(before.keySet());
    changed.removeIf(k -> java.util.Objects.equals(before.get(k), after.get(k)));
    assertEquals(java.util.Set.of(), changed, "no published file changed, none appeared");
    assertTrue(Files.exists(warehouse.resolve("_lock")), "the dead run's lock is left behind");
    assertFalse(visiblePartitions().isEmpty(), "the published partitions are visible");
    for (Path partition : visiblePartitions()) {
      assertTrue(Files.exists(partition.resolve("_SUCCESS")), partition + " is half-written");
    }

    BatchRunner.Outcome next = BatchRunner.run(spark, data, warehouse, "2026-09-02", Map.of());
    assertEquals(Main.OK, next.exitCode(), next.err());
    assertTrue(next.out().contains("took over the stale lock of run"), next.out());
    assertFalse(Files.exists(warehouse.resolve("_staging")), "the dead run's staging is removed");
    assertEquals(published, TableChecksums.of(spark, warehouse, "prefecture", date));
    // the killed run has a manifest, marked by the run that took over its lock
    List<com.fasterxml.jackson.databind.JsonNode> killed = new ArrayList<>();
    try (Stream<Path> runs = Files.list(warehouse.resolve("_runs"))) {
      for (Path run : runs.toList()) {
        var m =
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run.resolve("manifest.json").toFile());
        if (m.path("status").asText().equals("killed")) {
          killed.add(m);
        }
      }
    }
    assertEquals(1, killed.size(), "one killed run");
    assertTrue(killed.get(0).path("error").asText().contains("was gone"), killed.toString());
    assertTrue(killed.get(0).path("detected_at").asText().startsWith("20"), killed.toString());
    assertEquals(date, killed.get(0).path("run_date").asText(), "its running manifest was kept");
    assertFalse(killed.get(0).path("published").asBoolean(true));
  }

  /** The lock, staging and trash areas (and Hadoop's .crc files of them) are not published. */
  private static boolean internal(String relative) {
    return relative.startsWith("_") || relative.startsWith("._");
  }

  private Process startChildRun(String date) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx2g");
    try (InputStream in = getClass().getResourceAsStream("/citycluster-jvm.options")) {
      for (String option :
          new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+")) {
        command.add(option);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("org.citycluster.Main");
    command.addAll(
        List.of(
            "run",
            "--data",
            data.toString(),
            "--warehouse",
            warehouse.toString(),
            "--date",
            date,
            "--set",
            "spark.master=local[2]"));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(logs.resolve("child.log").toFile())
        .start();
  }

  private String childLog() throws Exception {
    File log = logs.resolve("child.log").toFile();
    return log.exists() ? Files.readString(log.toPath()) : "(no log)";
  }

  private boolean hasStagedParquet() throws Exception {
    Path staging = warehouse.resolve("_staging");
    if (!Files.isDirectory(staging)) {
      return false;
    }
    try (Stream<Path> s = Files.walk(staging)) {
      return s.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
    } catch (java.io.UncheckedIOException e) {
      return false; // a directory vanished while walking
    }
  }

  private List<Path> visiblePartitions() throws Exception {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(warehouse, 3, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      s.filter(p -> p.getFileName().toString().startsWith("run_date="))
          .filter(p -> !warehouse.relativize(p).toString().startsWith("_"))
          .forEach(out::add);
    }
    return out;
  }
}
