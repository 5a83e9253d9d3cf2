package org.citycluster.stages.linkage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@link org.citycluster.linkage.ClusterLinkShare}'s share of a unit's links that stay inside its
 * cluster(s), as joins and one aggregate in Spark: {@code share_a = Σ_{b shares a cluster with a}
 * w_ab / Σ_b w_ab}, for units in a cluster with links of positive total weight. The weights are
 * link counts (whole numbers), so the sums are exact whatever the order and the shares equal the
 * driver-side class's to the bit.
 */
public final class ClusterLinkShares {

  private ClusterLinkShares() {}

  /**
   * @param pairs {@code adcode_a}, {@code adcode_b} (one row per unordered pair), {@code w} (≥ 0)
   * @param members {@code cluster_id}, {@code adcode}
   * @param name the share column's name
   * @return {@code adcode}, {@code name}: one row per measurable unit
   */
  public static Dataset<Row> of(Dataset<Row> pairs, Dataset<Row> members, String name) {
    Dataset<Row> m = members.select("cluster_id", "adcode").distinct();
    Dataset<Row> inside =
        pairs
            .select("adcode_a", "adcode_b")
            .join(m.withColumnRenamed("adcode", "adcode_a"), "adcode_a")
            .join(
                m.withColumnRenamed("adcode", "adcode_b"), new String[] {"cluster_id", "adcode_b"})
            .select("adcode_a", "adcode_b")
            .distinct()
            .withColumn("inside", lit(true));
    Dataset<Row> flagged =
        pairs
            .select(col("adcode_a"), col("adcode_b"), col("w").cast("double").as("w"))
            .join(inside, new String[] {"adcode_a", "adcode_b"}, "left");
    Dataset<Row> oriented =
        flagged
            .select(col("adcode_a").as("adcode"), col("w"), col("inside"))
            .unionByName(flagged.select(col("adcode_b").as("adcode"), col("w"), col("inside")));
    return oriented
        .join(m.select("adcode").distinct(), "adcode", "left_semi")
        .groupBy("adcode")
        .agg(
            sum("w").as("total"),
            sum(when(col("inside").isNotNull(), col("w")).otherwise(0.0)).as("in_cluster"))
        .where(col("total").gt(0))
        .select(col("adcode"), col("in_cluster").divide(col("total")).as(name));
  }
}
