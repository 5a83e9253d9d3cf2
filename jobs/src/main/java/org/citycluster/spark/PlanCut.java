package org.citycluster.spark;

import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.storage.StorageLevel;

/**
 * Materialises a Dataset and returns it as a new Dataset whose plan is a single scan of the
 * materialised rows: later queries over it are planned in constant time, however long the
 * computation behind it was.
 *
 * <p>Why not the alternatives: {@code persist()} keeps the whole plan, and every later query then
 * matches its subtrees against every cached plan (a prefecture run spent minutes planning); {@code
 * localCheckpoint()} drops the lineage, and on a cluster a partition fetched from another executor
 * can fail for good (Spark 4.0 reports an empty remote block as an error, and a local checkpoint
 * cannot recompute it: seen in the standalone-cluster test). Here the rows are persisted as an RDD
 * with its lineage, so a lost or unfetchable block is recomputed. This is what Spark's own {@code
 * localCheckpoint} does, minus dropping the lineage, through the same internal hooks ({@code
 * queryExecution().toRdd()}, {@code internalCreateDataFrame}; Spark 4.0.x is pinned). The pipeline
 * releases the rows at the end of its run.
 */
public final class PlanCut {

  private PlanCut() {}

  /** A materialised Dataset and its row count (the count the materialising job computed). */
  public record Cut(Dataset<Row> rows, long count) {}

  /** Computes {@code ds} now (one Spark job) and returns it behind a one-node plan. */
  public static Dataset<Row> of(Dataset<Row> ds) {
    return counted(ds).rows();
  }

  /** As {@link #of}, with the row count of the same job (no second job to test for emptiness). */
  public static Cut counted(Dataset<Row> ds) {
    org.apache.spark.sql.classic.Dataset<Row> classic =
        (org.apache.spark.sql.classic.Dataset<Row>) ds;
    RDD<InternalRow> rows =
        classic
            .queryExecution()
            .toRdd()
            .toJavaRDD()
            .map(InternalRow::copy)
            .rdd()
            .persist(StorageLevel.MEMORY_AND_DISK());
    long count = rows.count();
    return new Cut(
        ((org.apache.spark.sql.classic.SparkSession) ds.sparkSession())
            .internalCreateDataFrame(rows, ds.schema(), false),
        count);
  }
}
