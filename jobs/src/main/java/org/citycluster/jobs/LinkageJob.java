package org.citycluster.jobs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.config.ConfigException;
import org.citycluster.linkage.AirPairCounts;
import org.citycluster.linkage.LinkageReaders;
import org.citycluster.linkage.PairLinkage;
import org.citycluster.linkage.RailPairCounts;
import org.citycluster.linkage.Station;
import org.citycluster.linkage.StationReliability;
import org.citycluster.linkage.TravelTimes;
import org.citycluster.linkage.UnitSectors;
import org.citycluster.spark.ReferenceFrames;
import org.citycluster.stages.linkage.ClusterLinkShares;
import org.citycluster.stages.linkage.LinkageCounters;
import org.citycluster.stages.linkage.LinkageFrames;
import org.citycluster.stages.linkage.LinkagePairs;
import org.citycluster.stages.linkage.SectorProfiles;

/**
 * The functional-linkage columns of {@code city_pairs} and {@code city_metrics} (issue #4): a thin
 * Spark layer over the plain-Java core in {@code org.citycluster.linkage}.
 *
 * <p>Contract. Stations failing the reliability rule are excluded (one {@code dq_issues} row each,
 * with the reasons). The other stations (WGS84 after the readers' GCJ-02 conversion) and every
 * OpenFlights place (WGS84 already) are assigned to units by a Sedona point-in-polygon join, with a
 * nearest-unit fallback within {@link Options#snapKm} ({@link PointAssignment}); snapped and
 * unassigned points are reported. The counters ({@link RailPairCounts}, {@link TravelTimes}, {@link
 * AirPairCounts}) run per train and per unit pair in tasks ({@link LinkageCounters}), the sector
 * profiles ({@link UnitSectors}) per unit ({@link SectorProfiles}); the pair rows ({@link
 * LinkagePairs} over {@link PairLinkage#pair}) and the in-cluster link shares ({@link
 * ClusterLinkShares}) are joins and aggregates over them.
 *
 * <p>{@code linkagePairs} holds one row per unordered pair {@code adcode_a < adcode_b} of units of
 * {@code cities} that is a candidate pair or has any rail or air link. Service counts are 0 (never
 * null) without service; {@code min_travel_minutes} is null where the key-station timetable does
 * not link the pair; gravity, complementarity and the residual are null where the statistics are
 * missing (see {@link PairLinkage}). The linkage index is min–max normalised over all n(n−1)/2
 * pairs of the units, not only the rows written. {@code cityMetrics} has one row per unit of {@code
 * cities}.
 *
 * <p>Scale (issue #16): after parsing, everything is Datasets. The stations, trains, timetable,
 * airports and routes become Datasets at the start ({@link LinkageFrames}); the assignments stay a
 * Dataset ({@link LinkageAssignments}: the {@code point_assignments} table is a left join of the
 * points with them), and the station → unit and airport → unit maps are Datasets joined to the
 * stops, calls and routes; the metrics are per-unit aggregates joined to the units. What reaches
 * the driver: row counts, the points' largest |latitude|, the counts per kind and outcome (at most
 * 8 rows), the three sector reference shares, {@link LinkagePairs}' fit sums and index ranges.
 * Still O(input file) on the driver: the five linkage files, parsed there by {@link
 * LinkageInputs#read} (CSV rows with file/line/field errors) and held as records until this stage
 * copies them into Datasets; and the readers' repair rows for route airport ids resolved by IATA
 * code. {@code LinkageJobDriverBoundTest} holds the rest to the rule.
 */
public final class LinkageJob {

  /** City-pair linkage columns. */
  public static final StructType PAIRS =
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
          .add("linkage_index", DataTypes.DoubleType, false)
          .add("centroid_distance_km", DataTypes.DoubleType, true);

  /** City-metrics linkage columns. */
  public static final StructType METRICS =
      new StructType()
          .add("adcode", DataTypes.StringType, false)
          .add("stations", DataTypes.IntegerType, false)
          .add("airports", DataTypes.IntegerType, false)
          .add("rail_strength", DataTypes.IntegerType, false)
          .add("rail_hsr_strength", DataTypes.IntegerType, false)
          .add("rail_degree", DataTypes.IntegerType, false)
          .add("rail_hsr_degree", DataTypes.IntegerType, false)
          .add("rail_connectivity", DataTypes.LongType, false)
          .add("air_degree", DataTypes.IntegerType, false)
          .add("air_strength", DataTypes.IntegerType, false)
          .add("air_routes", DataTypes.IntegerType, false)
          .add("in_cluster_link_share", DataTypes.DoubleType, true)
          .add("in_cluster_air_share", DataTypes.DoubleType, true)
          .add("lq_primary", DataTypes.DoubleType, true)
          .add("lq_secondary", DataTypes.DoubleType, true)
          .add("lq_tertiary", DataTypes.DoubleType, true)
          .add("dominant_sector", DataTypes.StringType, true);

