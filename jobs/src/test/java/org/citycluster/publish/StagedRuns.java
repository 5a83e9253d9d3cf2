package org.citycluster.publish;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tiny staged runs for publishing tests, without Spark: each partition holds two files {@code
 * part-0-<run_id>.txt} and {@code part-1-<run_id>.txt} whose content is the run id, so a reader can
 * tell which run a listing or a file came from.
 */
final class StagedRuns {

  private StagedRuns() {}

  /** Stages {@code tables} × {@code dates} at level prefecture for a run; returns its directory. */
  static Path stage(Path root, String runId, List<String> tables, List<String> dates)
      throws IOException {
    Path staging = root.resolve("_staging").resolve(runId);
    for (String table : tables) {
      for (String date : dates) {
        Path partition = staging.resolve(table + "/level=prefecture/run_date=" + date);
        Files.createDirectories(partition);
        for (int i = 0; i < 2; i++) {
          Files.writeString(partition.resolve("part-" + i + "-" + runId + ".txt"), runId);
        }
      }
    }
    return staging;
  }

  /**
   * The run a partition directory's data files come from: every file named {@code part-*} must name
   * the same run, else "mixed:..."; "empty" when it has none.
   */
  static String runOf(Path partition) throws IOException {
    List<String> runs = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(partition, "part-*")) {
      for (Path f : s) {
        String name = f.getFileName().toString();
        runs.add(name.substring(name.indexOf('-', 5) + 1, name.length() - ".txt".length()));
      }
    }
    if (runs.isEmpty()) {
      return "empty";
    }
    if (runs.size() != 2 || runs.stream().distinct().count() != 1) {
      return "mixed:" + runs;
    }
    return runs.get(0);
  }

  /** A child-JVM publisher: {@code root count sleepMillis} publishes count runs back to back. */
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    long sleep = Long.parseLong(args[2]);
    PublishedVersions versions = new PublishedVersions(root);
    for (int i = 0; i < count; i++) {
      String runId = "child" + ProcessHandle.current().pid() + "_" + i;
      List<String> dates = i % 2 == 0 ? List.of("2026-01-01") : List.of("2026-01-01", "2026-01-02");
      versions.publish(runId, stage(root, runId, List.of("t_a", "t_b", "run_manifest"), dates));
      System.out.println("published " + runId);
      Thread.sleep(sleep);
    }
  }
}
