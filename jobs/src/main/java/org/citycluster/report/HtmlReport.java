package org.citycluster.report;

import static org.citycluster.report.Page.asDouble;
import static org.citycluster.report.Page.fmt;
import static org.citycluster.report.Svg.esc;
import static org.citycluster.report.Svg.num;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.locationtech.jts.geom.Geometry;

/**
 * The visual report of one published run: a single self-contained HTML page (inline CSS and SVG, no
 * script, no external resource) that opens with the answer ({@link VerdictSection}: the verdict per
 * cluster, the map of the verdicts and the functional regions), then the map of the clusters,
 * adjacency versus linkage per cluster, mismatched pairs, boundary candidates, the regional balance
 * ({@link BalanceSection}) and the key tables. Sections whose tables or columns the run did not
 * publish (verdicts, regions, balance tables, QAP results, {@code cluster_pairs}, {@code
 * boundary_candidates}) say so instead of failing.
 */
final class HtmlReport {

  /** The section headings, in page order (the browser test checks them). */
  static final List<String> HEADINGS =
      List.of(
          VerdictSection.VERDICTS,
          VerdictSection.VERDICT_MAP,
          VerdictSection.REGIONS,
          "Map of the clusters",
          "Adjacency versus linkage",
          "Mismatched pairs",
          "Boundary candidates",
          BalanceSection.HEADING,
          "Cluster metrics",
          "Clusters",
          "Data quality");

  private static final String QAP_R = "qap_r_trains_hsr";
  private static final String QAP_P = "qap_p_trains_hsr";

  private final PublishedRun run;
  private final Page page = new Page();
  private final StringBuilder html = page.buffer();

  /** Every unit's geometry by adcode, for the grey layer of the maps. */
  private final Map<String, Geometry> units = new LinkedHashMap<>();

  private HtmlReport(PublishedRun run) {
    this.run = run;
  }

  /** Renders the page. */
  static String render(PublishedRun run) throws SQLException {
    return new HtmlReport(run).build();
  }

  /** Per-cluster figures of the member pairs. */
  private record PairStats(
      int pairs, int adjacent, int adjacentLinked, int nonAdjacent, int nonAdjacentLinked) {
    double linkedShare() {
      return pairs == 0 ? Double.NaN : (adjacentLinked + nonAdjacentLinked) / (double) pairs;
    }
  }

