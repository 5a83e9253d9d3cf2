package org.citycluster.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.citycluster.dq.DqIssue;
import org.citycluster.io.CsvTable;
import org.citycluster.io.InputDataException;

/**
 * Resolves {@code city_stats.csv} (one row per adcode and year) to one {@link UnitStatistics} per
 * unit for a target year.
 *
 * <p>Each field group (population; GDP; the three sector shares together; the three employment
 * shares together) is taken from the target year when present, otherwise from the nearest year that
 * has it (on a tie, the earlier year), and every fallback is reported as a {@link DqIssue} with
 * action {@code fallback}. A unit with no value in any year gets null and an issue with action
 * {@code defaulted} naming the target year and the years it has rows for. Percentages in the file
 * become shares 0..1. Adcodes pass through {@link AdcodeAliases}. Non-numeric values, shares
 * outside 0..100, negative counts and duplicate (adcode, year) rows fail with an {@link
 * InputDataException} naming the line and field.
 */
public final class StatisticsResolver {

  /** Columns the statistics file must have. */
  public static final List<String> REQUIRED_COLUMNS =
      List.of(
          "adcode",
          "year",
          "population_census",
          "gdp_cny",
          "primary_share_pct",
          "secondary_share_pct",
          "tertiary_share_pct");

  private static final String[] SHARES = {
    "primary_share_pct", "secondary_share_pct", "tertiary_share_pct"
  };
  private static final String[] EMP_SHARES = {
    "emp_primary_share_pct", "emp_secondary_share_pct", "emp_tertiary_share_pct"
  };

  /** The resolved statistics by adcode, and the data-quality issues found while resolving. */
  public record Result(Map<String, UnitStatistics> byAdcode, List<DqIssue> issues) {}

  private StatisticsResolver() {}

  /** Resolves every unit of {@code table} for {@code targetYear}. */
  public static Result resolve(CsvTable table, int targetYear, AdcodeAliases aliases) {
    Map<String, TreeMap<Integer, CsvTable.Row>> byUnit = rowsByUnit(table, aliases);
    boolean hasEmployment = table.header().contains(EMP_SHARES[0]);
    Map<String, UnitStatistics> out = new HashMap<>();
    List<DqIssue> issues = new ArrayList<>();
    for (var unit : byUnit.entrySet()) {
      String adcode = unit.getKey();
      TreeMap<Integer, CsvTable.Row> years = unit.getValue();
      Pick pop = pick(table, adcode, years, targetYear, new String[] {"population_census"}, issues);
      Pick gdp = pick(table, adcode, years, targetYear, new String[] {"gdp_cny"}, issues);
      Pick shares = pick(table, adcode, years, targetYear, SHARES, issues);
      Pick emp =
          hasEmployment ? pick(table, adcode, years, targetYear, EMP_SHARES, issues) : Pick.NONE;
      out.put(
          adcode,
          new UnitStatistics(
              adcode,
              pop.values == null ? null : Math.round(pop.values[0]),
              pop.year,
              gdp.values == null ? null : gdp.values[0],
              gdp.year,
              share(shares, 0),
              share(shares, 1),
              share(shares, 2),
              shares.year,
              share(emp, 0),
              share(emp, 1),
              share(emp, 2),
              emp.year));
    }
    return new Result(out, issues);
  }

  /**
   * The rows of {@code table} by canonical adcode ({@link AdcodeAliases}) and year, in file order
   * of first appearance; fails on a code that is not 6 digits, an empty year or a duplicate
   * (adcode, year) row, naming the line.
   */
  static Map<String, TreeMap<Integer, CsvTable.Row>> rowsByUnit(
      CsvTable table, AdcodeAliases aliases) {
    Map<String, TreeMap<Integer, CsvTable.Row>> byUnit = new LinkedHashMap<>();
    for (CsvTable.Row row : table.rows()) {
      String adcode = aliases.canonical(row.get("adcode"));
      if (!adcode.matches("\\d{6}")) {
        throw new InputDataException(
            table.source(), "line " + row.line(), "adcode", "not a 6-digit code: '" + adcode + "'");
      }
      Double yearValue = row.getDouble("year");
      if (yearValue == null) {
        throw new InputDataException(table.source(), "line " + row.line(), "year", "empty");
      }
      int year = yearValue.intValue();
      CsvTable.Row previous = byUnit.computeIfAbsent(adcode, k -> new TreeMap<>()).put(year, row);
      if (previous != null) {
        throw new InputDataException(
            table.source(),
            "line " + row.line(),
            "adcode",
            "duplicate row for adcode "
                + adcode
                + " and year "
                + year
                + " (also line "
                + previous.line()
                + ")");
      }
    }
    return byUnit;
  }

  private record Pick(double[] values, Integer year) {
    static final Pick NONE = new Pick(null, null);
  }

  private static Double share(Pick pick, int i) {
    return pick.values == null ? null : pick.values[i] / 100.0;
  }

  /** The values of a field group from the target year or the nearest year with all of them. */
  private static Pick pick(
      CsvTable table,
      String adcode,
      TreeMap<Integer, CsvTable.Row> years,
      int targetYear,
      String[] fields,
      List<DqIssue> issues) {
    Integer bestYear = null;
    double[] best = null;
    for (var e : years.entrySet()) {
      double[] values = values(table, e.getValue(), fields);
      if (values == null) {
        continue;
      }
      int year = e.getKey();
      // iteration is in ascending year order, so a strict < keeps the earlier year on a tie
      if (bestYear == null || Math.abs(year - targetYear) < Math.abs(bestYear - targetYear)) {
        bestYear = year;
        best = values;
      }
    }
    String field = String.join("+", fields);
    if (bestYear == null) {
      issues.add(
          new DqIssue(
              table.source(),
              "adcode " + adcode,
              field,
              "no value for "
                  + targetYear
                  + " nor any other year (rows for "
                  + years.keySet()
                  + ")",
              "defaulted",
              "left null"));
      return Pick.NONE;
    }
    if (bestYear != targetYear) {
      issues.add(
          new DqIssue(
              table.source(),
              "adcode " + adcode,
              field,
              "no value for " + targetYear,
              "fallback",
              "used " + bestYear));
    }
    return new Pick(best, bestYear);
  }

  /**
   * The values of {@code fields} in {@code row}, or null when any is empty; a negative, non-finite
   * or (for {@code _pct} fields) above-100 value fails naming the line and field.
   */
  static double[] values(CsvTable table, CsvTable.Row row, String[] fields) {
    double[] values = new double[fields.length];
    for (int i = 0; i < fields.length; i++) {
      Double v = row.getDouble(fields[i]);
      if (v == null) {
        return null;
      }
      boolean isShare = fields[i].endsWith("_pct");
      if (v < 0 || (isShare && v > 100.0001) || !Double.isFinite(v)) {
        throw new InputDataException(
            table.source(),
            "line " + row.line(),
            fields[i],
            "out of range: " + v + (isShare ? " (expected 0..100)" : " (expected >= 0)"));
      }
      values[i] = v;
    }
    return values;
  }
}
