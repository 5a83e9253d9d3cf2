package org.citycluster.stages.linkage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.config.VerdictOptions;
import org.citycluster.geo.GeodesicMeasures;
import org.citycluster.linkage.PairLinkage;
import org.citycluster.linkage.UnitAttributes;
import org.citycluster.spark.PlanCut;
import org.citycluster.stages.verdict.GravityFit;
import org.citycluster.stages.verdict.VerdictUnits;
import org.citycluster.verdict.GravityCoefficients;
import org.citycluster.verdict.Linkage;

/**
 * The linkage columns of {@code city_pairs} computed in Spark (issue #16): the same values as
 * {@link PairLinkage#compute} without its loop over all n(n−1)/2 pairs on the driver.
 *
 * <ul>
 *   <li>The reported pairs (candidate pairs, and every pair with a rail or air link, of two
 *       distinct units of {@code cities}) are a join; each row's distance, gravity and
 *       complementarity come from {@link PairLinkage#pair} in a task.
 *   <li>The rail gravity fit is {@link GravityFit}'s all-pairs fit from aggregated normal equations
 *       over the pairs of units with a mass and on the rail network (the fit set of {@link
 *       PairLinkage}; both orientations of a pair give the same OLS, see {@link
 *       org.citycluster.verdict.GravitySums}); its residual is computed per row in the task.
 *   <li>The linkage index's min–max comes from one aggregate over the reported rows, with the 0 of
 *       the unreported pairs when there are any.
 * </ul>
 *
 * What reaches the driver: the unit count, the fit sums, the three minima and maxima, row counts.
 * Invalid candidate pairs come back as a Dataset of dq rows.
 */
public final class LinkagePairs {

  /** Columns the per-pair task reads. */
  private static final String[] UNIT_COLUMNS = {
    "lon",
    "lat",
    "population",
    "gdp_cny",
    "primary_share",
    "secondary_share",
    "tertiary_share",
    "emp_primary_share",
    "emp_secondary_share",
    "emp_tertiary_share",
    "fit_unit"
  };

  /** Rows of the task: the linkage columns (index 0) and the three index components. */
  private static final StructType TASK_ROW =
      new StructType()
          .add("adcode_a", DataTypes.StringType, false)
          .add("adcode_b", DataTypes.StringType, false)
          .add("trains_all", DataTypes.IntegerType, false)
          .add("trains_hsr", DataTypes.IntegerType, false)
          .add("min_travel_minutes", DataTypes.IntegerType, true)
          .add("air_routes", DataTypes.IntegerType, false)
          .add("air_airlines", DataTypes.IntegerType, false)
          .add("gravity", DataTypes.DoubleType, true)
          .add("complementarity", DataTypes.DoubleType, true)
          .add("complementarity_employment", DataTypes.DoubleType, true)
          .add("rail_gravity_residual", DataTypes.DoubleType, true)
          .add("centroid_distance_km", DataTypes.DoubleType, true)
          .add("c_hsr", DataTypes.DoubleType, false)
          .add("c_all", DataTypes.DoubleType, false)
          .add("c_air", DataTypes.DoubleType, false);

  /** Schema of the invalid candidate pairs (before they become dq rows). */
  private static final StructType PAIR_KEYS =
      new StructType()
          .add("adcode_a", DataTypes.StringType, false)
          .add("adcode_b", DataTypes.StringType, false);

  /**
   * @param pairs the {@code LinkageJob.PAIRS} columns, ordered by ({@code adcode_a}, {@code
   *     adcode_b})
   * @param invalidCandidates candidate pairs that are not two distinct units of {@code cities}, as
   *     given ({@code adcode_a}, {@code adcode_b}, either may be null)
   * @param rows rows of {@link #pairs}
   * @param railFit the rail gravity fit, or null when it could not be fitted
   */
  public record Result(
      Dataset<Row> pairs, Dataset<Row> invalidCandidates, long rows, GravityCoefficients railFit) {}

