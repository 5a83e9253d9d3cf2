package org.citycluster.report;

import static org.citycluster.report.Page.asDouble;
import static org.citycluster.report.Page.percentPerYear;
import static org.citycluster.report.Svg.num;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * "Regional balance": the national Theil T of GDP per capita per statistics year split into its
 * between-groups part (each cluster, and the units in no cluster) and its within-groups part, as
 * inline SVG bars (from {@code inequality}); and per cluster the annualised growth of the cores
 * against the median member, census population and GDP (from {@code cluster_growth}). Each part
 * says "not available in this run" when its table was not published. The markup is {@code
 * report/balance.mustache} and {@code report/theil-chart.mustache}; this class builds their view
 * models and the chart's geometry.
 */
final class BalanceSection {

  static final String HEADING = "Regional balance";

  private static final String BETWEEN = "#1f3b57";
  private static final String WITHIN = "#8fb3d9";

  /** The view model of {@code report/balance.mustache}. */
  record Model(
      boolean theilMissing,
      boolean theilNoRows,
      String theilChart,
      boolean growthMissing,
      boolean growthNoRows,
      Growth growth) {}

  /** The view model of {@code report/theil-chart.mustache}. */
  record Chart(
      String w,
      String h,
      String left,
      String legend1,
      String legend2,
      String legend3,
      String betweenColour,
      String withinColour,
      List<Grid> grid,
      List<Year> years) {}

  /** A grid line with its tick label. */
  record Grid(String x, String y1, String y2, String ty, String label) {}

  /** One statistics year: its bars (none: no data), labels inside them and the total's label. */
  record Year(
      String year,
      String total,
      String between,
      String within,
      String units,
      String labelX,
      String textY,
      boolean noData,
      String noDataX,
      List<Rect> rects,
      List<InBar> inBars,
      String endX,
      String share) {}

  /** A bar. */
  record Rect(String cls, String x, String y, String width, String height, String fill) {}

  /** A value written inside its bar. */
  record InBar(String x, String y, String text, String colour) {}

  /** The growth table: its periods, rows and the caveats that occur. */
  record Growth(
      String popYears,
      String gdpYears,
      boolean hasGdp,
      List<GrowthRow> rows,
      boolean spans2020,
      boolean partialMembers) {}

  /** One cluster (or summary) row; gdp null when the run has no GDP growth. */
  record GrowthRow(
      boolean cluster, String name, String id, Cells population, Cells gdp, String caveats) {}

  /** Cores, median member and their gap (direction "up", "down" or ""). */
  record Cells(String core, String median, String direction, String gap) {}

  private BalanceSection() {}

  static Model model(PublishedRun run, PublishedRun.Rows clusters) throws SQLException {
    boolean theilMissing = !run.has("inequality");
    List<Map<String, Object>> years =
        theilMissing
            ? List.of()
            : run.query(
                    "SELECT stats_year, value, between, within, n_units, n_units_without_data FROM"
                        + " {inequality} WHERE scope = 'national' AND measure = 'theil_t' ORDER BY"
                        + " stats_year")
                .rows();
    boolean growthMissing = !run.has("cluster_growth");
    List<Map<String, Object>> growth =
        growthMissing
            ? List.of()
            : new ArrayList<>(run.query("SELECT * FROM {cluster_growth}").rows());
    return new Model(
        theilMissing,
        !theilMissing && years.isEmpty(),
        years.isEmpty() ? null : theilChart(years),
        growthMissing,
        !growthMissing && growth.isEmpty(),
        growth.isEmpty() ? null : growth(growth, clusters));
  }

  // --- the Theil T chart ----------------------------------------------------------------------

