package org.citycluster.config;

import java.util.Locale;

/**
 * The unit level a run works at: one row of {@code cities} per prefecture- or county-level unit.
 */
public enum Level {
  PREFECTURE,
  COUNTY;

  /** Lower-case name as used in flags, config and the {@code level=} partition. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code prefecture} or {@code county}; the error names the option and allowed values. */
  public static Level parse(String option, String value) {
    for (Level level : values()) {
      if (level.id().equals(value == null ? null : value.trim().toLowerCase(Locale.ROOT))) {
        return level;
      }
    }
    throw new ConfigException(option, value, "prefecture, county");
  }
}
