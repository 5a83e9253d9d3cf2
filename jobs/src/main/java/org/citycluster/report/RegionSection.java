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
import org.locationtech.jts.geom.Geometry;

/**
 * The functional regions part of the answer: the map of the contiguous functional regions ({@code
 * functional_regions}, variant {@value #VARIANT}: units coloured by region, labelled at each
 * region's core, the plan clusters outlined on top), the agreement of the regions with the plans
 * ({@code plan_region_match}: ARI and NMI per variant) and the regions with the plan clusters they
 * match best. Says "not available in this run" for each table a run lacks. The markup is {@code
 * report/regions.mustache}; this class builds its view model.
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

  /**
   * The view model of {@code report/regions.mustache}: {@code missing} without the table, {@code
   * noRows} without regions of the variant, else {@code shown}.
   */
  record Model(boolean missing, boolean noRows, String variant, Shown shown) {}

  /** The map, the agreement with the plans (null when not measured) and the region table. */
  record Shown(String map, boolean matchMissing, Agreement agreement, List<RegionRow> rows) {}

  /** The national agreement of the regions with the plans, one part per variant. */
  record Agreement(List<AgreementPart> parts) {}

  /** The agreement of one variant. */
  record AgreementPart(boolean first, String variant, String ari, String nmi, String units) {}

  /** One region of more than one unit, with the plan clusters it matches best. */
  record RegionRow(String colour, String region, String core, String units, String plans) {}

  private final PublishedRun run;
  private final PublishedRun.Rows clusters;
  private final Map<String, Map<String, Object>> clusterById = new LinkedHashMap<>();

  private RegionSection(PublishedRun run, PublishedRun.Rows clusters) {
    this.run = run;
    this.clusters = clusters;
    for (Map<String, Object> c : clusters.rows()) {
      clusterById.put((String) c.get("cluster_id"), c);
    }
  }

  /**
   * The model of the map, the agreement and the region table.
   *
   * @param units every unit's geometry by adcode
   * @param match {@link #bestMatches} of the run
   */
  static Model model(
      PublishedRun run,
      PublishedRun.Rows clusters,
      Map<String, Geometry> units,
      Map<String, Map<String, Object>> match)
      throws SQLException {
    return new RegionSection(run, clusters).model(units, match);
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

  private Model model(Map<String, Geometry> units, Map<String, Map<String, Object>> match)
      throws SQLException {
    if (!run.has("functional_regions")) {
      return new Model(true, false, VARIANT, null);
    }
    PublishedRun.Rows rows =
        run.query(
            "SELECT adcode, name, region_id, region_size, region_core_adcode, region_core_name,"
                + " variant_regions, modularity FROM {functional_regions} WHERE variant = '"
                + VARIANT
                + "' ORDER BY region_size DESC, region_id, adcode");
    if (rows.rows().isEmpty()) {
      return new Model(false, true, VARIANT, null);
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
              Page.geometry(c.get("geometry")),
              null,
              "plan: " + c.get("name_en") + " (" + c.get("name_zh") + ")",
              null));
    }
    Map<String, Object> first = rows.rows().get(0);
    String map =
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
                + " outlines are the plan clusters.");
    return new Model(
        false,
        false,
        VARIANT,
        new Shown(
            map, !run.has("plan_region_match"), agreement(), regionTable(rows, colour, match)));
  }

  /** The national agreement per variant; null without the table or its national rows. */
  private Agreement agreement() throws SQLException {
    if (!run.has("plan_region_match")) {
      return null;
    }
    List<Map<String, Object>> national =
        run.query(
                "SELECT variant, ari, nmi, n_units FROM {plan_region_match} WHERE scope ="
                    + " 'national' ORDER BY variant")
            .rows();
    if (national.isEmpty()) {
      return null;
    }
    List<AgreementPart> parts = new ArrayList<>();
    for (Map<String, Object> r : national) {
      parts.add(
          new AgreementPart(
              parts.isEmpty(),
              String.valueOf(r.get("variant")),
              Page.fmt(r.get("ari")),
              Page.fmt(r.get("nmi")),
              Page.fmt(r.get("n_units"))));
    }
    return new Agreement(parts);
  }

  /** The regions of more than one unit, with the plan clusters they match best. */
  private List<RegionRow> regionTable(
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
    List<RegionRow> out = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (Map<String, Object> r : rows.rows()) {
      String region = (String) r.get("region_id");
      if (seen.contains(region) || ((Number) r.get("region_size")).longValue() <= 1) {
        continue;
      }
      seen.add(region);
      Object core = r.get("region_core_name");
      out.add(
          new RegionRow(
              colour.get(region),
              region,
              core == null ? "" : core.toString(),
              Page.fmt(r.get("region_size")),
              String.join("; ", plans.getOrDefault(region, List.of()))));
    }
    return out;
  }

  /** The region's size rank from its id (c1 -> 0); ids without a number rank last. */
  private static int rank(String regionId) {
    String digits = regionId.replaceAll("\\D", "");
    return digits.isEmpty() ? REGION_COLOURS.size() - 1 : Integer.parseInt(digits) - 1;
  }
}
