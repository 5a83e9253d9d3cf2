package org.citycluster.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.citycluster.dq.DqIssue;
import org.citycluster.io.CsvTable;

/**
 * Resolves {@code city_stats.csv} to one row per unit and statistics year, for every year the file
 * holds or a chosen subset: the time series behind the regional-balance tables (issue #15).
 *
 * <p>Same parsing, aliases and validation as {@link StatisticsResolver} (its {@code rowsByUnit} and
 * {@code values}): codes through {@link AdcodeAliases}, a non-6-digit code, empty year, duplicate
 * (adcode, year) row, non-numeric or negative value fails with an {@link
 * org.citycluster.io.InputDataException} naming the line and field. The single-year result of
 * {@link StatisticsResolver} is not affected.
 *
 * <p>Per unit and year:
 *
 * <ul>
 *   <li>{@code populationCensus} and {@code gdpCny} are the values observed in that year, never
 *       taken from another year: in a time series a substituted value would show up as growth. A
 *       unit without a value in a selected year where the file has that field (a census year for
 *       population, a GDP year for GDP) gets a dq row (adcode and year, field, action {@code
 *       excluded}).
 *   <li>{@code population} is the denominator of GDP per capita, by the resolver's fallback rule:
 *       the unit's census population of that year, else of the nearest year that has one (on a tie
 *       the earlier), over all years of the file (selected or not), with {@code populationYear}
 *       saying which. GDP years are not census years, so the denominator of 2019 and 2021 is the
 *       2020 census (the year's <i>reference census year</i>: the file's census year nearest to
 *       it). Only a unit whose denominator comes from another census year than the reference one
 *       gets a dq row (action {@code fallback}); the structural mapping is recorded in {@code
 *       populationYear}, not repeated for every unit.
 * </ul>
 */
public final class StatisticsSeries {

  /**
   * One unit in one statistics year.
   *
   * @param adcode canonical 6-digit adcode
   * @param year the statistics year
   * @param populationCensus census resident population observed in {@code year} (persons), or null
   * @param gdpCny GDP observed in {@code year} (CNY, current prices), or null
   * @param population the population for GDP per capita of {@code year} (persons): the census of
   *     {@code year} or of the nearest census year the unit has; null when it has none
   * @param populationYear the census year of {@code population}
   */
  public record UnitYear(
      String adcode,
      int year,
      Long populationCensus,
      Double gdpCny,
      Long population,
      Integer populationYear)
      implements Serializable {}

  /**
   * The resolved series.
   *
   * @param rows one row per unit of the file and selected year, sorted by adcode and year
   * @param years the selected years
   * @param censusYears selected years in which the file has any census population
   * @param gdpYears selected years in which the file has any GDP
   * @param issues gaps (action {@code excluded}) and denominator fallbacks ({@code fallback})
   */
  public record Result(
      List<UnitYear> rows,
      SortedSet<Integer> years,
      SortedSet<Integer> censusYears,
      SortedSet<Integer> gdpYears,
      List<DqIssue> issues) {}

  private static final String[] POPULATION = {"population_census"};
  private static final String[] GDP = {"gdp_cny"};

  private StatisticsSeries() {}

  /** Every year that {@code table} has a row for (validated as {@link #resolve} does). */
  public static SortedSet<Integer> yearsIn(CsvTable table, AdcodeAliases aliases) {
    SortedSet<Integer> years = new TreeSet<>();
    for (TreeMap<Integer, CsvTable.Row> unit :
        StatisticsResolver.rowsByUnit(table, aliases).values()) {
      years.addAll(unit.keySet());
    }
    return Collections.unmodifiableSortedSet(years);
  }