  private LinkagePairs() {}

  /**
   * The linkage rows.
   *
   * @param units {@code adcode}, {@code centroid_lon}, {@code centroid_lat} and the statistics
   *     columns of {@code UNIT_COLUMNS} (nullable; all present)
   * @param candidatePairs {@code adcode_a}, {@code adcode_b} in either order, or null
   * @param railPairs {@code adcode_a < adcode_b}, {@code trains_all}, {@code trains_hsr}: pairs
   *     sharing a train ({@link LinkageCounters.Rail#pairs()})
   * @param railUnits {@code adcode}: the units called at by at least one train
   * @param travelPairs {@code adcode_a < adcode_b}, {@code min_travel_minutes}, or null
   * @param airPairs {@code adcode_a < adcode_b}, {@code air_routes}, {@code air_airlines}, or null
   * @param beta distance-decay exponent of the gravity column
   */
  public static Result build(
      Dataset<Row> units,
      Dataset<Row> candidatePairs,
      Dataset<Row> railPairs,
      Dataset<Row> railUnits,
      Dataset<Row> travelPairs,
      Dataset<Row> airPairs,
      double beta) {
    SparkSession spark = units.sparkSession();
    Dataset<Row> unitRows =
        PlanCut.of(
            units
                .join(
                    railUnits.select("adcode").distinct().withColumn("on_rail", lit(true)),
                    new String[] {"adcode"},
                    "left")
                .select(
                    col("adcode"),
                    col("centroid_lon").as("lon"),
                    col("centroid_lat").as("lat"),
                    col("population"),
                    col("gdp_cny"),
                    col("primary_share"),
                    col("secondary_share"),
                    col("tertiary_share"),
                    col("emp_primary_share"),
                    col("emp_secondary_share"),
                    col("emp_tertiary_share"),
                    col("on_rail").isNotNull().as("on_rail"),
                    when(
                            col("population").gt(0).and(col("gdp_cny").gt(0)),
                            org.apache
                                .spark
                                .sql
                                .functions
                                .log(col("population"))
                                .plus(org.apache.spark.sql.functions.log(col("gdp_cny")))
                                .multiply(0.5))
                        .as("log_mass")));
    long unitCount = unitRows.count();

    railPairs = railPairs.select("adcode_a", "adcode_b", "trains_all", "trains_hsr");
    airPairs =
        airPairs != null
            ? airPairs.select("adcode_a", "adcode_b", "air_routes", "air_airlines")
            : spark.createDataFrame(
                List.of(),
                new StructType()
                    .add("adcode_a", "string")
                    .add("adcode_b", "string")
                    .add("air_routes", "int")
                    .add("air_airlines", "int"));
    travelPairs =
        travelPairs != null
            ? travelPairs.select("adcode_a", "adcode_b", "min_travel_minutes")
            : spark.createDataFrame(
                List.of(),
                new StructType()
                    .add("adcode_a", "string")
                    .add("adcode_b", "string")
                    .add("min_travel_minutes", "int"));

    // the rail fit: GravityFit's all-pairs fit over units with a mass on the rail network
    Dataset<Row> fitUnits =
        unitRows.select(
            col("adcode"),
            col("lon"),
            col("lat"),
            col("log_mass"),
            col("on_rail").as(VerdictUnits.on(Linkage.TRAINS_ALL)),
            lit(false).as(VerdictUnits.on(Linkage.TRAINS_HSR)),
            lit(false).as(VerdictUnits.on(Linkage.AIR)));
    GravityCoefficients railFit =
        GravityFit.sums(
            fitUnits, railPairs.withColumn("air_airlines", lit(0)), VerdictOptions.ALL_PAIRS)[
            Linkage.TRAINS_ALL.ordinal()]
            .fit(3);

    // which pairs to report
    Dataset<Row> known = unitRows.select(col("adcode"));
    Dataset<Row> invalid = spark.createDataFrame(List.of(), PAIR_KEYS);
    Dataset<Row> keys =
        railPairs
            .select("adcode_a", "adcode_b")
            .unionByName(airPairs.select("adcode_a", "adcode_b"));
    if (candidatePairs != null) {
      Dataset<Row> given =
          candidatePairs
              .select(col("adcode_a"), col("adcode_b"))
              .distinct()
              .join(
                  known.select(col("adcode").as("adcode_a"), lit(true).as("known_a")),
                  new String[] {"adcode_a"},
                  "left")
              .join(
                  known.select(col("adcode").as("adcode_b"), lit(true).as("known_b")),
                  new String[] {"adcode_b"},
                  "left");
      Column valid =
          col("known_a")
              .isNotNull()
              .and(col("known_b").isNotNull())
              .and(col("adcode_a").notEqual(col("adcode_b")));
      invalid = given.where(valid.isNull().or(valid.equalTo(false))).select("adcode_a", "adcode_b");
      keys =
          keys.unionByName(
              given
                  .where(valid)
                  .select(
                      least(col("adcode_a"), col("adcode_b")).as("adcode_a"),
                      greatest(col("adcode_a"), col("adcode_b")).as("adcode_b")));
    }
    Dataset<Row> reported =
        keys.distinct()
            .join(known.select(col("adcode").as("adcode_a")), "adcode_a")
            .join(known.select(col("adcode").as("adcode_b")), "adcode_b")
            .where(col("adcode_a").lt(col("adcode_b")));

    Dataset<Row> joined =
        reported
            .join(railPairs, new String[] {"adcode_a", "adcode_b"}, "left")
            .join(airPairs, new String[] {"adcode_a", "adcode_b"}, "left")
            .join(travelPairs, new String[] {"adcode_a", "adcode_b"}, "left")
            .join(side(unitRows, "_a"), "adcode_a")
            .join(side(unitRows, "_b"), "adcode_b");
    List<Column> input = new ArrayList<>();
    input.add(col("adcode_a"));
    input.add(col("adcode_b"));
    for (String c :
        new String[] {
          "trains_all", "trains_hsr", "min_travel_minutes", "air_routes", "air_airlines"
        }) {
      input.add(col(c));
    }
    for (String suffix : new String[] {"_a", "_b"}) {
      for (String c : UNIT_COLUMNS) {
        input.add(col(c + suffix));
      }
      input.add(col("log_mass" + suffix));
    }
    Dataset<Row> computed =
        PlanCut.of(
            joined
                .select(input.toArray(Column[]::new))
                .map(new PairTask(railFit, beta), Encoders.row(TASK_ROW)));

    Row range =
        computed
            .agg(min("c_hsr"), max("c_hsr"), min("c_all"), max("c_all"), min("c_air"), max("c_air"))
            .first();
    long rows = computed.count();
    boolean unreportedZeros = rows < unitCount * (unitCount - 1) / 2;
    Column index =
        scaled("c_hsr", range, 0, unreportedZeros)
            .plus(scaled("c_all", range, 2, unreportedZeros))
            .plus(scaled("c_air", range, 4, unreportedZeros))
            .divide(3.0);
    Dataset<Row> pairs =
        computed
            .withColumn("linkage_index", index)
            .orderBy("adcode_a", "adcode_b")
            .select(
                "adcode_a",
                "adcode_b",
                "trains_all",
                "trains_hsr",
                "min_travel_minutes",
                "air_routes",
                "air_airlines",
                "gravity",
                "complementarity",
                "complementarity_employment",
                "rail_gravity_residual",
                "linkage_index",
                "centroid_distance_km");
    return new Result(pairs, invalid, rows, railFit);
  }

