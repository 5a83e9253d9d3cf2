package org.citycluster.jobs;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.citycluster.config.ConfigException;
import org.citycluster.config.OptionValues;
import org.citycluster.metrics.Qap;
import org.citycluster.spark.PlanCut;
import org.citycluster.spark.ReferenceFrames;
import org.citycluster.stages.diagnostics.ClusterDiagnosticsTask;
import org.citycluster.stages.diagnostics.DiagnosticsContext;
import org.citycluster.stages.diagnostics.DiagnosticsSchemas;

/**
 * The cluster diagnostics of issue #5: does functional linkage follow physical adjacency inside
 * each planned cluster, which member pairs are linked in name only, which outsiders behave like
 * members. A thin Spark layer over {@code org.citycluster.diagnostics}.
 *
 * <p>Inputs: the published {@code city_pairs} (one row per unordered pair, {@code adcode_a <
 * adcode_b}), {@code cities} ({@code adcode}, {@code name}, {@code population}) and {@code
 * cluster_members} ({@code cluster_id}, {@code adcode}, {@code role}). A member listed twice in a
 * cluster counts once (core if either row says so). The QAP linkages are {@code trains_hsr}, {@code
 * trains_all}, {@code air} = {@code air_airlines} and {@code gravity}; a member pair absent from
 * {@code city_pairs} counts as no service (0) and unmeasured gravity, and is reported.
 *
 * <p><b>Where the work happens.</b> In Spark tasks, one per cluster. The members, member pairs and
 * the links from members to every outside unit (aggregated per cluster and outside unit: sum of the
 * candidate measure over the sorted values, so the result does not depend on partitioning; count of
 * linked members; rook neighbours; smallest contiguity order) are joined in Spark into tagged rows
 * ({@link DiagnosticsContext}), grouped by {@code cluster_id}, and each group is handed to {@link
 * ClusterDiagnosticsTask}, which runs the plain-Java {@link
 * org.citycluster.diagnostics.ClusterDiagnostics}, {@link
 * org.citycluster.diagnostics.MismatchLabeler} and {@link
 * org.citycluster.diagnostics.BoundaryCandidateFinder}. The driver receives the number of units and
 * row counts; the results stay in Spark. Same inputs and options give identical rows: the QAP seed
 * of a cluster and linkage is {@link org.citycluster.diagnostics.ClusterDiagnostics#qapSeed} of
 * {@link Options#seed}, recorded in {@code qap_seed_<linkage>}; each table is ordered by cluster id
 * and the task's own order.
 *
 * <p>QAP with random permutations runs in the cluster's task: O(permutations · n²) per cluster and
 * linkage, with O(n²) doubles of member matrices in the task's memory.
 */
public final class DiagnosticsJob {

  /** {@code source} of this job's {@code dq_issues} rows. */
  public static final String SOURCE = "diagnostics";

  /** Columns of {@code city_pairs} allowed as {@link Options#candidateLinkage}. */
  public static final Set<String> CANDIDATE_LINKAGES =
      Set.of("linkage_index", "trains_all", "trains_hsr", "air_airlines", "air_routes");

  /**
   * The job's configuration, validated on construction ({@link ConfigException} naming the option).
   *
   * @param permutations random QAP permutations for clusters of more than {@value Qap#EXACT_MAX_N}
   *     members (smaller clusters are enumerated exactly), 1..99999; key {@code
   *     diagnostics.permutations}, default {@value #DEFAULT_PERMUTATIONS}
   * @param seed base seed of the QAP permutations, combined with the cluster id and linkage name;
   *     key {@code diagnostics.seed}, default {@value #DEFAULT_SEED}
   * @param strongQuantile quantile of the cluster's member-pair values at or above which a
   *     (positive) link is strong, [0.5, 1); key {@code diagnostics.strong_quantile}, default
   *     {@value #DEFAULT_STRONG_QUANTILE} (top quartile)
   * @param weakMemberFraction a member whose linkage into the cluster is below this fraction of the
   *     median member's is a {@code weak_member} candidate, (0, 1]; key {@code
   *     diagnostics.weak_member_fraction}, default {@value #DEFAULT_WEAK_MEMBER_FRACTION}
   * @param candidateLinkage the {@code city_pairs} column that measures linkage for strong/weak
   *     links, labels, densities, functional polycentricity, Green's P_F and boundary candidates;
   *     one of {@link #CANDIDATE_LINKAGES}; key {@code diagnostics.candidate_linkage}, default
   *     {@value #DEFAULT_CANDIDATE_LINKAGE} — the composite of high-speed trains, all trains and
   *     airlines (log-scaled, 0..1 per pair), so that neither a unit without rail nor one without
   *     an airport is judged on a single mode; it is never null, and comparisons are within one run
   */
  public record Options(
      int permutations,
      long seed,
      double strongQuantile,
      double weakMemberFraction,
      String candidateLinkage)
      implements Serializable {

    public static final int DEFAULT_PERMUTATIONS = 999;
    public static final long DEFAULT_SEED = 20240601L;
    public static final double DEFAULT_STRONG_QUANTILE = 0.75;
    public static final double DEFAULT_WEAK_MEMBER_FRACTION = 0.5;
    public static final String DEFAULT_CANDIDATE_LINKAGE = "linkage_index";

    /** Validates every option. */
    public Options {
      if (permutations < 1 || permutations > 99_999) {
        throw new ConfigException(
            "diagnostics.permutations", String.valueOf(permutations), "1..99999");
      }
      if (!(strongQuantile >= 0.5 && strongQuantile < 1)) {
        throw new ConfigException(
            "diagnostics.strong_quantile", String.valueOf(strongQuantile), "a number in [0.5, 1)");
      }
      if (!(weakMemberFraction > 0 && weakMemberFraction <= 1)) {
        throw new ConfigException(
            "diagnostics.weak_member_fraction",
            String.valueOf(weakMemberFraction),
            "a number in (0, 1]");
      }
      if (candidateLinkage == null || !CANDIDATE_LINKAGES.contains(candidateLinkage)) {
        throw new ConfigException(
            "diagnostics.candidate_linkage",
            String.valueOf(candidateLinkage),
            "one of " + new java.util.TreeSet<>(CANDIDATE_LINKAGES));
      }
    }

    /** All defaults. */
    public static Options defaults() {
      return new Options(
          DEFAULT_PERMUTATIONS,
          DEFAULT_SEED,
          DEFAULT_STRONG_QUANTILE,
          DEFAULT_WEAK_MEMBER_FRACTION,
          DEFAULT_CANDIDATE_LINKAGE);
    }

    /**
     * From configuration keys {@code diagnostics.permutations}, {@code diagnostics.seed}, {@code
     * diagnostics.strong_quantile}, {@code diagnostics.weak_member_fraction}, {@code
     * diagnostics.candidate_linkage}; absent or blank keys take the defaults.
     */
    public static Options fromOptions(Map<String, String> o) {
      String linkage = o.get("diagnostics.candidate_linkage");
      return new Options(
          (int)
              OptionValues.integer(o, "diagnostics.permutations", DEFAULT_PERMUTATIONS, 1, 99_999),
          OptionValues.integer(o, "diagnostics.seed", DEFAULT_SEED),
          OptionValues.number(o, "diagnostics.strong_quantile", DEFAULT_STRONG_QUANTILE),
          OptionValues.number(o, "diagnostics.weak_member_fraction", DEFAULT_WEAK_MEMBER_FRACTION),
          linkage == null || linkage.isBlank() ? DEFAULT_CANDIDATE_LINKAGE : linkage.trim());
    }
  }