  /**
   * Resolves every unit of {@code table} for the {@code years} given (empty = every year of the
   * file). A year the file has no row for is an {@link IllegalArgumentException} naming {@code
   * years}; check the selection against {@link #yearsIn} first to report it as configuration.
   */
  public static Result resolve(CsvTable table, AdcodeAliases aliases, Set<Integer> years) {
    Map<String, TreeMap<Integer, CsvTable.Row>> byUnit =
        StatisticsResolver.rowsByUnit(table, aliases);
    SortedSet<Integer> fileYears = new TreeSet<>();
    SortedSet<Integer> fileCensusYears = new TreeSet<>();
    SortedSet<Integer> fileGdpYears = new TreeSet<>();
    // observed values by unit, then year (ascending)
    Map<String, TreeMap<Integer, Long>> population = new TreeMap<>();
    Map<String, TreeMap<Integer, Double>> gdp = new TreeMap<>();
    for (var unit : byUnit.entrySet()) {
      TreeMap<Integer, Long> p = new TreeMap<>();
      TreeMap<Integer, Double> g = new TreeMap<>();
      for (var y : unit.getValue().entrySet()) {
        fileYears.add(y.getKey());
        double[] pv = StatisticsResolver.values(table, y.getValue(), POPULATION);
        if (pv != null) {
          p.put(y.getKey(), Math.round(pv[0]));
          fileCensusYears.add(y.getKey());
        }
        double[] gv = StatisticsResolver.values(table, y.getValue(), GDP);
        if (gv != null) {
          g.put(y.getKey(), gv[0]);
          fileGdpYears.add(y.getKey());
        }
      }
      population.put(unit.getKey(), p);
      gdp.put(unit.getKey(), g);
    }
    SortedSet<Integer> selected = new TreeSet<>(years.isEmpty() ? fileYears : years);
    if (!fileYears.containsAll(selected)) {
      SortedSet<Integer> missing = new TreeSet<>(selected);
      missing.removeAll(fileYears);
      throw new IllegalArgumentException(
          "years: " + missing + " not in " + table.source() + " (it holds " + fileYears + ")");
    }
    SortedSet<Integer> censusYears = new TreeSet<>(selected);
    censusYears.retainAll(fileCensusYears);
    SortedSet<Integer> gdpYears = new TreeSet<>(selected);
    gdpYears.retainAll(fileGdpYears);

    List<UnitYear> rows = new ArrayList<>();
    List<DqIssue> issues = new ArrayList<>();
    for (String adcode : population.keySet()) {
      TreeMap<Integer, Long> p = population.get(adcode);
      TreeMap<Integer, Double> g = gdp.get(adcode);
      for (int year : selected) {
        Long observed = p.get(year);
        Double gdpValue = g.get(year);
        Integer denominatorYear = nearest(p.keySet(), year);
        Long denominator = denominatorYear == null ? null : p.get(denominatorYear);
        rows.add(new UnitYear(adcode, year, observed, gdpValue, denominator, denominatorYear));
        String record = "adcode " + adcode + ", year " + year;
        if (observed == null && censusYears.contains(year)) {
          issues.add(gap(table, record, "population_census", year));
        }
        if (gdpValue == null && gdpYears.contains(year)) {
          issues.add(gap(table, record, "gdp_cny", year));
        }
        if (gdpValue != null) {
          Integer reference = nearest(fileCensusYears, year);
          if (denominator == null) {
            issues.add(
                new DqIssue(
                    table.source(),
                    record,
                    "population_census",
                    "no value in any year: no GDP per capita for " + year,
                    "excluded",
                    "left out of the " + year + " GDP-per-capita measures (balance)"));
          } else if (!denominatorYear.equals(reference)) {
            issues.add(
                new DqIssue(
                    table.source(),
                    record,
                    "population_census",
                    "no value for " + reference + ", the census year of GDP per capita for " + year,
                    "fallback",
                    "used " + denominatorYear));
          }
        }
      }
    }
    return new Result(
        List.copyOf(rows),
        Collections.unmodifiableSortedSet(selected),
        Collections.unmodifiableSortedSet(censusYears),
        Collections.unmodifiableSortedSet(gdpYears),
        List.copyOf(issues));
  }

  private static DqIssue gap(CsvTable table, String record, String field, int year) {
    return new DqIssue(
        table.source(),
        record,
        field,
        "no value for " + year,
        "excluded",
        "left out of the " + year + " balance measures");
  }

  /** The year of {@code years} nearest to {@code target} (on a tie the earlier), or null. */
  private static Integer nearest(Set<Integer> years, int target) {
    Integer best = null;
    for (int y : new TreeSet<>(years)) {
      if (best == null || Math.abs(y - target) < Math.abs(best - target)) {
        best = y;
      }
    }
    return best;
  }
}
