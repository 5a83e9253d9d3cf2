package org.citycluster.config;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import org.citycluster.regions.LeidenRegions;

/**
 * Options of the functional-regions stage (keys {@code regions.*}), validated on construction: a
 * wrong value fails with a {@link ConfigException} naming the key. Defaults are written once, in
 * {@code conf/citycluster.properties}.
 *
 * @param weight the {@code city_pairs} column that weights the linkage network ({@code
 *     regions.weight}: trains_all, trains_hsr, air_airlines or linkage_index)
 * @param leiden resolution ({@code regions.resolution}, &gt; 0), random starts ({@code
 *     regions.random_starts}), iterations ({@code regions.iterations}) and seed ({@code
 *     regions.seed}) of the Leiden algorithm (modularity)
 * @param contiguousBaseWeight weight every rook edge carries in the contiguous variant on top of
 *     its linkage ({@code regions.contiguous_base_weight}, 0..1000): with 0, rook neighbours
 *     without a link are not connected and units off the network stay alone
 */
public record RegionsOptions(
    String weight, LeidenRegions.Options leiden, double contiguousBaseWeight)
    implements Serializable {

  /** Columns allowed as {@link #weight}. */
  public static final Set<String> WEIGHTS =
      Set.of("trains_all", "trains_hsr", "air_airlines", "linkage_index");

  public RegionsOptions {
    if (!WEIGHTS.contains(weight)) {
      throw new ConfigException(
          "regions.weight", weight, "one of " + new java.util.TreeSet<>(WEIGHTS));
    }
    if (leiden == null) {
      throw new ConfigException("regions.resolution", "null", "Leiden options");
    }
    if (!(contiguousBaseWeight >= 0 && contiguousBaseWeight <= 1000)) {
      throw new ConfigException(
          "regions.contiguous_base_weight", String.valueOf(contiguousBaseWeight), "0..1000");
    }
  }

  /** From the resolved configuration (every key present). */
  public static RegionsOptions fromOptions(Map<String, String> o) {
    LeidenRegions.Options leiden;
    try {
      leiden =
          new LeidenRegions.Options(
              OptionValues.number(o, "regions.resolution", Double.NaN),
              (int)
                  OptionValues.integer(
                      o, "regions.random_starts", -1, 1, LeidenRegions.MAX_RANDOM_STARTS),
              (int) OptionValues.integer(o, "regions.iterations", -1, 1, 1000),
              LeidenRegions.DEFAULT_RANDOMNESS,
              OptionValues.integer(o, "regions.seed", 0));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "regions.resolution",
          o.get("regions.resolution"),
          "a number > 0 (" + e.getMessage() + ")");
    }
    return new RegionsOptions(
        VerdictOptions.text(o, "regions.weight"),
        leiden,
        OptionValues.number(o, "regions.contiguous_base_weight", Double.NaN));
  }

  /** The documented defaults ({@code conf/citycluster.properties}). */
  public static RegionsOptions defaults() {
    return fromOptions(PipelineConfig.defaults());
  }
}