  private String build() throws SQLException {
    for (String t : List.of("clusters", "cities", "cluster_members", "city_pairs")) {
      if (!run.has(t)) {
        throw new SQLException(
            "no published table "
                + t
                + " for level "
                + run.level()
                + " and run date "
                + run.runDate()
                + "; published run dates: "
                + run.publishedDates(t));
      }
    }
    PublishedRun.Rows clusters =
        run.query(
            "SELECT cluster_id, name_en, name_zh, plan_year, n_members, n_partial, area_km2,"
                + " population, gdp_cny, geometry FROM {clusters} ORDER BY cluster_id");
    PublishedRun.Rows pairs =
        run.query(
            "WITH m AS (SELECT DISTINCT cluster_id, adcode FROM {cluster_members}) SELECT"
                + " a.cluster_id, p.adcode_a, p.adcode_b, p.relation, p.shared_border_km,"
                + " p.trains_all, p.trains_hsr FROM {city_pairs} p JOIN m a ON a.adcode ="
                + " p.adcode_a JOIN m b ON b.adcode = p.adcode_b AND b.cluster_id = a.cluster_id"
                + " ORDER BY a.cluster_id, p.adcode_a, p.adcode_b");
    Set<String> metricCols = run.columns("cluster_metrics");
    Map<String, Map<String, Object>> metrics = new LinkedHashMap<>();
    if (!metricCols.isEmpty()) {
      for (Map<String, Object> r : run.query("SELECT * FROM {cluster_metrics}").rows()) {
        metrics.put((String) r.get("cluster_id"), r);
      }
    }
    Map<String, PairStats> stats = pairStats(pairs);
    boolean hasQap = metricCols.contains(QAP_R);

    for (Map<String, Object> r : run.query("SELECT adcode, geometry FROM {cities}").rows()) {
      units.put((String) r.get("adcode"), page.geometry(r.get("geometry")));
    }

    head();
    VerdictSection.write(page, run, clusters, units);

    section(HEADINGS.get(3));
    summary(clusters, pairs, stats);
    Map<String, Double> value = new LinkedHashMap<>();
    String metricName;
    if (hasQap) {
      metricName = "QAP r, shared border vs high-speed trains";
      for (var e : metrics.entrySet()) {
        value.put(e.getKey(), asDouble(e.getValue().get(QAP_R)));
      }
    } else {
      metricName = "share of member pairs with a direct train";
      for (var e : stats.entrySet()) {
        value.put(e.getKey(), e.getValue().linkedShare());
      }
    }
    map(clusters, value, metricName);
    if (!hasQap) {
      note(
          "QAP results (column "
              + QAP_R
              + " of cluster_metrics) are not available in this run; the map shows the share"
              + " of member pairs with a direct train instead.");
    }

    section(HEADINGS.get(4));
    html.append(
        "<p>Each dot is a pair of units in the same cluster: the length of their shared border"
            + " against the number of direct trains a day between them. Functionally linked"
            + " clusters have many trains between non-neighbours too; merely adjacent ones have"
            + " borders without trains.</p>\n");
    scatter(pairs);
    linkBars(clusters, stats);
    if (hasQap) {
      qapBars(clusters, metrics, metricCols.contains(QAP_P));
    } else {
      note("QAP results are not available in this run (no " + QAP_R + " in cluster_metrics).");
    }

    section(HEADINGS.get(5));
    mismatched();

    section(HEADINGS.get(6));
    boundaryCandidates();

    BalanceSection.write(page, run, clusters);

    section(HEADINGS.get(8));
    metricsTable(clusters, metrics, metricCols);

    section(HEADINGS.get(9));
    table(clusters.columns().stream().filter(c -> !c.equals("geometry")).toList(), clusters.rows());

    section(HEADINGS.get(10));
    if (run.has("dq_issues")) {
      PublishedRun.Rows dq =
          run.query(
              "SELECT source, problem, action, count(*) AS issues FROM {dq_issues} GROUP BY ALL"
                  + " ORDER BY issues DESC, source, problem LIMIT 40");
      table(dq.columns(), dq.rows());
    } else {
      note("dq_issues is not available in this run.");
    }
    page.closeSection();
    footer();
    return page.toString();
  }

  private Map<String, PairStats> pairStats(PublishedRun.Rows pairs) {
    Map<String, int[]> acc = new TreeMap<>();
    for (Map<String, Object> r : pairs.rows()) {
      int[] a = acc.computeIfAbsent((String) r.get("cluster_id"), k -> new int[5]);
      boolean adjacent = !"none".equals(r.get("relation"));
      boolean linked = asDouble(r.get("trains_all")) > 0;
      a[0]++;
      if (adjacent) {
        a[1]++;
        a[2] += linked ? 1 : 0;
      } else {
        a[3]++;
        a[4] += linked ? 1 : 0;
      }
    }
    Map<String, PairStats> out = new LinkedHashMap<>();
    acc.forEach((k, a) -> out.put(k, new PairStats(a[0], a[1], a[2], a[3], a[4])));
    return out;
  }

  private void head() throws SQLException {
    String title = "citycluster report " + run.runDate() + " (" + run.level() + ")";
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(esc(title))
        .append("</title>\n<style>\n")
        .append(Style.CSS)
        .append("</style>\n</head>\n<body>\n<header>\n<h1>citycluster report</h1>\n")
        .append("<p class=\"sub\">Are China's planned city clusters functionally linked or merely")
        .append(" adjacent? Run date <b>")
        .append(esc(run.runDate()))
        .append("</b>, ")
        .append(esc(run.level()))
        .append(" level");
    if (run.has("run_manifest")) {
      List<Map<String, Object>> m =
          run.query("SELECT run_id, code_version, finished_at FROM {run_manifest}").rows();
      if (!m.isEmpty()) {
        html.append(" &middot; run <code>")
            .append(esc(m.get(0).get("run_id")))
            .append("</code> &middot; code ")
            .append(esc(m.get(0).get("code_version")));
      }
    }
    html.append(".</p>\n</header>\n<main>\n");
  }

