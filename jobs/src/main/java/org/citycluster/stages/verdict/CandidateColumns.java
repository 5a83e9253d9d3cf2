package org.citycluster.stages.verdict;

import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.citycluster.config.VerdictOptions;

/** The {@code boundary_candidates} columns the two candidate rules do not share. */
public final class CandidateColumns {

  private CandidateColumns() {}

  /** Rows of the raw-sum rule ({@code DiagnosticsJob}) with the affinity columns null. */
  public static Dataset<Row> rawSumRows(Dataset<Row> rawSum) {
    return rawSum
        .withColumn("rule", lit(VerdictOptions.RAW_SUM))
        .withColumn("affinity_linkage", lit(null).cast("string"))
        .withColumn("affinity", lit(null).cast("double"))
        .withColumn("affinity_pairs", lit(null).cast("int"))
        .withColumn("linkage_share", lit(null).cast("double"))
        .withColumn("member_affinity_q1", lit(null).cast("double"))
        .withColumn("member_affinity_median", lit(null).cast("double"))
        .withColumn("member_affinity_q3", lit(null).cast("double"))
        .withColumn("member_share_q1", lit(null).cast("double"))
        .withColumn("weak_fence", lit(null).cast("double"))
        .withColumn("affinity_p", lit(null).cast("double"))
        .withColumn("null_samples", lit(null).cast("int"))
        .withColumn("candidate_alpha", lit(null).cast("double"));
  }
}