  /** (x − min) / (max − min), or 0 when max = min, as {@code PairLinkage.minMax}. */
  private static Column scaled(String c, Row range, int at, boolean withZero) {
    double lo = range.isNullAt(at) ? 0 : range.getDouble(at);
    double hi = range.isNullAt(at + 1) ? 0 : range.getDouble(at + 1);
    if (withZero) {
      lo = Math.min(lo, 0.0);
      hi = Math.max(hi, 0.0);
    }
    return hi > lo ? col(c).minus(lit(lo)).divide(lit(hi - lo)) : lit(0.0);
  }

  private static Dataset<Row> side(Dataset<Row> unitRows, String suffix) {
    List<Column> c = new ArrayList<>();
    c.add(col("adcode").as("adcode" + suffix));
    for (String name : UNIT_COLUMNS) {
      c.add((name.equals("fit_unit") ? fitUnit() : col(name)).as(name + suffix));
    }
    c.add(col("log_mass").as("log_mass" + suffix));
    return unitRows.select(c.toArray(Column[]::new));
  }

  /** A unit enters the rail fit with a positive mass and a train calling at it. */
  private static Column fitUnit() {
    return col("log_mass").isNotNull().and(col("on_rail"));
  }

  /** One reported pair: {@link PairLinkage#pair}, the rail residual and the index components. */
  private static final class PairTask implements MapFunction<Row, Row> {
    private final GravityCoefficients fit;
    private final double beta;

