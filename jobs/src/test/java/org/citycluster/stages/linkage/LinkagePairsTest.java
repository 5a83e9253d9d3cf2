package org.citycluster.stages.linkage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleBiFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.geo.GeodesicMeasures;
import org.citycluster.linkage.AirPairCounts;
import org.citycluster.linkage.AirRoute;
import org.citycluster.linkage.PairLinkage;
import org.citycluster.linkage.RailPairCounts;
import org.citycluster.linkage.Train;
import org.citycluster.linkage.UnitAttributes;
import org.citycluster.linkage.UnitPair;
import org.citycluster.metrics.FittedGravity;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.testing.DriverResultBytes;
import org.citycluster.verdict.GravityCoefficients;
import org.junit.jupiter.api.Test;

/**
 * The distributed pair linkage against the driver-side reference {@link PairLinkage#compute}: the
 * same rows (counts, distances, gravity, complementarity and index to the bit; the rail residual
 * and the fit's coefficients to 1e-9, the fit now being solved from summed normal equations), and
 * no job that sends the driver more than a bound when every pair of 300 units is a candidate.
 */
class LinkagePairsTest extends SparkTestBase {

  private static final StructType UNITS =
      new StructType()
          .add("adcode", DataTypes.StringType, false)
          .add("centroid_lon", DataTypes.DoubleType, false)
          .add("centroid_lat", DataTypes.DoubleType, false)
          .add("population", DataTypes.DoubleType, true)
          .add("gdp_cny", DataTypes.DoubleType, true)
          .add("primary_share", DataTypes.DoubleType, true)
          .add("secondary_share", DataTypes.DoubleType, true)
          .add("tertiary_share", DataTypes.DoubleType, true)
          .add("emp_primary_share", DataTypes.DoubleType, true)
          .add("emp_secondary_share", DataTypes.DoubleType, true)
          .add("emp_tertiary_share", DataTypes.DoubleType, true);

  private static final StructType CANDIDATES =
      new StructType()
          .add("adcode_a", DataTypes.StringType, true)
          .add("adcode_b", DataTypes.StringType, true);

  /** A random world of {@code n} units, with trains and air routes. */
  private record World(
      List<UnitAttributes> units,
      Map<String, double[]> at,
      RailPairCounts rail,
      AirPairCounts air,
      Dataset<Row> unitRows) {
    ToDoubleBiFunction<String, String> km() {
      return (x, y) ->
          GeodesicMeasures.distanceKm(at.get(x)[0], at.get(x)[1], at.get(y)[0], at.get(y)[1]);
    }
  }

  private static World world(int n, int trainCount, long seed) {
    Random random = new Random(seed);
    List<UnitAttributes> units = new ArrayList<>();
    Map<String, String> stationUnit = new HashMap<>();
    Map<Integer, String> airportUnit = new HashMap<>();
    Map<String, double[]> at = new HashMap<>();
    List<Row> rows = new ArrayList<>();
    for (int u = 0; u < n; u++) {
      String adcode = String.valueOf(110100 + u * 100);
      boolean stats = random.nextInt(5) > 0;
      Double p = stats ? 1 + random.nextDouble() * 50 : null;
      Double g = stats ? 0.1 + random.nextDouble() * 5 : null;
      double[] shares = stats ? new double[] {random.nextInt(20), random.nextInt(50), 40} : null;
      double[] emp = u % 3 == 0 ? new double[] {1 + random.nextInt(5), 2, 3} : null;
      units.add(new UnitAttributes(adcode, p, g, shares, emp));
      double lon = 100 + random.nextDouble() * 10;
      double lat = 25 + random.nextDouble() * 10;
      at.put(adcode, new double[] {lon, lat});
      rows.add(
          RowFactory.create(
              adcode,
              lon,
              lat,
              p,
              g,
              shares == null ? null : shares[0],
              shares == null ? null : shares[1],
              shares == null ? null : shares[2],
              emp == null ? null : emp[0],
              emp == null ? null : emp[1],
              emp == null ? null : emp[2]));
      if (u % 7 != 3) {
        stationUnit.put("S" + u, adcode);
      }
      airportUnit.put(u, adcode);
    }
    List<Train> trains = new ArrayList<>();
    for (int t = 0; t < trainCount; t++) {
      List<String> stops = new ArrayList<>();
      for (int k = 0; k < 2 + random.nextInt(5); k++) {
        stops.add("S" + random.nextInt(n));
      }
      trains.add(new Train((t % 2 == 0 ? "G" : "K") + t, stops, 0));
    }
    List<AirRoute> routes = new ArrayList<>();
    for (int r = 0; r < n / 2; r++) {
      routes.add(
          new AirRoute("A" + random.nextInt(4), random.nextInt(n), random.nextInt(n), false));
    }
    return new World(
        units,
        at,
        RailPairCounts.of(trains, stationUnit),
        AirPairCounts.of(routes, airportUnit),
        spark.createDataFrame(rows, UNITS).repartition(3));
  }

  /** {@link LinkagePairs#build} over the world's counts, turned into Datasets here. */
  private static LinkagePairs.Result build(World w, Dataset<Row> candidates) {
    List<Row> railRows = new ArrayList<>();
    for (RailPairCounts.Pair p : w.rail().pairs()) {
      railRows.add(RowFactory.create(p.adcodeA(), p.adcodeB(), p.trainsAll(), p.trainsHsr()));
    }
    List<Row> railUnits = new ArrayList<>();
    for (RailPairCounts.Unit u : w.rail().units()) {
      if (u.trains() > 0) {
        railUnits.add(RowFactory.create(u.adcode()));
      }
    }
    List<Row> airRows = new ArrayList<>();
    for (AirPairCounts.Pair p : w.air().pairs()) {
      airRows.add(RowFactory.create(p.adcodeA(), p.adcodeB(), p.airRoutes(), p.airAirlines()));
    }
    return LinkagePairs.build(
        w.unitRows(),
        candidates,
        spark.createDataFrame(
            railRows,
            new StructType()
                .add("adcode_a", "string")
                .add("adcode_b", "string")
                .add("trains_all", "int")
                .add("trains_hsr", "int")),
        spark.createDataFrame(railUnits, new StructType().add("adcode", "string")),
        null,
        spark.createDataFrame(
            airRows,
            new StructType()
                .add("adcode_a", "string")
                .add("adcode_b", "string")
                .add("air_routes", "int")
                .add("air_airlines", "int")),
        2);
  }

