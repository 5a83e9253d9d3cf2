package org.citycluster.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.config.ConfigException;
import org.citycluster.diagnostics.ClusterDiagnostics;
import org.citycluster.io.TableSchema;
import org.citycluster.spark.SchemaEnforcer;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.stages.verdict.CandidateColumns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DiagnosticsJob on hand-made tables (20 units, four clusters):
 *
 * <ul>
 *   <li>{@code path5}: 5 units on a rook path whose trains, gravity and linkage index equal the
 *       adjacency (no air at all) → QAP r = 1 and exact p = 2/120 (identity and reversal);
 *   <li>{@code grid9}: a 3×3 rook grid with seeded random trains independent of it → p not small;
 *   <li>{@code k4}: 4 members (K1 core) with one weakly linked member K4 and an outsider X1 linked
 *       more than the median member;
 *   <li>{@code tiny}: 2 members (P1, P2 again): too small for QAP.
 * </ul>
 */
class DiagnosticsJobTest extends SparkTestBase {

  private static final StructType PAIRS =
      new StructType()
          .add("adcode_a", DataTypes.StringType, false)
          .add("adcode_b", DataTypes.StringType, false)
          .add("relation", DataTypes.StringType, false)
          .add("centroid_distance_km", DataTypes.DoubleType, false)
          .add("contiguity_order", DataTypes.IntegerType, true)
          .add("trains_all", DataTypes.IntegerType, false)
          .add("trains_hsr", DataTypes.IntegerType, false)
          .add("air_routes", DataTypes.IntegerType, false)
          .add("air_airlines", DataTypes.IntegerType, false)
          .add("gravity", DataTypes.DoubleType, true)
          .add("linkage_index", DataTypes.DoubleType, false);

  private static final StructType CITIES =
      new StructType()
          .add("adcode", DataTypes.StringType, false)
          .add("name", DataTypes.StringType, false)
          .add("population", DataTypes.LongType, true);

  private static final StructType MEMBERS =
      new StructType()
          .add("cluster_id", DataTypes.StringType, false)
          .add("adcode", DataTypes.StringType, false)
          .add("role", DataTypes.StringType, false);

  private static Dataset<Row> cityPairs;
  private static Dataset<Row> cities;
  private static Dataset<Row> members;
  private static DiagnosticsJob.Output out;
  private static Map<String, Row> metrics;

  private static Row pair(String a, String b, boolean rook, int trains, Double gravity, double li) {
    return RowFactory.create(
        a, b, rook ? "rook" : "none", 50.0, rook ? 1 : 2, trains, trains, 0, 0, gravity, li);
  }

