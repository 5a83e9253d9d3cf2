package org.citycluster.stages.verdict;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.config.VerdictOptions;
import org.citycluster.spark.GeometryFunctions;
import org.citycluster.spark.PlanCut;
import org.citycluster.spark.Projection;
import org.citycluster.verdict.GravityCoefficients;
import org.citycluster.verdict.Linkage;
import org.citycluster.verdict.NullComparison;
import org.citycluster.verdict.Verdict;

/**
 * The verdict per cluster and linkage ({@code cluster_verdicts}) and the boundary candidates by
 * affinity: a thin Spark adapter over {@code org.citycluster.verdict}.
 *
 * <ol>
 *   <li>Per-unit inputs ({@link VerdictUnits}) and the national gravity fit per linkage from
 *       aggregated normal equations ({@link GravityFit});
 *   <li>each cluster's null region ({@link Neighbourhoods});
 *   <li>each cluster's context rows (its region's units, the units linked to or bordering a member,
 *       the growth edges and flows among them) grouped into one task per cluster for the observed
 *       figures, and one task per cluster and block of {@link VerdictOptions#samplesPerTask} null
 *       samples ({@link ClusterTasks});
 *   <li>per cluster and linkage, the null comparison ({@link NullComparison}) and the {@link
 *       Verdict}; per candidate unit, the summed permutation counts and the {@link
 *       org.citycluster.verdict.CandidateRule}.
 * </ol>
 *
 * What reaches the driver: the fit sums (one row), the per-cluster region sizes. Results do not
 * depend on partitioning: sample k of a cluster is drawn from its own seed, counts are integers,
 * null means and deviations are computed per group in sample order.
 */
public final class VerdictStage {

  /** {@code source} of this stage's {@code dq_issues} rows. */
  public static final String SOURCE = "verdict";

  /**
   * Inputs, all as published (or about to be): {@code cities}, {@code city_metrics}, {@code
   * city_pairs}, {@code spatial_weights}, {@code cluster_members}, {@code clusters}; {@code
   * parentStatistics} ({@code adcode}, {@code population}, {@code gdp_cny}) of the parent level for
   * apportioned masses, or null; {@code rawMeasure} and {@code weakMemberFraction}: the
   * diagnostics' candidate linkage column and fraction, for the raw-sum columns of the candidates.
   */
  public record Inputs(
      Dataset<Row> cities,
      Dataset<Row> cityMetrics,
      Dataset<Row> cityPairs,
      Dataset<Row> spatialWeights,
      Dataset<Row> clusterMembers,
      Dataset<Row> clusters,
      Dataset<Row> parentStatistics,
      String rawMeasure,
      double weakMemberFraction) {}

  /**
   * @param verdicts {@code cluster_verdicts}, before schema conformance
   * @param candidates {@code boundary_candidates} by affinity, before schema conformance
   * @param issues dq rows
   */
  public record Output(Dataset<Row> verdicts, Dataset<Row> candidates, Dataset<Row> issues) {}

  static final StructType NULL_STATS =
      new StructType()
          .add("cluster_id", DataTypes.StringType, false)
          .add("linkage", DataTypes.StringType, false)
          .add("null_samples", DataTypes.IntegerType, false)
          .add("null_at_least", DataTypes.IntegerType, false)
          .add("null_mean", DataTypes.DoubleType, true)
          .add("null_sd", DataTypes.DoubleType, true)
          .add("z", DataTypes.DoubleType, true)
          .add("p", DataTypes.DoubleType, true);

  static final StructType FITS =
      new StructType()
          .add("linkage", DataTypes.StringType, false)
          .add("fit_pairs", DataTypes.LongType, true)
          .add("fit_r_squared", DataTypes.DoubleType, true)
          .add("fit_intercept", DataTypes.DoubleType, true)
          .add("fit_mass_coefficient", DataTypes.DoubleType, true)
          .add("fit_distance_coefficient", DataTypes.DoubleType, true);

  private VerdictStage() {}

