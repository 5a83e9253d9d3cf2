package org.citycluster.verdict;

/**
 * The verdict on a cluster, by the default rule of {@code METRICS.md}: {@link #FUNCTIONALLY_LINKED}
 * when the excess linkage's p-value against the spatial null is at most α; otherwise {@link
 * #ADJACENT_ONLY} when the members form one rook component (members off the main landmass — island
 * units, Hainan, archipelagos — set aside); else {@link #NEITHER}. Without a p-value (too few
 * pairs, no null sample) the cluster is judged on adjacency alone.
 */
public enum Verdict {
  FUNCTIONALLY_LINKED("functionally_linked"),
  ADJACENT_ONLY("adjacent_only"),
  NEITHER("neither");

  private final String code;

  Verdict(String code) {
    this.code = code;
  }

  /** The value written to {@code cluster_verdicts.verdict}. */
  public String code() {
    return code;
  }

  /**
   * The rule.
   *
   * @param p the one-sided p-value of the excess linkage (NaN when not computed)
   * @param alpha significance level, in (0, 1)
   * @param rookComponents connected components of the members under rook contiguity, members off
   *     the main landmass aside (0 when none is on it)
   */
  public static Verdict decide(double p, double alpha, int rookComponents) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    if (rookComponents < 0) {
      throw new IllegalArgumentException("rookComponents must be >= 0, got " + rookComponents);
    }
    if (p <= alpha) {
      return FUNCTIONALLY_LINKED;
    }
    return rookComponents == 1 ? ADJACENT_ONLY : NEITHER;
  }
}