  @BeforeAll
  static void run() {
    List<Row> pairs = new ArrayList<>();
    List<Row> units = new ArrayList<>();
    List<Row> roles = new ArrayList<>();
    // path5: 110001..110005
    for (int i = 1; i <= 5; i++) {
      units.add(RowFactory.create("11000" + i, "P" + i, 1000L * (6 - i)));
      roles.add(RowFactory.create("path5", "11000" + i, i == 1 ? "core" : "member"));
      for (int j = i + 1; j <= 5; j++) {
        boolean adj = j == i + 1;
        pairs.add(pair("11000" + i, "11000" + j, adj, adj ? 10 : 0, adj ? 1.0 : 0.0, adj ? .5 : 0));
      }
    }
    // grid9: 120001..120009 on a 3×3 grid, trains random and independent of the grid
    SplittableRandom rng = new SplittableRandom(11);
    for (int i = 0; i < 9; i++) {
      units.add(RowFactory.create("12000" + (i + 1), "R" + (i + 1), 100L + i));
      roles.add(RowFactory.create("grid9", "12000" + (i + 1), "member"));
      for (int j = i + 1; j < 9; j++) {
        boolean adj =
            (i / 3 == j / 3 && Math.abs(i - j) == 1) || (i % 3 == j % 3 && Math.abs(i - j) == 3);
        int trains = rng.nextInt(30);
        pairs.add(
            pair(
                "12000" + (i + 1),
                "12000" + (j + 1),
                adj,
                trains,
                rng.nextDouble(),
                trains / 30.0));
      }
    }
    // k4: 130001..130004 members (130001 core), 130005 = X1, 130006 = X2 outsiders
    long[] pop = {10, 5, 4, 1, 3, 2};
    for (int i = 0; i < 6; i++) {
      units.add(
          RowFactory.create("13000" + (i + 1), i < 4 ? "K" + (i + 1) : "X" + (i - 3), pop[i]));
    }
    for (int i = 1; i <= 4; i++) {
      roles.add(RowFactory.create("k4", "13000" + i, i == 1 ? "core" : "member"));
    }
    pairs.add(pair("130001", "130002", true, 8, 1.0, .8));
    pairs.add(pair("130001", "130003", false, 6, 1.0, .6));
    pairs.add(pair("130002", "130003", true, 5, 1.0, .5));
    pairs.add(pair("130001", "130004", false, 1, null, .05)); // gravity not measured
    pairs.add(pair("130002", "130004", false, 0, 1.0, 0));
    pairs.add(pair("130003", "130004", true, 0, 1.0, 0));
    pairs.add(pair("130001", "130005", true, 7, 1.0, .7));
    pairs.add(pair("130002", "130005", false, 6, 1.0, .6));
    pairs.add(pair("130001", "130006", false, 3, 1.0, .3));
    // tiny: P1, P2 again
    roles.add(RowFactory.create("tiny", "110001", "core"));
    roles.add(RowFactory.create("tiny", "110002", "member"));
    roles.add(RowFactory.create("tiny", "110002", "member")); // listed twice: counted once

    cityPairs = spark.createDataFrame(pairs, PAIRS).repartition(3);
    cities = spark.createDataFrame(units, CITIES);
    members = spark.createDataFrame(roles, MEMBERS);
    out = DiagnosticsJob.build(cityPairs, cities, members, DiagnosticsJob.Options.defaults());
    metrics =
        out.clusterMetrics().collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getAs("cluster_id"), r -> r));
  }

  private static double d(Row r, String column) {
    return r.<Double>getAs(column);
  }

  @Test
  void linkageEqualToAdjacencyGivesROneAndTheSmallestExactP() {
    Row p = metrics.get("path5");
    for (String l : List.of("trains_all", "trains_hsr", "gravity")) {
      assertEquals(1.0, d(p, "qap_r_" + l), 1e-12, l);
      assertEquals(2.0 / 120.0, d(p, "qap_p_" + l), 1e-12, l);
      assertEquals(
          ClusterDiagnostics.qapSeed(DiagnosticsJob.Options.DEFAULT_SEED, "path5", l),
          p.<Long>getAs("qap_seed_" + l));
    }
    assertEquals(80.0, d(p, "qap_mantel_trains_all"), 1e-12); // 8 ordered adjacent pairs × 10
    assertEquals(120L, p.<Long>getAs("qap_permutations"));
    assertTrue(p.<Boolean>getAs("qap_exact"));
    assertNull(p.getAs("qap_r_air")); // no air link at all: constant, reported
    // populations 5000..1000: P1/P2 = 1.25, the primate is the core
    assertEquals(1.25, d(p, "primacy"), 1e-12);
    assertEquals("110001", p.getAs("primate_adcode"));
    assertTrue(p.<Boolean>getAs("primate_is_core"));
    assertEquals(0.0, d(p, "strong_nonadjacent_share"), 0);
    assertEquals(0.0, d(p, "weak_adjacent_share"), 0);
    assertEquals(0.4, d(p, "internal_density"), 1e-12);
    assertEquals(0.0, d(p, "external_density"), 0); // no link leaves the cluster
    assertEquals(15L, p.<Long>getAs("outside_units"));
  }

  @Test
  void linkageIndependentOfAdjacencyIsNotSignificant() {
    Row g = metrics.get("grid9");
    assertFalse(g.<Boolean>getAs("qap_exact"));
    assertEquals(999L, g.<Long>getAs("qap_permutations"));
    double p = d(g, "qap_p_trains_all");
    assertTrue(p > 0.05, "p = " + p + ", r = " + g.getAs("qap_r_trains_all"));
    assertTrue(Math.abs(d(g, "qap_r_trains_all")) < 0.4);
  }

  @Test
  void labelsCandidatesAndFigures() {
    Row k = metrics.get("k4");
    assertEquals(0.575, d(k, "strong_threshold"), 1e-12);
    assertEquals(0.275, d(k, "weak_threshold"), 1e-12);
    assertEquals(0.5, d(k, "strong_nonadjacent_share"), 1e-12);
    assertEquals(1.0 / 3.0, d(k, "weak_adjacent_share"), 1e-12);
    assertEquals(3.9 / 9.6, d(k, "internal_density"), 1e-12);
    // outside: X1 (.7 + .6) and X2 (.3) over 4 members × 16 outside units, scale w_max = .8
    assertEquals(1.6 / (4 * 16 * 0.8), d(k, "external_density"), 1e-12);
    assertEquals(3.0 / 64.0, d(k, "external_binary_density"), 1e-12);
    // 130001–130004 without gravity: 130004 (the later) is left out; among the 3 left every
    // gravity is 1.0, a constant: r undefined, reported
    assertNull(k.getAs("qap_r_gravity"));
    assertEquals(3, k.<Integer>getAs("qap_n_gravity"));
    assertEquals(4, k.<Integer>getAs("qap_n_trains_all"));
    assertEquals(2.0, d(k, "primacy"), 1e-12);

    Map<String, String> labels = new HashMap<>();
    for (Row r : out.clusterPairs().where("cluster_id = 'k4'").collectAsList()) {
      labels.put(r.getAs("adcode_a") + "-" + r.getAs("adcode_b"), r.getAs("label"));
    }
    assertEquals(
        Map.of(
            "130001-130002", "adjacent_linked",
            "130001-130003", "nonadjacent_strong",
            "130002-130003", "adjacent_linked",
            "130003-130004", "adjacent_weak",
            "130001-130004", "neither",
            "130002-130004", "neither"),
        labels);
    assertEquals(10 + 36 + 6 + 1, out.clusterPairs().count());

    List<Row> c =
        out.boundaryCandidates().where("cluster_id = 'k4'").orderBy("rank").collectAsList();
    assertEquals(2, c.size(), c.toString());
    Row x1 = c.stream().filter(r -> r.getAs("candidate_type").equals("outsider")).findFirst().get();
    assertEquals("130005", x1.getAs("adcode"));
    assertEquals("X1", x1.getAs("name"));
    assertEquals(1.3, d(x1, "linkage_into_cluster"), 1e-12);
    assertEquals(1.2, d(x1, "median_member_linkage"), 1e-12);
    assertEquals(2, x1.<Integer>getAs("linked_members"));
    assertEquals(1, x1.<Integer>getAs("rook_neighbours_in_cluster"));
    assertEquals(1, x1.<Integer>getAs("min_contiguity_order"));
    assertNull(x1.getAs("role"));
    Row k4 =
        c.stream().filter(r -> r.getAs("candidate_type").equals("weak_member")).findFirst().get();
    assertEquals("130004", k4.getAs("adcode"));
    assertEquals("member", k4.getAs("role"));
    assertEquals(0.05, d(k4, "linkage_into_cluster"), 1e-12);
    assertEquals(0.05 / 1.2, d(k4, "ratio_to_median"), 1e-12);
  }

  @Test
  void smallAndDegenerateClustersAreReported() {
    Row t = metrics.get("tiny");
    assertNull(t.getAs("qap_r_trains_all"));
    assertNull(t.getAs("qap_permutations"));
    assertEquals(1, t.<Integer>getAs("member_pairs"));
    List<Row> issues = out.issues().collectAsList();
    assertTrue(
        issues.stream()
            .anyMatch(
                r ->
                    r.getAs("record_id").equals("cluster tiny")
                        && r.<String>getAs("problem").contains("at least 3")),
        issues.toString());
    assertTrue(
        issues.stream()
            .anyMatch(
                r ->
                    r.getAs("record_id").equals("cluster k4")
                        && r.getAs("field").equals("qap_r_gravity")),
        issues.toString());
    assertTrue(issues.stream().allMatch(r -> r.getAs("source").equals(DiagnosticsJob.SOURCE)));
  }

  @Test
  void sameInputsAndSeedGiveIdenticalRows() {
    DiagnosticsJob.Output again =
        DiagnosticsJob.build(
            cityPairs.repartition(5), cities, members, DiagnosticsJob.Options.defaults());
    assertEquals(out.clusterMetrics().collectAsList(), again.clusterMetrics().collectAsList());
    assertEquals(out.clusterPairs().collectAsList(), again.clusterPairs().collectAsList());
    assertEquals(
        out.boundaryCandidates().collectAsList(), again.boundaryCandidates().collectAsList());
    assertEquals(out.issues().collectAsList(), again.issues().collectAsList());
  }

  @Test
  void outputsMatchTheirSchemaFiles() {
    Map<String, Dataset<Row>> tables =
        Map.of(
            "cluster_pairs", out.clusterPairs(),
            // the raw-sum rule's rows, with the affinity columns the pipeline adds
            "boundary_candidates", CandidateColumns.rawSumRows(out.boundaryCandidates()),
            "dq_issues", out.issues());
    for (var t : tables.entrySet()) {
      TableSchema schema = TableSchema.load(t.getKey());
      assertEquals(schema.columnNames(), List.of(t.getValue().columns()), t.getKey());
      assertEquals(
          t.getValue().count(),
          SchemaEnforcer.checkNulls(SchemaEnforcer.conform(t.getValue(), schema), schema));
    }
    // cluster_metrics: AdjacencyJob's columns, then exactly these (joined by cluster_id)
    TableSchema metricsSchema = TableSchema.load("cluster_metrics");
    List<TableSchema.Column> declared = metricsSchema.columns();
    List<String> mine =
        List.of(out.clusterMetrics().columns()).subList(1, out.clusterMetrics().columns().length);
    List<TableSchema.Column> tail =
        declared.subList(declared.size() - mine.size(), declared.size());
    assertEquals(mine, tail.stream().map(TableSchema.Column::name).toList());
    for (TableSchema.Column c : tail) {
      var field = DiagnosticsJob.CLUSTER_METRICS.apply(c.name());
      assertEquals(SchemaEnforcer.sparkType(c.type()), field.dataType(), c.name());
      assertEquals(c.nullable(), field.nullable(), c.name());
    }
  }

  @Test
  void optionsHaveDefaultsAndNamedErrors() {
    DiagnosticsJob.Options o = DiagnosticsJob.Options.fromOptions(Map.of());
    assertEquals(DiagnosticsJob.Options.defaults(), o);
    assertEquals(999, o.permutations());
    assertEquals(0.75, o.strongQuantile());
    assertEquals(0.5, o.weakMemberFraction());
    assertEquals("linkage_index", o.candidateLinkage());
    DiagnosticsJob.Options set =
        DiagnosticsJob.Options.fromOptions(
            Map.of(
                "diagnostics.permutations", "199",
                "diagnostics.seed", "7",
                "diagnostics.candidate_linkage", "trains_all"));
    assertEquals(199, set.permutations());
    assertEquals(7L, set.seed());
    assertEquals("trains_all", set.candidateLinkage());
    for (var bad :
        List.of(
            Map.of("diagnostics.permutations", "0"),
            Map.of("diagnostics.permutations", "many"),
            Map.of("diagnostics.strong_quantile", "1"),
            Map.of("diagnostics.weak_member_fraction", "0"),
            Map.of("diagnostics.candidate_linkage", "gravity"))) {
      ConfigException e =
          assertThrows(ConfigException.class, () -> DiagnosticsJob.Options.fromOptions(bad));
      assertTrue(e.getMessage().contains(bad.keySet().iterator().next()), e.getMessage());
    }
  }
}
