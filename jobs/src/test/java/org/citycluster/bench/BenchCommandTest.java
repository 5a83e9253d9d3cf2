package org.citycluster.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command's plumbing (the benchmark itself is too slow for the test suite). */
class BenchCommandTest {

  @Test
  void parsesFlagsAndRejectsBadOnes() {
    BenchCommand.Options o =
        BenchCommand.Options.parse(
            new String[] {"--sizes", "200,1_000", "--levels", "", "--vs-postgis", "--out", "x"});
    assertEquals(List.of(200, 1000), o.sizes);
    assertEquals(List.of(), o.levels);
    assertTrue(o.vsPostgis);
    assertEquals(Path.of("x"), o.out);
    assertEquals("scaled", o.clusters, "the bench's synthetic plans scale with n by default");
    assertEquals(
        "random:5:2-9",
        BenchCommand.Options.parse(new String[] {"--clusters", "random:5:2-9"}).clusters);
    assertThrows(
        IllegalArgumentException.class,
        () -> BenchCommand.Options.parse(new String[] {"--clusters", "huge"}));
    assertThrows(
        IllegalArgumentException.class,
        () -> BenchCommand.Options.parse(new String[] {"--levels", "province"}));
    assertThrows(
        IllegalArgumentException.class,
        () -> BenchCommand.Options.parse(new String[] {"--sizes", "0"}));
    assertThrows(
        IllegalArgumentException.class, () -> BenchCommand.Options.parse(new String[] {"--out"}));
  }

  @Test
  void childRunReportsExitCodeWallTimeAndLogAndStopsAtTheTimeout(@TempDir Path dir)
      throws Exception {
    ChildRun.Result ok =
        ChildRun.run(
            List.of("sh", "-c", "echo hello; sleep 0.3"),
            dir,
            dir.resolve("logs/ok.log"),
            Duration.ofMinutes(1));
    assertEquals(0, ok.exitCode());
    assertTrue(ok.wallSeconds() > 0);
    assertEquals("hello", Files.readString(ok.log()).strip());
    ChildRun.Result failed =
        ChildRun.run(
            List.of("sh", "-c", "exit 3"), dir, dir.resolve("f.log"), Duration.ofMinutes(1));
    assertEquals(3, failed.exitCode());
    ChildRun.Result stopped =
        ChildRun.run(List.of("sleep", "60"), dir, dir.resolve("t.log"), Duration.ofMillis(300));
    assertEquals(-1, stopped.exitCode());
  }
}
