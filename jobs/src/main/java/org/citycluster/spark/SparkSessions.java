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
   * A session for {@code master} (e.g. {@code local[*]}); when launched by spark-submit the master
   * and any settings given there win. The UI is off for local masters and Spark logs at WARN.
   */
  public static SparkSession create(String appName, String master, int shufflePartitions) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(appName)
            .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
            .config("spark.kryo.registrator", "org.apache.sedona.core.serde.SedonaKryoRegistrator")
            .config("spark.sql.shuffle.partitions", String.valueOf(shufflePartitions))
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.parquet.compression.codec", "zstd")
            .config(
                "spark.sql.warehouse.dir",
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "citycluster-spark-sql")
                    .toUri()
                    .toString());
    boolean submitted = System.getProperty("spark.master") != null;
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
}
