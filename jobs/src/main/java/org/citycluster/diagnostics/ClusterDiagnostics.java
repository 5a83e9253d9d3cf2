package org.citycluster.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citycluster.metrics.NetworkStructure;
import org.citycluster.metrics.Qap;
import org.citycluster.metrics.Seeds;

/**
 * The figures of one cluster for {@code cluster_metrics} (issue #5), from its members' rook
 * adjacency, linkage matrices and populations. Members are indexed 0..n−1 in the caller's order
 * (sorted by adcode, so results do not depend on input order).
 *
 * <ul>
 *   <li><b>QAP</b> ({@link Qap#test}) of the binary rook adjacency matrix A against each linkage
 *       matrix F of {@link #LINKAGES}: r, one-sided p, raw Mantel Z; exact over all n! permutations
 *       for n ≤ {@value Qap#EXACT_MAX_N}, else {@code permutations} random ones seeded with {@link
 *       #qapSeed}. A member with a not-measured (NaN) value in F (gravity of a unit without
 *       statistics) is left out of that linkage's test, and reported. Null with a problem when
 *       fewer than 3 members remain, or when A or F is constant off the diagonal (e.g. all members
 *       mutually adjacent, or no air link at all). METRICS.md's example (path of 4, r = 0.92179, p
 *       = 2/24) is asserted in {@code QapTest} and, through this class, in {@code
 *       DiagnosticsEngineTest}.
 *   <li><b>Morphological polycentricity</b>: {@link NetworkStructure#rankSizeSlope} of the members'
 *       populations with k = min(4, n) (≤ 0; 0 = equal sizes = polycentric, −1 = Zipf). <b>Primacy
 *       </b>: {@link NetworkStructure#primacy} P1/P2 of the members' populations — the largest
 *       member whether or not the plan names it a core (whether it is one is reported, with the
 *       cores' population share); four-city primacy P1/(P2+P3+P4) when n ≥ 4. Null when a member
 *       lacks a population (or the largest k are not all positive).
 *   <li><b>Functional polycentricity</b>: the same slope of the members' weighted in-degrees in the
 *       symmetric linkage matrix W of the candidate measure restricted to the members ({@link
 *       NetworkStructure#functionalRankSizeSlope}; the incoming linkage from within the cluster), k
 *       = min(4, n); null when one of the k largest is 0. <b>Green's P_F</b>: {@link
 *       NetworkStructure#green} of W; null when W is all zero.
 *   <li><b>internal_density</b> = {@link NetworkStructure#weightedDensity}(W) = mean member-pair
 *       value / w_max, w_max the largest member-pair value (0 when all are 0). <b>external_density
 *       </b> = (Σ values of member–non-member pairs) / (n · m · w_max), m = number of non-member
 *       units of the run's level: the mean member–outsider value on the same scale, so the two are
 *       directly comparable (internal ≫ external = an inward-looking cluster); null when w_max = 0
 *       or m = 0. Binary densities (share of pairs with a positive value) are given for both.
 *   <li><b>strong_nonadjacent_share</b>: of the strong member pairs ({@link MismatchLabeler}), the
 *       share that are not rook adjacent; <b>weak_adjacent_share</b>: of the rook-adjacent member
 *       pairs, the share that are weak. Null when there is no strong, resp. adjacent, pair.
 * </ul>
 */
public final class ClusterDiagnostics {

  /** The QAP linkages, as in the column names {@code qap_r_<linkage>}. */
  public static final List<String> LINKAGES = List.of("trains_hsr", "trains_all", "air", "gravity");

  /**
   * One cluster's data.
   *
   * @param clusterId the cluster
   * @param adcodes members, in matrix order
   * @param core whether each member is a core city of the plan
   * @param population persons per member; NaN = unknown
   * @param rook member-pair rook adjacency (symmetric)
   * @param linkages per {@link #LINKAGES} name, the member-pair matrix (zero diagonal; NaN = not
   *     measured)
   * @param candidate member-pair matrix of the candidate linkage measure W (finite, non-negative)
   * @param externalLinkage Σ of the candidate measure over member–non-member pairs
   * @param externalLinkedPairs member–non-member pairs with a positive value
   * @param outsideUnits m, the units of the run's level that are not members
   */
  public record Input(
      String clusterId,
      List<String> adcodes,
      boolean[] core,
      double[] population,
      boolean[][] rook,
      Map<String, double[][]> linkages,
      double[][] candidate,
      double externalLinkage,
      long externalLinkedPairs,
      long outsideUnits) {}

