package org.citycluster.stages.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.config.BalanceOptions;
import org.citycluster.io.CsvTable;
import org.citycluster.io.Feature;
import org.citycluster.io.GeoJsonFeatureReader;
import org.citycluster.plan.ClusterMembership;
import org.citycluster.plan.ClusterPlanReader;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.stats.AdcodeAliases;
import org.citycluster.stats.StatisticsResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The balance stage on the real prefecture-level data, checked against national Theil T figures
 * recomputed here straight from {@code city_stats.csv} and {@code clusters.csv} in plain loops.
 */
class BalanceRealDataTest extends SparkTestBase {

  private static final int[] GDP_YEARS = {2019, 2020, 2021};

  private static Set<String> mainland;
  private static List<CsvTable.Row> statsRows;
  private static List<CsvTable.Row> planRows;
  private static List<Row> inequality;
  private static List<Row> growth;

  @BeforeAll
  static void runStage() throws Exception {
    Path data = sharedData();
    CsvTable units = csv(data, "stats/cities.csv", List.of("adcode", "source_codes"));
    AdcodeAliases aliases = AdcodeAliases.fromCitiesTable(units);
    CsvTable stats = csv(data, "stats/city_stats.csv", StatisticsResolver.REQUIRED_COLUMNS);
    CsvTable plan = csv(data, "stats/clusters.csv", ClusterPlanReader.REQUIRED_COLUMNS);
    statsRows = stats.rows();
    planRows = plan.rows();

    mainland = new HashSet<>();
    List<Row> cityRows = new ArrayList<>();
    for (Feature f :
        new GeoJsonFeatureReader().read(data.resolve("boundaries/china_prefectures.geojson"))) {
      String adcode = aliases.canonical(String.valueOf(f.properties().get("adcode")));
      boolean isMainland = Boolean.TRUE.equals(f.properties().get("mainland"));
      cityRows.add(RowFactory.create(adcode, isMainland));
      if (isMainland) {
        mainland.add(adcode);
      }
    }
    Dataset<Row> cities =
        spark.createDataFrame(
            cityRows,
            new StructType()
                .add("adcode", DataTypes.StringType, false)
                .add("mainland", DataTypes.BooleanType, false));
    List<Row> memberRows = new ArrayList<>();
    Map<String, Integer> planYears = new TreeMap<>();
    for (ClusterMembership m : ClusterPlanReader.read(plan, aliases)) {
      memberRows.add(RowFactory.create(m.clusterId(), m.adcode(), m.role(), m.partial()));
      planYears.put(m.clusterId(), m.planYear());
    }
    Dataset<Row> members =
        spark.createDataFrame(
            memberRows,
            new StructType()
                .add("cluster_id", DataTypes.StringType, false)
                .add("adcode", DataTypes.StringType, false)
                .add("role", DataTypes.StringType, false)
                .add("partial", DataTypes.BooleanType, false));
    List<Row> clusterRows = new ArrayList<>();
    planYears.forEach((id, year) -> clusterRows.add(RowFactory.create(id, year)));
    Dataset<Row> clusters =
        spark.createDataFrame(
            clusterRows,
            new StructType()
                .add("cluster_id", DataTypes.StringType, false)
                .add("plan_year", DataTypes.IntegerType, true));

    BalanceStage.Output out =
        BalanceStage.run(
            spark, stats, aliases, cities, members, clusters, BalanceOptions.defaults());
    inequality = out.inequality().collectAsList();
    growth = out.clusterGrowth().collectAsList();
  }

  private static CsvTable csv(Path data, String relative, List<String> required) throws Exception {
    try (InputStream in = Files.newInputStream(data.resolve(relative))) {
      return CsvTable.read(in, relative, required);
    }
  }

  private static double number(CsvTable.Row r, String column) {
    String v = r.get(column).trim();
    return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
  }

  /** adcode → year → value of a column, for the non-empty values. */
  private static Map<String, Map<Integer, Double>> column(String name) {
    Map<String, Map<Integer, Double>> m = new HashMap<>();
    for (CsvTable.Row r : statsRows) {
      double v = number(r, name);
      if (!Double.isNaN(v)) {
        m.computeIfAbsent(r.get("adcode").trim(), k -> new HashMap<>())
            .put(Integer.parseInt(r.get("year").trim()), v);
      }
    }
    return m;
  }

  /** The national partition, by hand: core first, then the earliest plan year, then the id. */
  private static Map<String, String> assignment() {
    Map<String, String[]> best = new HashMap<>(); // adcode -> {cluster, core?, plan year}
    for (CsvTable.Row r : planRows) {
      String adcode = r.get("adcode").trim();
      String[] candidate = {
        r.get("cluster_id").trim(),
        r.get("role").trim().equals("core") ? "0" : "1",
        r.get("plan_year").trim().isEmpty() ? "9999" : r.get("plan_year").trim()
      };
      String[] current = best.get(adcode);
      if (current == null
          || (candidate[1] + candidate[2] + candidate[0])
                  .compareTo(current[1] + current[2] + current[0])
              < 0) {
        best.put(adcode, candidate);
      }
    }
    Map<String, String> a = new HashMap<>();
    best.forEach((adcode, c) -> a.put(adcode, c[0]));
    return a;
  }

