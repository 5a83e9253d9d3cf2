package org.citycluster.stages.balance;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.config.BalanceOptions;
import org.citycluster.io.CsvTable;
import org.citycluster.spark.PlanCut;
import org.citycluster.spark.ReferenceFrames;
import org.citycluster.stats.AdcodeAliases;
import org.citycluster.stats.StatisticsSeries;

/**
 * Regional balance over the statistics years (issue #15): do the planned clusters narrow or widen
 * the inequality of GDP per capita, and do their cores grow at their members' expense. A thin Spark
 * layer over {@code org.citycluster.balance}.
 *
 * <p><b>Inputs.</b> {@code statistics}: one row per unit and year ({@link #SERIES}, from {@link
 * StatisticsSeries}); {@code cities} ({@code adcode}, {@code mainland} if present: the units of the
 * run's level; units outside the mainland are left out); {@code cluster_members} ({@code
 * cluster_id}, {@code adcode}, {@code role}, {@code partial}); {@code clusters} ({@code
 * cluster_id}, {@code plan_year}). A unit listed twice in one cluster counts once (core if either
 * row says so).
 *
 * <p><b>Scopes.</b> {@code national}: every mainland unit of the level, partitioned into {each
 * cluster, {@code non_cluster}} for the between/within terms, a unit in several clusters going to
 * one of them by {@link BalanceOptions#multiMembership()} (so the national within term uses each
 * unit once, while the per-cluster rows use all of a cluster's members); each cluster (its members,
 * partitioned by role core/member); {@code non_cluster} (units in no cluster, no partition). {@code
 * cluster_growth} also has {@code all_clusters} (the union of the clusters, each unit once).
 *
 * <p><b>Outputs.</b> {@code inequality}: per scope, GDP year and measure ({@code theil_t}, {@code
 * theil_l}, {@code cv_weighted}) over the units with GDP and population that year. {@code
 * convergence}: per scope and pair of GDP years, GDP per capita; per pair of census years,
 * population; on the units with data in both years. {@code cluster_growth}: per scope, population
 * growth between the first and last census year and GDP growth between the first and last GDP year
 * of the total, of the cores and of the median non-core unit, with the core shares. Every row
 * carries its base: units used, units without data ({@code n_units_without_data}, never silently
 * dropped: the units without any statistics are also listed in {@code dq_issues}), partial members,
 * the census years of the denominators, and {@code caveats}.
 *
 * <p><b>Where the work happens.</b> The scope's units are gathered in Spark ({@code collect_list}
 * per scope) and each scope is one task computing its rows in plain Java, units sorted by adcode:
 * every sum runs in one fixed order, so local and cluster runs write identical tables. The driver
 * receives only the list of statistics years. The gathered scopes (a few thousand unit rows at
 * county level) are persisted, as the three tables are computed from them.
 *
 * <p><b>County level.</b> The shared statistics are for prefecture-level units; at county level
 * only the county-level units that are themselves statistical units (province-administered cities
 * and counties, prefecture cities without districts) have figures: census population for 24 of
 * 2,891 counties, GDP for 4. County-level rows are therefore the inequality among those few units,
 * not a county-level picture of China: read {@code n_units} and {@code n_units_without_data} with
 * every figure. Plan membership is by prefecture, so a county of a core prefecture is a core unit.
 */
public final class BalanceStage {

  /** {@code source} of this stage's {@code dq_issues} rows. */
  public static final String SOURCE = "balance";

  static final String NATIONAL = "national";
  static final String CLUSTER = "cluster";
  static final String NON_CLUSTER = "non_cluster";
  static final String ALL_CLUSTERS = "all_clusters";

  /** The per-unit, per-year statistics ({@link StatisticsSeries.UnitYear}). */
  public static final StructType SERIES =
      new StructType()
          .add("adcode", DataTypes.StringType, false)
          .add("year", DataTypes.IntegerType, false)
          .add("population_census", DataTypes.LongType, true)
          .add("gdp_cny", DataTypes.DoubleType, true)
          .add("population", DataTypes.LongType, true)
          .add("population_year", DataTypes.IntegerType, true);

