package org.citycluster.report;

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
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * The visual report of one published run: a single self-contained HTML page (inline CSS and SVG, no
 * script, no external resource) with the map of the clusters, adjacency versus linkage per cluster,
 * and the key tables. Sections whose tables or columns the run did not publish (QAP results, {@code
 * cluster_pairs}, {@code boundary_candidates}) say so instead of failing.
 */
final class HtmlReport {

  /** The section headings, in page order (the browser test checks them). */
  static final List<String> HEADINGS =
      List.of(
          "Map of the clusters",
          "Adjacency versus linkage",
          "Mismatched pairs",
          "Boundary candidates",
          "Cluster metrics",
          "Clusters",
          "Data quality");

  private static final String QAP_R = "qap_r_trains_hsr";
  private static final String QAP_P = "qap_p_trains_hsr";

  private final PublishedRun run;
  private final StringBuilder html = new StringBuilder();
  private final WKBReader wkb = new WKBReader();

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

    head();
    summary(clusters, pairs, stats);

    section(HEADINGS.get(0));
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

    section(HEADINGS.get(1));
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

    section(HEADINGS.get(2));
    mismatched();

    section(HEADINGS.get(3));
    boundaryCandidates();

    section(HEADINGS.get(4));
    metricsTable(clusters, metrics, metricCols);

    section(HEADINGS.get(5));
    table(clusters.columns().stream().filter(c -> !c.equals("geometry")).toList(), clusters.rows());

