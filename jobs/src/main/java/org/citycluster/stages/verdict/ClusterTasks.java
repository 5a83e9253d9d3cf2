package org.citycluster.stages.verdict;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.metrics.Seeds;
import org.citycluster.verdict.CandidateRule;
import org.citycluster.verdict.ClusterContext;
import org.citycluster.verdict.ClusterNullModel;
import org.citycluster.verdict.GravityCoefficients;
import org.citycluster.verdict.Linkage;

/**
 * The per-cluster work of the verdict, as Spark tasks: a cluster's {@link #CONTEXT} rows (nodes,
 * growth edges, flows, tagged by {@code kind}) are grouped by cluster (observed figures) or by
 * cluster and block of null samples, turned into a {@link ClusterContext} and handed to {@link
 * ClusterNullModel}. Only per-cluster results leave a task.
 */
final class ClusterTasks {

  static final String NODE = "node";
  static final String EDGE = "edge";
  static final String FLOW = "flow";

  /** One context row: a node, an edge or a flow of one cluster (and block). */
  static final StructType CONTEXT =
      new StructType()
          .add("cluster_id", DataTypes.StringType, false)
          .add("block", DataTypes.IntegerType, false)
          .add("kind", DataTypes.StringType, false)
          .add("a", DataTypes.StringType, false)
          .add("b", DataTypes.StringType, true)
          .add("lon", DataTypes.DoubleType, true)
          .add("lat", DataTypes.DoubleType, true)
          .add("log_mass", DataTypes.DoubleType, true)
          .add("on_trains_all", DataTypes.BooleanType, true)
          .add("on_trains_hsr", DataTypes.BooleanType, true)
          .add("on_air", DataTypes.BooleanType, true)
          .add("total_trains_all", DataTypes.DoubleType, true)
          .add("total_trains_hsr", DataTypes.DoubleType, true)
          .add("total_air", DataTypes.DoubleType, true)
          .add("in_region", DataTypes.BooleanType, true)
          .add("member", DataTypes.BooleanType, true)
          .add("core", DataTypes.BooleanType, true)
          .add("island", DataTypes.BooleanType, true)
          .add("f_trains_all", DataTypes.DoubleType, true)
          .add("f_trains_hsr", DataTypes.DoubleType, true)
          .add("f_air", DataTypes.DoubleType, true)
          .add("rook", DataTypes.BooleanType, true);

  /** Observed figures: one row per cluster and linkage ({@code excess}) or evaluated unit. */
  static final StructType OBSERVED =
      new StructType()
          .add("cluster_id", DataTypes.StringType, false)
          .add("kind", DataTypes.StringType, false)
          .add("linkage", DataTypes.StringType, true)
          .add("value", DataTypes.DoubleType, true)
          .add("pairs", DataTypes.IntegerType, false)
          .add("members", DataTypes.IntegerType, false)
          .add("counted_members", DataTypes.IntegerType, false)
          .add("rook_components", DataTypes.IntegerType, false)
          .add("seed_units", DataTypes.IntegerType, false)
          .add("region_units", DataTypes.IntegerType, false)
          .add("adcode", DataTypes.StringType, true)
          .add("role", DataTypes.StringType, true)
          .add("share", DataTypes.DoubleType, true)
          .add("tested", DataTypes.BooleanType, true)
          .add("member_affinities", DataTypes.IntegerType, true)
          .add("member_q1", DataTypes.DoubleType, true)
          .add("member_median", DataTypes.DoubleType, true)
          .add("member_q3", DataTypes.DoubleType, true)
          .add("member_share_q1", DataTypes.DoubleType, true);

  /**
   * Null-model rows: one per sample and linkage ({@code sample}) or per tested unit ({@code
   * count}).
   */
  static final StructType NULLS =
      new StructType()
          .add("cluster_id", DataTypes.StringType, false)
          .add("kind", DataTypes.StringType, false)
          .add("linkage", DataTypes.StringType, true)
          .add("sample", DataTypes.IntegerType, true)
          .add("value", DataTypes.DoubleType, true)
          .add("observed", DataTypes.DoubleType, true)
          .add("adcode", DataTypes.StringType, true)
          .add("extreme", DataTypes.IntegerType, true)
          .add("valid", DataTypes.IntegerType, true);

  private ClusterTasks() {}

