package org.citycluster.config;

import java.util.Map;

/**
 * Parsing of optional numeric configuration values shared by the jobs' option records: an absent or
 * blank key takes the default; text that is not a number fails with a {@link ConfigException}
 * naming the key.
 */
public final class OptionValues {

  private OptionValues() {}

  public static double number(Map<String, String> o, String key, double fallback) {
    String v = o.get(key);
    try {
      return v == null || v.isBlank() ? fallback : Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, v, "a number");
    }
  }

  public static long integer(Map<String, String> o, String key, long fallback) {
    String v = o.get(key);
    try {
      return v == null || v.isBlank() ? fallback : Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, v, "an integer");
    }
  }

  /** As {@link #integer(Map, String, long)}, within {@code min..max} (inclusive). */
  public static long integer(Map<String, String> o, String key, long fallback, long min, long max) {
    long x = integer(o, key, fallback);
    if (x < min || x > max) {
      throw new ConfigException(key, o.get(key), min + ".." + max);
    }
    return x;
  }
}