  private void summary(
      PublishedRun.Rows clusters, PublishedRun.Rows pairs, Map<String, PairStats> stats) {
    int adjacent = 0;
    int adjacentLinked = 0;
    int nonAdjacent = 0;
    int nonAdjacentLinked = 0;
    for (PairStats s : stats.values()) {
      adjacent += s.adjacent();
      adjacentLinked += s.adjacentLinked();
      nonAdjacent += s.nonAdjacent();
      nonAdjacentLinked += s.nonAdjacentLinked();
    }
    html.append("<div class=\"cards\">\n");
    card(Integer.toString(clusters.rows().size()), "clusters");
    card(String.format(Locale.ROOT, "%,d", pairs.rows().size()), "member pairs");
    card(percent(adjacentLinked, adjacent), "of adjacent member pairs have a direct train");
    card(percent(nonAdjacentLinked, nonAdjacent), "of non-adjacent member pairs have one");
    html.append("</div>\n");
  }

  private void card(String big, String label) {
    html.append("<div class=\"card\"><div class=\"big\">")
        .append(esc(big))
        .append("</div><div>")
        .append(esc(label))
        .append("</div></div>\n");
  }

  private static String percent(int part, int whole) {
    return whole == 0 ? "–" : Math.round(100.0 * part / whole) + "%";
  }

  private void section(String heading) {
    page.section(heading);
  }

  private void note(String text) {
    page.note(text);
  }