    PairTask(GravityCoefficients fit, double beta) {
      this.fit = fit;
      this.beta = beta;
    }

    @Override
    public Row call(Row r) {
      int base = 7;
      int width = UNIT_COLUMNS.length + 1;
      UnitAttributes a = unit(r.getString(0), r, base);
      UnitAttributes b = unit(r.getString(1), r, base + width);
      double km =
          GeodesicMeasures.distanceKm(
              r.getDouble(base), r.getDouble(base + 1),
              r.getDouble(base + width), r.getDouble(base + width + 1));
      int trainsAll = r.isNullAt(2) ? 0 : r.getInt(2);
      int trainsHsr = r.isNullAt(3) ? 0 : r.getInt(3);
      int airRoutes = r.isNullAt(5) ? 0 : r.getInt(5);
      int airAirlines = r.isNullAt(6) ? 0 : r.getInt(6);
      PairLinkage.Row p =
          PairLinkage.pair(
              a,
              b,
              km,
              trainsAll,
              trainsHsr,
              r.isNullAt(4) ? null : r.getInt(4),
              airRoutes,
              airAirlines,
              beta);
      boolean fitted =
          fit != null
              && p.distanceKm() != null
              && r.getBoolean(base + width - 2)
              && r.getBoolean(base + 2 * width - 2);
      Double residual =
          fitted
              ? fit.residual(
                  trainsAll,
                  r.getDouble(base + width - 1),
                  r.getDouble(base + 2 * width - 1),
                  p.distanceKm())
              : null;
      return RowFactory.create(
          p.adcodeA(),
          p.adcodeB(),
          p.trainsAll(),
          p.trainsHsr(),
          p.minTravelMinutes(),
          p.airRoutes(),
          p.airAirlines(),
          p.gravity(),
          p.complementaritySector(),
          p.complementarityEmployment(),
          residual,
          p.distanceKm(),
          Math.log1p(p.trainsHsr()),
          Math.log1p(p.trainsAll()),
          Math.log1p(p.airAirlines()));
    }

    private static UnitAttributes unit(String adcode, Row r, int at) {
      return new UnitAttributes(
          adcode,
          number(r, at + 2),
          number(r, at + 3),
          UnitAttributes.shares(number(r, at + 4), number(r, at + 5), number(r, at + 6)),
          UnitAttributes.shares(number(r, at + 7), number(r, at + 8), number(r, at + 9)));
    }

    private static Double number(Row r, int i) {
      return r.isNullAt(i) ? null : ((Number) r.get(i)).doubleValue();
    }
  }
}
