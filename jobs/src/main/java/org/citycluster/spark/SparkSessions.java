package org.citycluster.spark;

import org.apache.sedona.spark.SedonaContext;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the one SparkSession of a run, with Sedona's SQL functions, types and Kryo registrator.
 * Only entry points (the command line, the test base) call this; jobs receive the session.
 */
public final class SparkSessions {

  private SparkSessions() {}

  /**
   * A session for {@code master} (e.g. {@code local[*]}). When launched by spark-submit (the JVM
   * has a {@code spark.master} system property) the master is spark-submit's and so is every
   * setting given there with {@code --conf}: the values below are only defaults. The UI is off for
   * local masters and Spark logs at WARN. Jobs are scheduled FAIR between the pools of {@code
   * fairscheduler.xml} (the pipeline's own jobs first, background table writes in the idle slots).
   */
  public static SparkSession create(String appName, String master, int shufflePartitions) {
    boolean submitted = System.getProperty("spark.master") != null;
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    setDefault(builder, "spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    setDefault(
        builder, "spark.kryo.registrator", "org.apache.sedona.core.serde.SedonaKryoRegistrator");
    builder.config(
        "spark.sql.shuffle.partitions",
        String.valueOf(shufflePartitions(shufflePartitions, System.getProperties())));
    setDefault(builder, "spark.sql.session.timeZone", "UTC");
    // pools in fairscheduler.xml: the pipeline's jobs before background table writes
    setDefault(builder, "spark.scheduler.mode", "FAIR");
    setDefault(builder, "spark.sql.parquet.compression.codec", "zstd");
    // the driver keeps the plans and metrics of this many finished SQL executions, jobs and stages
    // for the UI and the status API (defaults 1,000): a run makes hundreds, each plan of the
    // per-cluster stages holds thousands of nodes and metrics; a small driver needs the memory
    setDefault(builder, "spark.sql.ui.retainedExecutions", "100");
    setDefault(builder, "spark.ui.retainedJobs", "200");
    setDefault(builder, "spark.ui.retainedStages", "200");
    setDefault(
        builder,
        "spark.sql.warehouse.dir",
        java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "citycluster-spark-sql")
            .toUri()
            .toString());
    if (!submitted) {
      builder
          .master(master)
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1");
    }
    SparkSession spark = SedonaContext.create(builder.getOrCreate());
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  /**
   * The shuffle partitions a run uses: spark-submit's {@code --conf spark.sql.shuffle.partitions}
   * when given (it reaches the driver as a system property in client and cluster mode), else the
   * pipeline's {@code spark.shuffle.partitions} option. spark-submit wins for every {@code spark.*}
   * setting; this is the one the pipeline sets again per run.
   */
  public static int shufflePartitions(int configured, java.util.Properties system) {
    String submitted = system.getProperty("spark.sql.shuffle.partitions");
    if (submitted == null || submitted.isBlank()) {
      return configured;
    }
    try {
      int n = Integer.parseInt(submitted.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(
        "spark.sql.shuffle.partitions given to spark-submit is not a positive integer: "
            + submitted);
  }

  /**
   * Sets {@code key} unless spark-submit already did ({@code --conf} becomes a system property).
   */
  private static void setDefault(SparkSession.Builder builder, String key, String value) {
    if (System.getProperty(key) == null) {
      builder.config(key, value);
    }
  }
}