  private static Row row(List<Row> rows, String scope, int year, String measure) {
    return rows.stream()
        .filter(
            r ->
                r.getAs("scope").equals(scope)
                    && (int) r.getAs("stats_year") == year
                    && r.getAs("measure").equals(measure))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void nationalTheilTEqualsAnIndependentRecomputationAndDecomposesExactly() {
    Map<String, Map<Integer, Double>> population = column("population_census");
    Map<String, Map<Integer, Double>> gdp = column("gdp_cny");
    Map<String, String> group = assignment();
    for (int year : GDP_YEARS) {
      // units with GDP that year and a census population (2020 for every GDP year, else 2010)
      List<double[]> units = new ArrayList<>();
      List<String> groups = new ArrayList<>();
      for (var e : gdp.entrySet()) {
        Double y = e.getValue().get(year);
        Map<Integer, Double> p = population.getOrDefault(e.getKey(), Map.of());
        Double pop = p.containsKey(2020) ? p.get(2020) : p.get(2010);
        if (y != null && y > 0 && pop != null && pop > 0 && mainland.contains(e.getKey())) {
          units.add(new double[] {pop, y});
          groups.add(group.getOrDefault(e.getKey(), "non_cluster"));
        }
      }
      double pTotal = 0;
      double yTotal = 0;
      for (double[] u : units) {
        pTotal += u[0];
        yTotal += u[1];
      }
      double theil = 0;
      Map<String, double[]> byGroup = new TreeMap<>();
      for (int i = 0; i < units.size(); i++) {
        double[] u = units.get(i);
        theil += u[1] / yTotal * Math.log((u[1] / yTotal) / (u[0] / pTotal));
        double[] g = byGroup.computeIfAbsent(groups.get(i), k -> new double[2]);
        g[0] += u[0];
        g[1] += u[1];
      }
      double between = 0;
      for (double[] g : byGroup.values()) {
        between += g[1] / yTotal * Math.log((g[1] / yTotal) / (g[0] / pTotal));
      }
      Row t = row(inequality, "national", year, "theil_t");
      double value = t.getAs("value");
      double b = t.getAs("between");
      double w = t.getAs("within");
      System.out.printf(
          "national Theil T %d: %.12f = between %.12f + within %.12f (n = %d)%n",
          year, value, b, w, units.size());
      assertEquals(theil, value, 1e-12, "Theil T " + year);
      assertEquals(between, b, 1e-12, "between " + year);
      assertEquals(value, b + w, 1e-12, "T = between + within, " + year);
      assertEquals(units.size(), (int) t.<Integer>getAs("n_units"), "n " + year);
      assertEquals(
          mainland.size() - units.size(),
          (int) t.<Integer>getAs("n_units_without_data"),
          "without data " + year);
      assertEquals(byGroup.size(), (int) t.<Integer>getAs("n_groups"));
      Row l = row(inequality, "national", year, "theil_l");
      assertEquals(
          l.<Double>getAs("value"),
          l.<Double>getAs("between") + l.<Double>getAs("within"),
          1e-12,
          "L = between + within, " + year);
    }
  }

  @Test
  void everyClusterHasItsRowsAndTheSharesAreShares() {
    Set<String> clusters = new HashSet<>();
    planRows.forEach(r -> clusters.add(r.get("cluster_id").trim()));
    assertEquals(19, clusters.size());
    // (19 clusters + national + non_cluster) x 3 GDP years x 3 measures
    assertEquals((19 + 2) * 3 * 3, inequality.size());
    for (int year : GDP_YEARS) {
      double clusterShare = row(inequality, "non_cluster", year, "theil_t").getAs("gdp_share");
      assertTrue(clusterShare > 0 && clusterShare < 0.5, "non-cluster GDP share " + clusterShare);
    }
  }

  @Test
  void coreGrowthOfTheYangtzeDeltaIsShanghaisOwn() {
    Map<String, Map<Integer, Double>> population = column("population_census");
    Row yrd = growth.stream().filter(r -> r.getAs("scope").equals("yrd")).findFirst().orElseThrow();
    Map<Integer, Double> shanghai = population.get("310000");
    assertEquals(
        Math.log(shanghai.get(2020) / shanghai.get(2010)) / 10,
        yrd.<Double>getAs("core_population_growth_per_year"),
        1e-15);
    assertEquals(26, (int) yrd.<Integer>getAs("n_units_population"));
    for (String scope : List.of("yrd", "cy", "hc")) {
      Row r = growth.stream().filter(g -> g.getAs("scope").equals(scope)).findFirst().orElseThrow();
      System.out.printf(
          "%s population growth 2010-2020 per year: core %.6f, median member %.6f%n",
          scope,
          r.<Double>getAs("core_population_growth_per_year"),
          r.<Double>getAs("median_member_population_growth_per_year"));
    }
  }
}