  /** The context of one group of {@link #CONTEXT} rows. */
  static ClusterContext context(String clusterId, Iterator<Row> rows) {
    ClusterContext.Builder b = new ClusterContext.Builder(clusterId);
    List<Row> edges = new ArrayList<>();
    List<Row> flows = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      switch (r.getString(2)) {
        case NODE ->
            b.node(
                r.getString(3),
                r.getDouble(5),
                r.getDouble(6),
                r.isNullAt(7) ? Double.NaN : r.getDouble(7),
                new boolean[] {r.getBoolean(8), r.getBoolean(9), r.getBoolean(10)},
                new double[] {r.getDouble(11), r.getDouble(12), r.getDouble(13)},
                r.getBoolean(14),
                r.getBoolean(15),
                r.getBoolean(16),
                r.getBoolean(17));
        case EDGE -> edges.add(r);
        case FLOW -> flows.add(r);
        default -> throw new IllegalStateException("unknown context row kind " + r.getString(2));
      }
    }
    for (Row r : edges) {
      b.edge(r.getString(3), r.getString(4), r.getBoolean(21));
    }
    for (Row r : flows) {
      b.flow(
          r.getString(3),
          r.getString(4),
          new double[] {r.getDouble(18), r.getDouble(19), r.getDouble(20)});
    }
    return b.build();
  }

  /** What the tasks share: the fits, the candidate linkage, the seed and the sample plan. */
  record Plan(
      GravityCoefficients[] fits,
      Linkage candidateLinkage,
      long seed,
      int samples,
      int samplesPerBlock)
      implements java.io.Serializable {

    long clusterSeed(String clusterId) {
      return Seeds.derive(seed, clusterId);
    }

    int blocks() {
      return (samples + samplesPerBlock - 1) / samplesPerBlock;
    }
  }

  /** The members' own affinities and which outsiders are worth a permutation test. */
  private record Units(
      int[] members,
      double[] memberAffinity,
      int[] memberPairs,
      int[] tested,
      double[] testedAffinity,
      int[] testedPairs,
      CandidateRule.MemberDistribution distribution) {}

  private static Units units(ClusterContext c, ClusterNullModel m, Linkage l) {
    int[] members = m.members();
    double[] aff = new double[members.length];
    double[] shares = new double[members.length];
    int[] pairs = new int[members.length];
    for (int x = 0; x < members.length; x++) {
      ClusterNullModel.Mean a = affinity(m, members[x], members, l);
      aff[x] = a.mean();
      pairs[x] = a.pairs();
      shares[x] = m.share(members[x], l);
    }
    CandidateRule.MemberDistribution d = CandidateRule.distribution(aff, shares);
    List<Integer> tested = new ArrayList<>();
    List<ClusterNullModel.Mean> testedMeans = new ArrayList<>();
    for (int u = 0; u < c.size(); u++) {
      if (c.isMember(u)) {
        continue;
      }
      ClusterNullModel.Mean a = affinity(m, u, members, l);
      if (CandidateRule.worthTesting(a.mean(), m.share(u, l), d)) {
        tested.add(u);
        testedMeans.add(a);
      }
    }
    return new Units(
        members,
        aff,
        pairs,
        tested.stream().mapToInt(Integer::intValue).toArray(),
        testedMeans.stream().mapToDouble(ClusterNullModel.Mean::mean).toArray(),
        testedMeans.stream().mapToInt(ClusterNullModel.Mean::pairs).toArray(),
        d);
  }

  private static ClusterNullModel.Mean affinity(ClusterNullModel m, int u, int[] set, Linkage l) {
    double sum = 0;
    int pairs = 0;
    for (int v : set) {
      if (v != u) {
        double e = m.residual(u, v, l);
        if (!Double.isNaN(e)) {
          sum += e;
          pairs++;
        }
      }
    }
    return new ClusterNullModel.Mean(pairs == 0 ? Double.NaN : sum / pairs, pairs);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** Observed excess per linkage and the affinities of members and tested outsiders. */
  static final class Observed implements FlatMapGroupsFunction<String, Row, Row> {
    private final Plan plan;

    Observed(Plan plan) {
      this.plan = plan;
    }

    @Override
    public Iterator<Row> call(String clusterId, Iterator<Row> rows) {
      ClusterContext c = context(clusterId, rows);
      ClusterNullModel m = new ClusterNullModel(c, plan.fits(), plan.clusterSeed(clusterId));
      int[] members = m.members();
      int components = m.rookComponents();
      int seeds = m.seedCount();
      int region = m.neighbourhood().length;
      List<Row> out = new ArrayList<>();
      for (Linkage l : Linkage.values()) {
        ClusterNullModel.Mean e = m.observedExcess(l);
        int counted = 0;
        for (int x : members) {
          if (m.counts(x, l)) {
            counted++;
          }
        }
        out.add(
            RowFactory.create(
                clusterId,
                "excess",
                l.code(),
                finite(e.mean()),
                e.pairs(),
                members.length,
                counted,
                components,
                seeds,
                region,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null));
      }
      Linkage l = plan.candidateLinkage();
      Units u = units(c, m, l);
      for (int x = 0; x < u.members().length; x++) {
        int node = u.members()[x];
        out.add(unitRow(c, m, l, node, "member", u.memberAffinity()[x], u.memberPairs()[x], u));
      }
      for (int x = 0; x < u.tested().length; x++) {
        int node = u.tested()[x];
        out.add(unitRow(c, m, l, node, "outsider", u.testedAffinity()[x], u.testedPairs()[x], u));
      }
      return out.iterator();
    }

    private static Row unitRow(
        ClusterContext c,
        ClusterNullModel m,
        Linkage l,
        int node,
        String role,
        double affinity,
        int pairs,
        Units u) {
      CandidateRule.MemberDistribution d = u.distribution();
      return RowFactory.create(
          c.clusterId(),
          "unit",
          l.code(),
          finite(affinity),
          pairs,
          u.members().length,
          0,
          0,
          0,
          0,
          c.adcode(node),
          role,
          finite(m.share(node, l)),
          true,
          d == null ? 0 : d.members(),
          d == null ? null : d.q1(),
          d == null ? null : d.median(),
          d == null ? null : d.q3(),
          d == null ? null : finite(d.shareQ1()));
    }
  }

  /**
   * The null samples of one block: their excess per linkage, and for every member and tested
   * outsider how many samples it is at least as extreme with (outsiders: affinity at least the
   * observed; members: at most).
   */
  static final class NullBlock implements FlatMapGroupsFunction<String, Row, Row> {
    private final Plan plan;

    NullBlock(Plan plan) {
      this.plan = plan;
    }

    @Override
    public Iterator<Row> call(String key, Iterator<Row> rows) {
      int cut = key.lastIndexOf('#');
      String clusterId = key.substring(0, cut);
      int block = Integer.parseInt(key.substring(cut + 1));
      ClusterContext c = context(clusterId, rows);
      ClusterNullModel m = new ClusterNullModel(c, plan.fits(), plan.clusterSeed(clusterId));
      Linkage[] linkages = Linkage.values();
      double[] observed = new double[linkages.length];
      for (Linkage l : linkages) {
        observed[l.ordinal()] = m.observedExcess(l).mean();
      }
      Linkage cl = plan.candidateLinkage();
      Units u = units(c, m, cl);
      int[] evaluated = new int[u.members().length + u.tested().length];
      double[] reference = new double[evaluated.length];
      double[][] residuals = new double[evaluated.length][];
      for (int x = 0; x < evaluated.length; x++) {
        boolean member = x < u.members().length;
        evaluated[x] = member ? u.members()[x] : u.tested()[x - u.members().length];
        reference[x] = member ? u.memberAffinity()[x] : u.testedAffinity()[x - u.members().length];
        residuals[x] = m.residualsOf(evaluated[x], cl);
      }
      int[] extreme = new int[evaluated.length];
      int[] valid = new int[evaluated.length];
      List<Row> out = new ArrayList<>();
      int from = block * plan.samplesPerBlock();
      int to = Math.min(plan.samples(), from + plan.samplesPerBlock());
      for (int k = from; k < to; k++) {
        int[] sample = m.sample(k);
        for (Linkage l : linkages) {
          Double value = sample == null ? null : finite(m.excess(sample, l).mean());
          out.add(
              RowFactory.create(
                  clusterId,
                  "sample",
                  l.code(),
                  k,
                  value,
                  finite(observed[l.ordinal()]),
                  null,
                  null,
                  null));
        }
        if (sample == null) {
          continue;
        }
        for (int x = 0; x < evaluated.length; x++) {
          if (Double.isNaN(reference[x])) {
            continue;
          }
          double a = ClusterNullModel.affinity(residuals[x], sample, evaluated[x]).mean();
          if (Double.isNaN(a)) {
            continue;
          }
          valid[x]++;
          boolean member = x < u.members().length;
          if (member ? a <= reference[x] : a >= reference[x]) {
            extreme[x]++;
          }
        }
      }
      for (int x = 0; x < evaluated.length; x++) {
        out.add(
            RowFactory.create(
                clusterId,
                "count",
                cl.code(),
                null,
                null,
                finite(reference[x]),
                c.adcode(evaluated[x]),
                extreme[x],
                valid[x]));
      }
      return out.iterator();
    }
  }
}
