package org.citycluster.stages.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.testing.PublishedRealRun;
import org.citycluster.verdict.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The verdict, the candidates and the functional regions of the real prefecture run. */
class VerdictRealDataTest extends SparkTestBase {

  private static Path warehouse;

  @BeforeAll
  static void publish() throws Exception {
    warehouse = PublishedRealRun.warehouse(spark, sharedData());
  }

  private static Dataset<Row> table(String name) {
    return spark
        .read()
        .parquet(
            warehouse
                .resolve(name)
                .resolve("level=prefecture")
                .resolve("run_date=" + PublishedRealRun.RUN_DATE)
                .toString());
  }

  @Test
  void trainsAllExcessIsTheMeanPublishedRailResidualOfTheMemberPairs() {
    // city_pairs.rail_gravity_residual comes from the driver-side QR fit of PairLinkage over the
    // same scope (every pair of units on the rail network with population and GDP): an independent
    // computation of the same residuals
    table("cluster_members").createOrReplaceTempView("t_members");
    table("city_pairs").createOrReplaceTempView("t_pairs");
    table("cluster_verdicts").createOrReplaceTempView("t_verdicts");
    List<Row> rows =
        spark
            .sql(
                "WITH m AS (SELECT DISTINCT cluster_id, adcode FROM t_members),"
                    + " r AS (SELECT a.cluster_id, avg(p.rail_gravity_residual) AS mean_residual,"
                    + " count(p.rail_gravity_residual) AS n FROM m a JOIN m b ON a.cluster_id ="
                    + " b.cluster_id AND a.adcode < b.adcode JOIN t_pairs p ON p.adcode_a ="
                    + " a.adcode AND p.adcode_b = b.adcode GROUP BY a.cluster_id)"
                    + " SELECT v.cluster_id, v.excess_residual, v.n_pairs, r.mean_residual, r.n"
                    + " FROM t_verdicts v JOIN r ON v.cluster_id = r.cluster_id"
                    + " WHERE v.linkage = 'trains_all'")
            .collectAsList();
    assertEquals(19, rows.size());
    for (Row r : rows) {
      assertEquals(r.getLong(4), r.getInt(2), "pairs of " + r.getString(0));
      assertEquals(r.getDouble(3), r.getDouble(1), 1e-9, "excess of " + r.getString(0));
    }
  }

  @Test
  void everyRowFollowsTheDocumentedRuleAndFormulas() {
    List<Row> rows =
        table("cluster_verdicts")
            .select(
                "cluster_id",
                "linkage",
                "verdict",
                "p",
                "alpha",
                "rook_components",
                "null_samples",
                "null_at_least",
                "excess_residual",
                "null_mean",
                "null_sd",
                "z",
                "seed",
                "is_verdict_linkage")
            .collectAsList();
    assertEquals(19 * 3, rows.size());
    Set<String> headline = new HashSet<>();
    for (Row r : rows) {
      double p = r.isNullAt(3) ? Double.NaN : r.getDouble(3);
      assertEquals(
          Verdict.decide(p, r.getDouble(4), r.getInt(5)).code(), r.getString(2), r.toString());
      assertEquals(20240601L, r.getLong(12));
      if (!r.isNullAt(3)) {
        assertEquals((1.0 + r.getInt(7)) / (r.getInt(6) + 1.0), p, 1e-15, r.toString());
        assertTrue(r.getInt(6) > 0 && r.getInt(6) <= 999);
      }
      if (!r.isNullAt(11)) {
        assertEquals((r.getDouble(8) - r.getDouble(9)) / r.getDouble(10), r.getDouble(11), 1e-12);
      }
      if (r.getBoolean(13)) {
        assertEquals("trains_all", r.getString(1));
        headline.add(r.getString(0));
      }
    }
    assertEquals(19, headline.size());
  }