  /** Point assignments (stations and airports). */
  public static final StructType ASSIGNMENTS =
      new StructType()
          .add("kind", DataTypes.StringType, false)
          .add("point_id", DataTypes.StringType, false)
          .add("name", DataTypes.StringType, true)
          .add("lon", DataTypes.DoubleType, false)
          .add("lat", DataTypes.DoubleType, false)
          .add("adcode", DataTypes.StringType, true)
          .add("how", DataTypes.StringType, false)
          .add("distance_km", DataTypes.DoubleType, true);

  /** Kind of a railway station in {@link #ASSIGNMENTS}; point_id = station name. */
  public static final String STATION = "station";

  /** Kind of an OpenFlights place in {@link #ASSIGNMENTS}; point_id = OpenFlights id. */
  public static final String AIRPORT = "airport";

  /**
   * Options of the linkage job. Paths are relative to the data root. Suggested property keys (in
   * brackets) and defaults:
   *
   * @param stationsPath [linkage.stations.path] {@value LinkageReaders#STATIONS}
   * @param trainStopsPath [linkage.train.stops.path] {@value LinkageReaders#TRAIN_STOPS}
   * @param timetablePath [linkage.timetable.path] {@value LinkageReaders#TIMETABLE}
   * @param airportsPath [linkage.airports.path] {@value LinkageReaders#AIRPORTS}
   * @param routesPath [linkage.routes.path] {@value LinkageReaders#ROUTES}
   * @param snapKm [linkage.snap.km] 2: a station or airport in no unit polygon but at most this
   *     many km (geodesic) from one goes to the nearest; 0..50
   * @param reliability [linkage.station.exclude.methods = imputed_neighbour_mean,
   *     linkage.station.max.neighbour.km = 200] the station exclusion rule ({@link
   *     StationReliability#DEFAULT}); methods among geocoded, imputed_neighbour_mean, manual
   * @param gravityBeta [linkage.gravity.beta] 2: distance-decay exponent of the gravity column;
   *     0..10
   */
  public record Options(
      String stationsPath,
      String trainStopsPath,
      String timetablePath,
      String airportsPath,
      String routesPath,
      double snapKm,
      StationReliability reliability,
      double gravityBeta) {

    /** Default snapping distance, km. */
    public static final double DEFAULT_SNAP_KM = 2.0;

    /** The defaults listed above. */
    public static Options defaults() {
      return new Options(
          LinkageReaders.STATIONS,
          LinkageReaders.TRAIN_STOPS,
          LinkageReaders.TIMETABLE,
          LinkageReaders.AIRPORTS,
          LinkageReaders.ROUTES,
          DEFAULT_SNAP_KM,
          StationReliability.DEFAULT,
          PairLinkage.DEFAULT_BETA);
    }

    /** Fails with a {@link ConfigException} naming the first bad option; returns this. */
    public Options validate() {
      path("linkage.stations.path", stationsPath);
      path("linkage.train.stops.path", trainStopsPath);
      path("linkage.timetable.path", timetablePath);
      path("linkage.airports.path", airportsPath);
      path("linkage.routes.path", routesPath);
      if (!(snapKm >= 0 && snapKm <= 50)) {
        throw new ConfigException("linkage.snap.km", String.valueOf(snapKm), "a number 0..50 (km)");
      }
      if (reliability == null) {
        throw new ConfigException(
            "linkage.station.exclude.methods", "null", "a station reliability rule");
      }
      Set<String> known = Set.of(Station.GEOCODED, Station.IMPUTED, Station.MANUAL);
      for (String m : reliability.excludedMethods()) {
        if (!known.contains(m)) {
          throw new ConfigException(
              "linkage.station.exclude.methods",
              String.join(",", new TreeSet<>(reliability.excludedMethods())),
              "a comma-separated subset of " + new TreeSet<>(known));
        }
      }
      if (!(gravityBeta >= 0 && gravityBeta <= 10)) {
        throw new ConfigException("linkage.gravity.beta", String.valueOf(gravityBeta), "0..10");
      }
      return this;
    }

    private static void path(String option, String value) {
      if (value == null || value.isBlank()) {
        throw new ConfigException(option, String.valueOf(value), "a non-empty path");
      }
    }
  }

