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
import org.locationtech.jts.geom.Geometry;

/**
 * The functional regions part of the answer: the map of the contiguous functional regions ({@code
 * functional_regions}, variant {@value #VARIANT}: units coloured by region, labelled at each
 * region's core, the plan clusters outlined on top), the agreement of the regions with the plans
 * ({@code plan_region_match}: ARI and NMI per variant) and the regions with the plan clusters they
 * match best. Says "not available in this run" for each table a run lacks.
 */
final class RegionSection {

  /** The variant shown: regions of rook neighbours only, comparable with contiguous plans. */
  static final String VARIANT = "contiguous";

  /** Colours of the regions by size rank (c1, c2, ...); singleton regions are grey. */
  private static final List<String> REGION_COLOURS =
      List.of(
          "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
          "#9c755f", "#499894", "#a0cbe8", "#ffbe7d", "#ff9d9a", "#86bcb6", "#8cd17d", "#f1ce63",
          "#d4a6c8", "#fabfd2", "#d7b5a6", "#b6992d");

  private static final String SINGLETON_COLOUR = "#dddddd";
  private final Page page;
  private final PublishedRun run;
  private final PublishedRun.Rows clusters;
  private final Map<String, Map<String, Object>> clusterById = new LinkedHashMap<>();

  private RegionSection(Page page, PublishedRun run, PublishedRun.Rows clusters) {
    this.page = page;
    this.run = run;
    this.clusters = clusters;
    for (Map<String, Object> c : clusters.rows()) {
      clusterById.put((String) c.get("cluster_id"), c);
    }
  }

  /**
   * Writes the map, the agreement and the region table into the open section.
   *
   * @param units every unit's geometry by adcode
   * @param match {@link #bestMatches} of the run
   */
  static void write(
      Page page,
      PublishedRun run,
      PublishedRun.Rows clusters,
      Map<String, Geometry> units,
      Map<String, Map<String, Object>> match)
      throws SQLException {
    new RegionSection(page, run, clusters).write(units, match);
  }

  /**
   * The best-matching {@value #VARIANT} region per cluster id (columns of {@code plan_region_match}
   * and the core's {@code region_core_name}); empty without the table.
   */
  static Map<String, Map<String, Object>> bestMatches(PublishedRun run) throws SQLException {
    Map<String, Map<String, Object>> out = new HashMap<>();
    if (!run.has("plan_region_match")) {
      return out;
    }
    String core =
        run.has("functional_regions")
            ? "(SELECT DISTINCT region_id, region_core_name FROM {functional_regions} WHERE"
                + " variant = '"
                + VARIANT
                + "')"
            : "(SELECT NULL::VARCHAR AS region_id, NULL::VARCHAR AS region_core_name)";
    for (Map<String, Object> r :
        run.query(
                "SELECT m.cluster_id, m.region_id, m.jaccard, m.intersection, m.members_outside,"
                    + " m.nonmembers_inside, m.region_size, r.region_core_name FROM"
                    + " {plan_region_match} m LEFT JOIN "
                    + core
                    + " r USING (region_id) WHERE m.scope = 'cluster' AND m.variant = '"
                    + VARIANT
                    + "'")
            .rows()) {
      out.put((String) r.get("cluster_id"), r);
    }
    return out;
  }

  private void write(Map<String, Geometry> units, Map<String, Map<String, Object>> match)
      throws SQLException {
    if (!run.has("functional_regions")) {
      page.note("functional_regions is not available in this run.");
      return;
    }
    PublishedRun.Rows rows =
        run.query(
            "SELECT adcode, name, region_id, region_size, region_core_adcode, region_core_name,"
                + " variant_regions, modularity FROM {functional_regions} WHERE variant = '"
                + VARIANT
                + "' ORDER BY region_size DESC, region_id, adcode");
    if (rows.rows().isEmpty()) {
      page.note("functional_regions has no " + VARIANT + " regions in this run.");
      return;
    }
    Map<String, String> colour = new LinkedHashMap<>();
    for (Map<String, Object> r : rows.rows()) {
      String region = (String) r.get("region_id");
      if (!colour.containsKey(region)) {
        long size = ((Number) r.get("region_size")).longValue();
        colour.put(
            region,
            size <= 1
                ? SINGLETON_COLOUR
                : REGION_COLOURS.get(rank(region) % REGION_COLOURS.size()));
      }
    }
    List<ChinaMap.Shape> regionShapes = new ArrayList<>();
    for (Map<String, Object> r : rows.rows()) {
      String region = (String) r.get("region_id");
      long size = ((Number) r.get("region_size")).longValue();
      boolean core = r.get("adcode").equals(r.get("region_core_adcode")) && size > 1;
      regionShapes.add(
          new ChinaMap.Shape(
              units.get((String) r.get("adcode")),
              colour.get(region),
              r.get("name")
                  + ": region "
                  + region
                  + " ("
                  + size
                  + " units, core "
                  + r.get("region_core_name")
                  + ")",
              core ? region : null));
    }
    List<ChinaMap.Shape> outlines = new ArrayList<>();
    for (Map<String, Object> c : clusters.rows()) {
      outlines.add(
          new ChinaMap.Shape(
              page.geometry(c.get("geometry")),
              null,
              "plan: " + c.get("name_en") + " (" + c.get("name_zh") + ")",
              null));
    }
    Map<String, Object> first = rows.rows().get(0);
    page.raw(
        ChinaMap.figure(
            "map-regions",
            "Contiguous functional regions with the plan clusters outlined",
            List.of(),
            List.of(
                new ChinaMap.Layer("regions", regionShapes, ChinaMap.UNIT_TOLERANCE_DEG),
                new ChinaMap.Layer("outlines", outlines, 0.02)),
            ChinaMap.swatchLegend(
                List.of(
                    new ChinaMap.Swatch("none", "plan cluster (outline)"),
                    new ChinaMap.Swatch(SINGLETON_COLOUR, "unit on its own"))),
            "Units coloured by their functional region (variant "
                + VARIANT
                + ": communities of the train network between rook neighbours, "
                + Page.fmt(first.get("variant_regions"))
                + " regions, modularity "
                + Page.fmt(first.get("modularity"))
                + "); labels are region ids at each region's core (largest population); black"
                + " outlines are the plan clusters."));
    nationalMatch();
    regionTable(rows, colour, match);
  }

