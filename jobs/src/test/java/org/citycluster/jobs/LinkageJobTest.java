package org.citycluster.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.config.ConfigException;
import org.citycluster.geo.Gcj02;
import org.citycluster.geo.GeodesicMeasures;
import org.citycluster.linkage.LinkageReaders;
import org.citycluster.linkage.Station;
import org.citycluster.linkage.StationReliability;
import org.citycluster.metrics.InterlockingNetwork;
import org.citycluster.spark.SchemaEnforcer;
import org.citycluster.spark.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.io.WKTReader;

/**
 * LinkageJob on a hand-made fixture: four square units A, B, C, D (D without stations); stations
 * inside A, B, C, one 0.95 km west of A (snapped), one 5 km east of C (unassigned), one imputed and
 * one with a far neighbour (both excluded); trains G1 (A, A doubled, snapped-to-A, B, excluded, C)
 * and K2 (A, B doubled, excluded, unassigned); three airports (A, C, one at sea) with a codeshare
 * and an id resolved by IATA code; a timetable with a midnight wrap and an unknown key station.
 */
class LinkageJobTest extends SparkTestBase {

  static final String A = "320100";
  static final String B = "320200";
  static final String C = "320300";
  static final String D = "320400";

  @TempDir static Path dir;

  static LinkageInputs inputs;
  static LinkageJob.Output out;
  static Map<String, Row> pairs;
  static Map<String, Row> metrics;
  static Map<String, Row> assignments;
  static List<String> issues;

  static String square(double x, double y) {
    return String.format(
        Locale.ROOT,
        "POLYGON ((%s %s, %s %s, %s %s, %s %s, %s %s))",
        x,
        y,
        x + 1,
        y,
        x + 1,
        y + 1,
        x,
        y + 1,
        x,
        y);
  }

  static String stationLine(String name, double lon, double lat, String method, double qa) {
    double[] gcj = Gcj02.wgs84ToGcj02(lon, lat);
    return String.format(Locale.ROOT, "%s,%.9f,%.9f,%s,,,,1,%s", name, gcj[0], gcj[1], method, qa);
  }

