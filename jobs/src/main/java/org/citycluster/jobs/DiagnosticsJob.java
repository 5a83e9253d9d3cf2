package org.citycluster.jobs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.config.ConfigException;
import org.citycluster.config.OptionValues;
import org.citycluster.diagnostics.BoundaryCandidateFinder;
import org.citycluster.diagnostics.ClusterDiagnostics;
import org.citycluster.diagnostics.MismatchLabeler;
import org.citycluster.metrics.Qap;
import org.citycluster.spark.ReferenceFrames;

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
 * <p><b>Where the work happens.</b> The member pairs of every cluster (at most a few hundred
 * members, so at most ~45,000 pairs per cluster at county level) are collected to the driver. The
 * links from members to every other unit are aggregated in Spark per cluster and outside unit (sum
 * of the candidate measure summed over the sorted values, so the result does not depend on
 * partitioning; count of linked members; rook neighbours; smallest contiguity order); only outside
 * units with a positive sum are collected. The per-cluster figures, labels and candidates are then
 * computed in plain Java ({@link ClusterDiagnostics}, {@link MismatchLabeler}, {@link
 * BoundaryCandidateFinder}) in cluster-id order. Same inputs and options give identical rows: the
 * QAP seed of a cluster and linkage is {@link ClusterDiagnostics#qapSeed} of {@link Options#seed},
 * recorded in {@code qap_seed_<linkage>}.
 *
 * <p>QAP with random permutations runs on the driver: O(permutations · n²) per cluster and linkage,
 * negligible at prefecture level (n ≤ 31), tens of seconds at county level.
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
  public static final StructType CLUSTER_METRICS = clusterMetricsSchema();

  /** Schema of {@link Output#clusterPairs}. */
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

  /** Schema of {@link Output#boundaryCandidates}. */
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

  private DiagnosticsJob() {}

  private static StructType clusterMetricsSchema() {
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

  /** One member as collected. */
  private record Member(String adcode, String name, boolean core, double population) {}

  /** Runs the diagnostics; see the class comment. */
  public static Output build(
      Dataset<Row> cityPairs, Dataset<Row> cities, Dataset<Row> clusterMembers, Options options) {
    SparkSession spark = cityPairs.sparkSession();
    String measure = options.candidateLinkage();
    spark.sparkContext().setJobGroup("diagnostics", "cluster diagnostics (issue #5)", false);
    try {
      Dataset<Row> units =
          cities.select(
              col("adcode"),
              col("name"),
              col("population").cast("double").as("population"),
              lit(true).as("in_cities"));
      Dataset<Row> members =
          clusterMembers
              .groupBy("cluster_id", "adcode")
              .agg(max(when(col("role").equalTo("core"), true).otherwise(false)).as("core"));
      Dataset<Row> pairs =
          cityPairs.select(
              col("adcode_a"),
              col("adcode_b"),
              col("relation"),
              col("contiguity_order"),
              col("centroid_distance_km"),
              col("trains_all"),
              col("trains_hsr"),
              col("air_airlines"),
              col("gravity"),
              col("linkage_index"),
              coalesce(col(measure).cast("double"), lit(0.0)).as("w"));

      spark.sparkContext().setJobDescription("diagnostics: collect members and member pairs");
      long unitCount = cities.select("adcode").distinct().count();
      Map<String, List<Member>> byCluster = new TreeMap<>();
      Map<String, Integer> inCities = new HashMap<>();
      for (Row r :
          members
              .join(units, new String[] {"adcode"}, "left")
              .orderBy("cluster_id", "adcode")
              .collectAsList()) {
        String cluster = r.getAs("cluster_id");
        Object p = r.getAs("population");
        byCluster
            .computeIfAbsent(cluster, c -> new ArrayList<>())
            .add(
                new Member(
                    r.getAs("adcode"),
                    r.getAs("name"),
                    r.getAs("core"),
                    p == null ? Double.NaN : ((Number) p).doubleValue()));
        if (r.getAs("in_cities") != null) {
          inCities.merge(cluster, 1, Integer::sum);
        }
      }
      Map<String, List<Row>> memberPairs = new HashMap<>();
      Dataset<Row> ma = members.select(col("cluster_id"), col("adcode").as("adcode_a"));
      Dataset<Row> mb = members.select(col("cluster_id"), col("adcode").as("adcode_b"));
      for (Row r :
          pairs
              .join(ma, "adcode_a")
              .join(mb, new String[] {"cluster_id", "adcode_b"})
              .orderBy("cluster_id", "adcode_a", "adcode_b")
              .collectAsList()) {
        memberPairs.computeIfAbsent(r.getAs("cluster_id"), c -> new ArrayList<>()).add(r);
      }

      spark.sparkContext().setJobDescription("diagnostics: links from members to outside units");
      Dataset<Row> oriented =
          pairs
              .select(
                  col("adcode_a").as("member"),
                  col("adcode_b").as("other"),
                  col("relation"),
                  col("contiguity_order"),
                  col("w"))
              .unionByName(
                  pairs.select(
                      col("adcode_b").as("member"),
                      col("adcode_a").as("other"),
                      col("relation"),
                      col("contiguity_order"),
                      col("w")));
      Dataset<Row> outside =
          oriented
              .join(members.select(col("cluster_id"), col("adcode").as("member")), "member")
              .join(
                  members.select(col("cluster_id"), col("adcode").as("other")),
                  new String[] {"cluster_id", "other"},
                  "left_anti")
              .groupBy("cluster_id", "other")
              .agg(
                  expr("aggregate(array_sort(collect_list(w)), CAST(0 AS DOUBLE), (s, x) -> s + x)")
                      .as("linkage"),
                  sum(when(col("w").gt(0), 1).otherwise(0)).cast("int").as("linked_members"),
                  sum(when(col("relation").equalTo("rook"), 1).otherwise(0))
                      .cast("int")
                      .as("rook_neighbours"),
                  min("contiguity_order").as("min_contiguity_order"))
              .where(col("linkage").gt(0))
              .join(
                  units.select(col("adcode").as("other"), col("name")),
                  new String[] {"other"},
                  "left")
              .orderBy("cluster_id", "other");
      Map<String, List<Row>> outsiders = new HashMap<>();
      for (Row r : outside.collectAsList()) {
        outsiders.computeIfAbsent(r.getAs("cluster_id"), c -> new ArrayList<>()).add(r);
      }

      List<Row> metricRows = new ArrayList<>();
      List<Row> pairRows = new ArrayList<>();
      List<Row> candidateRows = new ArrayList<>();
      List<Row> issueRows = new ArrayList<>();
      for (var entry : byCluster.entrySet()) {
        String cluster = entry.getKey();
        List<Member> ms = entry.getValue();
        long outsideUnits = Math.max(0, unitCount - inCities.getOrDefault(cluster, 0));
        analyse(
            cluster,
            ms,
            memberPairs.getOrDefault(cluster, List.of()),
            outsiders.getOrDefault(cluster, List.of()),
            outsideUnits,
            options,
            metricRows,
            pairRows,
            candidateRows,
            issueRows);
      }
      return new Output(
          spark.createDataFrame(metricRows, CLUSTER_METRICS),
          spark.createDataFrame(pairRows, CLUSTER_PAIRS),
          spark.createDataFrame(candidateRows, BOUNDARY_CANDIDATES),
          spark.createDataFrame(issueRows, ReferenceFrames.ISSUES));
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  private static void analyse(
      String cluster,
      List<Member> ms,
      List<Row> pairs,
      List<Row> outsiders,
      long outsideUnits,
      Options options,
      List<Row> metricRows,
      List<Row> pairRows,
      List<Row> candidateRows,
      List<Row> issueRows) {
    int n = ms.size();
    Map<String, Integer> index = new HashMap<>();
    List<String> adcodes = new ArrayList<>();
    boolean[] core = new boolean[n];
    double[] population = new double[n];
    for (int i = 0; i < n; i++) {
      Member m = ms.get(i);
      index.put(m.adcode(), i);
      adcodes.add(m.adcode());
      core[i] = m.core();
      population[i] = m.population();
    }
    boolean[][] rook = new boolean[n][n];
    double[][] w = new double[n][n];
    Map<String, double[][]> linkages = new LinkedHashMap<>();
    for (String l : ClusterDiagnostics.LINKAGES) {
      linkages.put(l, new double[n][n]);
    }
    double[][] gravity = linkages.get("gravity");
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        gravity[i][j] = i == j ? 0.0 : Double.NaN;
      }
    }
    for (Row r : pairs) {
      int i = index.get((String) r.getAs("adcode_a"));
      int j = index.get((String) r.getAs("adcode_b"));
      boolean adjacent = "rook".equals(r.getAs("relation"));
      rook[i][j] = rook[j][i] = adjacent;
      w[i][j] = w[j][i] = r.<Double>getAs("w");
      set(linkages.get("trains_hsr"), i, j, number(r.getAs("trains_hsr")));
      set(linkages.get("trains_all"), i, j, number(r.getAs("trains_all")));
      set(linkages.get("air"), i, j, number(r.getAs("air_airlines")));
      set(gravity, i, j, r.getAs("gravity") == null ? Double.NaN : number(r.getAs("gravity")));
    }
    long expected = (long) n * (n - 1) / 2;
    if (pairs.size() < expected) {
      issueRows.add(
          issue(
              cluster,
              "city_pairs",
              (expected - pairs.size())
                  + " member pair(s) missing from city_pairs: treated as no service, gravity not"
                  + " measured",
              String.valueOf(expected - pairs.size())));
    }
    double externalLinkage = 0;
    long externalLinked = 0;
    List<BoundaryCandidateFinder.Outsider> outs = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    for (Row r : outsiders) {
      double l = r.<Double>getAs("linkage");
      int linked = r.<Integer>getAs("linked_members");
      externalLinkage += l;
      externalLinked += linked;
      String adcode = r.getAs("other");
      names.put(adcode, r.getAs("name"));
      outs.add(
          new BoundaryCandidateFinder.Outsider(
              adcode,
              l,
              linked,
              r.<Integer>getAs("rook_neighbours"),
              r.<Integer>getAs("min_contiguity_order")));
    }
    ClusterDiagnostics.Result res =
        ClusterDiagnostics.compute(
            new ClusterDiagnostics.Input(
                cluster,
                adcodes,
                core,
                population,
                rook,
                linkages,
                w,
                externalLinkage,
                externalLinked,
                outsideUnits),
            options.permutations(),
            options.seed(),
            options.strongQuantile());
    for (String[] p : res.problems()) {
      issueRows.add(issue(cluster, p[0], p[1], null));
    }

    List<Object> v = new ArrayList<>();
    v.add(cluster);
    for (String l : ClusterDiagnostics.LINKAGES) {
      ClusterDiagnostics.QapOutcome q = res.qap().get(l);
      v.add(q.r());
      v.add(q.p());
      v.add(q.mantel());
      v.add(q.seed());
      v.add(q.members());
    }
    ClusterDiagnostics.QapOutcome all = res.qap().get("trains_all");
    v.add(
        all.members() >= 3
            ? (all.members() <= Qap.EXACT_MAX_N
                ? factorial(all.members())
                : (long) options.permutations())
            : null);
    v.add(all.members() >= 3 ? all.members() <= Qap.EXACT_MAX_N : null);
    v.add(res.rankSizeK());
    v.add(res.polycentricityMorphological());
    v.add(res.polycentricityFunctional());
    v.add(res.greenPf());
    v.add(res.primacy());
    v.add(res.primacyFour());
    v.add(res.primateAdcode());
    v.add(res.primateIsCore());
    v.add(res.corePopulationShare());
    v.add(options.candidateLinkage());
    v.add(res.internalDensity());
    v.add(res.externalDensity());
    v.add(res.internalBinaryDensity());
    v.add(res.externalBinaryDensity());
    v.add(outsideUnits);
    v.add((int) expected);
    v.add(res.adjacentPairs());
    v.add(res.strongPairs());
    v.add(res.strongThreshold());
    v.add(res.weakThreshold());
    v.add(res.strongNonadjacentShare());
    v.add(res.weakAdjacentShare());
    metricRows.add(RowFactory.create(v.toArray()));

    if (res.strongThreshold() != null) {
      MismatchLabeler.Thresholds t =
          new MismatchLabeler.Thresholds(res.strongThreshold(), res.weakThreshold());
      for (Row r : pairs) {
        double x = r.<Double>getAs("w");
        boolean adjacent = "rook".equals(r.getAs("relation"));
        pairRows.add(
            RowFactory.create(
                cluster,
                r.getAs("adcode_a"),
                r.getAs("adcode_b"),
                MismatchLabeler.label(adjacent, x, t).code(),
                adjacent,
                r.getAs("relation"),
                r.getAs("contiguity_order"),
                r.getAs("centroid_distance_km"),
                options.candidateLinkage(),
                x,
                t.strong(),
                t.weak(),
                t.isStrong(x),
                t.isWeak(x),
                r.getAs("trains_all"),
                r.getAs("trains_hsr"),
                r.getAs("air_airlines"),
                r.getAs("gravity"),
                r.getAs("linkage_index")));
      }
    }

    for (Member m : ms) {
      names.put(m.adcode(), m.name());
    }
    for (BoundaryCandidateFinder.Candidate c :
        BoundaryCandidateFinder.find(adcodes, w, rook, outs, options.weakMemberFraction())) {
      Integer i = index.get(c.adcode());
      candidateRows.add(
          RowFactory.create(
              cluster,
              c.adcode(),
              names.get(c.adcode()),
              c.type(),
              c.rank(),
              i == null ? null : (core[i] ? "core" : "member"),
              options.candidateLinkage(),
              c.linkage(),
              c.medianMemberLinkage(),
              c.ratioToMedian(),
              options.weakMemberFraction(),
              c.linkedMembers(),
              c.rookNeighbours(),
              c.minContiguityOrder(),
              n));
    }
  }

  private static void set(double[][] m, int i, int j, double x) {
    m[i][j] = x;
    m[j][i] = x;
  }

  private static double number(Object o) {
    return ((Number) o).doubleValue();
  }

  private static long factorial(int n) {
    long f = 1;
    for (int k = 2; k <= n; k++) {
      f *= k;
    }
    return f;
  }

  private static Row issue(String cluster, String field, String problem, String value) {
    return RowFactory.create(SOURCE, "cluster " + cluster, field, problem, "reported", value);
  }
}
