package org.citycluster.verdict;

import org.citycluster.metrics.Quantiles;

/**
 * Which units are boundary candidates of a cluster, by affinity ({@code METRICS.md}): the members'
 * own affinities (each member's mean residual with the other members) make the reference
 * distribution.
 *
 * <ul>
 *   <li>An <b>outsider</b> is a candidate when its affinity exceeds the members' median
 *       <em>and</em> its permutation p-value against the null sets is at most α: it is more linked
 *       to the cluster than to random connected sets of the same size nearby. A national hub linked
 *       to everyone is linked to the null sets too, so its p-value stays large.
 *   <li>A member is <b>weak</b> when its affinity lies below Tukey's lower fence {@code Q1 − k ·
 *       (Q3 − Q1)} of the members' affinities (type-7 quartiles; k = 1.5 by default).
 * </ul>
 */
public final class CandidateRule {

  /**
   * Quartiles of the members' affinities, and the lower quartile of their shares (NaN when no
   * member has a share).
   */
  public record MemberDistribution(
      int members, double q1, double median, double q3, double shareQ1) {

    /** Tukey's lower fence with multiplier {@code k}. */
    public double lowerFence(double k) {
      return q1 - k * (q3 - q1);
    }
  }

  private CandidateRule() {}

  /**
   * The quartiles of the finite values of {@code memberAffinities} and the lower quartile of the
   * finite {@code memberShares}; null when no affinity is finite.
   */
  public static MemberDistribution distribution(double[] memberAffinities, double[] memberShares) {
    double[] finite = java.util.Arrays.stream(memberAffinities).filter(Double::isFinite).toArray();
    if (finite.length == 0) {
      return null;
    }
    double[] shares = java.util.Arrays.stream(memberShares).filter(Double::isFinite).toArray();
    return new MemberDistribution(
        finite.length,
        Quantiles.type7(finite, 0.25),
        Quantiles.type7(finite, 0.5),
        Quantiles.type7(finite, 0.75),
        shares.length == 0 ? Double.NaN : Quantiles.type7(shares, 0.25));
  }

  /**
   * Whether an outsider is worth a permutation test: its affinity above the members' median and its
   * share at least their lower quartile (any share when no member has one).
   */
  public static boolean worthTesting(double affinity, double share, MemberDistribution members) {
    return members != null
        && Double.isFinite(affinity)
        && affinity > members.median()
        && (Double.isNaN(members.shareQ1()) || share >= members.shareQ1());
  }

  /** The outsider rule: {@link #worthTesting} and {@code p ≤ alpha}. */
  public static boolean isOutsiderCandidate(
      double affinity, double share, double p, MemberDistribution members, double alpha) {
    return worthTesting(affinity, share, members) && p <= alpha;
  }

  /** The weak-member rule: below the members' lower fence with multiplier {@code k}. */
  public static boolean isWeakMember(double affinity, MemberDistribution members, double k) {
    return members != null && Double.isFinite(affinity) && affinity < members.lowerFence(k);
  }
}
