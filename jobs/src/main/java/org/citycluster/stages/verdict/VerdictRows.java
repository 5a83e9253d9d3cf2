package org.citycluster.stages.verdict;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.udf;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.citycluster.config.VerdictOptions;
import org.citycluster.metrics.Seeds;
import org.citycluster.verdict.Verdict;

/** The rows of {@code cluster_verdicts} and the stage's dq rows, from the tasks' results. */
final class VerdictRows {

  private VerdictRows() {}

  /**
   * One row per cluster and linkage.
   *
   * @param excess {@link ClusterTasks#OBSERVED} rows of kind {@code excess}
   * @param judged {@link CandidateFigures#judged} (members and tested outsiders)
   */
  static Dataset<Row> build(
      Dataset<Row> excess,
      Dataset<Row> nullStats,
      Dataset<Row> fits,
      Dataset<Row> rings,
      Dataset<Row> judged,
      Dataset<Row> cities,
      Dataset<Row> clusters,
      VerdictOptions options) {
    double alpha = options.alpha();
    UserDefinedFunction verdict =
        udf(
            (UDF2<Double, Integer, String>)
                (p, components) ->
                    Verdict.decide(p == null ? Double.NaN : p, alpha, components).code(),
            DataTypes.StringType);
    UserDefinedFunction clusterSeed =
        udf(
            (org.apache.spark.sql.api.java.UDF1<String, Long>)
                id -> Seeds.derive(options.seed(), id),
            DataTypes.LongType);
    Dataset<Row> names = cities.select(col("adcode"), col("name"));
    Dataset<Row> strongest =
        top(
            judged.where(col("role").equalTo("outsider").and(col("is_candidate"))),
            col("value").desc(),
            "strongest_outsider",
            names);
    Dataset<Row> weakest =
        top(
            judged.where(col("role").equalTo("member").and(col("value").isNotNull())),
            col("value").asc(),
            "weakest_member",
            names);
    Dataset<Row> clusterNames =
        clusters.select(
            col("cluster_id"),
            col("name_en").as("cluster_name_en"),
            col("name_zh").as("cluster_name_zh"));
    return excess
        .join(nullStats, new String[] {"cluster_id", "linkage"}, "left")
        .join(fits, new String[] {"linkage"}, "left")
        .join(rings, new String[] {"cluster_id"}, "left")
        .join(clusterNames, new String[] {"cluster_id"}, "left")
        .join(strongest, new String[] {"cluster_id"}, "left")
        .join(weakest, new String[] {"cluster_id"}, "left")
        .select(
            col("cluster_id"),
            col("cluster_name_en"),
            col("cluster_name_zh"),
            col("linkage"),
            col("linkage").equalTo(options.linkage().code()).as("is_verdict_linkage"),
            verdict.apply(col("p"), col("rook_components")).as("verdict"),
            col("value").as("excess_residual"),
            col("pairs").as("n_pairs"),
            col("members").as("n_members"),
            col("counted_members").as("n_members_counted"),
            col("null_mean"),
            col("null_sd"),
            col("z"),
            col("p"),
            lit(options.alpha()).as("alpha"),
            coalesce(col("null_samples"), lit(0)).as("null_samples"),
            lit(options.nullSamples()).as("null_samples_requested"),
            coalesce(col("null_at_least"), lit(0)).as("null_at_least"),
            lit(options.seed()).as("seed"),
            clusterSeed.apply(col("cluster_id")).as("cluster_seed"),
            lit(options.nullRegion()).as("null_region"),
            col("region_units").as("null_region_units"),
            coalesce(col("null_region_rings"), lit(0)).as("null_region_rings"),
            col("seed_units").as("null_seed_units"),
            col("rook_components"),
            lit(options.fitScope()).as("fit_scope"),
            col("fit_pairs"),
            col("fit_r_squared"),
            col("fit_intercept"),
            col("fit_mass_coefficient"),
            col("fit_distance_coefficient"),
            lit(options.linkage().code()).as("candidate_linkage"),
            col("strongest_outsider_adcode"),
            col("strongest_outsider_name"),
            col("strongest_outsider_affinity"),
            col("strongest_outsider_p"),
            col("weakest_member_adcode"),
            col("weakest_member_name"),
            col("weakest_member_affinity"),
            col("weakest_member_is_weak"));
  }

  /** The first row per cluster by {@code order}: adcode, name, affinity, p, candidate flag. */
  private static Dataset<Row> top(
      Dataset<Row> rows, Column order, String prefix, Dataset<Row> names) {
    return rows.withColumn(
            "_rank",
            row_number().over(Window.partitionBy("cluster_id").orderBy(order, col("adcode").asc())))
        .where(col("_rank").equalTo(1))
        .join(names, new String[] {"adcode"}, "left")
        .select(
            col("cluster_id"),
            col("adcode").as(prefix + "_adcode"),
            col("name").as(prefix + "_name"),
            col("value").as(prefix + "_affinity"),
            prefix.equals("weakest_member")
                ? col("is_candidate").as(prefix + "_is_weak")
                : col("affinity_p").as(prefix + "_p"));
  }

  /** dq rows: linkages without a fit, clusters without a p-value (and why). */
  static Dataset<Row> issues(Dataset<Row> verdicts) {
    Column problem =
        org.apache
            .spark
            .sql
            .functions
            .when(
                col("fit_pairs").isNull(),
                lit(
                    "no gravity fit for this linkage (fewer than 4 pairs on the network with"
                        + " population and GDP, or a degenerate design): no excess, no verdict p-value"))
            .when(
                col("n_pairs").equalTo(0),
                lit(
                    "no member pair counts (members lack population and GDP, or are off this"
                        + " network): no excess, no p-value; verdict on adjacency alone"))
            .when(
                col("null_samples").equalTo(0),
                lit(
                    "no null sample: no unit of the null region lies in a connected component of"
                        + " as many units as the cluster has members; verdict on adjacency alone"));
    return verdicts
        .withColumn("_problem", problem)
        .where(col("_problem").isNotNull())
        .select(
            lit(VerdictStage.SOURCE).as("source"),
            concat(lit("cluster "), col("cluster_id")).as("record_id"),
            col("linkage").as("field"),
            col("_problem").as("problem"),
            lit("reported").as("action"),
            col("cluster_id").as("value"));
  }
}
