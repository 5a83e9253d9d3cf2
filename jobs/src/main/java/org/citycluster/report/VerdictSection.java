package org.citycluster.report;

import static org.citycluster.report.Page.asDouble;
import static org.citycluster.report.Svg.esc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Geometry;

/**
 * The answer, at the top of the report: the verdict table (one row per cluster from {@code
 * cluster_verdicts}, headline linkage, with the best-matching contiguous functional region from
 * {@code plan_region_match}), a plain-words reading guide, then side by side the map of the
 * verdicts and the functional regions ({@link RegionSection}). Each part says "not available in
 * this run" when its table was not published (warehouses from before issue #14).
 */
final class VerdictSection {

  static final String VERDICTS = "Verdict per cluster";
  static final String VERDICT_MAP = "Map of the verdicts";
  static final String REGIONS = "Functional regions";

  /** The verdicts, best first, with their colours on the maps and in the table. */
  static final Map<String, String> VERDICT_COLOURS = verdictColours();

  private static Map<String, String> verdictColours() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("functionally_linked", "#2f9e44");
    m.put("adjacent_only", "#f0a830");
    m.put("neither", "#c92a2a");
    return java.util.Collections.unmodifiableMap(m);
  }

  private final Page page;
  private final PublishedRun run;
  private final PublishedRun.Rows clusters;
  private final Map<String, Map<String, Object>> clusterById = new LinkedHashMap<>();

  private VerdictSection(Page page, PublishedRun run, PublishedRun.Rows clusters) {
    this.page = page;
    this.run = run;
    this.clusters = clusters;
    for (Map<String, Object> c : clusters.rows()) {
      clusterById.put((String) c.get("cluster_id"), c);
    }
  }

  /**
   * Writes the three sections: {@link #VERDICTS}, then {@link #VERDICT_MAP} and {@link #REGIONS}
   * side by side.
   *
   * @param units every unit's geometry by adcode (for the grey layer and the regions map)
   */
  static void write(
      Page page, PublishedRun run, PublishedRun.Rows clusters, Map<String, Geometry> units)
      throws SQLException {
    new VerdictSection(page, run, clusters).write(units);
  }

  private void write(Map<String, Geometry> units) throws SQLException {
    List<Map<String, Object>> verdicts = headlineVerdicts();
    Map<String, Map<String, Object>> match = RegionSection.bestMatches(run);

    page.section(VERDICTS);
    if (verdicts.isEmpty()) {
      page.note(
          "cluster_verdicts is not available in this run: the verdicts (issue #14) were"
              + " published from later runs on. The sections below still compare adjacency with"
              + " linkage.");
    } else {
      headline(verdicts);
      verdictTable(verdicts, match);
      readingGuide(verdicts.get(0));
      otherLinkages();
    }

    page.closeSection();
    page.raw("<div class=\"pair\">\n");
    page.section(VERDICT_MAP);
    if (verdicts.isEmpty()) {
      page.note("cluster_verdicts is not available in this run.");
    } else {
      verdictMap(verdicts, units);
    }
    page.section(REGIONS);
    RegionSection.write(page, run, clusters, units, match);
    page.closeSection();
    page.raw("</div>\n");
  }

  // --- the verdict table ----------------------------------------------------------------------

  /** The headline row per cluster, best verdict first, then by p. */
  private List<Map<String, Object>> headlineVerdicts() throws SQLException {
    if (!run.has("cluster_verdicts")) {
      return List.of();
    }
    List<Map<String, Object>> rows =
        new ArrayList<>(
            run.query("SELECT * FROM {cluster_verdicts} WHERE is_verdict_linkage").rows());
    List<String> order = new ArrayList<>(VERDICT_COLOURS.keySet());
    rows.sort(
        Comparator.<Map<String, Object>>comparingInt(
                r -> {
                  int i = order.indexOf(r.get("verdict"));
                  return i < 0 ? order.size() : i;
                })
            .thenComparingDouble(r -> nanLast(asDouble(r.get("p"))))
            .thenComparing(r -> nameEn(r)));
    return rows;
  }

  private static double nanLast(double v) {
    return Double.isNaN(v) ? Double.MAX_VALUE : v;
  }

  private void headline(List<Map<String, Object>> verdicts) {
    Map<String, List<String>> byVerdict = new LinkedHashMap<>();
    for (String v : VERDICT_COLOURS.keySet()) {
      byVerdict.put(v, new ArrayList<>());
    }
    for (Map<String, Object> r : verdicts) {
      byVerdict.computeIfAbsent((String) r.get("verdict"), k -> new ArrayList<>()).add(nameEn(r));
    }
    page.raw("<p class=\"answer\">");
    List<String> parts = new ArrayList<>();
    for (var e : byVerdict.entrySet()) {
      int n = e.getValue().size();
      StringBuilder s = new StringBuilder();
      s.append("<b>")
          .append(n)
          .append(" of ")
          .append(verdicts.size())
          .append("</b> ")
          .append(n == 1 ? "is " : "are ")
          .append(badge(e.getKey()));
      if (n > 0 && n <= 3) {
        s.append(" (").append(esc(String.join(", ", e.getValue()))).append(')');
      }
      parts.add(s.toString());
    }
    page.raw("Of the planned clusters, ").raw(String.join("; ", parts)).raw(".</p>\n");
  }

  private void verdictTable(
      List<Map<String, Object>> verdicts, Map<String, Map<String, Object>> match) {
    page.raw(
        "<div class=\"scroll\"><table id=\"verdicts\" class=\"verdicts\"><thead><tr>"
            + "<th>cluster</th><th>verdict</th><th>excess residual</th><th>z</th><th>p</th>"
            + "<th>strongest outsider (affinity, p)</th>"
            + "<th>weakest member (affinity)</th><th>best-matching region</th><th>Jaccard</th>"
            + "</tr></thead><tbody>\n");
    for (Map<String, Object> r : verdicts) {
      String id = (String) r.get("cluster_id");
      page.raw("<tr><td><b>")
          .text(nameEn(r))
          .raw("</b> <span class=\"id\">")
          .text(id)
          .raw("</span><br><span class=\"zh\">")
          .text(nameZh(r))
          .raw("</span></td><td>")
          .raw(badge((String) r.get("verdict")))
          .raw("</td><td class=\"n\">")
          .text(signed(r.get("excess_residual")))
          .raw("</td><td class=\"n\">")
          .text(signed(r.get("z")))
          .raw("</td><td class=\"n\">")
          .text(p(r.get("p")));
      long samples = (long) asDouble(r.get("null_samples"));
      if (samples < (long) asDouble(r.get("null_samples_requested"))) {
        page.raw(" <span class=\"fig\">(").text(samples).raw(" sets)</span>");
      }
      page.raw("</td><td>");
      if (r.get("strongest_outsider_adcode") == null) {
        page.raw("<span class=\"muted\">none significant</span>");
      } else {
        page.text(unitName(r.get("strongest_outsider_name"), r.get("strongest_outsider_adcode")))
            .raw(" <span class=\"fig\">")
            .text(signed(r.get("strongest_outsider_affinity")))
            .raw(", p ")
            .text(p(r.get("strongest_outsider_p")))
            .raw("</span>");
      }
      page.raw("</td><td>");
      if (r.get("weakest_member_adcode") == null) {
        page.raw("<span class=\"muted\">–</span>");
      } else {
        page.text(unitName(r.get("weakest_member_name"), r.get("weakest_member_adcode")))
            .raw(" <span class=\"fig\">")
            .text(signed(r.get("weakest_member_affinity")))
            .raw("</span>");
        if (Boolean.TRUE.equals(r.get("weakest_member_is_weak"))) {
          page.raw(" <span class=\"weak\">weak</span>");
        }
      }
      page.raw("</td>");
      Map<String, Object> m = match.get(id);
      if (m == null || m.get("region_id") == null) {
        page.raw("<td class=\"muted\">")
            .text(match.isEmpty() ? "not available in this run" : "–")
            .raw("</td><td></td>");
      } else {
        page.raw("<td title=\"")
            .text(
                "region "
                    + m.get("region_id")
                    + ": "
                    + Page.fmt(m.get("region_size"))
                    + " units; members outside it "
                    + Page.fmt(m.get("members_outside"))
                    + ", other units inside it "
                    + Page.fmt(m.get("nonmembers_inside")))
            .raw("\">")
            .text(m.get("region_id"));
        if (m.get("region_core_name") != null) {
          page.raw(" <span class=\"fig\">").text(m.get("region_core_name")).raw("</span>");
        }
        page.raw("</td><td class=\"n\">").raw(jaccardBar(asDouble(m.get("jaccard")))).raw("</td>");
      }
      page.raw("</tr>\n");
    }
    page.raw("</tbody></table></div>\n");
  }

  private void readingGuide(Map<String, Object> any) {
    String linkage = String.valueOf(any.get("linkage"));
    String flow =
        switch (linkage) {
          case "trains_hsr" -> "direct high-speed trains a day";
          case "air" -> "airlines flying the route";
          default -> "direct trains a day";
        };
    String where =
        "national".equals(any.get("null_region"))
            ? "drawn anywhere in the country"
            : "drawn nearby, from the members' provinces (widened by rings of neighbouring units"
                + " when they hold too few)";
    page.raw("<p class=\"guide\"><b>How to read this.</b> One national gravity model predicts the ")
        .text(flow)
        .raw(
            " between every two units from their population, GDP and distance. The <b>excess"
                + " residual</b> is how far the cluster's member pairs lie above that prediction on"
                + " average, on a log scale of 1 + ")
        .text(flow.startsWith("airlines") ? "airlines" : "trains")
        .raw(" (0 = just as predicted, +0.69 = about twice as many). It is compared with ")
        .text(Page.fmt(any.get("null_samples_requested")))
        .raw(" random connected sets of as many units, ")
        .text(where)
        .raw(
            ": <b>z</b> says how many standard deviations the cluster lies above those random"
                + " sets, and <b>p</b> is the share of random sets linked at least as strongly"
                + " (small p = hard to get by chance). ")
        .raw(badge("functionally_linked"))
        .raw(": p ≤ ")
        .text(plain(any.get("alpha")))
        .raw(", its members are linked more than population, GDP and distance explain. ")
        .raw(badge("adjacent_only"))
        .raw(
            ": not significantly more linked, but the members form one contiguous block on the"
                + " map. ")
        .raw(badge("neither"))
        .raw(
            ": neither. The <b>strongest outsider</b> is the unit outside the plan most linked to"
                + " its members (shown only when it beats the random sets too); the <b>weakest"
                + " member</b> is the member least linked to the others (<span class=\"weak\">"
                + "weak</span>: an outlier below the other members). The <b>best-matching"
                + " region</b> is the contiguous functional region, found from the train network"
                + " alone, that overlaps the plan most (its core city in grey; hover for its size);"
                + " <b>Jaccard</b> = shared units ÷ units in either, 1 = the same units. Linkage: ")
        .text(linkage)
        .raw(".</p>\n");
  }

  /** The verdicts on the linkages other than the headline one, folded away. */
  private void otherLinkages() throws SQLException {
    PublishedRun.Rows rows =
        run.query(
            "SELECT cluster_id, linkage, verdict, p FROM {cluster_verdicts} WHERE NOT"
                + " is_verdict_linkage ORDER BY linkage, cluster_id");
    if (rows.rows().isEmpty()) {
      return;
    }
    Map<String, Map<String, Map<String, Object>>> byCluster = new TreeMap<>();
    List<String> linkages = new ArrayList<>();
    for (Map<String, Object> r : rows.rows()) {
      String l = (String) r.get("linkage");
      if (!linkages.contains(l)) {
        linkages.add(l);
      }
      byCluster.computeIfAbsent((String) r.get("cluster_id"), k -> new TreeMap<>()).put(l, r);
    }
    page.raw("<details><summary>The same test on the other linkages (")
        .text(String.join(", ", linkages))
        .raw(")</summary>\n<div class=\"scroll\"><table><thead><tr><th>cluster</th>");
    for (String l : linkages) {
      page.raw("<th>").text(l).raw("</th>");
    }
    page.raw("</tr></thead><tbody>\n");
    for (Map<String, Object> c : clusters.rows()) {
      Map<String, Map<String, Object>> per = byCluster.get(c.get("cluster_id"));
      if (per == null) {
        continue;
      }
      page.raw("<tr><td>").text(c.get("name_en")).raw("</td>");
      for (String l : linkages) {
        Map<String, Object> r = per.get(l);
        page.raw("<td>");
        if (r != null) {
          page.raw(badge((String) r.get("verdict")))
              .raw(" <span class=\"fig\">p ")
              .text(p(r.get("p")))
              .raw("</span>");
        }
        page.raw("</td>");
      }
      page.raw("</tr>\n");
    }
    page.raw("</tbody></table></div></details>\n");
  }

  // --- the maps -------------------------------------------------------------------------------

  private void verdictMap(List<Map<String, Object>> verdicts, Map<String, Geometry> units)
      throws SQLException {
    Map<String, Map<String, Object>> byId = new HashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String v : VERDICT_COLOURS.keySet()) {
      counts.put(v, 0);
    }
    for (Map<String, Object> r : verdicts) {
      byId.put((String) r.get("cluster_id"), r);
      counts.merge((String) r.get("verdict"), 1, Integer::sum);
    }
    List<ChinaMap.Shape> shapes = new ArrayList<>();
    for (Map<String, Object> c : clusters.rows()) {
      String id = (String) c.get("cluster_id");
      Map<String, Object> v = byId.get(id);
      String verdict = v == null ? null : (String) v.get("verdict");
      shapes.add(
          new ChinaMap.Shape(
              page.geometry(c.get("geometry")),
              VERDICT_COLOURS.getOrDefault(verdict, "#bbbbbb"),
              c.get("name_en")
                  + " ("
                  + c.get("name_zh")
                  + "): "
                  + (verdict == null ? "no verdict" : label(verdict))
                  + (v == null ? "" : ", p = " + p(v.get("p"))),
              id));
    }
    List<ChinaMap.Swatch> legend = new ArrayList<>();
    counts.forEach(
        (v, n) ->
            legend.add(new ChinaMap.Swatch(VERDICT_COLOURS.get(v), label(v) + " (" + n + ")")));
    page.raw(
        ChinaMap.figure(
            "map-verdicts",
            "Map of the " + clusters.rows().size() + " clusters coloured by their verdict",
            List.copyOf(units.values()),
            List.of(new ChinaMap.Layer("clusters", shapes, 0.02)),
            ChinaMap.swatchLegend(legend),
            "Clusters (union of their member units) coloured by the verdict of the table above;"
                + " labels are cluster ids (grey after each name in the table). Equirectangular"
                + " lon/lat, simplified; South China Sea islands outside the frame."));
  }

  // --- formatting -----------------------------------------------------------------------------

  private String nameEn(Map<String, Object> verdict) {
    Object n = verdict.get("cluster_name_en");
    if (n == null) {
      Map<String, Object> c = clusterById.get(verdict.get("cluster_id"));
      n = c == null ? verdict.get("cluster_id") : c.get("name_en");
    }
    return String.valueOf(n);
  }

  private String nameZh(Map<String, Object> verdict) {
    Object n = verdict.get("cluster_name_zh");
    if (n == null) {
      Map<String, Object> c = clusterById.get(verdict.get("cluster_id"));
      n = c == null ? "" : c.get("name_zh");
    }
    return n == null ? "" : n.toString();
  }

  private static String unitName(Object name, Object adcode) {
    return name == null ? String.valueOf(adcode) : name.toString();
  }

  /** "functionally_linked" -> "functionally linked". */
  static String label(String verdict) {
    return verdict == null ? "no verdict" : verdict.replace('_', ' ');
  }

  static String badge(String verdict) {
    return "<span class=\"verdict\" style=\"background:"
        + esc(VERDICT_COLOURS.getOrDefault(verdict, "#bbbbbb"))
        + "\">"
        + esc(label(verdict))
        + "</span>";
  }

  private static String signed(Object v) {
    double d = asDouble(v);
    return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%+.2f", d).replace('-', '−');
  }

  /** A number without trailing zeros (0.05, not 0.050). */
  private static String plain(Object v) {
    double d = asDouble(v);
    return Double.isNaN(d)
        ? "–"
        : java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  private static String p(Object v) {
    double d = asDouble(v);
    return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.3f", d);
  }

  private static String jaccardBar(double j) {
    if (Double.isNaN(j)) {
      return "–";
    }
    return "<svg class=\"jac\" viewBox=\"0 0 60 10\" xmlns=\"http://www.w3.org/2000/svg\">"
        + "<rect width=\"60\" height=\"10\" class=\"track\"/><rect class=\"jbar\" height=\"10\""
        + " width=\""
        + Svg.num(60 * Math.max(0, Math.min(1, j)))
        + "\"/></svg> "
        + String.format(Locale.ROOT, "%.2f", j);
  }
}