  @Test
  void sameRowsAndFitAsTheDriverSideReference() {
    World w = world(40, 60, 5);
    Set<UnitPair> also = Set.of(UnitPair.of("110100", "110200"), UnitPair.of("113000", "113900"));
    Dataset<Row> candidates =
        spark.createDataFrame(
            List.of(
                RowFactory.create("110200", "110100"), // reversed: the same pair
                RowFactory.create("113000", "113900"),
                RowFactory.create("a", "b"), // not units: reported
                RowFactory.create("110100", "110100")), // a unit with itself: reported
            CANDIDATES);
    PairLinkage.Result expected =
        PairLinkage.compute(w.units(), w.km(), w.rail(), null, w.air(), 2, also);
    LinkagePairs.Result got = build(w, candidates);

    List<Row> rows = got.pairs().collectAsList();
    assertEquals(expected.rows().size(), rows.size());
    assertEquals(expected.rows().size(), got.rows());
    assertEquals(2, got.invalidCandidates().count());
    int residuals = 0;
    for (int i = 0; i < rows.size(); i++) {
      PairLinkage.Row e = expected.rows().get(i);
      Row r = rows.get(i);
      String where = e.adcodeA() + "-" + e.adcodeB();
      assertEquals(e.adcodeA(), r.getAs("adcode_a"), where);
      assertEquals(e.adcodeB(), r.getAs("adcode_b"), where);
      assertEquals(e.trainsAll(), (int) r.<Integer>getAs("trains_all"), where);
      assertEquals(e.trainsHsr(), (int) r.<Integer>getAs("trains_hsr"), where);
      assertEquals(e.airRoutes(), (int) r.<Integer>getAs("air_routes"), where);
      assertEquals(e.airAirlines(), (int) r.<Integer>getAs("air_airlines"), where);
      assertEquals(e.minTravelMinutes(), r.getAs("min_travel_minutes"), where);
      assertEquals(e.distanceKm(), r.getAs("centroid_distance_km"), where);
      assertEquals(e.gravity(), r.getAs("gravity"), where);
      assertEquals(e.complementaritySector(), r.getAs("complementarity"), where);
      assertEquals(e.complementarityEmployment(), r.getAs("complementarity_employment"), where);
      assertEquals(e.linkageIndex(), (double) r.<Double>getAs("linkage_index"), where);
      Double residual = r.getAs("rail_gravity_residual");
      assertEquals(e.railResidual() == null, residual == null, where);
      if (residual != null) {
        assertEquals(e.railResidual(), residual, 1e-9, where);
        residuals++;
      }
    }
    assertTrue(residuals > 20, "pairs with a residual: " + residuals);

    FittedGravity.Result ols = expected.railFit();
    GravityCoefficients sums = got.railFit();
    assertNotNull(ols);
    assertNotNull(sums);
    assertEquals(ols.massICoefficient(), ols.massJCoefficient(), 1e-9);
    assertClose(ols.intercept(), sums.intercept());
    assertClose(ols.massICoefficient(), sums.massCoefficient());
    assertClose(ols.distanceCoefficient(), sums.distanceCoefficient());
  }

  private static void assertClose(double expected, double actual) {
    assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)));
  }

  @Test
  void noJobSendsTheDriverThePairs() {
    int n = 300;
    World w = world(n, 400, 9);
    List<Row> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        all.add(RowFactory.create(w.units().get(i).adcode(), w.units().get(j).adcode()));
      }
    }
    Dataset<Row> candidates = spark.createDataFrame(all, CANDIDATES).repartition(4);
    long bound = 256 * 1024;

    spark.sparkContext().setJobGroup("linkage-pairs-test", "distributed pair linkage", false);
    DriverResultBytes received =
        DriverResultBytes.attach(spark.sparkContext(), "linkage-pairs-test");
    LinkagePairs.Result[] got = new LinkagePairs.Result[1];
    try {
      DriverResultBytes.withoutAutoBroadcast(
          spark,
          () -> {
            got[0] = build(w, candidates);
            got[0].pairs().write().format("noop").mode("overwrite").save();
          });
    } finally {
      spark.sparkContext().clearJobGroup();
    }
    received.settle(spark.sparkContext());
    assertEquals((long) n * (n - 1) / 2, got[0].rows());
    assertTrue(received.maxJobBytes() < bound, received.toString());

    // control: the same instrument sees a collect of the pairs
    spark.sparkContext().setJobGroup("linkage-pairs-control", "collect the pairs", false);
    DriverResultBytes control =
        DriverResultBytes.attach(spark.sparkContext(), "linkage-pairs-control");
    try {
      assertEquals(got[0].rows(), got[0].pairs().collectAsList().size());
    } finally {
      spark.sparkContext().clearJobGroup();
    }
    control.settle(spark.sparkContext());
    assertTrue(control.maxJobBytes() > bound, control.toString());
    System.out.println(
        "largest job result: pair linkage "
            + received.maxJobBytes()
            + " B, collect of the pairs "
            + control.maxJobBytes()
            + " B (bound "
            + bound
            + ")");
  }
}
