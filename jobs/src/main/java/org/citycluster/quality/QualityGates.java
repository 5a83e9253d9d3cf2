package org.citycluster.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The quality gates a run must pass before anything is published. Plain Java: the pipeline measures
 * the {@link Facts}, this class compares them with the configured {@link Thresholds} and returns
 * one readable line per failed gate (empty when all passed).
 */
public final class QualityGates {

  /**
   * Configured gates ({@code gates.*} in {@code conf/citycluster.properties}).
   *
   * @param minStatsShare minimum share (0..1) of mainland units with statistics
   * @param uniqueAdcodes published units must have distinct adcodes
   * @param allClusterMembersMatched every plan member must match a unit of the run's level
   * @param maxQuarantinedShare maximum share (0..1) of boundary features quarantined
   * @param maxTextDecodingErrors maximum number of text fields that did not decode (GBK read as
   *     UTF-8)
   */
  public record Thresholds(
      double minStatsShare,
      boolean uniqueAdcodes,
      boolean allClusterMembersMatched,
      double maxQuarantinedShare,
      long maxTextDecodingErrors) {}

  /** What a run measured about its own outputs. */
  public record Facts(
      long features,
      long quarantinedFeatures,
      long mainlandUnits,
      long mainlandUnitsWithStats,
      long duplicateAdcodes,
      long unmatchedClusterMembers,
      long textDecodingErrors) {}

  private QualityGates() {}

  /** One line per failed gate, naming the gate option, the measured value and the threshold. */
  public static List<String> failures(Facts f, Thresholds t) {
    List<String> failed = new ArrayList<>();
    double statsShare =
        f.mainlandUnits() == 0 ? 0 : (double) f.mainlandUnitsWithStats() / f.mainlandUnits();
    if (statsShare < t.minStatsShare()) {
      failed.add(
          String.format(
              Locale.ROOT,
              "gates.min_stats_share: %d of %d mainland units (%.3f) have statistics, below %.3f",
              f.mainlandUnitsWithStats(),
              f.mainlandUnits(),
              statsShare,
              t.minStatsShare()));
    }
    if (t.uniqueAdcodes() && f.duplicateAdcodes() > 0) {
      failed.add("gates.unique_adcodes: " + f.duplicateAdcodes() + " duplicate adcodes in cities");
    }
    if (t.allClusterMembersMatched() && f.unmatchedClusterMembers() > 0) {
      failed.add(
          "gates.all_cluster_members_matched: "
              + f.unmatchedClusterMembers()
              + " plan members match no unit (see dq_issues, action 'unmatched')");
    }
    double quarantinedShare =
        f.features() == 0 ? 0 : (double) f.quarantinedFeatures() / f.features();
    if (quarantinedShare > t.maxQuarantinedShare()) {
      failed.add(
          String.format(
              Locale.ROOT,
              "gates.max_quarantined_share: %d of %d boundary features (%.3f) quarantined, above"
                  + " %.3f",
              f.quarantinedFeatures(),
              f.features(),
              quarantinedShare,
              t.maxQuarantinedShare()));
    }
    if (f.textDecodingErrors() > t.maxTextDecodingErrors()) {
      failed.add(
          "gates.max_text_decoding_errors: "
              + f.textDecodingErrors()
              + " text fields are not valid UTF-8 (GBK read as UTF-8?), above "
              + t.maxTextDecodingErrors());
    }
    return failed;
  }
}
