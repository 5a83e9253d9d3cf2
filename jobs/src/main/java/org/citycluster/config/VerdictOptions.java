package org.citycluster.config;

import java.io.Serializable;
import java.util.Map;
import org.citycluster.verdict.Linkage;

/**
 * Options of the verdict stage (keys {@code verdict.*} and {@code candidates.*}), validated on
 * construction: a wrong value fails with a {@link ConfigException} naming the key. The defaults are
 * written once, in {@code conf/citycluster.properties}; {@link #defaults()} reads them from there.
 *
 * @param linkage the linkage whose p-value decides the verdict and ranks candidates ({@code
 *     verdict.linkage}: trains_all, trains_hsr or air)
 * @param nullSamples random connected sets drawn per cluster ({@code verdict.null_samples},
 *     1..99999)
 * @param seed base seed of the null samples, mixed with the cluster id ({@code verdict.seed})
 * @param alpha significance level of the verdict ({@code verdict.alpha}, in (0, 1))
 * @param nullRegion where null sets are grown: {@code provinces} (the provinces of the members,
 *     widened ring by ring in the rook graph until it holds {@code nullRegionMinFactor} times the
 *     members) or {@code national} ({@code verdict.null_region})
 * @param nullRegionMinFactor smallest neighbourhood, in multiples of the member count ({@code
 *     verdict.null_region_min_factor}, 1..100)
 * @param nullRegionMaxRings most rook rings added to reach that size ({@code
 *     verdict.null_region_max_rings}, 0..1000)
 * @param samplesPerTask null samples one Spark task draws ({@code verdict.samples_per_task},
 *     1..99999)
 * @param fitScope pairs the national gravity fit runs over: {@code all_pairs} (every pair of units
 *     on the network with a mass: exact, n² pairs) or {@code city_pairs} (the pairs of {@code
 *     city_pairs} only: linear in n with a bounded distance band, but biased towards near and
 *     linked pairs) ({@code verdict.fit_scope})
 * @param apportionMasses at a level with a parent (county), a unit without its own population and
 *     GDP gets its prefecture's, times its share of the prefecture's area (areal weighting, flagged
 *     per unit) ({@code verdict.apportion_masses})
 * @param candidateRule {@code affinity} (mean gravity residual with the members, against the null
 *     sets) or {@code raw_sum} (the diagnostics' sum of {@code diagnostics.candidate_linkage}) for
 *     {@code boundary_candidates} ({@code candidates.rule})
 * @param candidateAlpha largest permutation p-value of an outsider candidate ({@code
 *     candidates.alpha}, in (0, 1))
 * @param weakFenceMultiplier k of the weak-member fence {@code Q1 − k·IQR} ({@code
 *     candidates.weak_iqr_multiplier}, 0..10)
 */
public record VerdictOptions(
    Linkage linkage,
    int nullSamples,
    long seed,
    double alpha,
    String nullRegion,
    double nullRegionMinFactor,
    int nullRegionMaxRings,
    int samplesPerTask,
    String fitScope,
    boolean apportionMasses,
    String candidateRule,
    double candidateAlpha,
    double weakFenceMultiplier)
    implements Serializable {

  public static final String PROVINCES = "provinces";
  public static final String NATIONAL = "national";
  public static final String ALL_PAIRS = "all_pairs";
  public static final String CITY_PAIRS = "city_pairs";
  public static final String AFFINITY = "affinity";
  public static final String RAW_SUM = "raw_sum";

  public VerdictOptions {
    if (linkage == null) {
      throw new ConfigException("verdict.linkage", "null", "trains_all, trains_hsr, air");
    }
    range("verdict.null_samples", nullSamples, 1, 99_999);
    open("verdict.alpha", alpha);
    oneOf("verdict.null_region", nullRegion, PROVINCES, NATIONAL);
    if (!(nullRegionMinFactor >= 1 && nullRegionMinFactor <= 100)) {
      throw new ConfigException(
          "verdict.null_region_min_factor", String.valueOf(nullRegionMinFactor), "1..100");
    }
    range("verdict.null_region_max_rings", nullRegionMaxRings, 0, 1000);
    range("verdict.samples_per_task", samplesPerTask, 1, 99_999);
    oneOf("verdict.fit_scope", fitScope, ALL_PAIRS, CITY_PAIRS);
    oneOf("candidates.rule", candidateRule, AFFINITY, RAW_SUM);
    open("candidates.alpha", candidateAlpha);
    if (!(weakFenceMultiplier >= 0 && weakFenceMultiplier <= 10)) {
      throw new ConfigException(
          "candidates.weak_iqr_multiplier", String.valueOf(weakFenceMultiplier), "0..10");
    }
  }

  private static void range(String key, long v, long min, long max) {
    if (v < min || v > max) {
      throw new ConfigException(key, String.valueOf(v), min + ".." + max);
    }
  }

  private static void open(String key, double v) {
    if (!(v > 0 && v < 1)) {
      throw new ConfigException(key, String.valueOf(v), "a number in (0, 1)");
    }
  }

  private static void oneOf(String key, String v, String... allowed) {
    if (!java.util.List.of(allowed).contains(v)) {
      throw new ConfigException(key, v, String.join(", ", allowed));
    }
  }

  /** From the resolved configuration (every key present: defaults come from the properties). */
  public static VerdictOptions fromOptions(Map<String, String> o) {
    String linkage = o.get("verdict.linkage");
    Linkage l;
    try {
      l = Linkage.parse("verdict.linkage", linkage);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("verdict.linkage", linkage, "trains_all, trains_hsr, air");
    }
    return new VerdictOptions(
        l,
        (int) OptionValues.integer(o, "verdict.null_samples", -1),
        OptionValues.integer(o, "verdict.seed", 0),
        OptionValues.number(o, "verdict.alpha", Double.NaN),
        text(o, "verdict.null_region"),
        OptionValues.number(o, "verdict.null_region_min_factor", Double.NaN),
        (int) OptionValues.integer(o, "verdict.null_region_max_rings", -1),
        (int) OptionValues.integer(o, "verdict.samples_per_task", -1),
        text(o, "verdict.fit_scope"),
        bool(o, "verdict.apportion_masses"),
        text(o, "candidates.rule"),
        OptionValues.number(o, "candidates.alpha", Double.NaN),
        OptionValues.number(o, "candidates.weak_iqr_multiplier", Double.NaN));
  }

  /** The documented defaults ({@code conf/citycluster.properties}). */
  public static VerdictOptions defaults() {
    return fromOptions(PipelineConfig.defaults());
  }

  /** A copy with other null-sample figures (tests and the bench). */
  public VerdictOptions withNullSamples(int samples, int perTask) {
    return new VerdictOptions(
        linkage,
        samples,
        seed,
        alpha,
        nullRegion,
        nullRegionMinFactor,
        nullRegionMaxRings,
        perTask,
        fitScope,
        apportionMasses,
        candidateRule,
        candidateAlpha,
        weakFenceMultiplier);
  }

  static String text(Map<String, String> o, String key) {
    String v = o.get(key);
    return v == null ? null : v.trim();
  }

  static boolean bool(Map<String, String> o, String key) {
    String v = text(o, key);
    if (!"true".equals(v) && !"false".equals(v)) {
      throw new ConfigException(key, v, "true, false");
    }
    return Boolean.parseBoolean(v);
  }
}
