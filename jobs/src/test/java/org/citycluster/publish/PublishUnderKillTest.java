package org.citycluster.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishers in child JVMs are killed with SIGKILL at random moments while a reader thread lists
 * the published partitions in a loop: the reader must never find a partition missing, a partition
 * with files of two runs, or (reading below one resolved {@code _current}) tables of two runs;
 * after each kill the recovered warehouse holds one whole run per date.
 */
class PublishUnderKillTest {

  private static final List<String> TABLES = List.of("t_a", "t_b", "run_manifest");
  private static final List<String> DATES = List.of("2026-01-01", "2026-01-02");

  @TempDir Path root;
  @TempDir Path logs;

  @Test
  void readersNeverSeeAGapNorAMixWhilePublishesAreKilled() throws Exception {
    PublishedVersions versions = new PublishedVersions(root);
    versions.publish("seed", StagedRuns.stage(root, "seed", TABLES, DATES));
    Reader reader = new Reader(root);
    Thread thread = new Thread(reader, "partition-reader");
    thread.start();
    Random random = new Random(19);
    int published = 0;
    int interrupted = 0;
    try {
      for (int round = 0; round < 10; round++) {
        Path log = logs.resolve("child-" + round + ".log");
        Process child = startPublisher(log);
        // wait for the child's first publish, then kill it at a random moment after that
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (child.isAlive() && System.nanoTime() < deadline && publishes(log).isEmpty()) {
          Thread.sleep(5);
        }
        Thread.sleep(random.nextInt(200));
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        List<String> done = publishes(log);
        assertTrue(!done.isEmpty(), "the child published nothing: " + Files.readString(log));
        published += done.size();
        if (leftovers()) {
          interrupted++;
        }
        versions.recover("killed");
        PublishedVersions.deleteTree(root.resolve("_staging")); // Warehouse.cleanUp's part
        // one whole run per date: the last one the child announced, or the next one if the kill
        // came between its switch and its announcement
        String last = done.get(done.size() - 1);
        int n = Integer.parseInt(last.substring(last.lastIndexOf('_') + 1));
        String next = last.substring(0, last.lastIndexOf('_') + 1) + (n + 1);
        Set<String> d1 = new HashSet<>();
        for (var e : versions.currentRuns().entrySet()) {
          if (e.getKey().endsWith(DATES.get(0))) {
            d1.add(e.getValue());
          }
        }
        assertEquals(1, d1.size(), "one run per date after the kill: " + versions.currentRuns());
        String current = d1.iterator().next();
        assertTrue(
            current.equals(last) || current.equals(next),
            "current " + current + " after the child announced " + last);
        assertTrue(children(root.resolve("_versions")) <= PublishedVersions.KEPT_VERSIONS);
      }
    } finally {
      reader.stop.set(true);
      thread.join(10_000);
    }
    assertEquals(List.of(), reader.failures, "what the reader saw");
    assertTrue(reader.listings.get() > 1000, "the reader listed " + reader.listings + " times");
    assertTrue(published >= 10, published + " publishes");
    assertTrue(reader.runsSeen.size() >= 5, "runs the reader saw: " + reader.runsSeen);
    System.out.printf(
        "PublishUnderKillTest: %d publishes, %d kills left leftovers, %d listings, %d runs seen%n",
        published, interrupted, reader.listings.get(), reader.runsSeen.size());
  }

  /** Anything a publish leaves when it is killed midway (recovery removes it). */
  private boolean leftovers() throws Exception {
    return children(root.resolve("_staging")) > 0
        || children(root.resolve("_versions")) > PublishedVersions.KEPT_VERSIONS
        || children(root.resolve("_data")) > 4;
  }

  private static long children(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var s = Files.list(dir)) {
      return s.count();
    }
  }

  private static List<String> publishes(Path log) throws Exception {
    if (!Files.exists(log)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      if (line.startsWith("published ")) {
        out.add(line.substring("published ".length()).trim());
      }
    }
    return out;
  }

  private Process startPublisher(Path log) throws Exception {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx64m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            StagedRuns.class.getName(),
            root.toString(),
            "100000",
            "20");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** Lists every partition through the contract path, and all tables below one snapshot. */
  private static final class Reader implements Runnable {
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong listings = new AtomicLong();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final Set<String> runsSeen = Collections.synchronizedSet(new TreeSet<>());
    private final Path root;

    Reader(Path root) {
      this.root = root;
    }

    @Override
    public void run() {
      while (!stop.get() && failures.size() < 20) {
        for (String table : TABLES) {
          for (String date : DATES) {
            check(root.resolve(table + "/level=prefecture/run_date=" + date), "contract path");
          }
        }
        try {
          Path current = root.resolve(PublishedVersions.CURRENT);
          Path version = current.resolveSibling(Files.readSymbolicLink(current));
          for (String date : DATES) {
            Set<String> runs = new TreeSet<>();
            for (String table : TABLES) {
              runs.add(check(version.resolve(table + "/level=prefecture/run_date=" + date), "v"));
            }
            if (runs.size() != 1) {
              failures.add("tables of two runs in " + version.getFileName() + ": " + runs);
            }
          }
        } catch (Exception e) {
          failures.add("snapshot: " + e);
        }
      }
    }

    private String check(Path partition, String how) {
      listings.incrementAndGet();
      try {
        String run = StagedRuns.runOf(partition);
        if (run.equals("empty") || run.startsWith("mixed")) {
          failures.add(how + " " + partition + ": " + run);
        }
        runsSeen.add(run);
        return run;
      } catch (NoSuchFileException e) {
        failures.add(how + " " + partition + " missing: " + e.getMessage());
      } catch (Exception e) {
        failures.add(how + " " + partition + ": " + e);
      }
      return "?";
    }
  }
}
