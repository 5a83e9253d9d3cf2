package org.citycluster.config;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Options of the regional-balance stage (issue #15: tables {@code inequality}, {@code convergence},
 * {@code cluster_growth}), validated on construction ({@link ConfigException} naming the option).
 *
 * @param years the statistics years the tables cover; empty = every year the statistics file holds.
 *     Key {@code stats.years}: {@code all} (default) or a comma list of years 1990..2100, each of
 *     which the file must hold ({@link #select}). Census years give population, GDP years GDP; the
 *     census population that divides a GDP year is taken even from an unlisted census year
 * @param multiMembership how a unit in several clusters is assigned to one group of the national
 *     decomposition; key {@code balance.multi_membership}, default {@code core_then_earliest}
 */
public record BalanceOptions(SortedSet<Integer> years, MultiMembership multiMembership)
    implements Serializable {

  public static final String YEARS_KEY = "stats.years";
  public static final String MULTI_MEMBERSHIP_KEY = "balance.multi_membership";

  /**
   * The rule that puts a unit listed in several clusters into one group of the national partition
   * {each cluster, the units in no cluster}. Per-cluster scopes always use all of a cluster's
   * members. Clusters without a plan year rank after every dated one; remaining ties go to the
   * smaller cluster id.
   */
  public enum MultiMembership {
    /** The cluster the unit is a core of, else the earliest plan year. */
    CORE_THEN_EARLIEST("core_then_earliest"),
    /** The earliest plan year, whatever the role. */
    EARLIEST("earliest");

    private final String id;

    MultiMembership(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    static MultiMembership parse(String value) {
      for (MultiMembership m : values()) {
        if (m.id.equals(value)) {
          return m;
        }
      }
      throw new ConfigException(
          MULTI_MEMBERSHIP_KEY,
          value,
          Arrays.stream(values()).map(MultiMembership::id).collect(Collectors.joining(", ")));
    }
  }

  public BalanceOptions {
    if (years == null) {
      throw new ConfigException(YEARS_KEY, null, "all, or a comma list of years 1990..2100");
    }
    for (int y : years) {
      if (y < 1990 || y > 2100) {
        throw new ConfigException(YEARS_KEY, years.toString(), "years 1990..2100");
      }
    }
    if (multiMembership == null) {
      throw new ConfigException(MULTI_MEMBERSHIP_KEY, null, "core_then_earliest, earliest");
    }
    years = Collections.unmodifiableSortedSet(new TreeSet<>(years));
  }

  /** Every year, core-then-earliest. */
  public static BalanceOptions defaults() {
    return new BalanceOptions(new TreeSet<>(), MultiMembership.CORE_THEN_EARLIEST);
  }

  /** From {@code stats.years} and {@code balance.multi_membership}; absent or blank = default. */
  public static BalanceOptions fromOptions(Map<String, String> o) {
    String m = o.get(MULTI_MEMBERSHIP_KEY);
    return new BalanceOptions(
        parseYears(o.get(YEARS_KEY)),
        m == null || m.isBlank()
            ? MultiMembership.CORE_THEN_EARLIEST
            : MultiMembership.parse(m.trim()));
  }

  /** True when every year of the file is covered. */
  public boolean allYears() {
    return years.isEmpty();
  }

  /**
   * The years to cover, given those the statistics file holds: all of them, or the listed ones,
   * each of which must be available (else a {@link ConfigException} naming {@code stats.years} and
   * the available years).
   */
  public SortedSet<Integer> select(SortedSet<Integer> available) {
    if (allYears()) {
      return Collections.unmodifiableSortedSet(new TreeSet<>(available));
    }
    if (!available.containsAll(years)) {
      throw new ConfigException(
          YEARS_KEY,
          years.stream().map(String::valueOf).collect(Collectors.joining(",")),
          "all, or a comma list of the years the statistics file holds: " + available);
    }
    return years;
  }

  private static SortedSet<Integer> parseYears(String value) {
    SortedSet<Integer> years = new TreeSet<>();
    if (value == null || value.isBlank() || value.trim().equals("all")) {
      return years;
    }
    for (String part : value.split(",")) {
      try {
        int y = Integer.parseInt(part.trim());
        if (y < 1990 || y > 2100) {
          throw new NumberFormatException();
        }
        years.add(y);
      } catch (NumberFormatException e) {
        throw new ConfigException(YEARS_KEY, value, "all, or a comma list of years 1990..2100");
      }
    }
    return years;
  }
}
