package org.citycluster.stages.diagnostics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.citycluster.diagnostics.BoundaryCandidateFinder;
import org.citycluster.diagnostics.ClusterDiagnostics;
import org.citycluster.diagnostics.MismatchLabeler;
import org.citycluster.metrics.Qap;

/**
 * One cluster's diagnostics as a Spark task: its {@link DiagnosticsContext} rows in, its {@code
 * cluster_metrics} row, {@code cluster_pairs}, raw-sum {@code boundary_candidates} and {@code
 * dq_issues} rows out ({@link DiagnosticsSchemas#TASK_OUTPUT}). Members are put in adcode order,
 * pairs in (adcode_a, adcode_b) order and outsiders in adcode order before anything is computed, so
 * the rows do not depend on how Spark partitioned the input; the QAP seed is the cluster's own
 * ({@link ClusterDiagnostics#qapSeed}). Memory: the member matrices, O(n²) doubles for n members.
 */
public final class ClusterDiagnosticsTask implements FlatMapGroupsFunction<String, Row, Row> {

  /**
   * What every task shares.
   *
   * @param permutations random QAP permutations for clusters of more than {@value Qap#EXACT_MAX_N}
   * @param seed base QAP seed
   * @param strongQuantile quantile of the member-pair values at or above which a link is strong
   * @param weakMemberFraction fraction of the median member's linkage below which a member is weak
   * @param candidateLinkage the {@code city_pairs} column measuring linkage
   * @param unitCount units of the run's level (distinct adcodes of {@code cities})
   * @param source {@code source} of the {@code dq_issues} rows
   */
  public record Plan(
      int permutations,
      long seed,
      double strongQuantile,
      double weakMemberFraction,
      String candidateLinkage,
      long unitCount,
      String source)
      implements Serializable {}

  private final Plan plan;

  public ClusterDiagnosticsTask(Plan plan) {
    this.plan = plan;
  }

  /** Tagged output rows, numbered in emission order. */
  private static final class Out {
    private final String cluster;
    private final List<Row> rows = new ArrayList<>();

    Out(String cluster) {
      this.cluster = cluster;
    }

    void add(String kind, Row value) {
      Object[] v = new Object[7];
      v[0] = cluster;
      v[1] = rows.size();
      v[2] = kind;
      int slot =
          switch (kind) {
            case DiagnosticsSchemas.METRIC -> 3;
            case DiagnosticsSchemas.PAIR -> 4;
            case DiagnosticsSchemas.CANDIDATE -> 5;
            default -> 6;
          };
      v[slot] = value;
      rows.add(RowFactory.create(v));
    }
  }

  @Override
  public Iterator<Row> call(String cluster, Iterator<Row> input) {
    List<Row> ms = new ArrayList<>();
    List<Row> pairs = new ArrayList<>();
    List<Row> outsiders = new ArrayList<>();
    while (input.hasNext()) {
      Row r = input.next();
      switch (r.<String>getAs("kind")) {
        case DiagnosticsContext.MEMBER -> ms.add(r);
        case DiagnosticsContext.PAIR -> pairs.add(r);
        case DiagnosticsContext.OUTSIDER -> outsiders.add(r);
        default -> throw new IllegalStateException("unknown context row kind " + r.getAs("kind"));
      }
    }
    Comparator<Row> byA = Comparator.comparing(r -> r.<String>getAs("a"));
    ms.sort(byA);
    pairs.sort(byA.thenComparing(r -> r.<String>getAs("b")));
    outsiders.sort(byA);
    Out out = new Out(cluster);
    analyse(cluster, ms, pairs, outsiders, out);
    return out.rows.iterator();
  }