  /** QAP outcome of one linkage; r, p, mantel null when not computed ({@code problem} says why). */
  public record QapOutcome(
      String linkage,
      Double r,
      Double p,
      Double mantel,
      Long permutations,
      Boolean exact,
      long seed,
      int members,
      String problem) {}

  /** The cluster's figures; null = not computable (see {@link #problems}). */
  public record Result(
      String clusterId,
      int n,
      Map<String, QapOutcome> qap,
      Integer rankSizeK,
      Double polycentricityMorphological,
      Double polycentricityFunctional,
      Double greenPf,
      Double primacy,
      Double primacyFour,
      String primateAdcode,
      Boolean primateIsCore,
      Double corePopulationShare,
      Double internalDensity,
      Double externalDensity,
      Double internalBinaryDensity,
      Double externalBinaryDensity,
      Double strongThreshold,
      Double weakThreshold,
      int adjacentPairs,
      int strongPairs,
      Double strongNonadjacentShare,
      Double weakAdjacentShare,
      List<String[]> problems) {}

  private ClusterDiagnostics() {}

  /**
   * The QAP seed of a cluster and linkage: {@code options seed} mixed with a 64-bit FNV-1a hash of
   * {@code clusterId + '/' + linkage} through SplitMix64's finaliser. Independent of JVM, run and
   * order of processing.
   */
  public static long qapSeed(long seed, String clusterId, String linkage) {
    return Seeds.derive(seed, clusterId + "/" + linkage);
  }