  /**
   * Counts for the issue note and the run log.
   *
   * @param stations stations in the file
   * @param stationsInside reliable stations inside a unit polygon
   * @param stationsSnapped reliable stations snapped to the nearest unit
   * @param stationsExcluded stations failing the reliability rule
   * @param stationsUnassigned reliable stations in no unit and too far from any
   * @param airports OpenFlights places in the file (all types)
   * @param airportsInside places inside a unit polygon
   * @param airportsSnapped places snapped
   * @param airportsUnassigned places in no unit and too far from any
   * @param trains trains counted
   * @param collapsedStops redundant doubled-stop rows dropped
   * @param pairsWithTrain unit pairs sharing at least one train
   * @param pairsWithHsr unit pairs sharing at least one G/D/C train
   * @param pairsWithAir unit pairs with at least one direct air route
   * @param pairsWithTravelTime unit pairs with a timetable travel time
   * @param pairRows rows of {@code linkagePairs}
   */
  public record Summary(
      int stations,
      int stationsInside,
      int stationsSnapped,
      int stationsExcluded,
      int stationsUnassigned,
      int airports,
      int airportsInside,
      int airportsSnapped,
      int airportsUnassigned,
      int trains,
      int collapsedStops,
      int pairsWithTrain,
      int pairsWithHsr,
      int pairsWithAir,
      int pairsWithTravelTime,
      int pairRows) {}

  /**
   * The job's outputs.
   *
   * @param linkagePairs {@link #PAIRS} rows
   * @param cityMetrics {@link #METRICS} rows, one per unit
   * @param pointAssignments {@link #ASSIGNMENTS} rows, one per station and per airport
   * @param issues {@link ReferenceFrames#ISSUES} rows
   * @param summary counts
   */
  public record Output(
      Dataset<Row> linkagePairs,
      Dataset<Row> cityMetrics,
      Dataset<Row> pointAssignments,
      Dataset<Row> issues,
      Summary summary) {}

  private LinkageJob() {}

