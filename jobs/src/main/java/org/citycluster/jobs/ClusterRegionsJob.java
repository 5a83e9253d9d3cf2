package org.citycluster.jobs;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.citycluster.config.Level;
import org.citycluster.spark.DeterministicSum;
import org.citycluster.spark.GeometryFunctions;

/**
 * Joins the cluster plans to the units of the run's level: the {@code cluster_members} and {@code
 * clusters} tables.
 *
 * <p>At prefecture level a plan member matches the unit with its adcode; at county level it matches
 * every county assigned to it ({@code cities.prefecture_adcode}, from the spatial join). Plan
 * members that match no unit are reported to {@code dq_issues} (action {@code unmatched}) and
 * counted in {@code clusters.n_unmatched}. A cluster's geometry is the union of its matched units
 * ({@code cc_region_union}, a coverage union where the units tile the region); its population and
 * GDP are the sums over the plan members' own statistics (the same at both levels), with the number
 * of members that had a value.
 */
public final class ClusterRegionsJob {

  /** The job's outputs (not yet conformed to their schemas). */
  public record Output(Dataset<Row> members, Dataset<Row> clusters, Dataset<Row> issues) {}

  private ClusterRegionsJob() {}

  /**
   * @param cities the cities table ({@code adcode}, {@code name}, {@code prefecture_adcode}, {@code
   *     geometry})
   * @param plan the plan members ({@code ReferenceFrames.PLAN})
   * @param statistics resolved statistics ({@code ReferenceFrames.STATISTICS})
   * @param planSource the plan file as configured, for dq_issues
   */
  public static Output build(
      Dataset<Row> cities,
      Dataset<Row> plan,
      Dataset<Row> statistics,
      Level level,
      String planSource) {
    GeometryFunctions.register(cities.sparkSession());
    String unitKey = level == Level.PREFECTURE ? "adcode" : "prefecture_adcode";
    Dataset<Row> units =
        cities.select(
            col("adcode").as("unit_adcode"),
            col("name").as("unit_name"),
            col(unitKey).as("unit_plan_key"),
            col("geometry").as("unit_geometry"));

    Dataset<Row> matched =
        plan.join(units, plan.col("plan_adcode").equalTo(units.col("unit_plan_key"))).persist();
    Dataset<Row> members =
        matched.select(
            col("cluster_id"),
            col("unit_adcode").as("adcode"),
            col("unit_name").as("name"),
            col("role"),
            col("partial"),
            col("plan_adcode"),
            col("plan_code_as_written"),
            col("role_detail"),
            col("partial_scope"),
            col("membership_confidence"));

    Dataset<Row> unmatched =
        plan.join(units, plan.col("plan_adcode").equalTo(units.col("unit_plan_key")), "left_anti");
    Dataset<Row> issues =
        unmatched.select(
            lit(planSource).as("source"),
            concat(
                    lit("cluster "),
                    col("cluster_id"),
                    lit(" member "),
                    col("plan_code_as_written"),
                    coalesce(
                        concat(lit(" (line "), col("plan_line").cast("string"), lit(")")), lit("")))
                .as("record_id"),
            lit("adcode").as("field"),
            concat(
                    lit("plan member "),
                    col("plan_member_name"),
                    lit(" matches no " + level.id() + "-level unit"))
                .as("problem"),
            lit("unmatched").as("action"),
            col("plan_code_as_written").as("value"));

    Column isCore = col("role").equalTo("core");
    Dataset<Row> planTotals =
        plan.join(
                statistics.select(
                    col("adcode").as("stats_adcode"), col("population"), col("gdp_cny")),
                col("plan_adcode").equalTo(col("stats_adcode")),
                "left")
            .groupBy("cluster_id", "cluster_name_en", "cluster_name_zh", "plan_year")
            .agg(
                count("*").cast("int").as("n_members"),
                sum(when(col("partial"), 1).otherwise(0)).cast("int").as("n_partial"),
                sum(when(isCore, 1).otherwise(0)).cast("int").as("n_core"),
                concat_ws(";", sort_array(collect_list(when(isCore, col("plan_adcode")))))
                    .as("core_adcodes"),
                sum("population").as("population"),
                DeterministicSum.of("gdp_cny").as("gdp_cny_sum"),
                count("population").cast("int").as("n_members_with_population"),
                count("gdp_cny").cast("int").as("n_members_with_gdp"),
                max(confidenceRank()).as("worst_confidence_rank"));

    Dataset<Row> regions =
        matched
            .groupBy(col("cluster_id").as("region_cluster_id"))
            .agg(
                call_udf(
                        "cc_region_union",
                        collect_list(struct(col("unit_adcode"), col("unit_geometry"))))
                    .as("geometry"),
                countDistinct("unit_adcode").cast("int").as("n_units"));
    Dataset<Row> unmatchedCounts =
        unmatched
            .groupBy(col("cluster_id").as("unmatched_cluster_id"))
            .agg(count("*").cast("int").as("n_unmatched"));

    Dataset<Row> clusters =
        planTotals
            .join(regions, col("cluster_id").equalTo(col("region_cluster_id")), "left")
            .join(unmatchedCounts, col("cluster_id").equalTo(col("unmatched_cluster_id")), "left")
            .select(
                col("cluster_id"),
                col("cluster_name_en").as("name_en"),
                col("cluster_name_zh").as("name_zh"),
                col("plan_year"),
                col("geometry"),
                col("n_members"),
                col("n_partial"),
                col("n_core"),
                col("core_adcodes"),
                coalesce(col("n_units"), lit(0)).as("n_units"),
                coalesce(col("n_unmatched"), lit(0)).as("n_unmatched"),
                call_udf("cc_area_km2", col("geometry")).as("area_km2"),
                col("population"),
                when(col("n_members_with_gdp").gt(0), col("gdp_cny_sum")).as("gdp_cny"),
                col("n_members_with_population"),
                col("n_members_with_gdp"),
                col("n_partial").gt(0).as("totals_include_partial"),
                when(col("worst_confidence_rank").equalTo(0), lit("high"))
                    .when(col("worst_confidence_rank").equalTo(1), lit("medium"))
                    .otherwise(lit("low"))
                    .as("membership_confidence"));
    return new Output(members, clusters, issues);
  }

  /** 0 = high, 1 = medium, 2 = low or unknown: the cluster takes its worst row. */
  private static Column confidenceRank() {
    Column c = col("membership_confidence");
    return when(c.equalTo("high"), 0).when(c.equalTo("medium"), 1).otherwise(2);
  }
}
