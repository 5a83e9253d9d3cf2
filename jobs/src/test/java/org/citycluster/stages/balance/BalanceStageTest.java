package org.citycluster.stages.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.balance.Convergence;
import org.citycluster.balance.Growth;
import org.citycluster.balance.Inequality;
import org.citycluster.config.BalanceOptions;
import org.citycluster.config.ConfigException;
import org.citycluster.io.CsvTable;
import org.citycluster.io.TableSchema;
import org.citycluster.spark.SchemaEnforcer;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.stats.AdcodeAliases;
import org.citycluster.stats.StatisticsResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The balance stage on tiny in-memory fixtures: the METRICS.md example as a national decomposition,
 * and six units over four years with an overlap, a partial member, a member without statistics, a
 * gap and a non-mainland unit.
 */
class BalanceStageTest extends SparkTestBase {

  private static final String HEADER =
      "adcode,year,population_census,gdp_cny,primary_share_pct,secondary_share_pct,"
          + "tertiary_share_pct\n";

  private static final StructType CITIES =
      new StructType()
          .add("adcode", DataTypes.StringType, false)
          .add("mainland", DataTypes.BooleanType, true)
          .add("prefecture_adcode", DataTypes.StringType, true);
  private static final StructType MEMBERS =
      new StructType()
          .add("cluster_id", DataTypes.StringType, false)
          .add("adcode", DataTypes.StringType, false)
          .add("role", DataTypes.StringType, false)
          .add("partial", DataTypes.BooleanType, false);
  private static final StructType CLUSTERS =
      new StructType()
          .add("cluster_id", DataTypes.StringType, false)
          .add("plan_year", DataTypes.IntegerType, true);

  // six units a..f (320001..320006) with census 2010/2020 and GDP 2019/2020/2021 (f: no 2021);
  // 320007 is a member of k2 without any statistics; 320008 is not mainland
  private static final String[] UNITS = {
    "320001", "320002", "320003", "320004", "320005", "320006"
  };
  private static final double[] CENSUS_2010 = {8e6, 3e6, 4e6, 2e6, 5e6, 1e6};
  private static final double[] CENSUS_2020 = {10e6, 3.1e6, 3.8e6, 1.9e6, 5.2e6, 0.9e6};
  private static final double[] GDP_2019 = {1.5e12, 2.4e11, 2.0e11, 0.8e11, 3.0e11, 0.4e11};
  private static final double[] GDP_2020 = {1.6e12, 2.5e11, 2.1e11, 0.85e11, 3.1e11, 0.42e11};
  private static final double[] GDP_2021 = {1.8e12, 2.7e11, 2.3e11, 0.9e11, 3.4e11, Double.NaN};

  private static Dataset<Row> cities;
  private static Dataset<Row> members;
  private static Dataset<Row> clusters;
  private static CsvTable stats;
  private static BalanceStage.Output out;

