package org.citycluster.jobs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.config.ConfigException;
import org.citycluster.dq.DqIssue;
import org.citycluster.linkage.AirPairCounts;
import org.citycluster.linkage.Airport;
import org.citycluster.linkage.LinkageReaders;
import org.citycluster.linkage.PairLinkage;
import org.citycluster.linkage.RailPairCounts;
import org.citycluster.linkage.Station;
import org.citycluster.linkage.StationReliability;
import org.citycluster.linkage.TimetableCall;
import org.citycluster.linkage.Train;
import org.citycluster.linkage.TravelTimes;
import org.citycluster.linkage.UnitAttributes;
import org.citycluster.linkage.UnitPair;
import org.citycluster.linkage.UnitSectors;
import org.citycluster.spark.ReferenceFrames;
import org.citycluster.stages.linkage.ClusterLinkShares;
import org.citycluster.stages.linkage.LinkagePairs;

/**
 * The functional-linkage columns of {@code city_pairs} and {@code city_metrics} (issue #4): a thin
 * Spark layer over the plain-Java core in {@code org.citycluster.linkage}.
 *
 * <p>Contract. Stations failing the reliability rule are excluded (one {@code dq_issues} row each,
 * with the reasons). The other stations (WGS84 after the readers' GCJ-02 conversion) and every
 * OpenFlights place (WGS84 already) are assigned to units by a Sedona point-in-polygon join, with a
 * nearest-unit fallback within {@link Options#snapKm} ({@link PointAssignment}); snapped and
 * unassigned points are reported. The station → unit and airport → unit maps (O(stations)) are then
 * collected to the driver, where the plain-Java counters run ({@link RailPairCounts}, {@link
 * TravelTimes}, {@link AirPairCounts}, {@link UnitSectors}); the pair rows ({@link LinkagePairs}
 * over {@link PairLinkage#pair}) and the in-cluster link shares ({@link ClusterLinkShares}) are
 * computed in Spark from them.
 *
 * <p>{@code linkagePairs} holds one row per unordered pair {@code adcode_a < adcode_b} of units of
 * {@code cities} that is a candidate pair or has any rail or air link. Service counts are 0 (never
 * null) without service; {@code min_travel_minutes} is null where the key-station timetable does
 * not link the pair; gravity, complementarity and the residual are null where the statistics are
 * missing (see {@link PairLinkage}). The linkage index is min–max normalised over all n(n−1)/2
 * pairs of the units, not only the rows written. {@code cityMetrics} has one row per unit of {@code
 * cities}.
 *
 * <p>Scale: the pair rows are built in Spark ({@link LinkagePairs}: a join of the candidate and
 * linked pairs with the units, the rail gravity fit from summed normal equations in block-pair
 * tasks, residuals and index per row in tasks); the candidate pairs are not collected. Still on the
 * driver: the parsed linkage files, the station and airport assignments and the rail, air and
 * timetable counters built from them (O(stations + trains + linked pairs)), the unit attributes for
 * the sector profiles (O(units)).
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

  static final List<String> SECTORS = List.of("primary", "secondary", "tertiary");

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
    List<DqIssue> issues = new ArrayList<>();

    // 1. Station reliability.
    StationReliability rule = options.reliability();
    issues.addAll(rule.exclusions(inputs.stations(), options.stationsPath()));

    // 2. Point-in-polygon assignment of reliable stations and of all airports.
    List<Row> points = new ArrayList<>();
    double maxAbsLat = 0;
    for (Station s : inputs.stations()) {
      if (rule.isReliable(s)) {
        points.add(RowFactory.create(STATION, s.name(), s.lon(), s.lat()));
        maxAbsLat = Math.max(maxAbsLat, Math.abs(s.lat()));
      }
    }
    for (Airport a : inputs.airports()) {
      points.add(RowFactory.create(AIRPORT, String.valueOf(a.id()), a.lon(), a.lat()));
      maxAbsLat = Math.max(maxAbsLat, Math.abs(a.lat()));
    }
    spark.sparkContext().setJobDescription("linkage: assign stations and airports to units");
    Map<String, PointAssignment.Assigned> assigned =
        PointAssignment.assign(
            spark.createDataFrame(points, PointAssignment.POINTS),
            cities.select(col("adcode"), col("geometry")),
            options.snapKm(),
            maxAbsLat);

    Map<String, String> stationUnit = new HashMap<>();
    Map<Integer, String> airportUnit = new HashMap<>();
    Map<String, Integer> stationsPerUnit = new HashMap<>();
    Map<String, Integer> airportsPerUnit = new HashMap<>();
    List<Row> assignmentRows = new ArrayList<>();
    int[] stationHow = new int[4];
    int[] airportHow = new int[4];
    for (Station s : inputs.stations()) {
      PointAssignment.Assigned a =
          rule.isReliable(s) ? assigned.get(PointAssignment.key(STATION, s.name())) : null;
      String how = !rule.isReliable(s) ? PointAssignment.EXCLUDED : how(a);
      stationHow[howIndex(how)]++;
      if (a != null) {
        stationUnit.put(s.name(), a.adcode());
        stationsPerUnit.merge(a.adcode(), 1, Integer::sum);
      }
      assignmentRows.add(assignmentRow(STATION, s.name(), s.name(), s.lon(), s.lat(), a, how));
      report(issues, options.stationsPath(), s.name(), s.lon(), s.lat(), a, how, options.snapKm());
    }
    for (Airport ap : inputs.airports()) {
      PointAssignment.Assigned a =
          assigned.get(PointAssignment.key(AIRPORT, String.valueOf(ap.id())));
      String how = how(a);
      airportHow[howIndex(how)]++;
      if (a != null) {
        airportUnit.put(ap.id(), a.adcode());
        airportsPerUnit.merge(a.adcode(), 1, Integer::sum);
      }
      String label = ap.iata() == null ? ap.name() : ap.iata() + " " + ap.name();
      assignmentRows.add(
          assignmentRow(AIRPORT, String.valueOf(ap.id()), label, ap.lon(), ap.lat(), a, how));
      report(
          issues,
          options.airportsPath(),
          "airport " + ap.id(),
          ap.lon(),
          ap.lat(),
          a,
          how,
          options.snapKm());
    }

    // 3. Repairs and problems found by the readers and the timetable.
    for (Train t : inputs.trainStops().trains()) {
      if (t.collapsedStops() > 0) {
        issues.add(
            new DqIssue(
                options.trainStopsPath(),
                t.code(),
                "station_name",
                "doubled consecutive stops collapsed (a row repeating the previous row's station)",
                "repaired",
                String.valueOf(t.collapsedStops())));
      }
    }
    issues.addAll(inputs.routes().resolvedIds());
    Set<String> stationNames = new HashSet<>();
    inputs.stations().forEach(s -> stationNames.add(s.name()));
    Set<String> unmatchedKeyStations = new TreeSet<>();
    for (TimetableCall c : inputs.timetable()) {
      if (!stationNames.contains(c.station())) {
        unmatchedKeyStations.add(c.station());
      }
    }
    for (String name : unmatchedKeyStations) {
      issues.add(
          new DqIssue(
              options.timetablePath(),
              name,
              "station_name",
              "key station not in the stations file: no coordinates, its calls are not timed",
              "unmatched",
              name));
    }

    // 4. The plain-Java counters on the driver.
    spark.sparkContext().setJobDescription("linkage: collect units and clusters");
    RailPairCounts rail = RailPairCounts.of(inputs.trainStops().trains(), stationUnit);
    TravelTimes travel =
        TravelTimes.compute(inputs.timetable(), stationUnit, options.timetablePath());
    issues.addAll(travel.issues());
    AirPairCounts air = AirPairCounts.of(inputs.routes().routes(), airportUnit);

    List<Row> unitRows =
        withOptional(cities)
            .select(
                "adcode",
                "centroid_lon",
                "centroid_lat",
                "population",
                "gdp_cny",
                "primary_share",
                "secondary_share",
                "tertiary_share",
                "emp_primary_share",
                "emp_secondary_share",
                "emp_tertiary_share")
            .collectAsList();
    List<UnitAttributes> units = new ArrayList<>();
    Map<String, double[]> centroid = new HashMap<>();
    for (Row r : unitRows) {
      String adcode = r.getString(0);
      centroid.put(adcode, new double[] {r.getDouble(1), r.getDouble(2)});
      units.add(
          new UnitAttributes(
              adcode,
              number(r, 3),
              number(r, 4),
              UnitAttributes.shares(number(r, 5), number(r, 6), number(r, 7)),
              UnitAttributes.shares(number(r, 8), number(r, 9), number(r, 10))));
    }

    // 5. The pair rows, in Spark: candidates and every linked pair.
    spark.sparkContext().setJobDescription("linkage: pair rows and the rail gravity fit");
    LinkagePairs.Result linkage =
        LinkagePairs.build(
            withOptional(cities), candidatePairs, rail, travel, air, options.gravityBeta());
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

    int withTime = 0;
    for (UnitPair p : travel.pairs().keySet()) {
      if (centroid.containsKey(p.a()) && centroid.containsKey(p.b())) {
        withTime++;
      }
    }

    // 6. Per-unit metrics.
    Map<String, RailPairCounts.Unit> railUnits = new HashMap<>();
    rail.units().forEach(u -> railUnits.put(u.adcode(), u));
    Map<String, AirPairCounts.Unit> airUnits = new HashMap<>();
    air.units().forEach(u -> airUnits.put(u.adcode(), u));
    Map<String, UnitSectors.Profile> profiles = UnitSectors.of(units).profiles();
    List<Row> metricRows = new ArrayList<>();
    for (UnitAttributes u : units) {
      String adcode = u.adcode();
      RailPairCounts.Unit r =
          railUnits.getOrDefault(adcode, new RailPairCounts.Unit(adcode, 0, 0, 0, 0, 0));
      AirPairCounts.Unit a = airUnits.getOrDefault(adcode, new AirPairCounts.Unit(adcode, 0, 0, 0));
      UnitSectors.Profile p = profiles.get(adcode);
      metricRows.add(
          RowFactory.create(
              adcode,
              stationsPerUnit.getOrDefault(adcode, 0),
              airportsPerUnit.getOrDefault(adcode, 0),
              r.trains(),
              r.trainsHsr(),
              r.degree(),
              r.degreeHsr(),
              r.connectivity(),
              a.degree(),
              a.strength(),
              a.routes(),
              null, // in_cluster_link_share, joined below
              null, // in_cluster_air_share, joined below
              p == null ? null : p.locationQuotients()[0],
              p == null ? null : p.locationQuotients()[1],
              p == null ? null : p.locationQuotients()[2],
              p == null ? null : SECTORS.get(p.dominantSector())));
    }

    int pairsWithTrain = 0;
    int pairsWithHsr = 0;
    for (RailPairCounts.Pair p : rail.pairs()) {
      pairsWithTrain++;
      if (p.trainsHsr() > 0) {
        pairsWithHsr++;
      }
    }
    Summary summary =
        new Summary(
            inputs.stations().size(),
            stationHow[0],
            stationHow[1],
            stationHow[2],
            stationHow[3],
            inputs.airports().size(),
            airportHow[0],
            airportHow[1],
            airportHow[3],
            inputs.trainStops().trains().size(),
            inputs.trainStops().collapsedRows(),
            pairsWithTrain,
            pairsWithHsr,
            air.pairs().size(),
            withTime,
            Math.toIntExact(linkage.rows()));
    spark.sparkContext().clearJobGroup();
    return new Output(
        linkage.pairs(),
        withClusterShares(
            spark.createDataFrame(metricRows, METRICS), clusterMembers, rail, air, spark),
        spark.createDataFrame(assignmentRows, ASSIGNMENTS),
        ReferenceFrames.issues(spark, issues).unionByName(invalidCandidates),
        summary);
  }

  /**
   * The metrics with {@code in_cluster_link_share} (rail, by trains_all) and {@code
   * in_cluster_air_share} (by air_routes) from {@link ClusterLinkShares}: joins with the members in
   * Spark, nothing collected. Null for units in no cluster or without links.
   */
  private static Dataset<Row> withClusterShares(
      Dataset<Row> metrics,
      Dataset<Row> clusterMembers,
      RailPairCounts rail,
      AirPairCounts air,
      SparkSession spark) {
    if (clusterMembers == null) {
      return metrics;
    }
    Dataset<Row> railShare =
        ClusterLinkShares.of(
            LinkagePairs.railPairs(spark, rail)
                .select(col("adcode_a"), col("adcode_b"), col("trains_all").as("w")),
            clusterMembers,
            "rail_share");
    Dataset<Row> airShare =
        ClusterLinkShares.of(
            LinkagePairs.airPairs(spark, air)
                .select(col("adcode_a"), col("adcode_b"), col("air_routes").as("w")),
            clusterMembers,
            "air_share");
    Dataset<Row> joined =
        metrics
            .join(railShare, new String[] {"adcode"}, "left")
            .join(airShare, new String[] {"adcode"}, "left");
    List<org.apache.spark.sql.Column> out = new ArrayList<>();
    for (String f : METRICS.fieldNames()) {
      out.add(
          switch (f) {
            case "in_cluster_link_share" -> col("rail_share").as(f);
            case "in_cluster_air_share" -> col("air_share").as(f);
            default -> col(f);
          });
    }
    return joined.select(out.toArray(org.apache.spark.sql.Column[]::new));
  }

  private static String how(PointAssignment.Assigned a) {
    return a == null ? PointAssignment.UNASSIGNED : a.how();
  }

  private static int howIndex(String how) {
    return switch (how) {
      case PointAssignment.INSIDE -> 0;
      case PointAssignment.SNAPPED -> 1;
      case PointAssignment.EXCLUDED -> 2;
      default -> 3;
    };
  }

  private static Row assignmentRow(
      String kind,
      String id,
      String name,
      double lon,
      double lat,
      PointAssignment.Assigned a,
      String how) {
    return RowFactory.create(
        kind,
        id,
        name,
        lon,
        lat,
        a == null ? null : a.adcode(),
        how,
        a == null ? null : a.distanceKm());
  }

  /** dq_issues rows for snapped (fallback) and unassigned (unmatched) points. */
  private static void report(
      List<DqIssue> issues,
      String source,
      String recordId,
      double lon,
      double lat,
      PointAssignment.Assigned a,
      String how,
      double snapKm) {
    String value = String.format(java.util.Locale.ROOT, "%.6f %.6f", lon, lat);
    if (PointAssignment.SNAPPED.equals(how)) {
      issues.add(
          new DqIssue(
              source,
              recordId,
              "lon/lat",
              String.format(
                  java.util.Locale.ROOT,
                  "outside every unit polygon; assigned to the nearest unit %s at %.3f km (<= %s"
                      + " km)",
                  a.adcode(),
                  a.distanceKm(),
                  snapKm),
              "fallback",
              value));
    } else if (PointAssignment.UNASSIGNED.equals(how)) {
      issues.add(
          new DqIssue(
              source,
              recordId,
              "lon/lat",
              "outside every unit polygon and more than " + snapKm + " km from any; not assigned",
              "unmatched",
              value));
    }
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

  private static Double number(Row r, int i) {
    return r.isNullAt(i) ? null : ((Number) r.get(i)).doubleValue();
  }
}
