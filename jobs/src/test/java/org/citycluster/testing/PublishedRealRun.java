package org.citycluster.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.citycluster.config.PipelineConfig;
import org.citycluster.jobs.Pipeline;
import org.citycluster.spark.Progress;

/**
 * One real prefecture run published into a temporary warehouse, made once per test JVM on first use
 * and shared read-only by the output tests (query, BI database, report, notebooks), so the pipeline
 * runs once for all of them. Tests must not write into {@link #warehouse()}; they write under their
 * own {@code @TempDir} or {@link #buildDir()}.
 */
public final class PublishedRealRun {

  /** The run date of the shared run. */
  public static final String RUN_DATE = "2026-02-01";

  private static Path warehouse;

  private PublishedRealRun() {}

  /** The warehouse of the shared run, running the pipeline on first use. */
  public static synchronized Path warehouse(SparkSession spark, Path sharedData)
      throws IOException {
    if (warehouse == null) {
      Path dir = Files.createTempDirectory("citycluster-published-run");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
      PipelineConfig config =
          PipelineConfig.load(
              null,
              Map.of(
                  "data.root",
                  sharedData.toString(),
                  "warehouse",
                  dir.toString(),
                  "run.date",
                  RUN_DATE,
                  "level",
                  "prefecture"));
      new Pipeline(spark, config, new Progress(spark, System.out)).run();
      warehouse = dir;
    }
    return warehouse;
  }

  /**
   * {@code jobs/target} of this build (from the {@code citycluster.repo} property Maven sets), for
   * artifacts kept after the build: the report screenshot, the executed notebooks.
   */
  public static Path buildDir() {
    String repo = System.getProperty("citycluster.repo");
    if (repo == null) {
      throw new IllegalStateException(
          "system property citycluster.repo is not set (run via Maven)");
    }
    return Path.of(repo).resolve("jobs").resolve("target");
  }

  /** True when the tests run in CI ({@code CI=true}, as set by CI services and .ci/run). */
  public static boolean inCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
  }

  static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }
}