  static void write(String relative, String... lines) throws Exception {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  static void train(StringBuilder sb, String code, String... stations) {
    for (int i = 0; i < stations.length; i++) {
      sb.append(code)
          .append(',')
          .append(i + 1)
          .append(',')
          .append(stations[i])
          .append(',')
          .append(stations.length)
          .append(",fixture\n");
    }
  }

  @BeforeAll
  static void run() throws Exception {
    write(
        LinkageReaders.STATIONS,
        "station_name,lng,lat,coord_method,src_province,src_city,src_district,n_trains,"
            + "qa_min_neighbour_km",
        stationLine("甲站", 118.5, 31.5, Station.GEOCODED, 50),
        stationLine("甲东", 118.2, 31.8, Station.GEOCODED, 30),
        stationLine("乙站", 119.5, 31.5, Station.GEOCODED, 50),
        stationLine("丙站", 121.5, 31.5, Station.GEOCODED, 100),
        stationLine("甲西", 117.99, 31.5, Station.GEOCODED, 20),
        stationLine("丙东", 122.055, 31.5, Station.GEOCODED, 40),
        stationLine("乙西", 119.2, 31.2, Station.IMPUTED, 10),
        stationLine("远站", 119.8, 31.8, Station.GEOCODED, 250));
    StringBuilder stops = new StringBuilder("train_code,stop_seq,station_name,n_stops,src_file\n");
    train(stops, "G1", "甲站", "甲站", "甲西", "乙站", "乙西", "丙站");
    train(stops, "k2", "甲东", "乙站", "乙站", "远站", "丙东");
    write(LinkageReaders.TRAIN_STOPS, stops.toString().strip());
    write(
        LinkageReaders.TIMETABLE,
        "station_name,train_type,call_type,train_code,origin,terminus,arr_time,dep_time",
        "甲站,高速动车,始,G1,甲站,丙站,-,08:00",
        "乙站,高速动车,过,G1,甲站,丙站,08:30,08:32",
        "丙站,高速动车,终,G1,甲站,丙站,09:30,-",
        "甲东,快速,始,K2,甲东,丙东,-,23:50",
        "乙站,快速,过,K2,甲东,丙东,00:40,00:45",
        "无名站,快速,终,K2,甲东,丙东,02:00,-");
    String tail = ",10,8,U,Asia/Shanghai";
    write(
        LinkageReaders.AIRPORTS,
        "airport_id,name,city,country,iata,icao,lat,lon,altitude_ft,utc_offset_h,dst,tz,type,"
            + "source",
        "1,Alpha Airport,Alpha,China,AAA,ZAAA,31.6,118.6" + tail + ",airport,OurAirports",
        "2,Gamma Airport,Gamma,China,CCC,ZCCC,31.4,121.6" + tail + ",airport,OurAirports",
        "3,Sea Port,Sea,China,\\N,\\N,31.0,125.0" + tail + ",port,User");
    write(
        LinkageReaders.ROUTES,
        "airline,airline_id,src_airport,src_airport_id,dst_airport,dst_airport_id,codeshare,"
            + "stops,equipment",
        "MU,1,AAA,1,CCC,2,,0,320",
        "MU,1,CCC,2,AAA,1,,0,320",
        "CA,2,AAA,1,CCC,2,Y,0,320",
        "CZ,3,AAA,\\N,CCC,2,,0,321");

    LinkageJob.Options options = LinkageJob.Options.defaults();
    inputs = LinkageInputs.read(spark, rel -> dir.resolve(rel).toString(), options);

    StructType citySchema =
        new StructType()
            .add("adcode", DataTypes.StringType)
            .add("wkt", DataTypes.StringType)
            .add("centroid_lon", DataTypes.DoubleType)
            .add("centroid_lat", DataTypes.DoubleType)
            .add("population", DataTypes.LongType)
            .add("gdp_cny", DataTypes.DoubleType)
            .add("primary_share", DataTypes.DoubleType)
            .add("secondary_share", DataTypes.DoubleType)
            .add("tertiary_share", DataTypes.DoubleType)
            .add("emp_primary_share", DataTypes.DoubleType)
            .add("emp_secondary_share", DataTypes.DoubleType)
            .add("emp_tertiary_share", DataTypes.DoubleType);
    Dataset<Row> cities =
        spark
            .createDataFrame(
                List.of(
                    RowFactory.create(
                        A,
                        square(118, 31),
                        118.5,
                        31.5,
                        10_000_000L,
                        1.0e12,
                        .05,
                        .45,
                        .50,
                        .10,
                        .40,
                        .50),
                    RowFactory.create(
                        B,
                        square(119, 31),
                        119.5,
                        31.5,
                        5_000_000L,
                        4.0e11,
                        .10,
                        .50,
                        .40,
                        .20,
                        .50,
                        .30),
                    RowFactory.create(
                        C,
                        square(121, 31),
                        121.5,
                        31.5,
                        2_000_000L,
                        1.0e11,
                        .20,
                        .30,
                        .50,
                        null,
                        null,
                        null),
                    RowFactory.create(
                        D,
                        square(118, 33),
                        118.5,
                        33.5,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)),
                citySchema)
            .selectExpr("*", "ST_GeomFromWKT(wkt) AS geometry")
            .drop("wkt");
    StructType memberSchema =
        new StructType()
            .add("cluster_id", DataTypes.StringType)
            .add("adcode", DataTypes.StringType);
    Dataset<Row> members =
        spark.createDataFrame(
            List.of(
                RowFactory.create("X", A),
                RowFactory.create("X", B),
                RowFactory.create("Y", C),
                RowFactory.create("Y", D)),
            memberSchema);
    StructType pairSchema =
        new StructType()
            .add("adcode_a", DataTypes.StringType)
            .add("adcode_b", DataTypes.StringType);
    Dataset<Row> candidates =
        spark.createDataFrame(
            List.of(
                RowFactory.create(D, A), RowFactory.create(A, B), RowFactory.create(A, "999999")),
            pairSchema);

    out = LinkageJob.build(spark, inputs, cities, members, candidates, options);
    pairs =
        out.linkagePairs().collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getString(0) + "-" + r.getString(1), r -> r));
    metrics =
        out.cityMetrics().collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getString(0), r -> r));
    assignments =
        out.pointAssignments().collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getString(0) + ":" + r.getString(1), r -> r));
    issues =
        out.issues().collectAsList().stream()
            .map(
                r ->
                    r.getAs("source")
                        + "|"
                        + r.getAs("record_id")
                        + "|"
                        + r.getAs("field")
                        + "|"
                        + r.getAs("action"))
            .sorted()
            .toList();
  }

  @Test
  void pairCounts() {
    assertEquals(Set.of(A + "-" + B, A + "-" + C, B + "-" + C, A + "-" + D), pairs.keySet());
    Row ab = pairs.get(A + "-" + B);
    assertEquals(2, (Integer) ab.getAs("trains_all"));
    assertEquals(1, (Integer) ab.getAs("trains_hsr"));
    assertEquals(30, (Integer) ab.getAs("min_travel_minutes"));
    assertEquals(0, (Integer) ab.getAs("air_routes"));
    assertEquals(0, (Integer) ab.getAs("air_airlines"));
    Row ac = pairs.get(A + "-" + C);
    assertEquals(1, (Integer) ac.getAs("trains_all"));
    assertEquals(1, (Integer) ac.getAs("trains_hsr"));
    assertEquals(90, (Integer) ac.getAs("min_travel_minutes"));
    assertEquals(1, (Integer) ac.getAs("air_routes")); // AAA-CCC in both directions, 3 airlines
    assertEquals(2, (Integer) ac.getAs("air_airlines")); // MU and CZ; the CA codeshare not
    Row bc = pairs.get(B + "-" + C);
    assertEquals(1, (Integer) bc.getAs("trains_all"));
    assertEquals(1, (Integer) bc.getAs("trains_hsr"));
    assertEquals(58, (Integer) bc.getAs("min_travel_minutes"));
    Row ad = pairs.get(A + "-" + D);
    assertEquals(0, (Integer) ad.getAs("trains_all"));
    assertEquals(0, (Integer) ad.getAs("trains_hsr"));
    assertEquals(0, (Integer) ad.getAs("air_routes"));
    assertNull(ad.getAs("min_travel_minutes"));
    assertNull(ad.getAs("gravity"));
    assertNull(ad.getAs("complementarity"));
    assertNull(ad.getAs("rail_gravity_residual"));
    assertEquals(0.0, (Double) ad.getAs("linkage_index"), 1e-12);
  }

  @Test
  void gravityComplementarityAndIndex() {
    Row ab = pairs.get(A + "-" + B);
    double dAb = GeodesicMeasures.distanceKm(118.5, 31.5, 119.5, 31.5);
    assertEquals(dAb, (Double) ab.getAs("centroid_distance_km"), 1e-9);
    double gravity = Math.sqrt(1e7 * 1e12) * Math.sqrt(5e6 * 4e11) / (dAb * dAb);
    assertEquals(gravity, (Double) ab.getAs("gravity"), gravity * 1e-12);
    assertEquals(0.2, (Double) ab.getAs("complementarity"), 1e-9);
    assertEquals(0.4, (Double) ab.getAs("complementarity_employment"), 1e-9);
    assertNotNull(ab.getAs("rail_gravity_residual"));
    Row ac = pairs.get(A + "-" + C);
    assertEquals(0.3, (Double) ac.getAs("complementarity"), 1e-9);
    assertNull(ac.getAs("complementarity_employment"));
    assertEquals(0.4, (Double) pairs.get(B + "-" + C).getAs("complementarity"), 1e-9);
    // linkage index: mean of min-max normalised log1p(hsr), log1p(all), log1p(airlines)
    double half = Math.log(2) / Math.log(3);
    assertEquals(2.0 / 3, (Double) ab.getAs("linkage_index"), 1e-12);
    assertEquals((1 + half + 1) / 3, (Double) ac.getAs("linkage_index"), 1e-12);
    assertEquals((1 + half) / 3, (Double) pairs.get(B + "-" + C).getAs("linkage_index"), 1e-12);
  }

  @Test
  void assignments() {
    assertEquals(11, assignments.size());
    assertEquals(List.of(A, "inside"), adcodeHow("station:甲站"));
    assertEquals(List.of(A, "inside"), adcodeHow("station:甲东"));
    assertEquals(List.of(B, "inside"), adcodeHow("station:乙站"));
    assertEquals(List.of(C, "inside"), adcodeHow("station:丙站"));
    assertEquals(List.of(A, "snapped"), adcodeHow("station:甲西"));
    assertEquals("unassigned", assignments.get("station:丙东").getAs("how"));
    assertNull(assignments.get("station:丙东").getAs("adcode"));
    assertEquals("excluded", assignments.get("station:乙西").getAs("how"));
    assertNull(assignments.get("station:乙西").getAs("adcode"));
    assertEquals("excluded", assignments.get("station:远站").getAs("how"));
    assertEquals(List.of(A, "inside"), adcodeHow("airport:1"));
    assertEquals(List.of(C, "inside"), adcodeHow("airport:2"));
    assertEquals("unassigned", assignments.get("airport:3").getAs("how"));

    Station snapped =
        inputs.stations().stream().filter(s -> s.name().equals("甲西")).findFirst().orElseThrow();
    double expected =
        GeodesicMeasures.distanceKm(snapped.lon(), snapped.lat(), 118.0, snapped.lat());
    assertEquals(0.95, expected, 0.01);
    assertEquals(expected, (Double) assignments.get("station:甲西").getAs("distance_km"), 1e-6);

    LinkageJob.Summary s = out.summary();
    assertEquals(new LinkageJob.Summary(8, 4, 1, 2, 1, 3, 2, 0, 1, 2, 2, 3, 3, 1, 3, 4), s);
  }

  private static List<String> adcodeHow(String key) {
    Row r = assignments.get(key);
    return List.of(r.getAs("adcode"), r.getAs("how"));
  }

  @Test
  void cityMetrics() {
    assertEquals(Set.of(A, B, C, D), metrics.keySet());
    // interlocking connectivity on the train-by-unit matrix (rows A..D, columns G1, K2)
    double[] n =
        InterlockingNetwork.nodalConnectivity(
            InterlockingNetwork.links(new double[][] {{1, 1}, {1, 1}, {1, 0}, {0, 0}}));
    String[] units = {A, B, C, D};
    for (int i = 0; i < 4; i++) {
      assertEquals((long) n[i], (Long) metrics.get(units[i]).getAs("rail_connectivity"));
    }
    Row a = metrics.get(A);
    assertEquals(
        List.of(3, 1, 2, 1, 2, 2, 1, 2, 1),
        List.of(
            a.getAs("stations"),
            a.getAs("airports"),
            a.getAs("rail_strength"),
            a.getAs("rail_hsr_strength"),
            a.getAs("rail_degree"),
            a.getAs("rail_hsr_degree"),
            a.getAs("air_degree"),
            a.getAs("air_strength"),
            a.getAs("air_routes")));
    Row c = metrics.get(C);
    assertEquals(1, (Integer) c.getAs("rail_strength"));
    assertEquals(2, (Integer) c.getAs("rail_degree"));
    Row d = metrics.get(D);
    assertEquals(0, (Integer) d.getAs("rail_strength"));
    assertEquals(0, (Integer) d.getAs("air_degree"));
    // in-cluster share of trains_all: clusters X = {A, B}, Y = {C, D}
    assertEquals(2.0 / 3, (Double) a.getAs("in_cluster_link_share"), 1e-12);
    assertEquals(2.0 / 3, (Double) metrics.get(B).getAs("in_cluster_link_share"), 1e-12);
    assertEquals(0.0, (Double) c.getAs("in_cluster_link_share"), 1e-12);
    assertNull(d.getAs("in_cluster_link_share"));
    assertEquals(0.0, (Double) a.getAs("in_cluster_air_share"), 1e-12);
    // location quotients against GDP-weighted reference shares of A, B, C
    double[] gdp = {1e12, 4e11, 1e11};
    double[][] shares = {{.05, .45, .50}, {.10, .50, .40}, {.20, .30, .50}};
    double[] ref = new double[3];
    for (int r = 0; r < 3; r++) {
      for (int i = 0; i < 3; i++) {
        ref[i] += gdp[r] * shares[r][i] / 1.5e12;
      }
    }
    String[] cols = {"lq_primary", "lq_secondary", "lq_tertiary"};
    for (int r = 0; r < 3; r++) {
      for (int i = 0; i < 3; i++) {
        assertEquals(shares[r][i] / ref[i], (Double) metrics.get(units[r]).getAs(cols[i]), 1e-9);
      }
    }
    assertEquals("tertiary", a.getAs("dominant_sector"));
    assertEquals("primary", metrics.get(B).getAs("dominant_sector"));
    assertEquals("primary", c.getAs("dominant_sector"));
    assertNull(d.getAs("dominant_sector"));
    assertNull(d.getAs("lq_primary"));
  }

  @Test
  void dataQualityRows() {
    String st = LinkageReaders.STATIONS;
    assertEquals(
        Stream.of(
                LinkageReaders.AIRPORTS + "|airport 3|lon/lat|unmatched",
                LinkageReaders.ROUTES + "|line 5|src_airport_id|repaired",
                st + "|丙东|lon/lat|unmatched",
                st + "|乙西|coord_method|excluded",
                st + "|甲西|lon/lat|fallback",
                st + "|远站|qa_min_neighbour_km|excluded",
                LinkageReaders.TIMETABLE + "|无名站|station_name|unmatched",
                LinkageReaders.TRAIN_STOPS + "|G1|station_name|repaired",
                LinkageReaders.TRAIN_STOPS + "|K2|station_name|repaired",
                "linkage candidate pairs|320100-999999|adcode_a|reported")
            .sorted()
            .toList(),
        issues);
  }

  @Test
  void optionsAreValidatedNamingTheOption() {
    LinkageJob.Options d = LinkageJob.Options.defaults();
    assertEquals(2.0, d.snapKm());
    assertEquals(2.0, d.gravityBeta());
    assertEquals(StationReliability.DEFAULT, d.reliability());
    assertEquals(d, d.validate());
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                new LinkageJob.Options(
                        d.stationsPath(),
                        d.trainStopsPath(),
                        d.timetablePath(),
                        d.airportsPath(),
                        d.routesPath(),
                        -1,
                        d.reliability(),
                        2)
                    .validate());
    assertTrue(e.getMessage().contains("linkage.snap.km"), e.getMessage());
    e =
        assertThrows(
            ConfigException.class,
            () ->
                new LinkageJob.Options(
                        d.stationsPath(),
                        d.trainStopsPath(),
                        d.timetablePath(),
                        d.airportsPath(),
                        d.routesPath(),
                        2,
                        new StationReliability(Set.of("guessed"), 200),
                        2)
                    .validate());
    assertTrue(e.getMessage().contains("linkage.station.exclude.methods"), e.getMessage());
    e =
        assertThrows(
            ConfigException.class,
            () ->
                new LinkageJob.Options(
                        "",
                        d.trainStopsPath(),
                        d.timetablePath(),
                        d.airportsPath(),
                        d.routesPath(),
                        2,
                        d.reliability(),
                        Double.NaN)
                    .validate());
    assertTrue(e.getMessage().contains("linkage.stations.path"), e.getMessage());
    e =
        assertThrows(
            ConfigException.class,
            () ->
                new LinkageJob.Options(
                        d.stationsPath(),
                        d.trainStopsPath(),
                        d.timetablePath(),
                        d.airportsPath(),
                        d.routesPath(),
                        2,
                        d.reliability(),
                        Double.NaN)
                    .validate());
    assertTrue(e.getMessage().contains("linkage.gravity.beta"), e.getMessage());
  }

  @Test
  void pointToPolygonDistanceAndMargin() throws Exception {
    var square = new WKTReader().read(square(118, 31));
    assertEquals(0.0, PointAssignment.distanceKm(square, 118.5, 31.5), 0);
    // 0.01 deg of longitude at 31.5 N, and a corner diagonal
    assertEquals(
        GeodesicMeasures.distanceKm(117.99, 31.5, 118, 31.5),
        PointAssignment.distanceKm(square, 117.99, 31.5),
        1e-9);
    assertEquals(
        GeodesicMeasures.distanceKm(119.01, 32.01, 119, 32),
        PointAssignment.distanceKm(square, 119.01, 32.01),
        1e-3);
    // at 53.5 N, 2 km east-west is 0.0302 deg of longitude: the margin must cover it
    double lonDeg = 2.0 / GeodesicMeasures.distanceKm(120, 53.5, 121, 53.5);
    assertTrue(PointAssignment.marginDegrees(2.0, 53.5) > lonDeg);
    assertTrue(PointAssignment.marginDegrees(2.0, 53.5) < 2 * lonDeg);
  }

  @Test
  void publishedSchemasDeclareTheOutputColumns() {
    checkDeclared("city_pairs", LinkageJob.PAIRS);
    checkDeclared("city_metrics", LinkageJob.METRICS);
  }

  /** Every column the job outputs is declared, with its type, in the published schema. */
  private static void checkDeclared(String table, StructType produced) {
    var schema = org.citycluster.io.TableSchema.load(table);
    for (var f : produced.fields()) {
      var declared = schema.columns().stream().filter(c -> c.name().equals(f.name())).findFirst();
      assertTrue(declared.isPresent(), table + " does not declare " + f.name());
      assertEquals(
          f.dataType(), SchemaEnforcer.sparkType(declared.get().type()), table + "." + f.name());
      assertFalse(declared.get().description().isBlank(), f.name());
    }
  }
}