  /**
   * Runs the job.
   *
   * @param inputs the parsed linkage files
   * @param cities the cities table: {@code adcode}, {@code geometry} (WGS84), {@code centroid_lon},
   *     {@code centroid_lat}, and where present {@code population}, {@code gdp_cny}, {@code
   *     primary/secondary/tertiary_share}, {@code emp_primary/secondary/tertiary_share}
   * @param clusterMembers {@code cluster_id}, {@code adcode}; may be null (no clusters)
   * @param candidatePairs {@code adcode_a}, {@code adcode_b}: extra pairs that need linkage columns
   *     (either order accepted; pairs of a unit with itself or with a unit not in {@code cities}
   *     are reported to dq_issues and skipped); may be null
   */
  public static Output build(
      SparkSession spark,
      LinkageInputs inputs,
      Dataset<Row> cities,
      Dataset<Row> clusterMembers,
      Dataset<Row> candidatePairs,
      Options options) {
    options.validate();
    spark.sparkContext().setJobGroup("linkage", "functional linkage (issue #4)", false);
    spark.sparkContext().setJobDescription("linkage: assign stations and airports to units");
    Dataset<Row> units = withOptional(cities);

    // 1. The parsed records as Datasets; station reliability per station in a task.
    Dataset<Row> stations = LinkageFrames.stations(spark, inputs.stations());
    Dataset<Row> trains = LinkageFrames.trains(spark, inputs.trainStops().trains());
    Dataset<Row> timetable = LinkageFrames.timetable(spark, inputs.timetable());
    Dataset<Row> routes = LinkageFrames.routes(spark, inputs.routes().routes());
    StationReliability rule = options.reliability();
    List<Dataset<Row>> issues = new ArrayList<>();
    issues.add(
        stations.flatMap(
            new LinkageAssignments.Exclusions(rule, options.stationsPath()),
            Encoders.row(ReferenceFrames.ISSUES)));

    // 2. Point-in-polygon assignment of reliable stations and of all airports, all in Spark.
    Dataset<Row> assignments =
        LinkageAssignments.of(
            stations.map(
                new LinkageAssignments.StationPoint(rule), Encoders.row(LinkageAssignments.POINTS)),
            LinkageFrames.airports(spark, inputs.airports())
                .map(
                    new LinkageAssignments.AirportPoint(), Encoders.row(LinkageAssignments.POINTS)),
            cities.select(col("adcode"), col("geometry")),
            options.snapKm());
    issues.add(
        assignments.flatMap(
            new LinkageAssignments.Issues(
                options.stationsPath(), options.airportsPath(), options.snapKm()),
            Encoders.row(ReferenceFrames.ISSUES)));
    Map<String, Long> how = LinkageAssignments.counts(assignments);
    Dataset<Row> stationUnit =
        assignments
            .where(col("kind").equalTo(STATION).and(col("adcode").isNotNull()))
            .select(col("point_id").as("station"), col("adcode"));
    Dataset<Row> airportUnit =
        assignments
            .where(col("kind").equalTo(AIRPORT).and(col("adcode").isNotNull()))
            .select(col("point_id").cast("int").as("airport_id"), col("adcode"));

    // 3. Repairs and problems found by the readers and the timetable.
    issues.add(
        trains
            .where(col("collapsed_stops").gt(0))
            .select(
                lit(options.trainStopsPath()).as("source"),
                col("code").as("record_id"),
                lit("station_name").as("field"),
                lit("doubled consecutive stops collapsed (a row repeating the previous row's"
                        + " station)")
                    .as("problem"),
                lit("repaired").as("action"),
                col("collapsed_stops").cast("string").as("value")));
    issues.add(ReferenceFrames.issues(spark, inputs.routes().resolvedIds()));
    issues.add(
        timetable
            .select("station")
            .distinct()
            .join(stations.select(col("name").as("station")), new String[] {"station"}, "left_anti")
            .select(
                lit(options.timetablePath()).as("source"),
                col("station").as("record_id"),
                lit("station_name").as("field"),
                lit("key station not in the stations file: no coordinates, its calls are not timed")
                    .as("problem"),
                lit("unmatched").as("action"),
                col("station").as("value")));

    // 4. The counters, per train and per unit pair in tasks.
    spark.sparkContext().setJobDescription("linkage: rail, timetable and air counts");
    LinkageCounters.Rail rail = LinkageCounters.rail(trains, stationUnit);
    LinkageCounters.Travel travel =
        LinkageCounters.travel(timetable, stationUnit, options.timetablePath());
    issues.add(travel.issues());
    LinkageCounters.Air air = LinkageCounters.air(routes, airportUnit);

    // 5. The pair rows, in Spark: candidates and every linked pair.
    spark.sparkContext().setJobDescription("linkage: pair rows and the rail gravity fit");
    LinkagePairs.Result linkage =
        LinkagePairs.build(
            units,
            candidatePairs,
            rail.pairs(),
            rail.units().where(col("rail_strength").gt(0)).select("adcode"),
            travel.pairs(),
            air.pairs(),
            options.gravityBeta());
    Dataset<Row> invalidCandidates =
        linkage
            .invalidCandidates()
            .select(
                lit("linkage candidate pairs").as("source"),
                concat(
                        coalesce(col("adcode_a"), lit("null")),
                        lit("-"),
                        coalesce(col("adcode_b"), lit("null")))
                    .as("record_id"),
                lit("adcode_a").as("field"),
                lit("candidate pair is not a pair of two distinct units of cities; skipped")
                    .as("problem"),
                lit("reported").as("action"),
                concat(
                        coalesce(col("adcode_a"), lit("null")),
                        lit("-"),
                        coalesce(col("adcode_b"), lit("null")))
                    .as("value"));
    Dataset<Row> known = units.select("adcode");
    long withTime =
        travel
            .pairs()
            .join(known.select(col("adcode").as("adcode_a")), "adcode_a")
            .join(known.select(col("adcode").as("adcode_b")), "adcode_b")
            .count();

    // 6. Per-unit metrics: per-unit counts joined to the units.
    spark.sparkContext().setJobDescription("linkage: per-unit metrics");
    Dataset<Row> metrics =
        units
            .select("adcode")
            .join(LinkageAssignments.perUnit(assignments), new String[] {"adcode"}, "left")
            .join(rail.units(), new String[] {"adcode"}, "left")
            .join(air.units(), new String[] {"adcode"}, "left")
            .join(SectorProfiles.of(units), new String[] {"adcode"}, "left");
    List<Column> out = new ArrayList<>();
    for (var f : METRICS.fields()) {
      String name = f.name();
      out.add(
          switch (name) {
            case "adcode", "lq_primary", "lq_secondary", "lq_tertiary", "dominant_sector" ->
                col(name);
            case "in_cluster_link_share", "in_cluster_air_share" ->
                lit(null).cast(f.dataType()).as(name);
            default -> coalesce(col(name), lit(0)).cast(f.dataType()).as(name);
          });
    }
    Dataset<Row> cityMetrics =
        withClusterShares(
            metrics.select(out.toArray(Column[]::new)), clusterMembers, rail.pairs(), air.pairs());

    Row railCounts =
        rail.pairs()
            .agg(count(lit(1)), sum(when(col("trains_hsr").gt(0), 1L).otherwise(0L)))
            .first();
    Summary summary =
        new Summary(
            inputs.stations().size(),
            howMany(how, STATION, PointAssignment.INSIDE),
            howMany(how, STATION, PointAssignment.SNAPPED),
            howMany(how, STATION, PointAssignment.EXCLUDED),
            howMany(how, STATION, PointAssignment.UNASSIGNED),
            inputs.airports().size(),
            howMany(how, AIRPORT, PointAssignment.INSIDE),
            howMany(how, AIRPORT, PointAssignment.SNAPPED),
            howMany(how, AIRPORT, PointAssignment.UNASSIGNED),
            inputs.trainStops().trains().size(),
            inputs.trainStops().collapsedRows(),
            Math.toIntExact(railCounts.getLong(0)),
            Math.toIntExact(railCounts.getLong(1)),
            Math.toIntExact(air.pairs().count()),
            Math.toIntExact(withTime),
            Math.toIntExact(linkage.rows()));
    Dataset<Row> allIssues = issues.get(0);
    for (Dataset<Row> d : issues.subList(1, issues.size())) {
      allIssues = allIssues.unionByName(d);
    }
    spark.sparkContext().clearJobGroup();
    return new Output(
        linkage.pairs(),
        cityMetrics,
        assignments.select(
            "kind", "point_id", "name", "lon", "lat", "adcode", "how", "distance_km"),
        allIssues.unionByName(invalidCandidates),
        summary);
  }

