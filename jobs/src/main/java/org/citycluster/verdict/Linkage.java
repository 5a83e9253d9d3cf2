package org.citycluster.verdict;

import java.util.Locale;

/**
 * A linkage measure of the verdict: the {@code city_pairs} count column it reads and the network a
 * unit must be on for its pairs to enter the gravity fit.
 */
public enum Linkage {
  /**
   * All trains sharing two units ({@code city_pairs.trains_all}); on the network: a train calls.
   */
  TRAINS_ALL("trains_all"),
  /** G/D/C trains ({@code city_pairs.trains_hsr}); on the network: a G/D/C train calls. */
  TRAINS_HSR("trains_hsr"),
  /** Airlines flying between two units ({@code city_pairs.air_airlines}); on it: any route. */
  AIR("air");

  private final String code;

  Linkage(String code) {
    this.code = code;
  }

  /** The name used in tables and configuration. */
  public String code() {
    return code;
  }

  /** The {@code city_pairs} column holding the pair's count. */
  public String pairColumn() {
    return this == AIR ? "air_airlines" : code;
  }

  /** Parses {@link #code()}; IllegalArgumentException naming {@code option} otherwise. */
  public static Linkage parse(String option, String value) {
    for (Linkage l : values()) {
      if (l.code.equals(value == null ? null : value.trim().toLowerCase(Locale.ROOT))) {
        return l;
      }
    }
    throw new IllegalArgumentException(
        option + ": '" + value + "' is not one of trains_all, trains_hsr, air");
  }
}
