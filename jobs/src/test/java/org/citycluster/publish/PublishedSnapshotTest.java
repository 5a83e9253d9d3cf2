package org.citycluster.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader's snapshot keeps reading one version while later runs publish. */
class PublishedSnapshotTest {

  private static final List<String> TABLES = List.of("t_a", "t_b");
  private static final String D1 = "2026-01-01";
  private static final String D2 = "2026-01-02";

  @TempDir Path root;

  private void publish(String runId, String... dates) throws Exception {
    new PublishedVersions(root)
        .publish(runId, StagedRuns.stage(root, runId, TABLES, List.of(dates)));
  }

  @Test
  void aSnapshotReadsTheVersionCurrentWhenItWasTakenEvenAfterTheNextPublish() throws Exception {
    publish("r1", D1);
    PublishedSnapshot before = PublishedSnapshot.of(root);
    publish("r2", D1, D2);

    for (String table : TABLES) {
      assertEquals("r1", StagedRuns.runOf(before.partition(table, "prefecture", D1)));
      assertEquals(List.of(D1), before.runDates(table, "prefecture"));
      assertEquals(Optional.of(D1), before.newestRunDate(table, "prefecture"));
    }
    PublishedSnapshot after = PublishedSnapshot.of(root);
    for (String table : TABLES) {
      assertEquals("r2", StagedRuns.runOf(after.partition(table, "prefecture", D1)));
      assertEquals(List.of(D1, D2), after.runDates(table, "prefecture"));
      assertEquals(Optional.of(D2), after.newestRunDate(table, "prefecture"));
    }
    assertEquals(List.of(), after.runDates("t_a", "county"));
    assertEquals(Optional.empty(), after.newestRunDate("missing", "prefecture"));
  }

  @Test
  void aWarehouseWithoutVersionsIsReadInPlace() throws Exception {
    Path partition = root.resolve("t_a/level=prefecture/run_date=" + D2);
    Files.createDirectories(partition);
    Files.createDirectories(root.resolve("t_a/level=prefecture/not_a_date"));
    PublishedSnapshot snapshot = PublishedSnapshot.of(root);
    assertEquals(root.toAbsolutePath().normalize(), snapshot.root());
    assertEquals(partition, snapshot.partition("t_a", "prefecture", D2));
    assertEquals(List.of(D2), snapshot.runDates("t_a", "prefecture"));
  }
}