  private static int howMany(Map<String, Long> how, String kind, String h) {
    return Math.toIntExact(how.getOrDefault(kind + "|" + h, 0L));
  }

  /**
   * The metrics with {@code in_cluster_link_share} (rail, by trains_all) and {@code
   * in_cluster_air_share} (by air_routes) from {@link ClusterLinkShares}: joins with the members in
   * Spark, nothing collected. Null for units in no cluster or without links.
   */
  private static Dataset<Row> withClusterShares(
      Dataset<Row> metrics,
      Dataset<Row> clusterMembers,
      Dataset<Row> railPairs,
      Dataset<Row> airPairs) {
    if (clusterMembers == null) {
      return metrics;
    }
    Dataset<Row> railShare =
        ClusterLinkShares.of(
            railPairs.select(col("adcode_a"), col("adcode_b"), col("trains_all").as("w")),
            clusterMembers,
            "rail_share");
    Dataset<Row> airShare =
        ClusterLinkShares.of(
            airPairs.select(col("adcode_a"), col("adcode_b"), col("air_routes").as("w")),
            clusterMembers,
            "air_share");
    Dataset<Row> joined =
        metrics
            .join(railShare, new String[] {"adcode"}, "left")
            .join(airShare, new String[] {"adcode"}, "left");
    List<Column> out = new ArrayList<>();
    for (String f : METRICS.fieldNames()) {
      out.add(
          switch (f) {
            case "in_cluster_link_share" -> col("rail_share").as(f);
            case "in_cluster_air_share" -> col("air_share").as(f);
            default -> col(f);
          });
    }
    return joined.select(out.toArray(Column[]::new));
  }

  /** Adds the optional statistics columns as nulls where the frame lacks them. */
  private static Dataset<Row> withOptional(Dataset<Row> cities) {
    Set<String> have = new LinkedHashSet<>(List.of(cities.columns()));
    Dataset<Row> out = cities;
    for (String c :
        List.of(
            "population",
            "gdp_cny",
            "primary_share",
            "secondary_share",
            "tertiary_share",
            "emp_primary_share",
            "emp_secondary_share",
            "emp_tertiary_share")) {
      if (!have.contains(c)) {
        out = out.withColumn(c, lit(null).cast(DataTypes.DoubleType));
      }
    }
    return out;
  }
}