  /** Runs the stage; see the class comment. */
  public static Output build(Inputs in, VerdictOptions options) {
    SparkSession spark = in.cities().sparkSession();
    GeometryFunctions.register(spark);
    spark.sparkContext().setJobGroup("verdict", "verdict per cluster (issue #14)", false);
    try {
      return run(spark, in, options);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  private static Output run(SparkSession spark, Inputs in, VerdictOptions options) {
    spark.sparkContext().setJobDescription("verdict: units and the national gravity fit");
    Dataset<Row> units =
        PlanCut.of(
            VerdictUnits.build(
                in.cities(),
                in.cityMetrics(),
                in.cityPairs(),
                options.apportionMasses() ? in.parentStatistics() : null));
    GravityCoefficients[] fits = GravityFit.fit(units, in.cityPairs(), options.fitScope());

    Dataset<Row> members =
        PlanCut.of(
            in.clusterMembers()
                .join(units.select("adcode"), "adcode")
                .groupBy("cluster_id", "adcode")
                .agg(max(when(col("role").equalTo("core"), true).otherwise(false)).as("core")));
    Dataset<Row> rook =
        in.cityPairs()
            .where(col("relation").equalTo("rook"))
            .select(col("adcode_a"), col("adcode_b"), lit(true).as("rook"));
    Dataset<Row> islandLinks =
        in.spatialWeights()
            .where(col("scheme").equalTo("knn_binary"))
            .join(units.where(col("island")).select(col("adcode").as("adcode_i")), "adcode_i")
            .select(
                functions_least("adcode_i", "adcode_j").as("adcode_a"),
                functions_greatest("adcode_i", "adcode_j").as("adcode_b"),
                lit(false).as("rook"));
    Dataset<Row> edges =
        PlanCut.of(
            rook.unionByName(islandLinks)
                .groupBy("adcode_a", "adcode_b")
                .agg(max("rook").as("rook")));
    Dataset<Row> bothWays =
        edges
            .select("adcode_a", "adcode_b")
            .unionByName(
                edges.select(col("adcode_b").as("adcode_a"), col("adcode_a").as("adcode_b")));

    spark.sparkContext().setJobDescription("verdict: null regions");
    Neighbourhoods.Plan regions = Neighbourhoods.plan(units, members, bothWays, options);

    spark.sparkContext().setJobDescription("verdict: cluster contexts");
    Dataset<Row> context =
        PlanCut.of(contextRows(units, members, regions.regions(), edges, in.cityPairs()));

    ClusterTasks.Plan plan =
        new ClusterTasks.Plan(
            fits,
            options.linkage(),
            options.seed(),
            options.nullSamples(),
            options.samplesPerTask());
    spark.sparkContext().setJobDescription("verdict: observed figures per cluster");
    Dataset<Row> observed =
        PlanCut.of(
            context
                .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                .flatMapGroups(
                    new ClusterTasks.Observed(plan), Encoders.row(ClusterTasks.OBSERVED)));

    spark.sparkContext().setJobDescription("verdict: null samples per cluster and block");
    Dataset<Row> blocks = spark.range(plan.blocks()).select(col("id").cast("int").as("block_id"));
    Dataset<Row> nulls =
        PlanCut.of(
            context
                .crossJoin(blocks)
                .withColumn(
                    "key", concat(col("cluster_id"), lit("#"), col("block_id").cast("string")))
                .withColumn("block", col("block_id"))
                .drop("block_id")
                .groupByKey((MapFunction<Row, String>) r -> r.getAs("key"), Encoders.STRING())
                .flatMapGroups(new ClusterTasks.NullBlock(plan), Encoders.row(ClusterTasks.NULLS)));

    Dataset<Row> nullStats =
        nulls
            .where(col("kind").equalTo("sample"))
            .groupByKey(
                (MapFunction<Row, String>) r -> r.getString(0) + "\u0000" + r.getString(2),
                Encoders.STRING())
            .mapGroups(new NullStats(), Encoders.row(NULL_STATS));
    Dataset<Row> counts =
        nulls
            .where(col("kind").equalTo("count"))
            .groupBy("cluster_id", "adcode")
            .agg(
                sum("extreme").cast("int").as("null_at_least"),
                sum("valid").cast("int").as("null_samples"));

    Dataset<Row> fitRows = spark.createDataFrame(fitRows(fits), FITS);
    Map<String, int[]> sizes = regions.sizes();
    List<Row> sizeRows = new ArrayList<>();
    for (var e : sizes.entrySet()) {
      sizeRows.add(RowFactory.create(e.getKey(), e.getValue()[1]));
    }
    Dataset<Row> rings =
        spark.createDataFrame(
            sizeRows,
            new StructType()
                .add("cluster_id", DataTypes.StringType, false)
                .add("null_region_rings", DataTypes.IntegerType, false));

    Dataset<Row> judged =
        PlanCut.of(
            CandidateFigures.judged(
                observed
                    .where(col("kind").equalTo("unit"))
                    .join(counts, new String[] {"cluster_id", "adcode"}, "left"),
                options));
    Dataset<Row> verdicts =
        VerdictRows.build(
            observed.where(col("kind").equalTo("excess")),
            nullStats,
            fitRows,
            rings,
            judged,
            in.cities(),
            in.clusters(),
            options);
    Dataset<Row> candidates =
        CandidateFigures.published(
            judged,
            members,
            in.cityPairs(),
            in.cities(),
            in.rawMeasure(),
            in.weakMemberFraction(),
            options);
    Dataset<Row> issues = VerdictRows.issues(verdicts);
    return new Output(verdicts, candidates, issues);
  }

  private static Column functions_least(String a, String b) {
    return org.apache.spark.sql.functions.least(col(a), col(b));
  }

  private static Column functions_greatest(String a, String b) {
    return org.apache.spark.sql.functions.greatest(col(a), col(b));
  }

  private static List<Row> fitRows(GravityCoefficients[] fits) {
    List<Row> rows = new ArrayList<>();
    for (Linkage l : Linkage.values()) {
      GravityCoefficients f = fits[l.ordinal()];
      rows.add(
          f == null
              ? RowFactory.create(l.code(), null, null, null, null, null)
              : RowFactory.create(
                  l.code(),
                  f.pairs(),
                  Double.isFinite(f.rSquared()) ? f.rSquared() : null,
                  f.intercept(),
                  f.massCoefficient(),
                  f.distanceCoefficient()));
    }
    return rows;
  }

  /**
   * The {@link ClusterTasks#CONTEXT} rows of every cluster: nodes (the region's units, the members,
   * the units linked to a member, the members' rook neighbours), growth edges among region units
   * (and edges touching a member), and flows among the nodes with at least one end in the region.
   */
  static Dataset<Row> contextRows(
      Dataset<Row> units,
      Dataset<Row> members,
      Dataset<Row> regions,
      Dataset<Row> edges,
      Dataset<Row> cityPairs) {
    Dataset<Row> flows =
        cityPairs
            .where(
                col("trains_all").gt(0).or(col("trains_hsr").gt(0)).or(col("air_airlines").gt(0)))
            .select(
                col("adcode_a"),
                col("adcode_b"),
                col("trains_all").cast("double").as("f_trains_all"),
                col("trains_hsr").cast("double").as("f_trains_hsr"),
                col("air_airlines").cast("double").as("f_air"));
    Dataset<Row> memberRef = members.select(col("cluster_id"), col("adcode").as("m"));
    Dataset<Row> linked =
        flows
            .select(col("adcode_a").as("m"), col("adcode_b").as("adcode"))
            .unionByName(flows.select(col("adcode_b").as("m"), col("adcode_a").as("adcode")))
            .unionByName(
                edges
                    .where(col("rook"))
                    .select(col("adcode_a").as("m"), col("adcode_b").as("adcode")))
            .unionByName(
                edges
                    .where(col("rook"))
                    .select(col("adcode_b").as("m"), col("adcode_a").as("adcode")))
            .join(memberRef, "m")
            .select("cluster_id", "adcode");
    Dataset<Row> nodeKeys =
        PlanCut.of(
            regions
                .select(
                    col("cluster_id"),
                    col("adcode"),
                    lit(true).as("in_region"),
                    lit(false).as("member"),
                    lit(false).as("core"))
                .unionByName(
                    members.select(
                        col("cluster_id"),
                        col("adcode"),
                        lit(false).as("in_region"),
                        lit(true).as("member"),
                        col("core")))
                .unionByName(
                    linked.select(
                        col("cluster_id"),
                        col("adcode"),
                        lit(false).as("in_region"),
                        lit(false).as("member"),
                        lit(false).as("core")))
                .groupBy("cluster_id", "adcode")
                .agg(
                    max("in_region").as("in_region"),
                    max("member").as("member"),
                    max("core").as("core")));
    Dataset<Row> nodes =
        nodeKeys
            .join(units, "adcode")
            .select(
                Projection.onto(
                    ClusterTasks.CONTEXT,
                    Map.ofEntries(
                        Map.entry("cluster_id", col("cluster_id")),
                        Map.entry("block", lit(0)),
                        Map.entry("kind", lit(ClusterTasks.NODE)),
                        Map.entry("a", col("adcode")),
                        Map.entry("lon", col("lon")),
                        Map.entry("lat", col("lat")),
                        Map.entry("log_mass", col("log_mass")),
                        Map.entry("on_trains_all", col(VerdictUnits.on(Linkage.TRAINS_ALL))),
                        Map.entry("on_trains_hsr", col(VerdictUnits.on(Linkage.TRAINS_HSR))),
                        Map.entry("on_air", col(VerdictUnits.on(Linkage.AIR))),
                        Map.entry("total_trains_all", col(VerdictUnits.total(Linkage.TRAINS_ALL))),
                        Map.entry("total_trains_hsr", col(VerdictUnits.total(Linkage.TRAINS_HSR))),
                        Map.entry("total_air", col(VerdictUnits.total(Linkage.AIR))),
                        Map.entry("in_region", col("in_region")),
                        Map.entry("member", col("member")),
                        Map.entry("core", col("core")),
                        Map.entry("island", col("island")))));
    Dataset<Row> ends =
        nodeKeys.select(col("cluster_id"), col("adcode"), col("in_region"), col("member"));
    Dataset<Row> endA =
        ends.select(
            col("cluster_id"),
            col("adcode").as("adcode_a"),
            col("in_region").as("region_a"),
            col("member").as("member_a"));
    Dataset<Row> endB =
        ends.select(
            col("cluster_id"),
            col("adcode").as("adcode_b"),
            col("in_region").as("region_b"),
            col("member").as("member_b"));
    Dataset<Row> edgeRows =
        edges
            .join(endA, "adcode_a")
            .join(endB, new String[] {"cluster_id", "adcode_b"})
            .where(col("region_a").and(col("region_b")).or(col("member_a")).or(col("member_b")))
            .select(
                Projection.onto(
                    ClusterTasks.CONTEXT,
                    Map.of(
                        "cluster_id", col("cluster_id"),
                        "block", lit(0),
                        "kind", lit(ClusterTasks.EDGE),
                        "a", col("adcode_a"),
                        "b", col("adcode_b"),
                        "rook", col("rook"))));
    Dataset<Row> flowRows =
        flows
            .join(endA, "adcode_a")
            .join(endB, new String[] {"cluster_id", "adcode_b"})
            .where(col("region_a").or(col("region_b")))
            .select(
                Projection.onto(
                    ClusterTasks.CONTEXT,
                    Map.of(
                        "cluster_id", col("cluster_id"),
                        "block", lit(0),
                        "kind", lit(ClusterTasks.FLOW),
                        "a", col("adcode_a"),
                        "b", col("adcode_b"),
                        "f_trains_all", col("f_trains_all"),
                        "f_trains_hsr", col("f_trains_hsr"),
                        "f_air", col("f_air"))));
    return nodes.unionByName(edgeRows).unionByName(flowRows);
  }

  /** Null comparison of one cluster and linkage, over its samples in sample order. */
  static final class NullStats implements MapGroupsFunction<String, Row, Row> {
    @Override
    public Row call(String key, Iterator<Row> rows) {
      List<Row> all = new ArrayList<>();
      rows.forEachRemaining(all::add);
      all.sort(java.util.Comparator.comparingInt(r -> r.getInt(3)));
      double[] values = new double[all.size()];
      double observed = Double.NaN;
      for (int k = 0; k < values.length; k++) {
        Row r = all.get(k);
        values[k] = r.isNullAt(4) ? Double.NaN : r.getDouble(4);
        if (!r.isNullAt(5)) {
          observed = r.getDouble(5);
        }
      }
      NullComparison c = NullComparison.upper(observed, values);
      Row first = all.get(0);
      return RowFactory.create(
          first.getString(0),
          first.getString(2),
          c.samples(),
          c.atLeastAsExtreme(),
          finite(c.nullMean()),
          finite(c.nullSd()),
          finite(c.z()),
          finite(c.p()));
    }
  }

  static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
