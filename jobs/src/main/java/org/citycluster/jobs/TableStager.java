package org.citycluster.jobs;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.citycluster.config.Level;
import org.citycluster.io.TableSchema;
import org.citycluster.spark.Progress;
import org.citycluster.spark.SchemaEnforcer;
import org.citycluster.spark.Warehouse;

/**
 * Conforms, checks and stages output tables in the background while the pipeline goes on computing
 * the next ones.
 *
 * <p>{@link #submit} returns at once; up to {@code threads} tables are staged at a time, each from
 * its own driver thread (Spark runs jobs from several threads concurrently, so the write of a
 * finished table overlaps the driver-side work and the short jobs of the stages after it). The
 * writes run in the scheduler pool {@value #STAGING_POOL}, which under the FAIR scheduling {@code
 * SparkSessions} sets up gets only the task slots the pipeline's own jobs leave idle. {@link
 * #await} waits for every submitted table and returns the row counts in submission order; when a
 * table fails, the others still finish (nothing is published either way) and the first failure is
 * rethrown with the others suppressed. {@link #close} (after a failure elsewhere) cancels what is
 * still running, so the caller can remove the staging area.
 */
final class TableStager implements AutoCloseable {

  /** Rows per output file; smaller tables are written as one file. */
  static final long ROWS_PER_FILE = 1_000_000;

  /** The FAIR scheduler pool of the writes ({@code fairscheduler.xml}): idle slots only. */
  static final String STAGING_POOL = "staging";

  private static final AtomicInteger THREADS = new AtomicInteger();

  /** What staging one table gave: its rows and the seconds it took. */
  record Staged(long rows, double seconds) {}

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final Progress progress;
  private final String runId;
  private final Level level;
  private final String runDate;
  private final String jobTag;
  private final ExecutorService pool;
  private final Map<String, Future<Staged>> futures = new LinkedHashMap<>();

  TableStager(
      SparkSession spark,
      Warehouse warehouse,
      Progress progress,
      String runId,
      Level level,
      String runDate,
      int threads) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.progress = progress;
    this.runId = runId;
    this.level = level;
    this.runDate = runDate;
    this.jobTag = "citycluster-stage-" + runId;
    this.pool =
        Executors.newFixedThreadPool(
            Math.max(1, threads),
            r -> {
              Thread t = new Thread(r, "citycluster-stage-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts staging {@code data} as {@code table} (at most once per table). */
  void submit(String table, Dataset<Row> data) {
    if (futures.containsKey(table)) {
      throw new IllegalArgumentException("table " + table + " was already submitted");
    }
    futures.put(
        table,
        pool.submit(
            () -> {
              spark.sparkContext().addJobTag(jobTag);
              spark.sparkContext().setLocalProperty("spark.scheduler.pool", STAGING_POOL);
              try {
                Progress.Stage stage =
                    progress.start("write " + table, "conform to schema and stage");
                long rows = stage(table, data);
                return new Staged(rows, stage.done(rows + " rows"));
              } finally {
                spark.sparkContext().removeJobTag(jobTag);
              }
            }));
  }

  /** Waits for every submitted table; the staged tables in submission order. */
  Map<String, Staged> await() throws IOException {
    Map<String, Staged> staged = new LinkedHashMap<>();
    Throwable failure = null;
    for (var f : futures.entrySet()) {
      try {
        staged.put(f.getKey(), f.getValue().get());
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause();
        } else {
          failure.addSuppressed(e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while staging " + f.getKey(), e);
      }
    }
    futures.clear();
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof IOException io) {
      throw io;
    }
    if (failure instanceof Error err) {
      throw err;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
    return staged;
  }

  /** Cancels the Spark jobs of tables still being staged and waits for their threads to end. */
  @Override
  public void close() {
    pool.shutdown();
    if (!futures.isEmpty()) {
      spark.sparkContext().cancelJobsWithTag(jobTag);
    }
    try {
      if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private long stage(String table, Dataset<Row> data) {
    TableSchema schema = TableSchema.load(table);
    Dataset<Row> conformed =
        SchemaEnforcer.conform(data, schema).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long count = SchemaEnforcer.checkNulls(conformed, schema);
      warehouse.stage(
          conformed.coalesce(filesFor(count, conformed.rdd().getNumPartitions())),
          schema,
          runId,
          level,
          runDate);
      return count;
    } finally {
      conformed.unpersist();
    }
  }

  /**
   * Files per staged partition: one per {@value #ROWS_PER_FILE} rows, at most the partitions the
   * table has (so a small table is one file, not one per shuffle partition).
   */
  static int filesFor(long rows, int partitions) {
    long files = Math.max(1, (rows + ROWS_PER_FILE - 1) / ROWS_PER_FILE);
    return (int) Math.max(1, Math.min(partitions, files));
  }
}
