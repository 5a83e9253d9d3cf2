package org.citycluster.report;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;

/**
 * The visual report of one published run: a single self-contained HTML page (inline CSS and SVG, no
 * script, no external resource) that opens with the answer ({@link VerdictSection}: the verdict per
 * cluster, the map of the verdicts and the functional regions), then the map of the clusters and
 * adjacency versus linkage per cluster ({@link LinkageSection}), mismatched pairs and boundary
 * candidates ({@link PairsSection}), the regional balance ({@link BalanceSection}) and the key
 * tables. Sections whose tables or columns the run did not publish (verdicts, regions, balance
 * tables, QAP results, {@code cluster_pairs}, {@code boundary_candidates}) say so instead of
 * failing.
 *
 * <p>Java runs the queries and the aggregation and builds plain view models (records); the markup
 * is in Mustache templates, {@code report/report.mustache} and one partial per section (see {@link
 * Templates}).
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

  /** The view model of {@code report/report.mustache}. */
  record Model(
      String css,
      String runDate,
      String level,
      Manifest manifest,
      VerdictSection.Model verdict,
      LinkageSection.Model linkage,
      PairsSection.Model pairs,
      BalanceSection.Model balance,
      Tables tables) {}

  /** The run's id and code version from {@code run_manifest} (null without it). */
  record Manifest(String runId, String codeVersion) {}

  /** The key tables; metrics and dq null when the run did not publish them. */
  record Tables(Page.Table metrics, Page.Table clusters, Page.Table dq) {}

  private HtmlReport() {}

  /** Renders the page. */
  static String render(PublishedRun run) throws SQLException {
    return Templates.render("report", model(run));
  }

  /** The page's view model. */
  static Model model(PublishedRun run) throws SQLException {
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
    // every unit's geometry by adcode, for the grey layer of the maps
    Map<String, Geometry> units = new LinkedHashMap<>();
    for (Map<String, Object> r : run.query("SELECT adcode, geometry FROM {cities}").rows()) {
      units.put((String) r.get("adcode"), Page.geometry(r.get("geometry")));
    }
    return new Model(
        Templates.css(),
        run.runDate(),
        run.level(),
        manifest(run),
        VerdictSection.model(run, clusters, units),
        LinkageSection.model(
            clusters,
            pairs,
            metrics,
            metricCols.contains(LinkageSection.QAP_R),
            metricCols.contains(LinkageSection.QAP_P),
            units),
        PairsSection.model(run),
        BalanceSection.model(run, clusters),
        new Tables(
            metricsTable(clusters, metrics, metricCols),
            Page.table(
                clusters.columns().stream().filter(c -> !c.equals("geometry")).toList(),
                clusters.rows()),
            dataQuality(run)));
  }

  private static Manifest manifest(PublishedRun run) throws SQLException {
    if (!run.has("run_manifest")) {
      return null;
    }
    List<Map<String, Object>> m =
        run.query("SELECT run_id, code_version, finished_at FROM {run_manifest}").rows();
    return m.isEmpty()
        ? null
        : new Manifest(Page.text(m.get(0).get("run_id")), Page.text(m.get(0).get("code_version")));
  }

  /** The metrics of every cluster, in the clusters' order; null without cluster_metrics. */
  private static Page.Table metricsTable(
      PublishedRun.Rows clusters, Map<String, Map<String, Object>> metrics, Set<String> cols) {
    if (metrics.isEmpty()) {
      return null;
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
            LinkageSection.QAP_R,
            LinkageSection.QAP_P,
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
    return Page.table(wanted, rows);
  }

  /** Issues per source and problem, most frequent first; null without dq_issues. */
  private static Page.Table dataQuality(PublishedRun run) throws SQLException {
    if (!run.has("dq_issues")) {
      return null;
    }
    PublishedRun.Rows dq =
        run.query(
            "SELECT source, problem, action, count(*) AS issues FROM {dq_issues} GROUP BY ALL"
                + " ORDER BY issues DESC, source, problem LIMIT 40");
    return Page.table(dq.columns(), dq.rows());
  }
}
