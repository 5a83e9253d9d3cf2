package org.citycluster.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versioned publishing on the local file system, without Spark. */
class PublishedVersionsTest {

  private static final List<String> TABLES = List.of("t_a", "t_b");
  private static final String D1 = "2026-01-01";
  private static final String D2 = "2026-01-02";

  @TempDir Path root;

  private PublishedVersions versions() {
    return new PublishedVersions(root);
  }

  private void publish(String runId, String... dates) throws Exception {
    versions().publish(runId, StagedRuns.stage(root, runId, TABLES, List.of(dates)));
  }

  private Path partition(String table, String date) {
    return root.resolve(table + "/level=prefecture/run_date=" + date);
  }

  private List<String> children(String dir) throws Exception {
    if (!Files.isDirectory(root.resolve(dir))) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root.resolve(dir))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void publishReplacesItsPartitionsKeepsTheOthersAndCollectsGarbage() throws Exception {
    assertTrue(PublishedVersions.supported(root));
    publish("r1", D1);
    publish("r2", D2);
    assertEquals("r1", StagedRuns.runOf(partition("t_a", D1)));
    assertEquals("r2", StagedRuns.runOf(partition("t_b", D2)));
    publish("r3", D1);
    assertEquals("r3", StagedRuns.runOf(partition("t_a", D1)));
    assertEquals("r3", StagedRuns.runOf(partition("t_b", D1)));
    assertEquals("r2", StagedRuns.runOf(partition("t_a", D2)), "untouched date carried over");
    // the contract path is a stable link into the current version
    assertEquals(Path.of("_current/t_a"), Files.readSymbolicLink(root.resolve("t_a")));
    assertEquals(List.of("v000002", "v000003"), children("_versions"), "the last two versions");
    assertEquals(List.of("r1", "r2", "r3"), children("_data"), "r1 is still in version 2");
    publish("r4", D2);
    assertEquals(List.of("v000003", "v000004"), children("_versions"));
    assertEquals(List.of("r2", "r3", "r4"), children("_data"), "r1 is referenced by no version");
    assertFalse(Files.exists(root.resolve("_staging/r4")), "staging moved, not copied");
    assertEquals(
        java.util.Map.of(
            "t_a/level=prefecture/run_date=" + D1, "r3",
            "t_a/level=prefecture/run_date=" + D2, "r4",
            "t_b/level=prefecture/run_date=" + D1, "r3",
            "t_b/level=prefecture/run_date=" + D2, "r4"),
        versions().currentRuns());
    // the previous version still reads whole for a reader that resolved it before
    Path previous = root.resolve("_versions/v000003");
    assertEquals("r2", StagedRuns.runOf(previous.resolve("t_a/level=prefecture/run_date=" + D2)));
  }

  @Test
  void theOldLayoutIsMigratedOnTheFirstPublishWithoutLosingAPartition() throws Exception {
    for (String table : TABLES) {
      Path old = partition(table, "2025-12-31");
      Files.createDirectories(old);
      Files.writeString(old.resolve("part-0-old.txt"), "old");
      Files.writeString(old.resolve("part-1-old.txt"), "old");
    }
    Path replaced = partition("t_a", D1);
    Files.createDirectories(replaced);
    Files.writeString(replaced.resolve("part-0-old.txt"), "old");
    Files.writeString(replaced.resolve("part-1-old.txt"), "old");
    Files.createDirectories(root.resolve("reports"));
    Files.writeString(root.resolve("reports/index.html"), "<html>");

    publish("r1", D1);

    assertEquals("old", StagedRuns.runOf(partition("t_a", "2025-12-31")));
    assertEquals("old", StagedRuns.runOf(partition("t_b", "2025-12-31")));
    assertEquals("r1", StagedRuns.runOf(partition("t_a", D1)));
    assertTrue(Files.isSymbolicLink(root.resolve("t_a")));
    assertFalse(Files.isSymbolicLink(root.resolve("reports")), "not a table: left alone");
    assertTrue(Files.exists(root.resolve("reports/index.html")));
    List<String> data = children("_data");
    assertEquals(2, data.size(), data.toString());
    assertTrue(data.get(0).startsWith("legacy_"), data.toString());
    // a second publish does not migrate again and keeps the old date
    publish("r2", D2);
    assertEquals("old", StagedRuns.runOf(partition("t_b", "2025-12-31")));
    assertEquals(3, children("_data").size());
  }

  @Test
  void recoveryRemovesWhatAKilledPublishLeftAndKeepsTheCurrentVersion() throws Exception {
    publish("r1", D1);
    // a publish killed after moving its data and writing half a version, before the switch
    StagedRuns.stage(root, "dead", TABLES, List.of(D1));
    Files.move(root.resolve("_staging/dead"), root.resolve("_data/dead"));
    Files.createDirectories(root.resolve("_versions/v000002/t_a/level=prefecture"));
    Files.createSymbolicLink(root.resolve("._tmp__current_1"), Path.of("_versions/v000002"));

    assertFalse(versions().recover("dead"), "the dead run was not published");
    assertEquals(List.of("v000001"), children("_versions"));
    assertEquals(List.of("r1"), children("_data"));
    assertFalse(
        Files.exists(root.resolve("._tmp__current_1"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertEquals("r1", StagedRuns.runOf(partition("t_a", D1)));

    // killed after the switch: its data is current, and recovery says so
    publish("r2", D1);
    assertTrue(versions().recover("r2"));
    assertEquals("r2", StagedRuns.runOf(partition("t_b", D1)));
  }
}