  /** Computes the figures of one cluster; problems are {field, text} pairs for dq_issues. */
  public static Result compute(Input in, int permutations, long seed, double strongQuantile) {
    int n = in.adcodes().size();
    List<String[]> problems = new ArrayList<>();
    Map<String, QapOutcome> qap = new LinkedHashMap<>();
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = i != j && in.rook()[i][j] ? 1.0 : 0.0;
      }
    }
    for (String linkage : LINKAGES) {
      long s = qapSeed(seed, in.clusterId(), linkage);
      double[][] f = in.linkages().get(linkage);
      if (n < 3 || f == null) {
        String problem =
            n < 3
                ? "cluster has " + n + " member(s); QAP needs at least 3"
                : linkage + " matrix not given";
        qap.put(linkage, new QapOutcome(linkage, null, null, null, null, null, s, 0, problem));
        problems.add(new String[] {"qap_r_" + linkage, problem});
        continue;
      }
      // drop members until every remaining pair has a value: each time the member with the most
      // missing values among those remaining (ties: the later one in member order)
      List<Integer> keep = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        keep.add(i);
      }
      List<String> dropped = new ArrayList<>();
      long missing = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          missing += Double.isNaN(f[i][j]) ? 1 : 0;
        }
      }
      while (true) {
        int worst = -1;
        int worstCount = 0;
        for (int i : keep) {
          int c = 0;
          for (int j : keep) {
            c += i != j && Double.isNaN(f[i][j]) ? 1 : 0;
          }
          if (c > 0 && c >= worstCount) {
            worst = i;
            worstCount = c;
          }
        }
        if (worst < 0) {
          break;
        }
        keep.remove(Integer.valueOf(worst));
        dropped.add(in.adcodes().get(worst));
      }
      String note =
          missing == 0
              ? null
              : linkage
                  + " not measured for "
                  + missing
                  + " member pair(s); members left out of its QAP: "
                  + dropped;
      if (keep.size() < 3) {
        String problem = note + "; fewer than 3 members remain";
        qap.put(
            linkage,
            new QapOutcome(linkage, null, null, null, null, null, s, keep.size(), problem));
        problems.add(new String[] {"qap_r_" + linkage, problem});
        continue;
      }
      if (note != null) {
        problems.add(new String[] {"qap_r_" + linkage, note});
      }
      double[][] as = sub(a, keep);
      Qap.Result r = Qap.test(as, sub(f, keep), permutations, s);
      if (Double.isNaN(r.r())) {
        String problem =
            "QAP undefined: "
                + (constant(as) ? "rook adjacency" : linkage)
                + " is constant over the member pairs";
        qap.put(
            linkage,
            new QapOutcome(linkage, null, null, r.mantel(), null, null, s, keep.size(), problem));
        problems.add(new String[] {"qap_r_" + linkage, problem});
      } else {
        qap.put(
            linkage,
            new QapOutcome(
                linkage,
                r.r(),
                r.p(),
                r.mantel(),
                r.permutations(),
                r.exact(),
                s,
                keep.size(),
                note));
      }
    }

    Integer k = n >= 2 ? Math.min(4, n) : null;
    Double morph = null;
    Double primacy = null;
    Double primacyFour = null;
    String primate = null;
    Boolean primateIsCore = null;
    Double coreShare = null;
    boolean allPopulations = n >= 2;
    for (double p : in.population()) {
      allPopulations &= Double.isFinite(p) && p >= 0;
    }
    if (allPopulations) {
      double total = 0;
      double cores = 0;
      int top = 0;
      for (int i = 0; i < n; i++) {
        double p = in.population()[i];
        total += p;
        cores += in.core()[i] ? p : 0;
        if (p > in.population()[top]) {
          top = i;
        }
      }
      primate = in.adcodes().get(top);
      primateIsCore = in.core()[top];
      coreShare = total > 0 ? cores / total : null;
      morph =
          guarded(
              problems,
              "polycentricity_morphological",
              () -> NetworkStructure.rankSizeSlope(in.population(), k));
      primacy = guarded(problems, "primacy", () -> NetworkStructure.primacy(in.population()));
      if (n >= 4) {
        primacyFour =
            guarded(
                problems, "primacy_four", () -> NetworkStructure.fourCityPrimacy(in.population()));
      }
    } else if (n >= 2) {
      problems.add(
          new String[] {
            "polycentricity_morphological", "a member lacks a population: morphology not computed"
          });
    }

    double[][] w = in.candidate();
    Double functional = null;
    Double green = null;
    Double internal = null;
    Double external = null;
    Double internalBinary = null;
    Double externalBinary = null;
    Double strongT = null;
    Double weakT = null;
    int adjacent = 0;
    int strong = 0;
    Double strongNonadjacent = null;
    Double weakAdjacent = null;
    if (n >= 2) {
      double max = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (i != j) {
            max = Math.max(max, w[i][j]);
          }
        }
      }
      if (max > 0) {
        functional =
            guarded(
                problems,
                "polycentricity_functional",
                () -> NetworkStructure.functionalRankSizeSlope(w, k));
        green = NetworkStructure.green(w).polycentricity();
      } else {
        problems.add(
            new String[] {
              "green_pf", "no positive link between members: functional measures not computed"
            });
      }
      internal = NetworkStructure.weightedDensity(w);
      internalBinary = NetworkStructure.binaryDensity(w);
      if (in.outsideUnits() > 0) {
        double pairs = (double) n * in.outsideUnits();
        external = max > 0 ? in.externalLinkage() / (pairs * max) : null;
        externalBinary = in.externalLinkedPairs() / pairs;
      }
      // n(n−1)/2 in long: the int product overflows from n = 46,341 members on
      double[] values = new double[Math.toIntExact((long) n * (n - 1) / 2)];
      int v = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          values[v++] = w[i][j];
        }
      }
      MismatchLabeler.Thresholds t = MismatchLabeler.thresholds(values, strongQuantile);
      strongT = t.strong();
      weakT = t.weak();
      int strongNonadj = 0;
      int weakAdj = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          boolean adj = in.rook()[i][j];
          adjacent += adj ? 1 : 0;
          if (t.isStrong(w[i][j])) {
            strong++;
            strongNonadj += adj ? 0 : 1;
          }
          weakAdj += adj && t.isWeak(w[i][j]) ? 1 : 0;
        }
      }
      strongNonadjacent = strong > 0 ? (double) strongNonadj / strong : null;
      weakAdjacent = adjacent > 0 ? (double) weakAdj / adjacent : null;
    }
    return new Result(
        in.clusterId(),
        n,
        qap,
        k,
        morph,
        functional,
        green,
        primacy,
        primacyFour,
        primate,
        primateIsCore,
        coreShare,
        internal,
        external,
        internalBinary,
        externalBinary,
        strongT,
        weakT,
        adjacent,
        strong,
        strongNonadjacent,
        weakAdjacent,
        List.copyOf(problems));
  }

  private static double[][] sub(double[][] m, List<Integer> keep) {
    double[][] out = new double[keep.size()][keep.size()];
    for (int i = 0; i < keep.size(); i++) {
      for (int j = 0; j < keep.size(); j++) {
        out[i][j] = m[keep.get(i)][keep.get(j)];
      }
    }
    return out;
  }

  private static boolean constant(double[][] m) {
    Double first = null;
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m.length; j++) {
        if (i != j) {
          if (first == null) {
            first = m[i][j];
          } else if (m[i][j] != first) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private interface Metric {
    double get();
  }

  private static Double guarded(List<String[]> problems, String field, Metric metric) {
    try {
      return metric.get();
    } catch (IllegalArgumentException e) {
      problems.add(new String[] {field, e.getMessage()});
      return null;
    }
  }
}