  private void analyse(
      String cluster, List<Row> ms, List<Row> pairs, List<Row> outsiders, Out out) {
    int n = ms.size();
    Map<String, Integer> index = new HashMap<>();
    List<String> adcodes = new ArrayList<>();
    boolean[] core = new boolean[n];
    double[] population = new double[n];
    int inCities = 0;
    for (int i = 0; i < n; i++) {
      Row m = ms.get(i);
      index.put(m.getAs("a"), i);
      adcodes.add(m.getAs("a"));
      core[i] = m.<Boolean>getAs("core");
      Double p = m.getAs("population");
      population[i] = p == null ? Double.NaN : p;
      inCities += m.getAs("in_cities") != null ? 1 : 0;
    }
    long outsideUnits = Math.max(0, plan.unitCount() - inCities);
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
      int i = index.get(r.<String>getAs("a"));
      int j = index.get(r.<String>getAs("b"));
      boolean adjacent = "rook".equals(r.getAs("relation"));
      rook[i][j] = rook[j][i] = adjacent;
      w[i][j] = w[j][i] = r.<Double>getAs("w");
      set(linkages.get("trains_hsr"), i, j, r.<Integer>getAs("trains_hsr"));
      set(linkages.get("trains_all"), i, j, r.<Integer>getAs("trains_all"));
      set(linkages.get("air"), i, j, r.<Integer>getAs("air_airlines"));
      Double g = r.getAs("gravity");
      set(gravity, i, j, g == null ? Double.NaN : g);
    }
    long expected = (long) n * (n - 1) / 2;
    if (pairs.size() < expected) {
      out.add(
          DiagnosticsSchemas.ISSUE,
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
      String adcode = r.getAs("a");
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
            plan.permutations(),
            plan.seed(),
            plan.strongQuantile());
    for (String[] p : res.problems()) {
      out.add(DiagnosticsSchemas.ISSUE, issue(cluster, p[0], p[1], null));
    }
    out.add(DiagnosticsSchemas.METRIC, metricRow(cluster, res, outsideUnits, expected));

    if (res.strongThreshold() != null) {
      MismatchLabeler.Thresholds t =
          new MismatchLabeler.Thresholds(res.strongThreshold(), res.weakThreshold());
      for (Row r : pairs) {
        double x = r.<Double>getAs("w");
        boolean adjacent = "rook".equals(r.getAs("relation"));
        out.add(
            DiagnosticsSchemas.PAIR,
            RowFactory.create(
                cluster,
                r.getAs("a"),
                r.getAs("b"),
                MismatchLabeler.label(adjacent, x, t).code(),
                adjacent,
                r.getAs("relation"),
                r.getAs("contiguity_order"),
                r.getAs("centroid_distance_km"),
                plan.candidateLinkage(),
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

    for (Row m : ms) {
      names.put(m.getAs("a"), m.getAs("name"));
    }
    for (BoundaryCandidateFinder.Candidate c :
        BoundaryCandidateFinder.find(adcodes, w, rook, outs, plan.weakMemberFraction())) {
      Integer i = index.get(c.adcode());
      out.add(
          DiagnosticsSchemas.CANDIDATE,
          RowFactory.create(
              cluster,
              c.adcode(),
              names.get(c.adcode()),
              c.type(),
              c.rank(),
              i == null ? null : (core[i] ? "core" : "member"),
              plan.candidateLinkage(),
              c.linkage(),
              c.medianMemberLinkage(),
              c.ratioToMedian(),
              plan.weakMemberFraction(),
              c.linkedMembers(),
              c.rookNeighbours(),
              c.minContiguityOrder(),
              n));
    }
  }

  private Row metricRow(
      String cluster, ClusterDiagnostics.Result res, long outsideUnits, long memberPairs) {
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
                : (long) plan.permutations())
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
    v.add(plan.candidateLinkage());
    v.add(res.internalDensity());
    v.add(res.externalDensity());
    v.add(res.internalBinaryDensity());
    v.add(res.externalBinaryDensity());
    v.add(outsideUnits);
    // member_pairs is an int column of the published schema: more than 2^31−1 pairs (n > 65,536
    // members) fails loudly rather than wrapping
    v.add(Math.toIntExact(memberPairs));
    v.add(res.adjacentPairs());
    v.add(res.strongPairs());
    v.add(res.strongThreshold());
    v.add(res.weakThreshold());
    v.add(res.strongNonadjacentShare());
    v.add(res.weakAdjacentShare());
    return RowFactory.create(v.toArray());
  }

  private static void set(double[][] m, int i, int j, double x) {
    m[i][j] = x;
    m[j][i] = x;
  }

  private static long factorial(int n) {
    long f = 1;
    for (int k = 2; k <= n; k++) {
      f *= k;
    }
    return f;
  }

  private Row issue(String cluster, String field, String problem, String value) {
    return RowFactory.create(
        plan.source(), "cluster " + cluster, field, problem, "reported", value);
  }
}
