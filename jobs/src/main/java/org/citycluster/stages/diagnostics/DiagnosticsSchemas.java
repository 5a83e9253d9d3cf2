package org.citycluster.stages.diagnostics;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.diagnostics.ClusterDiagnostics;
import org.citycluster.spark.ReferenceFrames;

/**
 * The diagnostics' output schemas, before conformance to {@code schemas/}: the diagnostics columns
 * of {@code cluster_metrics}, {@code cluster_pairs}, {@code boundary_candidates} (raw-sum rule),
 * and {@link #TASK_OUTPUT}, what one cluster's task returns (one of the four, tagged by kind).
 */
public final class DiagnosticsSchemas {

  /** {@code cluster_id} and the diagnostics columns of {@code cluster_metrics}. */
  public static final StructType CLUSTER_METRICS = clusterMetrics();

  /** {@code cluster_pairs}: one row per member pair, {@code adcode_a < adcode_b}. */
  public static final StructType CLUSTER_PAIRS =
      new StructType()
          .add("cluster_id", DataTypes.StringType, false)
          .add("adcode_a", DataTypes.StringType, false)
          .add("adcode_b", DataTypes.StringType, false)
          .add("label", DataTypes.StringType, false)
          .add("adjacent", DataTypes.BooleanType, false)
          .add("relation", DataTypes.StringType, true)
          .add("contiguity_order", DataTypes.IntegerType, true)
          .add("centroid_distance_km", DataTypes.DoubleType, true)
          .add("linkage_measure", DataTypes.StringType, false)
          .add("linkage", DataTypes.DoubleType, false)
          .add("strong_threshold", DataTypes.DoubleType, false)
          .add("weak_threshold", DataTypes.DoubleType, false)
          .add("strong", DataTypes.BooleanType, false)
          .add("weak", DataTypes.BooleanType, false)
          .add("trains_all", DataTypes.IntegerType, false)
          .add("trains_hsr", DataTypes.IntegerType, false)
          .add("air_airlines", DataTypes.IntegerType, false)
          .add("gravity", DataTypes.DoubleType, true)
          .add("linkage_index", DataTypes.DoubleType, false);

  /** {@code boundary_candidates} of the raw-sum rule. */
  public static final StructType BOUNDARY_CANDIDATES =
      new StructType()
          .add("cluster_id", DataTypes.StringType, false)
          .add("adcode", DataTypes.StringType, false)
          .add("name", DataTypes.StringType, true)
          .add("candidate_type", DataTypes.StringType, false)
          .add("rank", DataTypes.IntegerType, false)
          .add("role", DataTypes.StringType, true)
          .add("linkage_measure", DataTypes.StringType, false)
          .add("linkage_into_cluster", DataTypes.DoubleType, false)
          .add("median_member_linkage", DataTypes.DoubleType, false)
          .add("ratio_to_median", DataTypes.DoubleType, true)
          .add("weak_member_fraction", DataTypes.DoubleType, false)
          .add("linked_members", DataTypes.IntegerType, false)
          .add("rook_neighbours_in_cluster", DataTypes.IntegerType, false)
          .add("min_contiguity_order", DataTypes.IntegerType, true)
          .add("n_members", DataTypes.IntegerType, false);

  /** Kinds of {@link #TASK_OUTPUT} rows, each carrying the struct column of the same name. */
  public static final String METRIC = "metric";

  public static final String PAIR = "pair";
  public static final String CANDIDATE = "candidate";
  public static final String ISSUE = "issue";

  /**
   * What a cluster's task returns: {@code cluster_id}, {@code seq} (the row's place in the task's
   * output, so that each table can be put back in the order of the former driver-side loop), {@code
   * kind} and one non-null struct of that kind.
   */
  public static final StructType TASK_OUTPUT =
      new StructType()
          .add("cluster_id", DataTypes.StringType, false)
          .add("seq", DataTypes.IntegerType, false)
          .add("kind", DataTypes.StringType, false)
          .add(METRIC, CLUSTER_METRICS, true)
          .add(PAIR, CLUSTER_PAIRS, true)
          .add(CANDIDATE, BOUNDARY_CANDIDATES, true)
          .add(ISSUE, ReferenceFrames.ISSUES, true);

  private DiagnosticsSchemas() {}

  private static StructType clusterMetrics() {
    StructType s = new StructType().add("cluster_id", DataTypes.StringType, false);
    for (String l : ClusterDiagnostics.LINKAGES) {
      s =
          s.add("qap_r_" + l, DataTypes.DoubleType, true)
              .add("qap_p_" + l, DataTypes.DoubleType, true)
              .add("qap_mantel_" + l, DataTypes.DoubleType, true)
              .add("qap_seed_" + l, DataTypes.LongType, false)
              .add("qap_n_" + l, DataTypes.IntegerType, false);
    }
    return s.add("qap_permutations", DataTypes.LongType, true)
        .add("qap_exact", DataTypes.BooleanType, true)
        .add("rank_size_k", DataTypes.IntegerType, true)
        .add("polycentricity_morphological", DataTypes.DoubleType, true)
        .add("polycentricity_functional", DataTypes.DoubleType, true)
        .add("green_pf", DataTypes.DoubleType, true)
        .add("primacy", DataTypes.DoubleType, true)
        .add("primacy_four", DataTypes.DoubleType, true)
        .add("primate_adcode", DataTypes.StringType, true)
        .add("primate_is_core", DataTypes.BooleanType, true)
        .add("core_population_share", DataTypes.DoubleType, true)
        .add("linkage_measure", DataTypes.StringType, false)
        .add("internal_density", DataTypes.DoubleType, true)
        .add("external_density", DataTypes.DoubleType, true)
        .add("internal_binary_density", DataTypes.DoubleType, true)
        .add("external_binary_density", DataTypes.DoubleType, true)
        .add("outside_units", DataTypes.LongType, false)
        .add("member_pairs", DataTypes.IntegerType, false)
        .add("adjacent_pairs", DataTypes.IntegerType, false)
        .add("strong_pairs", DataTypes.IntegerType, false)
        .add("strong_threshold", DataTypes.DoubleType, true)
        .add("weak_threshold", DataTypes.DoubleType, true)
        .add("strong_nonadjacent_share", DataTypes.DoubleType, true)
        .add("weak_adjacent_share", DataTypes.DoubleType, true);
  }
}