  private void map(PublishedRun.Rows clusters, Map<String, Double> value, String metricName)
      throws SQLException {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : value.values()) {
      if (!Double.isNaN(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (min > max) {
      min = 0;
      max = 1;
    }
    List<ChinaMap.Shape> shapes = new ArrayList<>();
    for (Map<String, Object> r : clusters.rows()) {
      String id = (String) r.get("cluster_id");
      Double v = value.get(id);
      String fill =
          v == null || v.isNaN()
              ? "#bbbbbb"
              : Svg.colour((v - min) / (max - min == 0 ? 1 : max - min));
      shapes.add(
          new ChinaMap.Shape(
              page.geometry(r.get("geometry")),
              fill,
              r.get("name_en") + " (" + r.get("name_zh") + "): " + metricName + " = " + fmt(v),
              id));
    }
    html.append(
        ChinaMap.figure(
            "map-clusters",
            "Map of the " + clusters.rows().size() + " clusters coloured by " + metricName,
            List.copyOf(units.values()),
            List.of(new ChinaMap.Layer("clusters", shapes, 0.02)),
            ChinaMap.rampLegend(metricName, fmt(min), fmt(max)),
            "Clusters (union of their member units) over all units, coloured by "
                + metricName
                + "; labels are cluster ids (see the Clusters table). Equirectangular lon/lat,"
                + " simplified; South China Sea islands outside the frame."));
  }

  private void scatter(PublishedRun.Rows pairs) {
    double w = 560;
    double h = 340;
    double left = 56;
    double bottom = 40;
    double maxX = 1;
    double maxY = 1;
    for (Map<String, Object> r : pairs.rows()) {
      maxX = Math.max(maxX, asDouble(r.get("shared_border_km")));
      maxY = Math.max(maxY, asDouble(r.get("trains_all")));
    }
    double logMaxY = Math.log10(1 + maxY);
    double pw = w - left - 16;
    double ph = h - bottom - 16;
    html.append("<figure>\n<svg class=\"chart\" viewBox=\"0 0 ")
        .append(num(w))
        .append(' ')
        .append(num(h))
        .append("\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\n<title>Shared border")
        .append(" against direct trains for member pairs</title>\n");
    // axes and ticks
    html.append(
        String.format(
            Locale.ROOT,
            "<line class=\"axis\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>"
                + "<line class=\"axis\" x1=\"%s\" y1=\"16\" x2=\"%s\" y2=\"%s\"/>\n",
            num(left),
            num(16 + ph),
            num(left + pw),
            num(16 + ph),
            num(left),
            num(left),
            num(16 + ph)));
    for (int k = 0; k <= 4; k++) {
      double xv = maxX * k / 4;
      double px = left + pw * k / 4;
      html.append("<text class=\"tick\" x=\"")
          .append(num(px))
          .append("\" y=\"")
          .append(num(16 + ph + 14))
          .append("\" text-anchor=\"middle\">")
          .append(Math.round(xv))
          .append("</text>");
    }
    for (int t : new int[] {0, 1, 10, 100, 1000}) {
      if (t > maxY * 1.5 && t > 1) {
        break;
      }
      double py = 16 + ph - ph * Math.log10(1 + t) / logMaxY;
      html.append("<text class=\"tick\" x=\"")
          .append(num(left - 6))
          .append("\" y=\"")
          .append(num(py + 4))
          .append("\" text-anchor=\"end\">")
          .append(t)
          .append("</text>");
    }
    html.append("<text class=\"lab\" x=\"")
        .append(num(left + pw / 2))
        .append("\" y=\"")
        .append(num(h - 4))
        .append("\" text-anchor=\"middle\">shared border (km)</text>")
        .append("<text class=\"lab\" transform=\"translate(14,")
        .append(num(16 + ph / 2))
        .append(") rotate(-90)\" text-anchor=\"middle\">direct trains a day (log scale)</text>\n");
    for (Map<String, Object> r : pairs.rows()) {
      double xv = asDouble(r.get("shared_border_km"));
      double yv = asDouble(r.get("trains_all"));
      boolean adjacent = !"none".equals(r.get("relation"));
      html.append("<circle r=\"2.6\" class=\"")
          .append(adjacent ? "adj" : "nonadj")
          .append("\" cx=\"")
          .append(num(left + pw * xv / maxX))
          .append("\" cy=\"")
          .append(num(16 + ph - ph * Math.log10(1 + Math.max(0, yv)) / logMaxY))
          .append("\"><title>")
          .append(esc(r.get("cluster_id")))
          .append(": ")
          .append(esc(r.get("adcode_a")))
          .append("–")
          .append(esc(r.get("adcode_b")))
          .append(", ")
          .append(esc(fmt(xv)))
          .append(" km, ")
          .append(Math.round(yv))
          .append(" trains</title></circle>");
    }
    html.append("\n</svg>\n<figcaption><span class=\"dot adj\"></span> adjacent pair ")
        .append("<span class=\"dot nonadj\"></span> not adjacent (shared border 0)</figcaption>")
        .append("\n</figure>\n");
  }

  private void linkBars(PublishedRun.Rows clusters, Map<String, PairStats> stats) {
    html.append(
        "<h3>Share of member pairs with a direct train, adjacent and not adjacent</h3>\n"
            + "<table class=\"bars\"><thead><tr><th>cluster</th><th>adjacent pairs linked</th>"
            + "<th>non-adjacent pairs linked</th></tr></thead><tbody>\n");
    for (Map<String, Object> r : clusters.rows()) {
      PairStats s = stats.get(r.get("cluster_id"));
      if (s == null) {
        continue;
      }
      html.append("<tr><td>")
          .append(esc(r.get("name_en")))
          .append("</td><td>")
          .append(bar(s.adjacentLinked(), s.adjacent(), "adj"))
          .append("</td><td>")
          .append(bar(s.nonAdjacentLinked(), s.nonAdjacent(), "nonadj"))
          .append("</td></tr>\n");
    }
    html.append("</tbody></table>\n");
  }

  private static String bar(int part, int whole, String cls) {
    if (whole == 0) {
      return "<span class=\"muted\">no pairs</span>";
    }
    double share = (double) part / whole;
    return "<svg class=\"bar\" viewBox=\"0 0 200 14\" xmlns=\"http://www.w3.org/2000/svg\">"
        + "<rect width=\"200\" height=\"14\" class=\"track\"/><rect class=\""
        + cls
        + "\" height=\"14\" width=\""
        + num(200 * share)
        + "\"/></svg> "
        + part
        + " / "
        + whole;
  }

  private void qapBars(
      PublishedRun.Rows clusters, Map<String, Map<String, Object>> metrics, boolean hasP) {
    html.append(
        "<h3>QAP correlation of shared border and high-speed trains per cluster</h3>\n"
            + "<table class=\"bars\"><thead><tr><th>cluster</th><th>r (−1…1)</th>"
            + (hasP ? "<th>p</th>" : "")
            + "</tr></thead><tbody>\n");
    for (Map<String, Object> c : clusters.rows()) {
      Map<String, Object> m = metrics.get(c.get("cluster_id"));
      double r = m == null ? Double.NaN : asDouble(m.get(QAP_R));
      html.append("<tr><td>").append(esc(c.get("name_en"))).append("</td><td>");
      if (Double.isNaN(r)) {
        html.append("<span class=\"muted\">not measured</span>");
      } else {
        double x0 = 100;
        double x1 = 100 + 100 * Math.max(-1, Math.min(1, r));
        html.append(
                "<svg class=\"bar\" viewBox=\"0 0 200 14\" xmlns=\"http://www.w3.org/2000/svg\">")
            .append("<rect width=\"200\" height=\"14\" class=\"track\"/><rect class=\"qap\" x=\"")
            .append(num(Math.min(x0, x1)))
            .append("\" width=\"")
            .append(num(Math.abs(x1 - x0)))
            .append("\" height=\"14\"/><line x1=\"100\" x2=\"100\" y1=\"0\" y2=\"14\"")
            .append(" class=\"axis\"/></svg> ")
            .append(esc(fmt(r)));
      }
      html.append("</td>");
      if (hasP) {
        html.append("<td>").append(esc(fmt(m == null ? null : m.get(QAP_P)))).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody></table>\n");
  }

  private void mismatched() throws SQLException {
    if (!run.has("cluster_pairs")) {
      note(
          "cluster_pairs is not available in this run. Pairs that are adjacent without a direct"
              + " train, computed here from city_pairs:");
      PublishedRun.Rows rows =
          run.query(
              "WITH m AS (SELECT DISTINCT cluster_id, adcode FROM {cluster_members}),"
                  + " n AS (SELECT adcode, name FROM {cities}) SELECT a.cluster_id, p.adcode_a,"
                  + " na.name AS name_a, p.adcode_b, nb.name AS name_b, p.shared_border_km,"
                  + " p.trains_all FROM {city_pairs} p JOIN m a ON a.adcode = p.adcode_a JOIN m b"
                  + " ON b.adcode = p.adcode_b AND b.cluster_id = a.cluster_id JOIN n na ON"
                  + " na.adcode = p.adcode_a JOIN n nb ON nb.adcode = p.adcode_b WHERE p.relation"
                  + " <> 'none' AND p.trains_all = 0 ORDER BY p.shared_border_km DESC LIMIT 30");
      table(rows.columns(), rows.rows());
      return;
    }
    PublishedRun.Rows counts =
        run.query(
            "PIVOT (SELECT cluster_id, label FROM {cluster_pairs}) ON label USING count(*)"
                + " GROUP BY cluster_id ORDER BY cluster_id");
    html.append("<h3>Member pairs per cluster and label (from cluster_pairs)</h3>\n");
    table(counts.columns(), counts.rows());
    PublishedRun.Rows rows =
        run.query(
            "WITH n AS (SELECT adcode, name FROM {cities}) SELECT p.cluster_id, p.label,"
                + " p.adcode_a, na.name AS name_a, p.adcode_b, nb.name AS name_b FROM"
                + " {cluster_pairs} p LEFT JOIN n na ON na.adcode = p.adcode_a LEFT JOIN n nb ON"
                + " nb.adcode = p.adcode_b WHERE regexp_matches(p.label,"
                + " 'adjacent_weak|nonadjacent_strong|unlinked|not_linked|non_adjacent|not_adjacent|mismatch', 'i')"
                + " ORDER BY p.label, p.cluster_id, p.adcode_a, p.adcode_b LIMIT 80");
    html.append("<h3>Mismatched pairs (labels naming a mismatch; first 80)</h3>\n");
    table(rows.columns(), rows.rows());
  }

  private void boundaryCandidates() throws SQLException {
    if (!run.has("boundary_candidates")) {
      note("boundary_candidates is not available in this run.");
      return;
    }
    Set<String> cols = run.columns("boundary_candidates");
    if (cols.contains("affinity") && cols.contains("rank")) {
      affinityCandidates();
      return;
    }
    String exclude = cols.contains("name") ? "cluster_id, adcode, name" : "cluster_id, adcode";
    // ranked by affinity (or linkage) within the cluster and type when the run has the rank
    String rank = cols.contains("rank") ? " b.rank," : "";
    PublishedRun.Rows rows =
        run.query(
            "WITH n AS (SELECT adcode, name AS unit_name FROM {cities}) SELECT b.cluster_id,"
                + " b.adcode, coalesce("
                + (cols.contains("name") ? "b.name" : "NULL")
                + ", n.unit_name) AS name, b.candidate_type,"
                + rank
                + " b.* EXCLUDE ("
                + exclude
                + ", candidate_type"
                + (rank.isEmpty() ? "" : ", rank")
                + ") FROM {boundary_candidates} b LEFT JOIN n USING (adcode) ORDER BY"
                + " b.cluster_id, b.candidate_type,"
                + rank
                + " b.adcode LIMIT 100");
    table(rows.columns().stream().filter(c -> !c.equals("geometry")).toList(), rows.rows());
  }

  /** Candidates of the affinity rule (issue #14): the five strongest outsiders per cluster. */
  private void affinityCandidates() throws SQLException {
    int top = 5;
    PublishedRun.Rows rows =
        run.query(
            "WITH c AS (SELECT cluster_id, name_en FROM {clusters}) SELECT c.name_en AS cluster,"
                + " b.candidate_type, b.rank, b.adcode, b.name, b.role, b.affinity, b.affinity_p,"
                + " b.linkage_share, b.affinity_pairs, b.member_affinity_median, b.weak_fence,"
                + " b.rook_neighbours_in_cluster, b.min_contiguity_order, b.rule FROM"
                + " {boundary_candidates} b LEFT JOIN c USING (cluster_id) WHERE b.candidate_type"
                + " <> 'outsider' OR b.rank <= "
                + top
                + " ORDER BY cluster, b.candidate_type, b.rank");
    long outsiders =
        ((Number)
                run.query(
                        "SELECT count(*) AS n FROM {boundary_candidates} WHERE candidate_type ="
                            + " 'outsider'")
                    .rows()
                    .get(0)
                    .get("n"))
            .longValue();
    html.append(
            "<p>The affinity of a unit is its mean gravity residual with the members (how much"
                + " more it is linked to them than population, GDP and distance predict). An"
                + " <b>outsider</b> is a unit outside the plan with an affinity above the members'"
                + " median, a linkage_share at least the members' lower quartile of theirs, and"
                + " an affinity that beats the cluster's random sets (affinity_p); strongest"
                + " first, the first ")
        .append(top)
        .append(" per cluster shown (")
        .append(outsiders)
        .append(
            " outsiders in all). A <b>weak member</b> lies below the fence Q1 − 1.5 IQR of the"
                + " members' affinities. linkage_share: the share of the unit's own trains that"
                + " go to the members.</p>\n");
    table(rows.columns(), rows.rows());
  }

  private void metricsTable(
      PublishedRun.Rows clusters, Map<String, Map<String, Object>> metrics, Set<String> cols) {
    if (metrics.isEmpty()) {
      note("cluster_metrics is not available in this run.");
      return;
    }
    List<String> wanted = new ArrayList<>(List.of("cluster_id"));
    for (String c :
        List.of(
            "n_units",
            "rook_components",
            "queen_components",
            "internal_border_share",
            "adjacency_density",
            "polsby_popper",
            QAP_R,
            QAP_P,
            "qap_r_trains_all",
            "qap_r_air",
            "polycentricity_morphological",
            "polycentricity_functional",
            "primacy",
            "internal_density",
            "external_density")) {
      if (cols.contains(c)) {
        wanted.add(c);
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> c : clusters.rows()) {
      Map<String, Object> m = metrics.get(c.get("cluster_id"));
      if (m != null) {
        rows.add(m);
      }
    }
    table(wanted, rows);
  }

  private void table(List<String> columns, List<Map<String, Object>> rows) {
    page.table(columns, rows);
  }

  private void footer() {
    html.append("</main>\n<footer>Generated by <code>citycluster report</code> from the published")
        .append(" tables of this run. 行政区划数据来源：天地图 (Tianditu), 2024. Air routes:")
        .append(" OpenFlights (ODbL 1.0). Maps published in China need their own map review.")
        .append("</footer>\n</body>\n</html>\n");
  }
}