  /** {@code inequality} as the scope tasks write it, before the national shares. */
  static final StructType INEQUALITY_ROWS =
      new StructType()
          .add("scope", DataTypes.StringType, false)
          .add("stats_year", DataTypes.IntegerType, false)
          .add("measure", DataTypes.StringType, false)
          .add("value", DataTypes.DoubleType, true)
          .add("between", DataTypes.DoubleType, true)
          .add("within", DataTypes.DoubleType, true)
          .add("n_units", DataTypes.IntegerType, false)
          .add("scope_type", DataTypes.StringType, false)
          .add("partition", DataTypes.StringType, true)
          .add("n_groups", DataTypes.IntegerType, true)
          .add("n_units_without_data", DataTypes.IntegerType, false)
          .add("n_partial_units", DataTypes.IntegerType, false)
          .add("population", DataTypes.LongType, true)
          .add("gdp_cny", DataTypes.DoubleType, true)
          .add("gdp_per_capita_cny", DataTypes.DoubleType, true)
          .add("population_years", DataTypes.StringType, true)
          .add("caveats", DataTypes.StringType, true);

  /** {@code convergence}. */
  public static final StructType CONVERGENCE =
      new StructType()
          .add("scope", DataTypes.StringType, false)
          .add("from_year", DataTypes.IntegerType, false)
          .add("to_year", DataTypes.IntegerType, false)
          .add("variable", DataTypes.StringType, false)
          .add("sigma_change", DataTypes.DoubleType, true)
          .add("beta", DataTypes.DoubleType, true)
          .add("beta_se", DataTypes.DoubleType, true)
          .add("n_units", DataTypes.IntegerType, false)
          .add("scope_type", DataTypes.StringType, false)
          .add("cv_weighting", DataTypes.StringType, false)
          .add("cv_from", DataTypes.DoubleType, true)
          .add("cv_to", DataTypes.DoubleType, true)
          .add("theil_t_from", DataTypes.DoubleType, true)
          .add("theil_t_to", DataTypes.DoubleType, true)
          .add("theil_t_change", DataTypes.DoubleType, true)
          .add("beta_intercept", DataTypes.DoubleType, true)
          .add("beta_r2", DataTypes.DoubleType, true)
          .add("n_units_without_data", DataTypes.IntegerType, false)
          .add("n_partial_units", DataTypes.IntegerType, false)
          .add("span_years", DataTypes.IntegerType, false)
          .add("population_years", DataTypes.StringType, true)
          .add("caveats", DataTypes.StringType, true);

  /** {@code cluster_growth} as the scope tasks write it, before the national shares. */
  static final StructType GROWTH_ROWS = growthRows();

  private static StructType growthRows() {
    StructType s =
        new StructType()
            .add("scope", DataTypes.StringType, false)
            .add("scope_type", DataTypes.StringType, false)
            .add("n_units", DataTypes.IntegerType, false)
            .add("n_core", DataTypes.IntegerType, false)
            .add("n_partial_units", DataTypes.IntegerType, false);
    for (String v : List.of("population", "gdp")) {
      String total = v.equals("gdp") ? "_cny" : "";
      s =
          s.add(v + "_from_year", DataTypes.IntegerType, true)
              .add(v + "_to_year", DataTypes.IntegerType, true)
              .add(
                  v + "_from" + total,
                  v.equals("gdp") ? DataTypes.DoubleType : DataTypes.LongType,
                  true)
              .add(
                  v + "_to" + total,
                  v.equals("gdp") ? DataTypes.DoubleType : DataTypes.LongType,
                  true)
              .add("n_units_" + v, DataTypes.IntegerType, false)
              .add(v + "_growth_per_year", DataTypes.DoubleType, true)
              .add("core_" + v + "_growth_per_year", DataTypes.DoubleType, true)
              .add("median_member_" + v + "_growth_per_year", DataTypes.DoubleType, true)
              .add("n_members_median_" + v, DataTypes.IntegerType, false)
              .add("core_" + v + "_share_from", DataTypes.DoubleType, true)
              .add("core_" + v + "_share_to", DataTypes.DoubleType, true);
    }
    return s.add("caveats", DataTypes.StringType, true);
  }

  /**
   * The stage's outputs, not yet conformed to their schemas.
   *
   * @param inequality {@code inequality}
   * @param convergence {@code convergence}
   * @param clusterGrowth {@code cluster_growth}
   * @param issues dq rows ({@link ReferenceFrames#ISSUES} columns)
   */
  public record Output(
      Dataset<Row> inequality,
      Dataset<Row> convergence,
      Dataset<Row> clusterGrowth,
      Dataset<Row> issues) {

    /** The three tables by name, in publishing order. */
    public Map<String, Dataset<Row>> tables() {
      Map<String, Dataset<Row>> m = new LinkedHashMap<>();
      m.put("inequality", inequality);
      m.put("convergence", convergence);
      m.put("cluster_growth", clusterGrowth);
      return m;
    }
  }

