package org.citycluster.stages.verdict;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF8;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.citycluster.config.VerdictOptions;
import org.citycluster.diagnostics.BoundaryCandidateFinder;
import org.citycluster.spark.DeterministicSum;
import org.citycluster.verdict.CandidateRule;

/**
 * {@code boundary_candidates} by affinity ({@link CandidateRule}), with the figures behind each
 * row: the affinity and its pairs, the share of the unit's own linkage that goes to the members,
 * the members' quartiles, the fence, the permutation p-value and its sample count, and the raw-sum
 * columns of the earlier rule (the sum of {@code diagnostics.candidate_linkage} over the members,
 * linked members, rook neighbours among the members, smallest contiguity order), so that both
 * readings sit side by side.
 */
final class CandidateFigures {

  private CandidateFigures() {}

  /**
   * Each unit of {@code units} ({@code cluster_id}, {@code adcode}) with each other member of its
   * cluster, and their {@code city_pairs} row (null columns where the pair is not listed).
   */
  private static Dataset<Row> pairsWithMembers(
      Dataset<Row> units, Dataset<Row> memberRef, Dataset<Row> pairs) {
    return units
        .join(memberRef.select("cluster_id", "m"), "cluster_id")
        .where(col("m").notEqual(col("adcode")))
        .select(
            col("cluster_id"),
            col("adcode"),
            least(col("adcode"), col("m")).as("adcode_a"),
            greatest(col("adcode"), col("m")).as("adcode_b"))
        .join(pairs, new String[] {"adcode_a", "adcode_b"}, "left");
  }

  /**
   * Every evaluated unit (members and tested outsiders) with {@code affinity_p} and {@code
   * is_candidate}.
   *
   * @param units {@link ClusterTasks#OBSERVED} unit rows joined with the summed counts ({@code
   *     null_at_least}, {@code null_samples})
   */
  static Dataset<Row> judged(Dataset<Row> units, VerdictOptions options) {
    double alpha = options.candidateAlpha();
    double k = options.weakFenceMultiplier();
    UserDefinedFunction rule =
        udf(
            (UDF8<String, Double, Double, Double, Double, Double, Double, Double, Boolean>)
                (role, affinity, share, p, q1, median, q3, shareQ1) -> {
                  if (affinity == null || median == null) {
                    return false;
                  }
                  CandidateRule.MemberDistribution d =
                      new CandidateRule.MemberDistribution(
                          0, q1, median, q3, shareQ1 == null ? Double.NaN : shareQ1);
                  return role.equals("member")
                      ? CandidateRule.isWeakMember(affinity, d, k)
                      : CandidateRule.isOutsiderCandidate(
                          affinity,
                          share == null ? Double.NaN : share,
                          p == null ? Double.NaN : p,
                          d,
                          alpha);
                },
            DataTypes.BooleanType);
    Column p =
        when(
            col("null_samples").gt(0),
            lit(1.0).plus(col("null_at_least")).divide(lit(1.0).plus(col("null_samples"))));
    return units
        .withColumn("affinity_p", p)
        .withColumn(
            "is_candidate",
            rule.apply(
                col("role"),
                col("value"),
                col("share"),
                col("affinity_p"),
                col("member_q1"),
                col("member_median"),
                col("member_q3"),
                col("member_share_q1")));
  }

