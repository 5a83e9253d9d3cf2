package org.citycluster.spark;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Prints one start line and one end line per stage (with elapsed seconds and a row count where
 * there is one) and names the stage's Spark jobs, so logs and the Spark UI read like the pipeline.
 * Every line starts with the wall-clock time in UTC ({@code 2026-12-02T13:00:01Z [citycluster]
 * ...}), so a scheduler's log says when each stage ran.
 */
public final class Progress {

  private final SparkSession spark;
  private final PrintStream out;

  public Progress(SparkSession spark, PrintStream out) {
    this.spark = spark;
    this.out = out;
  }

  /** A running stage; close it with {@link Stage#done}. */
  public final class Stage {
    private final String name;
    private final long startNanos = System.nanoTime();

    private Stage(String name) {
      this.name = name;
    }

    /** Prints the end line; {@code detail} may be empty. */
    public double done(String detail) {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      out.printf(
          Locale.ROOT,
          "%s [citycluster] %-22s done in %6.1f s%s%n",
          now(),
          name,
          seconds,
          detail.isEmpty() ? "" : "  " + detail);
      spark.sparkContext().clearJobGroup();
      return seconds;
    }
  }

  public Stage start(String name, String description) {
    out.printf(Locale.ROOT, "%s [citycluster] %-22s started: %s%n", now(), name, description);
    spark.sparkContext().setJobGroup(name, description, false);
    return new Stage(name);
  }

  public void line(String text) {
    out.println(now() + " [citycluster] " + text);
  }

  /** The wall-clock time, UTC, to the second: {@code 2026-12-02T13:00:01Z}. */
  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
