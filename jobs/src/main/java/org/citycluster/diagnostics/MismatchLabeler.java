package org.citycluster.diagnostics;

import org.citycluster.metrics.Quantiles;

/**
 * Strong and weak links of a cluster and the adjacency-versus-linkage label of a member pair.
 *
 * <p>Over the values {@code w} of the cluster's n(n−1)/2 member pairs on the chosen linkage
 * measure:
 *
 * <ul>
 *   <li><b>strong</b>: {@code w > 0} and {@code w ≥ q_s}, where {@code q_s} is the {@code
 *       strongQuantile} quantile (default 0.75: the top quartile) of the member pairs' values;
 *   <li><b>weak</b>: {@code w == 0} or {@code w <} the median of the member pairs' values;
 *   <li><b>adjacent</b>: the pair is a rook neighbour pair ({@code relation = rook}; queen-only
 *       contacts count as not adjacent, as in the QAP adjacency matrix).
 * </ul>
 *
 * <p>Quantiles interpolate linearly between order statistics (Hyndman–Fan type 7, numpy's and R's
 * default): {@code h = (m − 1) q}, {@code Q = v_⌊h⌋ + (h − ⌊h⌋)(v_⌊h⌋+1 − v_⌊h⌋)} over the sorted
 * values {@code v_0..v_(m−1)}. A pair between the median and {@code q_s} is neither weak nor
 * strong. The labels are:
 *
 * <ul>
 *   <li>{@code adjacent_linked}: adjacent and not weak;
 *   <li>{@code adjacent_weak}: adjacent and weak (a neighbour linked in name only);
 *   <li>{@code nonadjacent_strong}: not adjacent and strong (linkage reaching beyond contiguity);
 *   <li>{@code neither}: not adjacent and not strong.
 * </ul>
 */
public final class MismatchLabeler {

  /** The four labels of {@code cluster_pairs.label}. */
  public enum Label {
    ADJACENT_LINKED("adjacent_linked"),
    ADJACENT_WEAK("adjacent_weak"),
    NONADJACENT_STRONG("nonadjacent_strong"),
    NEITHER("neither");

    private final String code;

    Label(String code) {
      this.code = code;
    }

    /** The value written to {@code cluster_pairs.label}. */
    public String code() {
      return code;
    }
  }

  /**
   * The cluster's thresholds.
   *
   * @param strong {@code q_s}: a positive value at or above it is strong
   * @param weak the median: a value below it (or zero) is weak
   */
  public record Thresholds(double strong, double weak) {

    public boolean isStrong(double w) {
      return w > 0 && w >= strong;
    }

    public boolean isWeak(double w) {
      return w == 0 || w < weak;
    }
  }

  private MismatchLabeler() {}

  /**
   * Thresholds from the member pairs' values (at least one, all finite and non-negative) and the
   * strong quantile in (0, 1).
   */
  public static Thresholds thresholds(double[] pairValues, double strongQuantile) {
    if (!(strongQuantile > 0 && strongQuantile < 1)) {
      throw new IllegalArgumentException("strongQuantile must be in (0, 1), got " + strongQuantile);
    }
    return new Thresholds(quantile(pairValues, strongQuantile), quantile(pairValues, 0.5));
  }

  /** Label of a pair from its adjacency and its value. */
  public static Label label(boolean adjacent, double w, Thresholds t) {
    if (adjacent) {
      return t.isWeak(w) ? Label.ADJACENT_WEAK : Label.ADJACENT_LINKED;
    }
    return t.isStrong(w) ? Label.NONADJACENT_STRONG : Label.NEITHER;
  }

  /** Type-7 quantile (linear interpolation) of finite, non-negative values; q in [0, 1]. */
  public static double quantile(double[] values, double q) {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException("values must not be empty");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i]) || values[i] < 0) {
        throw new IllegalArgumentException(
            "values[" + i + "] must be finite and non-negative, got " + values[i]);
      }
    }
    return Quantiles.type7(values, q);
  }
}
