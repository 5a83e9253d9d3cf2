package org.citycluster.report;

import static org.citycluster.report.Page.asDouble;
import static org.citycluster.report.Page.percentPerYear;
import static org.citycluster.report.Svg.esc;
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
 * says "not available in this run" when its table was not published.
 */
final class BalanceSection {

  static final String HEADING = "Regional balance";

  private static final String BETWEEN = "#1f3b57";
  private static final String WITHIN = "#8fb3d9";

  private BalanceSection() {}

  static void write(Page page, PublishedRun run, PublishedRun.Rows clusters) throws SQLException {
    page.section(HEADING);
    page.raw(
        "<p>Do the clusters pull the country apart or together? The national inequality of GDP per"
            + " capita, split into the part <b>between</b> the clusters and the rest of the"
            + " country and the part <b>within</b> them; then whether each cluster's cores grow"
            + " faster than its typical member.</p>\n");
    theil(page, run);
    growth(page, run, clusters);
  }

  // --- the Theil T chart ----------------------------------------------------------------------

  private static void theil(Page page, PublishedRun run) throws SQLException {
    page.raw("<h3>National Theil T of GDP per capita: between and within the clusters</h3>\n");
    if (!run.has("inequality")) {
      page.note("inequality is not available in this run.");
      return;
    }
    List<Map<String, Object>> rows =
        run.query(
                "SELECT stats_year, value, between, within, n_units, n_units_without_data FROM"
                    + " {inequality} WHERE scope = 'national' AND measure = 'theil_t' ORDER BY"
                    + " stats_year")
            .rows();
    if (rows.isEmpty()) {
      page.note("inequality has no national Theil T rows in this run.");
      return;
    }
    page.raw(theilChart(rows));
    page.raw(
        "<p class=\"muted\">Theil T: 0 when GDP per capita is the same in every unit; it grows"
            + " with inequality (weights: GDP shares). Between = the inequality if every unit had"
            + " its group's average (groups: each cluster, a unit in several going to one, and the"
            + " units in no cluster); within = what is left inside the groups. The two add up to"
            + " the total.</p>\n");
  }

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
    StringBuilder b = new StringBuilder();
    b.append("<figure id=\"theil-chart\">\n<svg class=\"chart\" viewBox=\"0 0 ")
        .append(num(w))
        .append(' ')
        .append(num(h))
        .append("\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\n<title>National Theil T")
        .append(" of GDP per capita per year, between and within the clusters</title>\n");
    // legend
    b.append("<rect x=\"")
        .append(num(left))
        .append("\" y=\"8\" width=\"12\" height=\"12\" fill=\"")
        .append(BETWEEN)
        .append("\"/><text class=\"lab\" x=\"")
        .append(num(left + 16))
        .append("\" y=\"18\">between the clusters and the rest</text><rect x=\"")
        .append(num(left + 230))
        .append("\" y=\"8\" width=\"12\" height=\"12\" fill=\"")
        .append(WITHIN)
        .append("\"/><text class=\"lab\" x=\"")
        .append(num(left + 246))
        .append("\" y=\"18\">within them</text>\n");
    // grid and ticks
    double bottom = top + rowH * rows.size();
    for (double t = 0; t <= axisMax + tick / 2; t += tick) {
      double x = left + barW * t / axisMax;
      b.append("<line class=\"grid\" x1=\"")
          .append(num(x))
          .append("\" x2=\"")
          .append(num(x))
          .append("\" y1=\"")
          .append(num(top - 4))
          .append("\" y2=\"")
          .append(num(bottom))
          .append("\"/><text class=\"tick\" text-anchor=\"middle\" x=\"")
          .append(num(x))
          .append("\" y=\"")
          .append(num(bottom + 14))
          .append("\">")
          .append(esc(String.format(Locale.ROOT, "%.2f", t)))
          .append("</text>");
    }
    b.append('\n');
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> r = rows.get(i);
      double total = asDouble(r.get("value"));
      double between = asDouble(r.get("between"));
      double within = asDouble(r.get("within"));
      double y = top + rowH * i + 4;
      double bh = rowH - 10;
      b.append("<g class=\"year\"><title>")
          .append(esc(r.get("stats_year")))
          .append(": Theil T ")
          .append(esc(fmt3(total)))
          .append(" = between ")
          .append(esc(fmt3(between)))
          .append(" + within ")
          .append(esc(fmt3(within)))
          .append(", ")
          .append(esc(Page.fmt(r.get("n_units"))))
          .append(" units with GDP and population</title><text class=\"lab\" x=\"")
          .append(num(left - 8))
          .append("\" y=\"")
          .append(num(y + bh / 2 + 4))
          .append("\" text-anchor=\"end\">")
          .append(esc(r.get("stats_year")))
          .append("</text>");
      if (Double.isNaN(total)) {
        b.append("<text class=\"tick\" x=\"")
            .append(num(left + 4))
            .append("\" y=\"")
            .append(num(y + bh / 2 + 4))
            .append("\">no data</text></g>\n");
        continue;
      }
      double x = left;
      if (!Double.isNaN(between) && !Double.isNaN(within)) {
        double wb = barW * between / axisMax;
        double ww = barW * within / axisMax;
        b.append(rect("between", x, y, wb, bh, BETWEEN));
        b.append(rect("within", x + wb, y, ww, bh, WITHIN));
        if (wb > 40) {
          b.append(inBar(x + wb / 2, y + bh / 2 + 4, fmt3(between), "#fff"));
        }
        if (ww > 40) {
          b.append(inBar(x + wb + ww / 2, y + bh / 2 + 4, fmt3(within), "#1d2330"));
        }
      } else {
        b.append(rect("total", x, y, barW * total / axisMax, bh, "#999"));
      }
      double end = left + barW * total / axisMax;
      String share =
          Double.isNaN(between) || total == 0
              ? ""
              : String.format(Locale.ROOT, " (%.0f%% between)", 100 * between / total);
      b.append("<text class=\"lab\" x=\"")
          .append(num(end + 6))
          .append("\" y=\"")
          .append(num(y + bh / 2 + 4))
          .append("\">T = ")
          .append(esc(fmt3(total)))
          .append(esc(share))
          .append("</text></g>\n");
    }
    b.append("</svg>\n<figcaption>National Theil T of GDP per capita (GDP / census population)")
        .append(" per statistics year, with its exact between/within split.</figcaption>\n")
        .append("</figure>\n");
    return b.toString();
  }

  private static String rect(String cls, double x, double y, double w, double h, String fill) {
    return "<rect class=\""
        + cls
        + "\" x=\""
        + num(x)
        + "\" y=\""
        + num(y)
        + "\" width=\""
        + num(Math.max(0, w))
        + "\" height=\""
        + num(h)
        + "\" fill=\""
        + fill
        + "\"/>";
  }

  private static String inBar(double x, double y, String text, String colour) {
    return "<text class=\"tick\" text-anchor=\"middle\" fill=\""
        + colour
        + "\" style=\"fill:"
        + colour
        + "\" x=\""
        + num(x)
        + "\" y=\""
        + num(y)
        + "\">"
        + esc(text)
        + "</text>";
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

  private static void growth(Page page, PublishedRun run, PublishedRun.Rows clusters)
      throws SQLException {
    page.raw("<h3>Do the cores grow faster than their members?</h3>\n");
    if (!run.has("cluster_growth")) {
      page.note("cluster_growth is not available in this run.");
      return;
    }
    List<Map<String, Object>> rows =
        new ArrayList<>(run.query("SELECT * FROM {cluster_growth}").rows());
    if (rows.isEmpty()) {
      page.note("cluster_growth has no rows in this run.");
      return;
    }
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
    String popYears = years(ref, "population");
    Map<String, Object> gdpRef =
        rows.stream().filter(r -> r.get("gdp_from_year") != null).findFirst().orElse(rows.get(0));
    String gdpYears = years(gdpRef, "gdp");

    page.raw("<div class=\"scroll\"><table id=\"growth\" class=\"growth\"><thead><tr>")
        .raw("<th rowspan=\"2\">cluster</th><th colspan=\"3\">census population ")
        .text(popYears)
        .raw(", % a year</th>");
    if (hasGdp) {
      page.raw("<th colspan=\"3\">GDP ").text(gdpYears).raw(" (current prices), % a year</th>");
    }
    page.raw("<th rowspan=\"2\">caveats</th></tr>\n<tr>");
    for (int k = 0; k < (hasGdp ? 2 : 1); k++) {
      page.raw("<th>cores</th><th>median member</th><th>cores − median</th>");
    }
    page.raw("</tr></thead><tbody>\n");
    Set<String> caveats = new LinkedHashSet<>();
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
      page.raw(cluster ? "<tr>" : "<tr class=\"summary\">").raw("<td>").text(name);
      if (cluster) {
        page.raw(" <span class=\"id\">").text(scope).raw("</span>");
      }
      page.raw("</td>");
      cells(page, r, "population");
      if (hasGdp) {
        cells(page, r, "gdp");
      }
      Object cav = r.get("caveats");
      page.raw("<td class=\"fig\">").text(cav == null ? "" : cav.toString().replace(";", ", "));
      page.raw("</td></tr>\n");
      if (cav != null) {
        for (String s : cav.toString().split(";")) {
          caveats.add(s.trim());
        }
      }
    }
    page.raw("</tbody></table></div>\n");
    page.raw(
        "<p class=\"muted\">Annualised growth ln(end / start) / years. Cores: the cluster's core"
            + " cities together; median member: the median of the other members' own growth"
            + " (national and units in no cluster have no cores: the median of all their units)."
            + " Positive cores − median = the cores grow faster than the typical member.");
    if (caveats.contains("spans_2020")) {
      page.raw(
          " <b>spans_2020</b>: the GDP period includes 2020 (COVID year, and a revision of city"
              + " GDP accounting).");
    }
    if (caveats.contains("partial_members")) {
      page.raw(
          " <b>partial_members</b>: some members are only partly in the plan; their whole-unit"
              + " statistics overstate the cluster.");
    }
    page.raw("</p>\n");
  }

  private static void cells(Page page, Map<String, Object> r, String variable) {
    Object core = r.get("core_" + variable + "_growth_per_year");
    Object median = r.get("median_member_" + variable + "_growth_per_year");
    double gap = gap(r, variable);
    page.raw("<td class=\"n\">")
        .text(percentPerYear(core))
        .raw("</td><td class=\"n\">")
        .text(percentPerYear(median))
        .raw("</td><td class=\"n ")
        .raw(Double.isNaN(gap) ? "" : gap > 0 ? "up" : "down")
        .raw("\">")
        .text(
            Double.isNaN(gap)
                ? ""
                : String.format(Locale.ROOT, "%+.2f pp", 100 * gap).replace('-', '\u2212'))
        .raw("</td>");
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