  private BalanceStage() {}

  /** {@link StatisticsSeries} rows as a {@link #SERIES} frame. */
  public static Dataset<Row> statisticsFrame(SparkSession spark, StatisticsSeries.Result series) {
    List<Row> rows = new ArrayList<>();
    for (StatisticsSeries.UnitYear u : series.rows()) {
      rows.add(
          RowFactory.create(
              u.adcode(),
              u.year(),
              u.populationCensus(),
              u.gdpCny(),
              u.population(),
              u.populationYear()));
    }
    return spark.createDataFrame(rows, SERIES);
  }

  /**
   * The stage as the pipeline runs it: resolves the statistics years {@code options} selects from
   * {@code statsTable} ({@link StatisticsSeries}; a year the file lacks is a {@link
   * org.citycluster.config.ConfigException} naming {@code stats.years}), then {@link #build}. The
   * series' own dq rows (gaps per unit, field and year; denominator fallbacks) are in {@link
   * Output#issues}.
   */
  public static Output run(
      SparkSession spark,
      CsvTable statsTable,
      AdcodeAliases aliases,
      Dataset<Row> cities,
      Dataset<Row> members,
      Dataset<Row> clusters,
      BalanceOptions options) {
    SortedSet<Integer> years = options.select(StatisticsSeries.yearsIn(statsTable, aliases));
    StatisticsSeries.Result series = StatisticsSeries.resolve(statsTable, aliases, years);
    Output out = build(statisticsFrame(spark, series), cities, members, clusters, options);
    return new Output(
        out.inequality(),
        out.convergence(),
        out.clusterGrowth(),
        ReferenceFrames.issues(spark, series.issues()).unionByName(out.issues()));
  }

