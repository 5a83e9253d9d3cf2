package org.citycluster.diagnostics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Units whose linkage disagrees with their membership.
 *
 * <p>The <b>linkage into the cluster</b> of a unit u is {@code L_u = Σ_{m member, m ≠ u} w_um}, the
 * sum of its pair values on the chosen linkage measure with the cluster's members (a member's own
 * pair with itself excluded, so a member sums over n − 1 partners and an outsider over n). With
 * {@code M} = the median of the members' {@code L} (type-7 median, see {@link MismatchLabeler}):
 *
 * <ul>
 *   <li>an <b>outsider</b> candidate is a non-member with {@code L > M} (strictly);
 *   <li>a <b>weak_member</b> candidate is a member with {@code L < weakMemberFraction · M}
 *       (strictly; with {@code M = 0} no member qualifies).
 * </ul>
 *
 * <p>Each candidate carries {@code L}, {@code M}, {@code L / M} (null when {@code M = 0}), the
 * number of members it has a positive link with and the number of members that are its rook
 * neighbours. Outsiders come first, by decreasing {@code L}, then weak members by increasing {@code
 * L}; ties by adcode. A cluster with fewer than 2 members has no median worth the name: no
 * candidates.
 */
public final class BoundaryCandidateFinder {

  /** {@code boundary_candidates.candidate_type}. */
  public static final String OUTSIDER = "outsider";

  public static final String WEAK_MEMBER = "weak_member";

  /**
   * A non-member's figures, aggregated over its pairs with the cluster's members.
   *
   * @param adcode the unit
   * @param linkage L, the sum of its values with the members
   * @param linkedMembers members with a positive value
   * @param rookNeighbours members that are its rook neighbours
   * @param minContiguityOrder smallest rook-graph hop count to a member, or null if unknown
   */
  public record Outsider(
      String adcode,
      double linkage,
      int linkedMembers,
      int rookNeighbours,
      Integer minContiguityOrder) {}

  /**
   * One candidate row.
   *
   * @param adcode the unit
   * @param type {@link #OUTSIDER} or {@link #WEAK_MEMBER}
   * @param linkage L
   * @param medianMemberLinkage M
   * @param ratioToMedian L / M, null when M = 0
   * @param linkedMembers members with a positive value with the unit
   * @param rookNeighbours members that are its rook neighbours
   * @param minContiguityOrder outsiders: smallest hop count to a member (null if unknown); members:
   *     null
   * @param rank 1-based rank within its type in this cluster (1 = strongest outsider, weakest
   *     member)
   */
  public record Candidate(
      String adcode,
      String type,
      double linkage,
      double medianMemberLinkage,
      Double ratioToMedian,
      int linkedMembers,
      int rookNeighbours,
      Integer minContiguityOrder,
      int rank) {}

  private BoundaryCandidateFinder() {}

  /** Members' linkage into the cluster: row sums of the member-pair matrix, diagonal excluded. */
  public static double[] memberLinkage(double[][] w) {
    int n = w.length;
    double[] l = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          l[i] += w[i][j];
        }
      }
    }
    return l;
  }

  /**
   * The candidates of one cluster.
   *
   * @param members member adcodes, in the order of the matrices
   * @param w member-pair values (symmetric, zero diagonal, finite, non-negative)
   * @param rook member-pair rook adjacency
   * @param outsiders aggregated non-members (those without any value may be omitted: they cannot be
   *     candidates)
   * @param weakMemberFraction the fraction of M below which a member is weak, in (0, 1]
   */
  public static List<Candidate> find(
      List<String> members,
      double[][] w,
      boolean[][] rook,
      List<Outsider> outsiders,
      double weakMemberFraction) {
    int n = members.size();
    if (w.length != n || rook.length != n) {
      throw new IllegalArgumentException("w and rook must be " + n + "×" + n);
    }
    if (!(weakMemberFraction > 0 && weakMemberFraction <= 1)) {
      throw new IllegalArgumentException(
          "weakMemberFraction must be in (0, 1], got " + weakMemberFraction);
    }
    List<Candidate> out = new ArrayList<>();
    if (n < 2) {
      return out;
    }
    double[] l = memberLinkage(w);
    double median = MismatchLabeler.quantile(l, 0.5);
    List<Outsider> strong = new ArrayList<>();
    for (Outsider o : outsiders) {
      if (o.linkage() > median) {
        strong.add(o);
      }
    }
    strong.sort(
        Comparator.comparingDouble(Outsider::linkage).reversed().thenComparing(Outsider::adcode));
    int rank = 0;
    for (Outsider o : strong) {
      out.add(
          new Candidate(
              o.adcode(),
              OUTSIDER,
              o.linkage(),
              median,
              ratio(o.linkage(), median),
              o.linkedMembers(),
              o.rookNeighbours(),
              o.minContiguityOrder(),
              ++rank));
    }
    List<Integer> weak = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (l[i] < weakMemberFraction * median) {
        weak.add(i);
      }
    }
    weak.sort(Comparator.<Integer>comparingDouble(i -> l[i]).thenComparing(members::get));
    rank = 0;
    for (int i : weak) {
      int linked = 0;
      int neighbours = 0;
      for (int j = 0; j < n; j++) {
        if (j != i) {
          linked += w[i][j] > 0 ? 1 : 0;
          neighbours += rook[i][j] ? 1 : 0;
        }
      }
      out.add(
          new Candidate(
              members.get(i),
              WEAK_MEMBER,
              l[i],
              median,
              ratio(l[i], median),
              linked,
              neighbours,
              null,
              ++rank));
    }
    return out;
  }

  private static Double ratio(double l, double median) {
    return median == 0 ? null : l / median;
  }
}