  /**
   * The published rows: the candidates of {@link #judged}, ranked (outsiders by decreasing
   * affinity, weak members by increasing; ties by adcode), with the raw-sum figures.
   *
   * @param measure the {@code city_pairs} column of the raw sums ({@code
   *     diagnostics.candidate_linkage})
   */
  static Dataset<Row> published(
      Dataset<Row> judged,
      Dataset<Row> members,
      Dataset<Row> cityPairs,
      Dataset<Row> cities,
      String measure,
      double weakMemberFraction,
      VerdictOptions options) {
    Dataset<Row> candidates =
        judged
            .where(col("is_candidate"))
            .withColumn(
                "candidate_type",
                when(col("role").equalTo("member"), lit(BoundaryCandidateFinder.WEAK_MEMBER))
                    .otherwise(lit(BoundaryCandidateFinder.OUTSIDER)));
    Column order =
        when(
                col("candidate_type").equalTo(BoundaryCandidateFinder.OUTSIDER),
                col("value").multiply(-1))
            .otherwise(col("value"));
    candidates =
        candidates.withColumn(
            "rank",
            row_number()
                .over(
                    Window.partitionBy("cluster_id", "candidate_type")
                        .orderBy(order.asc(), col("adcode").asc())));

    Dataset<Row> pairs =
        cityPairs.select(
            col("adcode_a"),
            col("adcode_b"),
            col("relation"),
            col("contiguity_order"),
            coalesce(col(measure).cast("double"), lit(0.0)).as("w"));
    Dataset<Row> memberRef = members.select(col("cluster_id"), col("adcode").as("m"), col("core"));
    Dataset<Row> raw =
        pairsWithMembers(candidates.select("cluster_id", "adcode"), memberRef, pairs)
            .groupBy("cluster_id", "adcode")
            .agg(
                DeterministicSum.of("coalesce(w, 0)").as("linkage_into_cluster"),
                sum(when(col("w").gt(0), 1).otherwise(0)).cast("int").as("linked_members"),
                sum(when(col("relation").equalTo("rook"), 1).otherwise(0))
                    .cast("int")
                    .as("rook_neighbours_in_cluster"),
                min("contiguity_order").as("min_contiguity_order"));
    Dataset<Row> memberSums =
        pairsWithMembers(
                memberRef.select(col("cluster_id"), col("m").as("adcode")), memberRef, pairs)
            .groupBy("cluster_id", "adcode")
            .agg(DeterministicSum.of("coalesce(w, 0)").as("member_linkage"));
    Dataset<Row> medians =
        memberSums
            .groupBy("cluster_id")
            .agg(
                expr("percentile(member_linkage, 0.5)").as("median_member_linkage"),
                count("*").cast("int").as("n_members"));
    Dataset<Row> names = cities.select(col("adcode"), col("name"));
    return candidates
        .join(raw, new String[] {"cluster_id", "adcode"}, "left")
        .join(medians, new String[] {"cluster_id"}, "left")
        .join(names, new String[] {"adcode"}, "left")
        .join(
            memberRef.select(col("cluster_id"), col("m").as("adcode"), col("core")),
            new String[] {"cluster_id", "adcode"},
            "left")
        .select(
            col("cluster_id"),
            col("adcode"),
            col("name"),
            col("candidate_type"),
            col("rank").cast("int").as("rank"),
            when(col("core").isNull(), lit(null).cast("string"))
                .when(col("core"), lit("core"))
                .otherwise(lit("member"))
                .as("role"),
            lit(measure).as("linkage_measure"),
            coalesce(col("linkage_into_cluster"), lit(0.0)).as("linkage_into_cluster"),
            coalesce(col("median_member_linkage"), lit(0.0)).as("median_member_linkage"),
            when(
                    col("median_member_linkage").gt(0),
                    col("linkage_into_cluster").divide(col("median_member_linkage")))
                .as("ratio_to_median"),
            lit(weakMemberFraction).as("weak_member_fraction"),
            coalesce(col("linked_members"), lit(0)).as("linked_members"),
            coalesce(col("rook_neighbours_in_cluster"), lit(0)).as("rook_neighbours_in_cluster"),
            when(
                    col("candidate_type").equalTo(BoundaryCandidateFinder.OUTSIDER),
                    col("min_contiguity_order"))
                .as("min_contiguity_order"),
            coalesce(col("n_members"), col("members")).as("n_members"),
            lit(VerdictOptions.AFFINITY).as("rule"),
            col("linkage").as("affinity_linkage"),
            col("value").as("affinity"),
            col("pairs").as("affinity_pairs"),
            col("share").as("linkage_share"),
            col("member_q1").as("member_affinity_q1"),
            col("member_median").as("member_affinity_median"),
            col("member_q3").as("member_affinity_q3"),
            col("member_share_q1"),
            col("member_q1")
                .minus(
                    lit(options.weakFenceMultiplier())
                        .multiply(col("member_q3").minus(col("member_q1"))))
                .as("weak_fence"),
            col("affinity_p"),
            col("null_samples"),
            lit(options.candidateAlpha()).as("candidate_alpha"));
  }
}