  /** The {@code Dataset -> Dataset} heart; see the class comment. */
  public static Output build(
      Dataset<Row> statistics,
      Dataset<Row> cities,
      Dataset<Row> members,
      Dataset<Row> clusters,
      BalanceOptions options) {
    SparkSession spark = statistics.sparkSession();
    spark.sparkContext().setJobGroup("balance", "regional balance (issue #15)", false);
    try {
      spark.sparkContext().setJobDescription("balance: statistics years");
      SortedSet<Integer> available = new TreeSet<>();
      SortedSet<Integer> withCensus = new TreeSet<>();
      SortedSet<Integer> withGdp = new TreeSet<>();
      for (Row r :
          statistics
              .groupBy("year")
              .agg(count("population_census").as("p"), count("gdp_cny").as("g"))
              .collectAsList()) {
        int year = r.getInt(0);
        available.add(year);
        if (r.getLong(1) > 0) {
          withCensus.add(year);
        }
        if (r.getLong(2) > 0) {
          withGdp.add(year);
        }
      }
      SortedSet<Integer> years = options.select(available);
      withCensus.retainAll(years);
      withGdp.retainAll(years);
      int[] censusYears = withCensus.stream().mapToInt(Integer::intValue).toArray();
      int[] gdpYears = withGdp.stream().mapToInt(Integer::intValue).toArray();
      Dataset<Row> stats =
          options.allYears() ? statistics : statistics.filter(col("year").isin(years.toArray()));

      Column mainland =
          List.of(cities.columns()).contains("mainland")
              ? coalesce(col("mainland"), lit(true))
              : lit(true);
      Dataset<Row> units = cities.filter(mainland).select(col("adcode")).distinct();
      Dataset<Row> membership =
          members
              .join(units, "adcode")
              .groupBy("cluster_id", "adcode")
              .agg(
                  max(col("role").equalTo("core")).as("core"),
                  max(coalesce(col("partial"), lit(false))).as("partial"));
      Dataset<Row> planYears = clusters.groupBy("cluster_id").agg(min("plan_year").as("plan_year"));
      Dataset<Row> scopeUnits =
          national(units, membership, planYears, options.multiMembership())
              .unionByName(perCluster(planYears, membership))
              .unionByName(
                  units
                      .join(membership.select("adcode").distinct(), "adcode", "left_anti")
                      .select(
                          lit(NON_CLUSTER).as("scope"),
                          lit(NON_CLUSTER).as("scope_type"),
                          col("adcode"),
                          lit(NON_CLUSTER).as("grp"),
                          lit(false).as("core"),
                          lit(false).as("partial")))
              .unionByName(
                  membership
                      .groupBy("adcode")
                      .agg(max("core").as("core"), max("partial").as("partial"))
                      .select(
                          lit(ALL_CLUSTERS).as("scope"),
                          lit(ALL_CLUSTERS).as("scope_type"),
                          col("adcode"),
                          when(col("core"), lit("core")).otherwise(lit("member")).as("grp"),
                          col("core"),
                          col("partial")));
      Dataset<Row> series =
          stats
              .groupBy("adcode")
              .agg(
                  collect_list(
                          struct(
                              col("year"),
                              col("population_census"),
                              col("gdp_cny"),
                              col("population"),
                              col("population_year")))
                      .as("series"));
      // bounded by scopes x units; shared by the three tables and their checks
      Dataset<Row> scoped =
          PlanCut.of(
              scopeUnits
                  .join(series, new String[] {"adcode"}, "left")
                  .groupBy("scope", "scope_type")
                  .agg(
                      collect_list(
                              when(
                                  col("adcode").isNotNull(),
                                  struct(
                                      col("adcode"),
                                      col("grp"),
                                      col("core"),
                                      col("partial"),
                                      col("series"))))
                          .as("units")));
      Dataset<Row> contract = scoped.filter(col("scope_type").notEqual(ALL_CLUSTERS));

      Dataset<Row> inequality =
          withNationalShares(
              contract.flatMap(
                  new BalanceTasks.InequalityRows(gdpYears), Encoders.row(INEQUALITY_ROWS)));
      Dataset<Row> convergence =
          contract
              .flatMap(
                  new BalanceTasks.ConvergenceRows(censusYears, gdpYears),
                  Encoders.row(CONVERGENCE))
              .orderBy("scope", "variable", "from_year", "to_year");
      Dataset<Row> growth =
          growthWithNationalShares(
              scoped.flatMap(
                  new BalanceTasks.GrowthRows(censusYears, gdpYears), Encoders.row(GROWTH_ROWS)));
      return new Output(inequality, convergence, growth, issues(stats, units, years));
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /** The national scope: every unit, grouped by its one assigned cluster or {@code non_cluster}. */
  private static Dataset<Row> national(
      Dataset<Row> units,
      Dataset<Row> membership,
      Dataset<Row> planYears,
      BalanceOptions.MultiMembership rule) {
    WindowSpec order =
        switch (rule) {
          case CORE_THEN_EARLIEST ->
              Window.partitionBy("adcode")
                  .orderBy(
                      col("core").desc(), col("plan_year").asc_nulls_last(), col("cluster_id"));
          case EARLIEST ->
              Window.partitionBy("adcode")
                  .orderBy(col("plan_year").asc_nulls_last(), col("cluster_id"));
        };
    Dataset<Row> assigned =
        membership
            .join(planYears, new String[] {"cluster_id"}, "left")
            .withColumn("rank", row_number().over(order))
            .filter(col("rank").equalTo(1))
            .select(
                col("adcode"),
                col("cluster_id").as("assigned"),
                col("partial").as("assigned_partial"));
    return units
        .join(assigned, new String[] {"adcode"}, "left")
        .select(
            lit(NATIONAL).as("scope"),
            lit(NATIONAL).as("scope_type"),
            col("adcode"),
            coalesce(col("assigned"), lit(NON_CLUSTER)).as("grp"),
            lit(false).as("core"),
            coalesce(col("assigned_partial"), lit(false)).as("partial"));
  }

  /** One scope per cluster (also for a cluster none of whose members is a unit of the level). */
  private static Dataset<Row> perCluster(Dataset<Row> planYears, Dataset<Row> membership) {
    return planYears
        .select("cluster_id")
        .join(membership, new String[] {"cluster_id"}, "left")
        .select(
            col("cluster_id").as("scope"),
            lit(CLUSTER).as("scope_type"),
            col("adcode"),
            when(col("core"), lit("core")).otherwise(lit("member")).as("grp"),
            coalesce(col("core"), lit(false)).as("core"),
            coalesce(col("partial"), lit(false)).as("partial"));
  }

  /** Adds each row's share of the national population and GDP of its year. */
  private static Dataset<Row> withNationalShares(Dataset<Row> rows) {
    Dataset<Row> national =
        rows.filter(col("scope").equalTo(NATIONAL).and(col("measure").equalTo("theil_t")))
            .select(
                col("stats_year").as("national_year"),
                col("population").as("national_population"),
                col("gdp_cny").as("national_gdp_cny"));
    return rows.join(national, col("stats_year").equalTo(col("national_year")), "left")
        .select(
            col("scope"),
            col("stats_year"),
            col("measure"),
            col("value"),
            col("between"),
            col("within"),
            col("n_units"),
            col("population").divide(col("national_population")).as("population_share"),
            col("gdp_cny").divide(col("national_gdp_cny")).as("gdp_share"),
            col("scope_type"),
            col("partition"),
            col("n_groups"),
            col("n_units_without_data"),
            col("n_partial_units"),
            col("population"),
            col("gdp_cny"),
            col("gdp_per_capita_cny"),
            col("population_years"),
            col("caveats"))
        .orderBy("scope", "stats_year", "measure");
  }

  /** Adds the shares of the national population and GDP in the first and last year. */
  private static Dataset<Row> growthWithNationalShares(Dataset<Row> rows) {
    Dataset<Row> national =
        rows.filter(col("scope_type").equalTo(NATIONAL))
            .select(
                col("population_from").as("national_population_from"),
                col("population_to").as("national_population_to"),
                col("gdp_from_cny").as("national_gdp_from_cny"),
                col("gdp_to_cny").as("national_gdp_to_cny"));
    List<Column> columns = new ArrayList<>();
    for (String name : GROWTH_ROWS.fieldNames()) {
      if (name.equals("caveats")) {
        continue;
      }
      columns.add(col(name));
      if (name.equals("core_population_share_to")) {
        columns.add(
            share("population_from", "national_population_from", "national_population_share_from"));
        columns.add(
            share("population_to", "national_population_to", "national_population_share_to"));
      } else if (name.equals("core_gdp_share_to")) {
        columns.add(share("gdp_from_cny", "national_gdp_from_cny", "national_gdp_share_from"));
        columns.add(share("gdp_to_cny", "national_gdp_to_cny", "national_gdp_share_to"));
      }
    }
    columns.add(col("caveats"));
    return rows.join(national, lit(true), "left")
        .select(columns.toArray(Column[]::new))
        .orderBy(
            when(col("scope_type").equalTo(CLUSTER), 0)
                .when(col("scope_type").equalTo(ALL_CLUSTERS), 1)
                .when(col("scope_type").equalTo(NON_CLUSTER), 2)
                .otherwise(3),
            col("scope"));
  }

  private static Column share(String scopeTotal, String nationalTotal, String name) {
    return col(scopeTotal).divide(col(nationalTotal)).as(name);
  }

  /**
   * The stage's dq rows: units of the level without any statistics row (one row each), and
   * statistics of zero, which the logarithms cannot take. Gaps of units that have statistics are
   * listed per field and year by {@link StatisticsSeries}.
   */
  private static Dataset<Row> issues(
      Dataset<Row> stats, Dataset<Row> units, SortedSet<Integer> years) {
    Dataset<Row> none =
        units
            .join(stats.select("adcode").distinct(), new String[] {"adcode"}, "left_anti")
            .select(
                lit(SOURCE).as("source"),
                concat(lit("adcode "), col("adcode")).as("record_id"),
                lit("population_census+gdp_cny").as("field"),
                lit("no statistics for this unit in " + years).as("problem"),
                lit("excluded").as("action"),
                lit("left out of inequality, convergence and cluster_growth; counted in"
                        + " n_units_without_data")
                    .as("value"));
    Column zero =
        col("population_census")
            .equalTo(0)
            .or(col("gdp_cny").equalTo(0))
            .or(col("population").equalTo(0));
    Dataset<Row> zeros =
        stats
            .join(units, "adcode")
            .filter(zero)
            .select(
                lit(SOURCE).as("source"),
                concat(lit("adcode "), col("adcode"), lit(", year "), col("year")).as("record_id"),
                lit("population_census+gdp_cny").as("field"),
                lit("zero population or GDP (no logarithm)").as("problem"),
                lit("excluded").as("action"),
                lit("left out of that year's balance measures").as("value"));
    return none.unionByName(zeros);
  }
}