  @BeforeAll
  static void fixture() throws Exception {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < UNITS.length; i++) {
      csv.append(UNITS[i]).append(",2010,").append((long) CENSUS_2010[i]).append(",,,,\n");
      csv.append(UNITS[i]).append(",2019,,").append(GDP_2019[i]).append(",,,\n");
      csv.append(UNITS[i])
          .append(",2020,")
          .append((long) CENSUS_2020[i])
          .append(',')
          .append(GDP_2020[i])
          .append(",,,\n");
      if (!Double.isNaN(GDP_2021[i])) {
        csv.append(UNITS[i]).append(",2021,,").append(GDP_2021[i]).append(",,,\n");
      }
    }
    csv.append("320008,2020,1000000,1E11,,,\n");
    stats = csv(csv.toString());
    List<Row> cityRows = new java.util.ArrayList<>();
    for (String u : UNITS) {
      cityRows.add(RowFactory.create(u, true, null));
    }
    cityRows.add(RowFactory.create("320007", true, null));
    cityRows.add(RowFactory.create("320008", false, null));
    cities = spark.createDataFrame(cityRows, CITIES);
    members =
        spark.createDataFrame(
            List.of(
                RowFactory.create("k1", "320001", "core", false),
                RowFactory.create("k1", "320002", "member", false),
                RowFactory.create("k1", "320003", "member", false),
                RowFactory.create("k2", "320003", "core", true),
                RowFactory.create("k2", "320004", "member", false),
                RowFactory.create("k2", "320007", "member", false)),
            MEMBERS);
    clusters =
        spark.createDataFrame(
            List.of(
                RowFactory.create("k1", 2015),
                RowFactory.create("k2", 2016),
                RowFactory.create("k3", null)),
            CLUSTERS);
    out = run(BalanceOptions.defaults());
  }

  private static CsvTable csv(String text) throws Exception {
    return CsvTable.read(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        "stats.csv",
        StatisticsResolver.REQUIRED_COLUMNS);
  }

  private static BalanceStage.Output run(BalanceOptions options) {
    return local(
        BalanceStage.run(
            spark, stats, AdcodeAliases.municipalitiesOnly(), cities, members, clusters, options));
  }

  /** The outputs computed once and held as local relations, so the many filters below are cheap. */
  private static BalanceStage.Output local(BalanceStage.Output o) {
    return new BalanceStage.Output(
        local(o.inequality()), local(o.convergence()), local(o.clusterGrowth()), local(o.issues()));
  }

  private static Dataset<Row> local(Dataset<Row> d) {
    return spark.createDataFrame(d.collectAsList(), d.schema());
  }

  private static Row one(Dataset<Row> table, String filter) {
    List<Row> rows = table.filter(filter).collectAsList();
    assertEquals(1, rows.size(), filter + ": " + rows);
    return rows.get(0);
  }

  private static double[] pick(double[] values, int... idx) {
    double[] v = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      v[i] = values[idx[i]];
    }
    return v;
  }

  @Test
  void metricsExampleAsANationalDecomposition() throws Exception {
    // P = (1, 1, 2, 4) million, Y = (2, 1, 2, 3) × 1e10 CNY; cluster m = units 1, 2; 3, 4 outside
    CsvTable example =
        csv(
            HEADER
                + "110001,2020,1000000,2E10,,,\n"
                + "110002,2020,1000000,1E10,,,\n"
                + "110003,2020,2000000,2E10,,,\n"
                + "110004,2020,4000000,3E10,,,\n");
    Dataset<Row> units =
        spark.createDataFrame(
            List.of(
                RowFactory.create("110001", true, null),
                RowFactory.create("110002", true, null),
                RowFactory.create("110003", true, null),
                RowFactory.create("110004", true, null)),
            CITIES);
    Dataset<Row> m =
        spark.createDataFrame(
            List.of(
                RowFactory.create("m", "110001", "core", false),
                RowFactory.create("m", "110002", "member", false)),
            MEMBERS);
    Dataset<Row> c = spark.createDataFrame(List.of(RowFactory.create("m", 2016)), CLUSTERS);
    BalanceStage.Output o =
        local(
            BalanceStage.run(
                spark,
                example,
                AdcodeAliases.municipalitiesOnly(),
                units,
                m,
                c,
                BalanceOptions.defaults()));
    Row t = one(o.inequality(), "scope = 'national' AND measure = 'theil_t'");
    assertEquals(0.065406, t.<Double>getAs("value"), 1e-6);
    assertEquals(0.038098, t.<Double>getAs("between"), 1e-6);
    assertEquals(0.027308, t.<Double>getAs("within"), 1e-6);
    assertEquals("clusters", t.getAs("partition"));
    assertEquals(2, (int) t.<Integer>getAs("n_groups"));
    Row l = one(o.inequality(), "scope = 'national' AND measure = 'theil_l'");
    assertEquals(0.057198, l.<Double>getAs("value"), 1e-6);
    assertEquals(0.035375, l.<Double>getAs("between"), 1e-6);
    assertEquals(0.021823, l.<Double>getAs("within"), 1e-6);
    Row cv = one(o.inequality(), "scope = 'national' AND measure = 'cv_weighted'");
    assertEquals(0.395285, cv.<Double>getAs("value"), 1e-6);
    assertNull(cv.getAs("between"));
    // the cluster's own inequality: units 1 and 2 among themselves; its shares of the nation
    Row mt = one(o.inequality(), "scope = 'm' AND measure = 'theil_t'");
    assertEquals(
        Inequality.theilT(new double[] {1, 1}, new double[] {2, 1}), mt.getAs("value"), 1e-15);
    assertEquals(2.0 / 8, mt.<Double>getAs("population_share"), 1e-15);
    assertEquals(3.0 / 8, mt.<Double>getAs("gdp_share"), 1e-15);
    Row rest = one(o.inequality(), "scope = 'non_cluster' AND measure = 'theil_l'");
    assertEquals(
        Inequality.theilL(new double[] {2, 4}, new double[] {2, 3}), rest.getAs("value"), 1e-15);
    assertNull(rest.getAs("between"));
    // one census year: no population convergence, no growth spans
    assertEquals(0, o.convergence().count());
    assertNull(one(o.clusterGrowth(), "scope = 'm'").getAs("population_growth_per_year"));
  }

  @Test
  void nationalPartitionFollowsTheMultiMembershipRule() {
    // core_then_earliest: 320003 is core of k2 → k1 {a, b}, k2 {c, d}, outside {e, f}
    double[] p = CENSUS_2020;
    double[] y = GDP_2020;
    int[] coreFirst = {0, 0, 1, 1, 2, 2};
    int[] earliest = {0, 0, 0, 1, 2, 2};
    Row t = one(out.inequality(), "scope = 'national' AND stats_year = 2020 AND measure='theil_t'");
    Inequality.Decomposition d = Inequality.theilT(p, y, coreFirst);
    assertEquals(d.total(), t.getAs("value"), 1e-15);
    assertEquals(d.between(), t.getAs("between"), 1e-15);
    assertEquals(d.within(), t.getAs("within"), 1e-15);
    assertEquals(3, (int) t.<Integer>getAs("n_groups"));
    assertEquals(6, (int) t.<Integer>getAs("n_units"));
    assertEquals(1, (int) t.<Integer>getAs("n_units_without_data"), "320007; 320008 not mainland");
    assertEquals(1, (int) t.<Integer>getAs("n_partial_units"), "320003 went to k2 as partial");
    assertEquals(1.0, t.<Double>getAs("population_share"), 0);
    assertEquals(Math.round(java.util.Arrays.stream(p).sum()), (long) t.<Long>getAs("population"));

    BalanceStage.Output early =
        run(new BalanceOptions(new TreeSet<>(), BalanceOptions.MultiMembership.EARLIEST));
    Row e =
        one(early.inequality(), "scope = 'national' AND stats_year = 2020 AND measure='theil_l'");
    Inequality.Decomposition de = Inequality.theilL(p, y, earliest);
    assertEquals(de.between(), e.getAs("between"), 1e-15);
    assertEquals(de.within(), e.getAs("within"), 1e-15);
    assertNotEquals(Inequality.theilL(p, y, coreFirst).between(), de.between());
    // per-cluster rows use all members whatever the rule
    assertEquals(
        one(out.inequality(), "scope = 'k1' AND stats_year = 2019 AND measure = 'theil_t'"),
        one(early.inequality(), "scope = 'k1' AND stats_year = 2019 AND measure = 'theil_t'"));
  }

  @Test
  void clusterRowsDecomposeByRoleAndCountWhatIsMissing() {
    Row k1 = one(out.inequality(), "scope = 'k1' AND stats_year = 2021 AND measure = 'theil_t'");
    // k1 = a (core), b, c (members)
    Inequality.Decomposition d =
        Inequality.theilT(pick(CENSUS_2020, 0, 1, 2), pick(GDP_2021, 0, 1, 2), new int[] {0, 1, 1});
    assertEquals(d.total(), k1.getAs("value"), 1e-15);
    assertEquals(d.between(), k1.getAs("between"), 1e-15);
    assertEquals("role", k1.getAs("partition"));
    assertEquals("2020", k1.getAs("population_years"));
    double nationalGdp2021 = 1.8e12 + 2.7e11 + 2.3e11 + 0.9e11 + 3.4e11; // f has no 2021 GDP
    assertEquals((1.8e12 + 2.7e11 + 2.3e11) / nationalGdp2021, k1.getAs("gdp_share"), 1e-15);

    Row k2 = one(out.inequality(), "scope = 'k2' AND stats_year = 2020 AND measure = 'theil_l'");
    assertEquals(2, (int) k2.<Integer>getAs("n_units"));
    assertEquals(1, (int) k2.<Integer>getAs("n_units_without_data"));
    assertEquals(1, (int) k2.<Integer>getAs("n_partial_units"));
    assertEquals("partial_members", k2.getAs("caveats"));

    Row national2021 =
        one(out.inequality(), "scope = 'national' AND stats_year = 2021 AND measure = 'theil_t'");
    assertEquals(5, (int) national2021.<Integer>getAs("n_units"));
    assertEquals(2, (int) national2021.<Integer>getAs("n_units_without_data"));
    // a cluster without any unit of the level still has its rows, with nothing measured
    Row k3 = one(out.inequality(), "scope = 'k3' AND stats_year = 2020 AND measure = 'theil_t'");
    assertEquals(0, (int) k3.<Integer>getAs("n_units"));
    assertNull(k3.getAs("value"));
    // scopes x years x measures: (national, k1, k2, k3, non_cluster) x 3 x 3
    assertEquals(5 * 3 * 3, out.inequality().count());
  }

  @Test
  void convergenceOnTheUnitsWithBothYears() {
    Row g =
        one(
            out.convergence(),
            "scope = 'national' AND variable = 'gdp_per_capita_cny' AND from_year = 2019"
                + " AND to_year = 2021");
    int[] both = {0, 1, 2, 3, 4}; // f has no 2021 GDP
    double[] p = pick(CENSUS_2020, both);
    double[] pc0 = new double[5];
    double[] pc1 = new double[5];
    for (int i = 0; i < 5; i++) {
      pc0[i] = GDP_2019[both[i]] / p[i];
      pc1[i] = GDP_2021[both[i]] / p[i];
    }
    Convergence.Beta beta = Convergence.beta(pc0, pc1, 2);
    assertEquals(beta.slope(), g.getAs("beta"), 1e-15);
    assertEquals(beta.standardError(), g.getAs("beta_se"), 1e-15);
    assertEquals(5, (int) g.<Integer>getAs("n_units"));
    assertEquals(2, (int) g.<Integer>getAs("n_units_without_data"));
    double cv0 = Inequality.weightedCv(p, pick(GDP_2019, both));
    double cv1 = Inequality.weightedCv(p, pick(GDP_2021, both));
    assertEquals(cv1 - cv0, g.getAs("sigma_change"), 1e-15);
    assertEquals(cv0, g.getAs("cv_from"), 1e-15);
    assertEquals(
        Inequality.theilT(p, pick(GDP_2021, both)) - Inequality.theilT(p, pick(GDP_2019, both)),
        g.getAs("theil_t_change"),
        1e-15);
    assertEquals("spans_2020;partial_members;fixed_population", g.getAs("caveats"));
    assertEquals("population", g.getAs("cv_weighting"));

    Row pop = one(out.convergence(), "scope = 'non_cluster' AND variable = 'population'");
    Convergence.Beta pb = Convergence.beta(pick(CENSUS_2010, 4, 5), pick(CENSUS_2020, 4, 5), 10);
    assertEquals(pb.slope(), pop.getAs("beta"), 1e-15);
    assertNull(pop.getAs("beta_se"), "two units: no standard error");
    assertEquals(2010, (int) pop.<Integer>getAs("from_year"));
    assertEquals(10, (int) pop.<Integer>getAs("span_years"));
    assertEquals(
        Inequality.cv(pick(CENSUS_2020, 4, 5)) - Inequality.cv(pick(CENSUS_2010, 4, 5)),
        pop.getAs("sigma_change"),
        1e-15);
    // (national, k1, k2, k3, non_cluster) x (3 GDP pairs + 1 census pair)
    assertEquals(5 * 4, out.convergence().count());
  }

  @Test
  void coreAgainstMedianMemberGrowth() {
    Row k1 = one(out.clusterGrowth(), "scope = 'k1'");
    assertEquals(2010, (int) k1.<Integer>getAs("population_from_year"));
    assertEquals(2020, (int) k1.<Integer>getAs("population_to_year"));
    assertEquals(Growth.annualised(8e6, 10e6, 10), k1.getAs("core_population_growth_per_year"));
    assertEquals(
        Growth.median(
            new double[] {Growth.annualised(3e6, 3.1e6, 10), Growth.annualised(4e6, 3.8e6, 10)}),
        k1.getAs("median_member_population_growth_per_year"),
        1e-15);
    assertEquals(
        Growth.annualised(15e6, 16.9e6, 10), k1.getAs("population_growth_per_year"), 1e-15);
    assertEquals(8.0 / 15, k1.<Double>getAs("core_population_share_from"), 1e-15);
    assertEquals(10.0 / 16.9, k1.<Double>getAs("core_population_share_to"), 1e-15);
    assertEquals(2019, (int) k1.<Integer>getAs("gdp_from_year"));
    assertEquals(2021, (int) k1.<Integer>getAs("gdp_to_year"));
    assertEquals(Growth.annualised(1.5e12, 1.8e12, 2), k1.getAs("core_gdp_growth_per_year"));
    assertEquals("spans_2020", k1.getAs("caveats"));
    assertEquals(16.9e6 / 24.9e6, k1.<Double>getAs("national_population_share_to"), 1e-15);

    // the union of the clusters counts 320003 once; 320007 has no data
    Row all = one(out.clusterGrowth(), "scope = 'all_clusters'");
    assertEquals(5, (int) all.<Integer>getAs("n_units"));
    assertEquals(4, (int) all.<Integer>getAs("n_units_population"));
    assertEquals(2, (int) all.<Integer>getAs("n_core"));
    assertEquals(
        (10e6 + 3.1e6 + 3.8e6 + 1.9e6) / 24.9e6,
        all.<Double>getAs("national_population_share_to"),
        1e-15);
    Row national = one(out.clusterGrowth(), "scope = 'national'");
    assertNull(national.getAs("core_population_growth_per_year"));
    assertEquals(6, (int) national.<Integer>getAs("n_members_median_population"));
    assertEquals(1.0, national.<Double>getAs("national_gdp_share_from"), 0);
    assertEquals(6, out.clusterGrowth().count(), "k1, k2, k3, all_clusters, non_cluster, national");
  }

  @Test
  void unitsWithoutDataAreListedNotDropped() {
    List<Row> issues = out.issues().collectAsList();
    Set<String> balance =
        issues.stream()
            .filter(r -> r.getAs("source").equals(BalanceStage.SOURCE))
            .map(r -> (String) r.getAs("record_id"))
            .collect(Collectors.toSet());
    assertEquals(Set.of("adcode 320007"), balance, "320008 is not mainland");
    assertTrue(
        issues.stream()
            .anyMatch(
                r ->
                    r.getAs("record_id").equals("adcode 320006, year 2021")
                        && r.getAs("field").equals("gdp_cny")
                        && r.getAs("action").equals("excluded")),
        issues.toString());
  }

  @Test
  void aSelectionOfYearsLimitsTheTables() {
    BalanceStage.Output two =
        run(
            new BalanceOptions(
                new TreeSet<>(List.of(2019, 2021)),
                BalanceOptions.MultiMembership.CORE_THEN_EARLIEST));
    assertEquals(
        Set.of(2019, 2021),
        two.inequality().select("stats_year").distinct().collectAsList().stream()
            .map(r -> r.getInt(0))
            .collect(Collectors.toSet()));
    assertEquals(5, two.convergence().count(), "one GDP pair per scope, no census pair");
    assertEquals(
        one(out.inequality(), "scope = 'national' AND stats_year = 2021 AND measure = 'theil_t'"),
        one(two.inequality(), "scope = 'national' AND stats_year = 2021 AND measure = 'theil_t'"));
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                run(
                    new BalanceOptions(
                        new TreeSet<>(List.of(2018)),
                        BalanceOptions.MultiMembership.CORE_THEN_EARLIEST)));
    assertTrue(e.getMessage().startsWith("option 'stats.years'"), e.getMessage());
  }

  @Test
  void sameInputsInAnyPartitioningGiveIdenticalRows() {
    BalanceStage.Output again =
        local(
            BalanceStage.build(
                BalanceStage.statisticsFrame(
                        spark,
                        org.citycluster.stats.StatisticsSeries.resolve(
                            stats, AdcodeAliases.municipalitiesOnly(), Set.of()))
                    .repartition(7),
                cities.repartition(3),
                members.repartition(5),
                clusters,
                BalanceOptions.defaults()));
    assertEquals(out.inequality().collectAsList(), again.inequality().collectAsList());
    assertEquals(out.convergence().collectAsList(), again.convergence().collectAsList());
    assertEquals(out.clusterGrowth().collectAsList(), again.clusterGrowth().collectAsList());
  }

  @Test
  void outputsMatchTheirSchemaFiles() {
    Map<String, Dataset<Row>> tables = out.tables();
    assertEquals(
        List.of("inequality", "convergence", "cluster_growth"), List.copyOf(tables.keySet()));
    for (var t : tables.entrySet()) {
      TableSchema schema = TableSchema.load(t.getKey());
      assertEquals(schema.columnNames(), List.of(t.getValue().columns()), t.getKey());
      for (TableSchema.Column c : schema.columns()) {
        assertEquals(
            SchemaEnforcer.sparkType(c.type()),
            t.getValue().schema().apply(c.name()).dataType(),
            t.getKey() + "." + c.name());
      }
      assertEquals(
          t.getValue().count(),
          SchemaEnforcer.checkNulls(SchemaEnforcer.conform(t.getValue(), schema), schema));
    }
    TableSchema dq = TableSchema.load("dq_issues");
    assertEquals(dq.columnNames(), List.of(out.issues().columns()));
  }
}