  @Test
  void nationalHubsAreNotCandidatesForThatAloneAndEveryRowMeetsTheRule() {
    List<Row> rows =
        table("boundary_candidates")
            .select(
                "cluster_id",
                "adcode",
                "candidate_type",
                "rule",
                "affinity",
                "member_affinity_median",
                "linkage_share",
                "member_share_q1",
                "affinity_p",
                "candidate_alpha",
                "weak_fence")
            .collectAsList();
    assertFalse(rows.isEmpty());
    for (Row r : rows) {
      assertEquals("affinity", r.getString(3));
      if (r.getString(2).equals("outsider")) {
        assertTrue(r.getDouble(4) > r.getDouble(5), r.toString());
        assertTrue(r.getDouble(6) >= r.getDouble(7), r.toString());
        assertTrue(r.getDouble(8) <= r.getDouble(9), r.toString());
        // Beijing: the first raw-sum candidate of the Yangtze River Delta and of the Beibu Gulf
        assertFalse(
            r.getString(1).equals("110000")
                && (r.getString(0).equals("yrd") || r.getString(0).equals("bbw")),
            r.toString());
      } else {
        assertEquals("weak_member", r.getString(2));
        assertTrue(r.getDouble(4) < r.getDouble(10), r.toString());
      }
    }
  }

  @Test
  void contiguousRegionsAreConnectedInTheRookGraphAndPlanMatchesAreBest() {
    Map<String, Set<String>> rook = new HashMap<>();
    for (Row r :
        table("city_pairs")
            .where("relation = 'rook'")
            .select("adcode_a", "adcode_b")
            .collectAsList()) {
      rook.computeIfAbsent(r.getString(0), k -> new HashSet<>()).add(r.getString(1));
      rook.computeIfAbsent(r.getString(1), k -> new HashSet<>()).add(r.getString(0));
    }
    Map<String, Map<String, Set<String>>> regions = new HashMap<>();
    for (Row r :
        table("functional_regions").select("variant", "region_id", "adcode").collectAsList()) {
      regions
          .computeIfAbsent(r.getString(0), k -> new HashMap<>())
          .computeIfAbsent(r.getString(1), k -> new HashSet<>())
          .add(r.getString(2));
    }
    long units = table("cities").count();
    for (var variant : regions.entrySet()) {
      assertEquals(
          units, variant.getValue().values().stream().mapToInt(Set::size).sum(), variant.getKey());
    }
    for (Set<String> region : regions.get("contiguous").values()) {
      String start = region.iterator().next();
      Set<String> seen = new HashSet<>(List.of(start));
      ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
      while (!queue.isEmpty()) {
        for (String nb : rook.getOrDefault(queue.poll(), Set.of())) {
          if (region.contains(nb) && seen.add(nb)) {
            queue.add(nb);
          }
        }
      }
      assertEquals(region, seen, "a contiguous region is rook-connected");
    }
    Map<String, Set<String>> members = new HashMap<>();
    for (Row r : table("cluster_members").select("cluster_id", "adcode").collectAsList()) {
      members.computeIfAbsent(r.getString(0), k -> new HashSet<>()).add(r.getString(1));
    }
    List<Row> matches =
        table("plan_region_match")
            .where("scope = 'cluster'")
            .select("cluster_id", "variant", "region_id", "jaccard")
            .collectAsList();
    assertEquals(2 * 19, matches.size());
    for (Row m : matches) {
      Set<String> c = members.get(m.getString(0));
      double best = 0;
      for (Set<String> region : regions.get(m.getString(1)).values()) {
        best = Math.max(best, jaccard(c, region));
      }
      Set<String> matched = regions.get(m.getString(1)).get(m.getString(2));
      assertEquals(jaccard(c, matched), m.getDouble(3), 1e-15, m.toString());
      assertEquals(best, m.getDouble(3), 1e-15, m.toString());
    }
  }

  private static double jaccard(Set<String> a, Set<String> b) {
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    return both.size() / (double) (a.size() + b.size() - both.size());
  }
}
