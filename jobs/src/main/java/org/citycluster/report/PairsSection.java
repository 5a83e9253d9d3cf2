package org.citycluster.report;

import java.sql.SQLException;
import java.util.Set;

/**
 * "Mismatched pairs" (from {@code cluster_pairs}, or computed from {@code city_pairs} for runs
 * without it) and "Boundary candidates" (the affinity rule's outsiders and weak members, or the
 * older candidate tables as they are). The markup is {@code report/pairs.mustache}; this class runs
 * the queries and builds its view model.
 */
final class PairsSection {

  /** Outsiders shown per cluster (strongest first). */
  static final int TOP_OUTSIDERS = 5;

  /**
   * The view model of {@code report/pairs.mustache}: either {@code fallback} (no cluster_pairs) or
   * {@code labelCounts} and {@code mismatched}; then {@code noCandidates}, or {@code candidates}
   * with the {@code affinity} reading guide when the run has the affinity rule.
   */
  record Model(
      Page.Table fallback,
      Page.Table labelCounts,
      Page.Table mismatched,
      boolean noCandidates,
      Affinity affinity,
      Page.Table candidates) {}

  /** The figures of the affinity guide: outsiders shown per cluster, and in all. */
  record Affinity(int top, long outsiders) {}

  private PairsSection() {}

  static Model model(PublishedRun run) throws SQLException {
    Page.Table fallback = null;
    Page.Table counts = null;
    Page.Table mismatched = null;
    if (!run.has("cluster_pairs")) {
      fallback =
          table(
              run.query(
                  "WITH m AS (SELECT DISTINCT cluster_id, adcode FROM {cluster_members}),"
                      + " n AS (SELECT adcode, name FROM {cities}) SELECT a.cluster_id,"
                      + " p.adcode_a, na.name AS name_a, p.adcode_b, nb.name AS name_b,"
                      + " p.shared_border_km, p.trains_all FROM {city_pairs} p JOIN m a ON"
                      + " a.adcode = p.adcode_a JOIN m b ON b.adcode = p.adcode_b AND"
                      + " b.cluster_id = a.cluster_id JOIN n na ON na.adcode = p.adcode_a JOIN n"
                      + " nb ON nb.adcode = p.adcode_b WHERE p.relation <> 'none' AND"
                      + " p.trains_all = 0 ORDER BY p.shared_border_km DESC LIMIT 30"));
    } else {
      counts =
          table(
              run.query(
                  "PIVOT (SELECT cluster_id, label FROM {cluster_pairs}) ON label USING count(*)"
                      + " GROUP BY cluster_id ORDER BY cluster_id"));
      mismatched =
          table(
              run.query(
                  "WITH n AS (SELECT adcode, name FROM {cities}) SELECT p.cluster_id, p.label,"
                      + " p.adcode_a, na.name AS name_a, p.adcode_b, nb.name AS name_b FROM"
                      + " {cluster_pairs} p LEFT JOIN n na ON na.adcode = p.adcode_a LEFT JOIN n"
                      + " nb ON nb.adcode = p.adcode_b WHERE regexp_matches(p.label,"
                      + " 'adjacent_weak|nonadjacent_strong|unlinked|not_linked|non_adjacent|not_adjacent|mismatch', 'i')"
                      + " ORDER BY p.label, p.cluster_id, p.adcode_a, p.adcode_b LIMIT 80"));
    }
    if (!run.has("boundary_candidates")) {
      return new Model(fallback, counts, mismatched, true, null, null);
    }
    Set<String> cols = run.columns("boundary_candidates");
    if (cols.contains("affinity") && cols.contains("rank")) {
      return new Model(
          fallback,
          counts,
          mismatched,
          false,
          new Affinity(TOP_OUTSIDERS, outsiders(run)),
          affinityCandidates(run));
    }
    return new Model(fallback, counts, mismatched, false, null, olderCandidates(run, cols));
  }

  private static Page.Table table(PublishedRun.Rows rows) {
    return Page.table(rows.columns(), rows.rows());
  }

  /** Candidate tables from before the affinity rule, as they are (first 100 rows). */
  private static Page.Table olderCandidates(PublishedRun run, Set<String> cols)
      throws SQLException {
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
    return Page.table(
        rows.columns().stream().filter(c -> !c.equals("geometry")).toList(), rows.rows());
  }

  /** Candidates of the affinity rule (issue #14): the strongest outsiders per cluster. */
  private static Page.Table affinityCandidates(PublishedRun run) throws SQLException {
    return table(
        run.query(
            "WITH c AS (SELECT cluster_id, name_en FROM {clusters}) SELECT c.name_en AS cluster,"
                + " b.candidate_type, b.rank, b.adcode, b.name, b.role, b.affinity, b.affinity_p,"
                + " b.linkage_share, b.affinity_pairs, b.member_affinity_median, b.weak_fence,"
                + " b.rook_neighbours_in_cluster, b.min_contiguity_order, b.rule FROM"
                + " {boundary_candidates} b LEFT JOIN c USING (cluster_id) WHERE b.candidate_type"
                + " <> 'outsider' OR b.rank <= "
                + TOP_OUTSIDERS
                + " ORDER BY cluster, b.candidate_type, b.rank"));
  }

  private static long outsiders(PublishedRun run) throws SQLException {
    return ((Number)
            run.query(
                    "SELECT count(*) AS n FROM {boundary_candidates} WHERE candidate_type ="
                        + " 'outsider'")
                .rows()
                .get(0)
                .get("n"))
        .longValue();
  }
}