  /** Horizontal stacked bars, one per year: between (dark) and within (light), total at the end. */
  static String theilChart(List<Map<String, Object>> rows) {
    double left = 56;
    double barW = 420;
    double rowH = 30;
    double top = 34;
    double w = 640;
    double h = top + rowH * rows.size() + 30;
    double max = 0;
    for (Map<String, Object> r : rows) {
      max = Math.max(max, asDouble(r.get("value")));
    }
    if (!(max > 0)) {
      max = 1;
    }
    double tick = niceStep(max / 4);
    double axisMax = Math.ceil(max / tick) * tick;
    double bottom = top + rowH * rows.size();
    List<Grid> grid = new ArrayList<>();
    for (double t = 0; t <= axisMax + tick / 2; t += tick) {
      String x = num(left + barW * t / axisMax);
      grid.add(
          new Grid(
              x,
              num(top - 4),
              num(bottom),
              num(bottom + 14),
              String.format(Locale.ROOT, "%.2f", t)));
    }
    List<Year> years = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> r = rows.get(i);
      double total = asDouble(r.get("value"));
      double between = asDouble(r.get("between"));
      double within = asDouble(r.get("within"));
      double y = top + rowH * i + 4;
      double bh = rowH - 10;
      List<Rect> rects = new ArrayList<>();
      List<InBar> inBars = new ArrayList<>();
      double x = left;
      if (!Double.isNaN(between) && !Double.isNaN(within)) {
        double wb = barW * between / axisMax;
        double ww = barW * within / axisMax;
        rects.add(rect("between", x, y, wb, bh, BETWEEN));
        rects.add(rect("within", x + wb, y, ww, bh, WITHIN));
        if (wb > 40) {
          inBars.add(new InBar(num(x + wb / 2), num(y + bh / 2 + 4), fmt3(between), "#fff"));
        }
        if (ww > 40) {
          inBars.add(new InBar(num(x + wb + ww / 2), num(y + bh / 2 + 4), fmt3(within), "#1d2330"));
        }
      } else {
        rects.add(rect("total", x, y, barW * total / axisMax, bh, "#999"));
      }
      String share =
          Double.isNaN(between) || total == 0
              ? ""
              : String.format(Locale.ROOT, " (%.0f%% between)", 100 * between / total);
      years.add(
          new Year(
              String.valueOf(r.get("stats_year")),
              fmt3(total),
              fmt3(between),
              fmt3(within),
              Page.fmt(r.get("n_units")),
              num(left - 8),
              num(y + bh / 2 + 4),
              Double.isNaN(total),
              num(left + 4),
              rects,
              inBars,
              num(left + barW * total / axisMax + 6),
              share));
    }
    return Templates.render(
        "theil-chart",
        new Chart(
            num(w),
            num(h),
            num(left),
            num(left + 16),
            num(left + 230),
            num(left + 246),
            BETWEEN,
            WITHIN,
            grid,
            years));
  }

  private static Rect rect(String cls, double x, double y, double w, double h, String fill) {
    return new Rect(cls, num(x), num(y), num(Math.max(0, w)), num(h), fill);
  }

  /** 1, 2 or 5 times a power of ten, at least the given step. */
  static double niceStep(double raw) {
    if (!(raw > 0)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= raw * 0.999) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String fmt3(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
  }

  // --- the growth table -----------------------------------------------------------------------

  private static Growth growth(List<Map<String, Object>> rows, PublishedRun.Rows clusters) {
    Map<String, Map<String, Object>> byId = new HashMap<>();
    for (Map<String, Object> c : clusters.rows()) {
      byId.put((String) c.get("cluster_id"), c);
    }
    List<String> order = List.of("cluster", "all_clusters", "non_cluster", "national");
    rows.sort(
        Comparator.<Map<String, Object>>comparingInt(
                r -> {
                  int i = order.indexOf(r.get("scope_type"));
                  return i < 0 ? order.size() : i;
                })
            .thenComparingDouble(r -> -gapOrMin(r, "population")));
    boolean hasGdp =
        rows.stream()
            .anyMatch(
                r ->
                    r.get("core_gdp_growth_per_year") != null
                        || r.get("median_member_gdp_growth_per_year") != null);
    Map<String, Object> ref =
        rows.stream()
            .filter(r -> r.get("population_from_year") != null)
            .findFirst()
            .orElse(rows.get(0));
    Map<String, Object> gdpRef =
        rows.stream().filter(r -> r.get("gdp_from_year") != null).findFirst().orElse(rows.get(0));
    Set<String> caveats = new LinkedHashSet<>();
    List<GrowthRow> out = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      String scope = (String) r.get("scope");
      String type = (String) r.get("scope_type");
      boolean cluster = "cluster".equals(type);
      Map<String, Object> c = byId.get(scope);
      String name =
          cluster && c != null
              ? String.valueOf(c.get("name_en"))
              : switch (type == null ? "" : type) {
                case "all_clusters" -> "all clusters together";
                case "non_cluster" -> "units in no cluster";
                case "national" -> "national";
                default -> scope;
              };
      Object cav = r.get("caveats");
      out.add(
          new GrowthRow(
              cluster,
              name,
              scope,
              cells(r, "population"),
              hasGdp ? cells(r, "gdp") : null,
              cav == null ? "" : cav.toString().replace(";", ", ")));
      if (cav != null) {
        for (String s : cav.toString().split(";")) {
          caveats.add(s.trim());
        }
      }
    }
    return new Growth(
        years(ref, "population"),
        years(gdpRef, "gdp"),
        hasGdp,
        out,
        caveats.contains("spans_2020"),
        caveats.contains("partial_members"));
  }

  private static Cells cells(Map<String, Object> r, String variable) {
    double gap = gap(r, variable);
    return new Cells(
        percentPerYear(r.get("core_" + variable + "_growth_per_year")),
        percentPerYear(r.get("median_member_" + variable + "_growth_per_year")),
        Double.isNaN(gap) ? "" : gap > 0 ? "up" : "down",
        Double.isNaN(gap)
            ? ""
            : String.format(Locale.ROOT, "%+.2f pp", 100 * gap).replace('-', '\u2212'));
  }

  private static double gap(Map<String, Object> r, String variable) {
    return asDouble(r.get("core_" + variable + "_growth_per_year"))
        - asDouble(r.get("median_member_" + variable + "_growth_per_year"));
  }

  private static double gapOrMin(Map<String, Object> r, String variable) {
    double g = gap(r, variable);
    return Double.isNaN(g) ? -Double.MAX_VALUE : g;
  }

  private static String years(Map<String, Object> r, String variable) {
    Object from = r.get(variable + "_from_year");
    Object to = r.get(variable + "_to_year");
    return from == null || to == null ? "" : from + "→" + to;
  }
}