  private void nationalMatch() throws SQLException {
    if (!run.has("plan_region_match")) {
      page.note("plan_region_match is not available in this run.");
      return;
    }
    List<Map<String, Object>> national =
        run.query(
                "SELECT variant, ari, nmi, n_units FROM {plan_region_match} WHERE scope ="
                    + " 'national' ORDER BY variant")
            .rows();
    if (national.isEmpty()) {
      return;
    }
    page.raw(
        "<p class=\"fig\">Agreement of the regions with the plans over the units of any plan: ");
    List<String> parts = new ArrayList<>();
    for (Map<String, Object> r : national) {
      parts.add(
          esc(r.get("variant"))
              + " ARI "
              + esc(Page.fmt(r.get("ari")))
              + ", NMI "
              + esc(Page.fmt(r.get("nmi")))
              + " ("
              + esc(Page.fmt(r.get("n_units")))
              + " units)");
    }
    page.raw(String.join("; ", parts))
        .raw(" (1 = the same partition, 0 = no more agreement than chance for ARI).</p>\n");
  }

  /** The regions of more than one unit, with the plan clusters they match best. */
  private void regionTable(
      PublishedRun.Rows rows, Map<String, String> colour, Map<String, Map<String, Object>> match) {
    Map<String, List<String>> plans = new HashMap<>();
    List<Map.Entry<String, Map<String, Object>>> byJaccard = new ArrayList<>(match.entrySet());
    byJaccard.sort(
        Comparator.comparingDouble(
            (Map.Entry<String, Map<String, Object>> e) -> -asDouble(e.getValue().get("jaccard"))));
    for (var e : byJaccard) {
      Object region = e.getValue().get("region_id");
      Map<String, Object> c = clusterById.get(e.getKey());
      if (region != null && c != null) {
        plans
            .computeIfAbsent((String) region, k -> new ArrayList<>())
            .add(
                c.get("name_en")
                    + " "
                    + String.format(Locale.ROOT, "%.2f", asDouble(e.getValue().get("jaccard"))));
      }
    }
    page.raw(
        "<div class=\"scroll\"><table class=\"regions\"><thead><tr><th>region</th><th>core</th>"
            + "<th>units</th><th>best match of (Jaccard)</th></tr></thead><tbody>\n");
    List<String> seen = new ArrayList<>();
    for (Map<String, Object> r : rows.rows()) {
      String region = (String) r.get("region_id");
      if (seen.contains(region) || ((Number) r.get("region_size")).longValue() <= 1) {
        continue;
      }
      seen.add(region);
      page.raw("<tr><td><span class=\"sw\" style=\"background:")
          .text(colour.get(region))
          .raw("\"></span> ")
          .text(region)
          .raw("</td><td>")
          .text(r.get("region_core_name"))
          .raw("</td><td class=\"n\">")
          .text(Page.fmt(r.get("region_size")))
          .raw("</td><td>")
          .text(String.join("; ", plans.getOrDefault(region, List.of())))
          .raw("</td></tr>\n");
    }
    page.raw("</tbody></table></div>\n");
  }

  /** The region's size rank from its id (c1 -> 0); ids without a number rank last. */
  private static int rank(String regionId) {
    String digits = regionId.replaceAll("\\D", "");
    return digits.isEmpty() ? REGION_COLOURS.size() - 1 : Integer.parseInt(digits) - 1;
  }
}