  /**
   * The job's outputs, not yet conformed to their schemas.
   *
   * @param clusterMetrics {@code cluster_id} and the diagnostics columns of {@code cluster_metrics}
   *     (to be joined to {@link AdjacencyJob}'s row by {@code cluster_id}), one row per cluster
   * @param clusterPairs {@code cluster_pairs}, one row per member pair, {@code adcode_a < adcode_b}
   * @param boundaryCandidates {@code boundary_candidates}
   * @param issues dq rows ({@link ReferenceFrames#ISSUES} columns), e.g. clusters too small for QAP
   */
  public record Output(
      Dataset<Row> clusterMetrics,
      Dataset<Row> clusterPairs,
      Dataset<Row> boundaryCandidates,
      Dataset<Row> issues) {}

  /** Schema of {@link Output#clusterMetrics}. */
  public static final StructType CLUSTER_METRICS = DiagnosticsSchemas.CLUSTER_METRICS;

  /** Schema of {@link Output#clusterPairs}. */
  public static final StructType CLUSTER_PAIRS = DiagnosticsSchemas.CLUSTER_PAIRS;

  /** Schema of {@link Output#boundaryCandidates}. */
  public static final StructType BOUNDARY_CANDIDATES = DiagnosticsSchemas.BOUNDARY_CANDIDATES;

  private DiagnosticsJob() {}

  /** Runs the diagnostics; see the class comment. */
  public static Output build(
      Dataset<Row> cityPairs, Dataset<Row> cities, Dataset<Row> clusterMembers, Options options) {
    SparkSession spark = cityPairs.sparkSession();
    spark.sparkContext().setJobGroup("diagnostics", "cluster diagnostics (issue #5)", false);
    try {
      spark.sparkContext().setJobDescription("diagnostics: units of the level");
      long unitCount = cities.select("adcode").distinct().count();
      ClusterDiagnosticsTask.Plan plan =
          new ClusterDiagnosticsTask.Plan(
              options.permutations(),
              options.seed(),
              options.strongQuantile(),
              options.weakMemberFraction(),
              options.candidateLinkage(),
              unitCount,
              SOURCE);
      spark.sparkContext().setJobDescription("diagnostics: one task per cluster");
      Dataset<Row> results =
          PlanCut.of(
              DiagnosticsContext.rows(cityPairs, cities, clusterMembers, options.candidateLinkage())
                  .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                  .flatMapGroups(
                      new ClusterDiagnosticsTask(plan),
                      Encoders.row(DiagnosticsSchemas.TASK_OUTPUT)));
      return new Output(
          part(results, DiagnosticsSchemas.METRIC),
          part(results, DiagnosticsSchemas.PAIR),
          part(results, DiagnosticsSchemas.CANDIDATE),
          part(results, DiagnosticsSchemas.ISSUE));
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /** The rows of one kind, in cluster-id order and, within a cluster, in the task's order. */
  private static Dataset<Row> part(Dataset<Row> results, String kind) {
    return results
        .where(col("kind").equalTo(kind))
        .orderBy("cluster_id", "seq")
        .select(col(kind + ".*"));
  }
}