    section(HEADINGS.get(6));
    if (run.has("dq_issues")) {
      PublishedRun.Rows dq =
          run.query(
              "SELECT source, problem, action, count(*) AS issues FROM {dq_issues} GROUP BY ALL"
                  + " ORDER BY issues DESC, source, problem LIMIT 40");
      table(dq.columns(), dq.rows());
    } else {
      note("dq_issues is not available in this run.");
    }
    footer();
    return html.toString();
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
        .append(CSS)
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
    html.append("<section>\n<h2>").append(esc(heading)).append("</h2>\n");
  }

  private void note(String text) {
    html.append("<p class=\"note\">").append(esc(text)).append("</p>\n");
  }

  private Geometry geometry(Object wkbValue) throws SQLException {
    byte[] bytes;
    if (wkbValue instanceof byte[] b) {
      bytes = b;
    } else if (wkbValue instanceof java.sql.Blob blob) {
      bytes = blob.getBytes(1, (int) blob.length());
    } else {
      return null;
    }
    try {
      return wkb.read(bytes);
    } catch (ParseException e) {
      throw new SQLException("invalid WKB geometry in the published table", e);
    }
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
    double w = Svg.width();
    double h = Svg.height();
    html.append("<figure>\n<svg class=\"map\" role=\"img\" viewBox=\"0 0 ")
        .append(num(w))
        .append(' ')
        .append(num(h))
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>Map of the ")
        .append(clusters.rows().size())
        .append(" clusters coloured by ")
        .append(esc(metricName))
        .append(
            "</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#eef3f7\"/>\n<g class=\"units\">");
    for (Map<String, Object> r : run.query("SELECT geometry FROM {cities}").rows()) {
      String d = Svg.path(geometry(r.get("geometry")), 0.05);
      if (!d.isEmpty()) {
        html.append("<path d=\"").append(d).append("\"/>");
      }
    }
    html.append("</g>\n<g class=\"clusters\">\n");
    StringBuilder labels = new StringBuilder();
    for (Map<String, Object> r : clusters.rows()) {
      Geometry g = geometry(r.get("geometry"));
      String id = (String) r.get("cluster_id");
      Double v = value.get(id);
      String fill =
          v == null || v.isNaN()
              ? "#bbbbbb"
              : Svg.colour((v - min) / (max - min == 0 ? 1 : max - min));
      html.append("<path fill=\"")
          .append(fill)
          .append("\" d=\"")
          .append(Svg.path(g, 0.02))
          .append("\"><title>")
          .append(esc(r.get("name_en")))
          .append(" (")
          .append(esc(r.get("name_zh")))
          .append("): ")
          .append(esc(metricName))
          .append(" = ")
          .append(esc(fmt(v)))
          .append("</title></path>\n");
      if (g != null && !g.isEmpty()) {
        Point p = g.getInteriorPoint();
        labels
            .append("<text x=\"")
            .append(num(Svg.x(p.getX())))
            .append("\" y=\"")
            .append(num(Svg.y(p.getY())))
            .append("\">")
            .append(esc(id))
            .append("</text>");
      }
    }
    html.append("</g>\n<g class=\"labels\">").append(labels).append("</g>\n");
    // legend
    double lx = 16;
    double ly = h - 40;
    html.append("<g class=\"legend\"><text x=\"")
        .append(num(lx))
        .append("\" y=\"")
        .append(num(ly - 8))
        .append("\">")
        .append(esc(metricName))
        .append("</text>");
    for (int i = 0; i < 10; i++) {
      html.append("<rect x=\"")
          .append(num(lx + i * 17))
          .append("\" y=\"")
          .append(num(ly))
          .append("\" width=\"17\" height=\"12\" fill=\"")
          .append(Svg.colour(i / 9.0))
          .append("\"/>");
    }
    html.append("<text x=\"")
        .append(num(lx))
        .append("\" y=\"")
        .append(num(ly + 26))
        .append("\">")
        .append(esc(fmt(min)))
        .append("</text><text x=\"")
        .append(num(lx + 170))
        .append("\" y=\"")
        .append(num(ly + 26))
        .append("\" text-anchor=\"end\">")
        .append(esc(fmt(max)))
        .append("</text></g>\n</svg>\n<figcaption>Clusters (union of their member units) over all")
        .append(" units, coloured by ")
        .append(esc(metricName))
        .append("; labels are cluster ids (see the Clusters table). Equirectangular lon/lat,")
        .append(" simplified; South China Sea islands outside the frame.</figcaption>\n")
        .append("</figure>\n");
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
    PublishedRun.Rows rows =
        run.query(
            "WITH n AS (SELECT adcode, name FROM {cities}) SELECT b.cluster_id, b.adcode, n.name,"
                + " b.candidate_type, b.* EXCLUDE (cluster_id, adcode, candidate_type) FROM"
                + " {boundary_candidates} b LEFT JOIN n USING (adcode) ORDER BY b.cluster_id,"
                + " b.candidate_type, b.adcode LIMIT 100");
    table(rows.columns().stream().filter(c -> !c.equals("geometry")).toList(), rows.rows());
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
    if (rows.isEmpty()) {
      html.append("<p class=\"muted\">(no rows)</p>\n");
      return;
    }
    html.append("<div class=\"scroll\"><table><thead><tr>");
    for (String c : columns) {
      html.append("<th>").append(esc(c)).append("</th>");
    }
    html.append("</tr></thead><tbody>\n");
    for (Map<String, Object> r : rows) {
      html.append("<tr>");
      for (String c : columns) {
        Object v = r.get(c);
        html.append(v instanceof Number ? "<td class=\"n\">" : "<td>")
            .append(esc(fmt(v)))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody></table></div>\n");
  }

  private void footer() {
    html.append("</main>\n<footer>Generated by <code>citycluster report</code> from the published")
        .append(" tables of this run. 行政区划数据来源：天地图 (Tianditu), 2024. Air routes:")
        .append(" OpenFlights (ODbL 1.0). Maps published in China need their own map review.")
        .append("</footer>\n</body>\n</html>\n");
  }

  static double asDouble(Object v) {
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** Short human formatting of a table cell or figure. */
  static String fmt(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d)) {
        return "–";
      }
      double a = Math.abs(d);
      if (a >= 1e9) {
        return String.format(Locale.ROOT, "%,.1f bn", d / 1e9);
      }
      if (a >= 100) {
        return String.format(Locale.ROOT, "%,.0f", d);
      }
      if (a >= 1) {
        return String.format(Locale.ROOT, "%.2f", d);
      }
      return String.format(Locale.ROOT, "%.3f", d);
    }
    if (v instanceof Long || v instanceof Integer || v instanceof java.math.BigInteger) {
      return String.format(Locale.ROOT, "%,d", ((Number) v).longValue());
    }
    return v.toString();
  }

  private static final String CSS =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC",sans-serif;
        margin:0;color:#1d2330;background:#fafbfc;line-height:1.45}
      header{background:#1f3b57;color:#fff;padding:18px 32px}
      header h1{margin:0 0 4px;font-size:26px}
      .sub{margin:0;opacity:.9} code{font-size:90%}
      main{max-width:1100px;margin:0 auto;padding:8px 32px 32px}
      section{margin-top:28px} h2{border-bottom:2px solid #1f3b57;padding-bottom:4px}
      h3{font-size:16px;margin:18px 0 6px}
      .cards{display:flex;gap:14px;flex-wrap:wrap;margin-top:18px}
      .card{background:#fff;border:1px solid #d8dee6;border-radius:6px;padding:10px 16px;
        min-width:170px;flex:1} .big{font-size:28px;font-weight:700;color:#1f3b57}
      figure{margin:0} figcaption{font-size:13px;color:#555;margin-top:4px}
      svg.map{width:100%;height:auto;border:1px solid #d8dee6;background:#fff}
      .units path{fill:#f4f1ea;stroke:#c9c3b6;stroke-width:.4;fill-rule:evenodd}
      .clusters path{stroke:#1d2330;stroke-width:.8;fill-opacity:.88;fill-rule:evenodd}
      .labels text{font-size:9px;font-weight:700;fill:#111;paint-order:stroke;stroke:#fff;
        stroke-width:2px;text-anchor:middle}
      .legend text{font-size:10px;fill:#333}
      svg.chart{width:100%;max-width:760px;height:auto;background:#fff;border:1px solid #d8dee6}
      .axis{stroke:#555;stroke-width:1} .tick,.lab{font-size:11px;fill:#333}
      circle.adj{fill:#d1495b;fill-opacity:.6} circle.nonadj{fill:#00798c;fill-opacity:.45}
      .dot{display:inline-block;width:10px;height:10px;border-radius:5px}
      .dot.adj{background:#d1495b} .dot.nonadj{background:#00798c}
      svg.bar{width:200px;height:14px;vertical-align:middle} .track{fill:#e8ecf0}
      rect.adj{fill:#d1495b} rect.nonadj{fill:#00798c} rect.qap{fill:#edae49}
      table{border-collapse:collapse;font-size:13px;background:#fff}
      th,td{border:1px solid #d8dee6;padding:3px 7px;text-align:left;white-space:nowrap}
      th{background:#eef2f6} td.n{text-align:right;font-variant-numeric:tabular-nums}
      .scroll{overflow-x:auto} .note{background:#fff7e0;border-left:4px solid #edae49;
        padding:6px 10px} .muted{color:#888}
      footer{max-width:1100px;margin:0 auto;padding:16px 32px;font-size:12px;color:#666}
      """;
}
