package org.citycluster.report;

import static org.citycluster.report.Page.asDouble;

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
 * this run" when its table was not published (warehouses from before issue #14). The markup is
 * {@code report/verdict.mustache}; this class builds its view model.
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

  /** The view model of {@code report/verdict.mustache}; verdicts null without the table. */
  record Model(Verdicts verdicts, String verdictMap, RegionSection.Model regions) {}

  /** The verdict table with its headline, reading guide and the other linkages. */
  record Verdicts(List<Part> headline, List<VerdictRow> rows, Guide guide, Others others) {}

  /** One verdict of the headline: "n of total are BADGE (names)". */
  record Part(boolean first, int n, int total, boolean one, Badge badge, String names) {}

  /** A verdict badge: its colour and words. */
  record Badge(String colour, String label) {
    static Badge of(String verdict) {
      return new Badge(
          VERDICT_COLOURS.getOrDefault(verdict, "#bbbbbb"), VerdictSection.label(verdict));
    }
  }

  /** One row of the verdict table. */
  record VerdictRow(
      String nameEn,
      String id,
      String nameZh,
      Badge badge,
      String excess,
      String z,
      String p,
      String sets,
      Unit outsider,
      Unit weakest,
      boolean weak,
      Region region,
      boolean matchMissing) {}

  /** A unit named in the table, with its figures ("+0.52, p 0.010" or "+0.12"). */
  record Unit(String name, String affinity, String p) {}

  /** The best-matching region of a row, its hover text, core and Jaccard bar. */
  record Region(String title, String id, String core, Jaccard jaccard) {}

  /** The Jaccard bar: its width (0..60 px) and value. */
  record Jaccard(String width, String value) {}

  /** The facts the reading guide depends on. */
  record Guide(
      boolean hsr,
      boolean air,
      boolean national,
      String samples,
      String alpha,
      String linkage,
      Badge linked,
      Badge adjacentOnly,
      Badge neither) {}

  /** The verdicts on the linkages other than the headline one. */
  record Others(String linkages, List<String> columns, List<OtherRow> rows) {}

  /** One cluster's verdicts on the other linkages, a cell per linkage (badge null: none). */
  record OtherRow(String name, List<OtherCell> cells) {}

  /** One verdict on another linkage. */
  record OtherCell(Badge badge, String p) {}

  private final PublishedRun run;
  private final PublishedRun.Rows clusters;
  private final Map<String, Map<String, Object>> clusterById = new LinkedHashMap<>();

  private VerdictSection(PublishedRun run, PublishedRun.Rows clusters) {
    this.run = run;
    this.clusters = clusters;
    for (Map<String, Object> c : clusters.rows()) {
      clusterById.put((String) c.get("cluster_id"), c);
    }
  }

  /**
   * The model of the three sections: {@link #VERDICTS}, then {@link #VERDICT_MAP} and {@link
   * #REGIONS} side by side.
   *
   * @param units every unit's geometry by adcode (for the grey layer and the regions map)
   */
  static Model model(PublishedRun run, PublishedRun.Rows clusters, Map<String, Geometry> units)
      throws SQLException {
    return new VerdictSection(run, clusters).model(units);
  }

  private Model model(Map<String, Geometry> units) throws SQLException {
    List<Map<String, Object>> verdicts = headlineVerdicts();
    Map<String, Map<String, Object>> match = RegionSection.bestMatches(run);
    RegionSection.Model regions = RegionSection.model(run, clusters, units, match);
    if (verdicts.isEmpty()) {
      return new Model(null, null, regions);
    }
    return new Model(
        new Verdicts(
            headline(verdicts), rows(verdicts, match), guide(verdicts.get(0)), otherLinkages()),
        verdictMap(verdicts, units),
        regions);
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

  private List<Part> headline(List<Map<String, Object>> verdicts) {
    Map<String, List<String>> byVerdict = new LinkedHashMap<>();
    for (String v : VERDICT_COLOURS.keySet()) {
      byVerdict.put(v, new ArrayList<>());
    }
    for (Map<String, Object> r : verdicts) {
      byVerdict.computeIfAbsent((String) r.get("verdict"), k -> new ArrayList<>()).add(nameEn(r));
    }
    List<Part> parts = new ArrayList<>();
    for (var e : byVerdict.entrySet()) {
      int n = e.getValue().size();
      parts.add(
          new Part(
              parts.isEmpty(),
              n,
              verdicts.size(),
              n == 1,
              Badge.of(e.getKey()),
              n > 0 && n <= 3 ? String.join(", ", e.getValue()) : ""));
    }
    return parts;
  }

  private List<VerdictRow> rows(
      List<Map<String, Object>> verdicts, Map<String, Map<String, Object>> match) {
    List<VerdictRow> out = new ArrayList<>();
    for (Map<String, Object> r : verdicts) {
      String id = (String) r.get("cluster_id");
      long samples = (long) asDouble(r.get("null_samples"));
      Unit outsider =
          r.get("strongest_outsider_adcode") == null
              ? null
              : new Unit(
                  unitName(r.get("strongest_outsider_name"), r.get("strongest_outsider_adcode")),
                  Page.signed(r.get("strongest_outsider_affinity")),
                  Page.p3(r.get("strongest_outsider_p")));
      Unit weakest =
          r.get("weakest_member_adcode") == null
              ? null
              : new Unit(
                  unitName(r.get("weakest_member_name"), r.get("weakest_member_adcode")),
                  Page.signed(r.get("weakest_member_affinity")),
                  null);
      Map<String, Object> m = match.get(id);
      Region region = null;
      if (m != null && m.get("region_id") != null) {
        double j = asDouble(m.get("jaccard"));
        region =
            new Region(
                "region "
                    + m.get("region_id")
                    + ": "
                    + Page.fmt(m.get("region_size"))
                    + " units; members outside it "
                    + Page.fmt(m.get("members_outside"))
                    + ", other units inside it "
                    + Page.fmt(m.get("nonmembers_inside")),
                String.valueOf(m.get("region_id")),
                m.get("region_core_name") == null ? null : m.get("region_core_name").toString(),
                Double.isNaN(j)
                    ? null
                    : new Jaccard(
                        Svg.num(60 * Math.max(0, Math.min(1, j))),
                        String.format(Locale.ROOT, "%.2f", j)));
      }
      out.add(
          new VerdictRow(
              nameEn(r),
              id,
              nameZh(r),
              Badge.of((String) r.get("verdict")),
              Page.signed(r.get("excess_residual")),
              Page.signed(r.get("z")),
              Page.p3(r.get("p")),
              samples < (long) asDouble(r.get("null_samples_requested"))
                  ? Long.toString(samples)
                  : null,
              outsider,
              weakest,
              weakest != null && Boolean.TRUE.equals(r.get("weakest_member_is_weak")),
              region,
              match.isEmpty()));
    }
    return out;
  }

  private static Guide guide(Map<String, Object> any) {
    String linkage = String.valueOf(any.get("linkage"));
    return new Guide(
        linkage.equals("trains_hsr"),
        linkage.equals("air"),
        "national".equals(any.get("null_region")),
        Page.fmt(any.get("null_samples_requested")),
        Page.plain(any.get("alpha")),
        linkage,
        Badge.of("functionally_linked"),
        Badge.of("adjacent_only"),
        Badge.of("neither"));
  }

  /** The verdicts on the linkages other than the headline one (null when there are none). */
  private Others otherLinkages() throws SQLException {
    PublishedRun.Rows rows =
        run.query(
            "SELECT cluster_id, linkage, verdict, p FROM {cluster_verdicts} WHERE NOT"
                + " is_verdict_linkage ORDER BY linkage, cluster_id");
    if (rows.rows().isEmpty()) {
      return null;
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
    List<OtherRow> out = new ArrayList<>();
    for (Map<String, Object> c : clusters.rows()) {
      Map<String, Map<String, Object>> per = byCluster.get(c.get("cluster_id"));
      if (per == null) {
        continue;
      }
      List<OtherCell> cells = new ArrayList<>();
      for (String l : linkages) {
        Map<String, Object> r = per.get(l);
        cells.add(
            r == null
                ? new OtherCell(null, null)
                : new OtherCell(Badge.of((String) r.get("verdict")), Page.p3(r.get("p"))));
      }
      out.add(new OtherRow(Page.text(c.get("name_en")), cells));
    }
    return new Others(String.join(", ", linkages), linkages, out);
  }

  // --- the map --------------------------------------------------------------------------------

  private String verdictMap(List<Map<String, Object>> verdicts, Map<String, Geometry> units)
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
              Page.geometry(c.get("geometry")),
              VERDICT_COLOURS.getOrDefault(verdict, "#bbbbbb"),
              c.get("name_en")
                  + " ("
                  + c.get("name_zh")
                  + "): "
                  + (verdict == null ? "no verdict" : label(verdict))
                  + (v == null ? "" : ", p = " + Page.p3(v.get("p"))),
              id));
    }
    List<ChinaMap.Swatch> legend = new ArrayList<>();
    counts.forEach(
        (v, n) ->
            legend.add(new ChinaMap.Swatch(VERDICT_COLOURS.get(v), label(v) + " (" + n + ")")));
    return ChinaMap.figure(
        "map-verdicts",
        "Map of the " + clusters.rows().size() + " clusters coloured by their verdict",
        List.copyOf(units.values()),
        List.of(new ChinaMap.Layer("clusters", shapes, 0.02)),
        ChinaMap.swatchLegend(legend),
        "Clusters (union of their member units) coloured by the verdict of the table above;"
            + " labels are cluster ids (grey after each name in the table). Equirectangular"
            + " lon/lat, simplified; South China Sea islands outside the frame.");
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

  /** The badge of a verdict, rendered by {@code report/badge.mustache}. */
  static String badge(String verdict) {
    return Templates.render("badge", Badge.of(verdict));
  }
}
