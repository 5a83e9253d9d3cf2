package org.citycluster.stages.linkage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.linkage.AirPairCounts;
import org.citycluster.linkage.AirRoute;
import org.citycluster.linkage.RailPairCounts;
import org.citycluster.linkage.TimetableCall;
import org.citycluster.linkage.Train;
import org.citycluster.linkage.TravelTimes;
import org.citycluster.linkage.UnitAttributes;
import org.citycluster.linkage.UnitPair;
import org.citycluster.linkage.UnitSectors;
import org.citycluster.spark.SparkTestBase;
import org.junit.jupiter.api.Test;

/**
 * The counters and sector profiles in tasks against the driver-side classes over the same random
 * input: every count equal, every travel time equal, the location quotients equal to the bit and
 * the same with the units spread over 1 or 7 partitions.
 */
class LinkageCountersTest extends SparkTestBase {

  private static final StructType STATION_UNIT =
      new StructType().add("station", "string").add("adcode", "string");

  private static String unit(int u) {
    return String.valueOf(110000 + u * 100);
  }

  @Test
  void railTravelAndAirAsTheDriverSideCounters() {
    Random random = new Random(21);
    int units = 25;
    Map<String, String> stationUnit = new HashMap<>();
    List<Row> stationRows = new ArrayList<>();
    for (int s = 0; s < 60; s++) {
      if (s % 6 != 5) {
        stationUnit.put("S" + s, unit(s % units));
        stationRows.add(RowFactory.create("S" + s, unit(s % units)));
      }
    }
    List<Train> trains = new ArrayList<>();
    List<TimetableCall> calls = new ArrayList<>();
    for (int t = 0; t < 120; t++) {
      List<String> stops = new ArrayList<>();
      for (int k = 0; k < 2 + random.nextInt(6); k++) {
        stops.add("S" + random.nextInt(60));
      }
      String code = (t % 3 == 0 ? "D" : "T") + t;
      trains.add(new Train(code, stops, 0));
      int clock = random.nextInt(1440);
      for (int k = 0; k < stops.size(); k++) {
        boolean first = k == 0;
        boolean last = k == stops.size() - 1;
        calls.add(
            new TimetableCall(
                stops.get(k),
                code,
                "x",
                first
                    ? TimetableCall.CallType.ORIGIN
                    : last ? TimetableCall.CallType.TERMINUS : TimetableCall.CallType.PASSING,
                first ? null : (clock + 37 * k) % 1440,
                last ? null : (clock + 37 * k + random.nextInt(3)) % 1440));
      }
    }
    java.util.Collections.shuffle(calls, random);
    Map<Integer, String> airportUnit = new HashMap<>();
    List<Row> airportRows = new ArrayList<>();
    for (int a = 0; a < 40; a++) {
      if (a % 9 != 8) {
        airportUnit.put(a, unit(a % units));
        airportRows.add(RowFactory.create(a, unit(a % units)));
      }
    }
    List<AirRoute> routes = new ArrayList<>();
    for (int r = 0; r < 150; r++) {
      routes.add(
          new AirRoute(
              "L" + random.nextInt(5), random.nextInt(40), random.nextInt(40), r % 4 == 0));
    }
    Dataset<Row> su = spark.createDataFrame(stationRows, STATION_UNIT);

    RailPairCounts rail = RailPairCounts.of(trains, stationUnit);
    LinkageCounters.Rail railGot =
        LinkageCounters.rail(LinkageFrames.trains(spark, trains).repartition(3), su);
    Map<String, Row> railPairs = byPair(railGot.pairs());
    assertEquals(rail.pairs().size(), railPairs.size());
    for (RailPairCounts.Pair p : rail.pairs()) {
      Row r = railPairs.get(p.adcodeA() + "-" + p.adcodeB());
      assertEquals(p.trainsAll(), (int) r.<Integer>getAs("trains_all"));
      assertEquals(p.trainsHsr(), (int) r.<Integer>getAs("trains_hsr"));
    }
    Map<String, Row> railUnits = byUnit(railGot.units());
    assertEquals(rail.units().size(), railUnits.size());
    for (RailPairCounts.Unit u : rail.units()) {
      Row r = railUnits.get(u.adcode());
      assertEquals(u.trains(), (int) r.<Integer>getAs("rail_strength"), u.adcode());
      assertEquals(u.trainsHsr(), (int) r.<Integer>getAs("rail_hsr_strength"));
      assertEquals(u.degree(), (int) r.<Integer>getAs("rail_degree"));
      assertEquals(u.degreeHsr(), (int) r.<Integer>getAs("rail_hsr_degree"));
      assertEquals(u.connectivity(), (long) r.<Long>getAs("rail_connectivity"));
    }

    TravelTimes travel = TravelTimes.compute(calls, stationUnit, "tt");
    LinkageCounters.Travel travelGot =
        LinkageCounters.travel(LinkageFrames.timetable(spark, calls).repartition(3), su, "tt");
    Map<String, Row> times = byPair(travelGot.pairs());
    assertTrue(travel.pairs().size() > 50, "pairs with a time: " + travel.pairs().size());
    assertEquals(travel.pairs().size(), times.size());
    for (Map.Entry<UnitPair, Integer> e : travel.pairs().entrySet()) {
      Row r = times.get(e.getKey().a() + "-" + e.getKey().b());
      assertEquals(e.getValue(), r.<Integer>getAs("min_travel_minutes"), e.getKey().toString());
    }
    assertTrue(travel.issues().size() > 0, "repeated stations with different times");
    assertEquals(travel.issues().size(), travelGot.issues().count());

    AirPairCounts air = AirPairCounts.of(routes, airportUnit);
    LinkageCounters.Air airGot =
        LinkageCounters.air(
            LinkageFrames.routes(spark, routes).repartition(3),
            spark.createDataFrame(
                airportRows, new StructType().add("airport_id", "int").add("adcode", "string")));
    Map<String, Row> airPairs = byPair(airGot.pairs());
    assertEquals(air.pairs().size(), airPairs.size());
    for (AirPairCounts.Pair p : air.pairs()) {
      Row r = airPairs.get(p.adcodeA() + "-" + p.adcodeB());
      assertEquals(p.airRoutes(), (int) r.<Integer>getAs("air_routes"));
      assertEquals(p.airAirlines(), (int) r.<Integer>getAs("air_airlines"));
    }
    Map<String, Row> airUnits = byUnit(airGot.units());
    assertEquals(air.units().size(), airUnits.size());
    for (AirPairCounts.Unit u : air.units()) {
      Row r = airUnits.get(u.adcode());
      assertEquals(u.degree(), (int) r.<Integer>getAs("air_degree"));
      assertEquals(u.strength(), (int) r.<Integer>getAs("air_strength"));
      assertEquals(u.routes(), (int) r.<Integer>getAs("air_routes"));
    }
  }

  @Test
  void sectorProfilesAsUnitSectorsWhateverThePartitioning() {
    Random random = new Random(5);
    StructType schema =
        new StructType()
            .add("adcode", DataTypes.StringType)
            .add("gdp_cny", DataTypes.DoubleType)
            .add("primary_share", DataTypes.DoubleType)
            .add("secondary_share", DataTypes.DoubleType)
            .add("tertiary_share", DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    List<UnitAttributes> units = new ArrayList<>();
    for (int u = 0; u < 200; u++) {
      Double gdp = 1 + 1e6 * random.nextDouble();
      Double a = u % 17 == 3 ? null : 100 * random.nextDouble();
      double b = 100 * random.nextDouble();
      double c = 100 * random.nextDouble();
      rows.add(RowFactory.create(unit(u), gdp, a, b, c));
      units.add(new UnitAttributes(unit(u), 1.0, gdp, UnitAttributes.shares(a, b, c), null));
    }
    java.util.Collections.shuffle(rows, random);
    Map<String, UnitSectors.Profile> expected = UnitSectors.of(units).profiles();
    for (int partitions : new int[] {1, 7}) {
      Dataset<Row> got =
          SectorProfiles.of(spark.createDataFrame(rows, schema).repartition(partitions));
      Map<String, Row> byUnit = byUnit(got);
      assertEquals(expected.size(), byUnit.size());
      for (UnitSectors.Profile p : expected.values()) {
        Row r = byUnit.get(p.adcode());
        assertArrayEquals(
            p.locationQuotients(),
            new double[] {r.getAs("lq_primary"), r.getAs("lq_secondary"), r.getAs("lq_tertiary")},
            0.0,
            p.adcode());
        assertEquals(SectorProfiles.SECTORS.get(p.dominantSector()), r.getAs("dominant_sector"));
      }
    }
  }

  private static Map<String, Row> byPair(Dataset<Row> d) {
    Map<String, Row> out = new TreeMap<>();
    for (Row r : d.collectAsList()) {
      out.put(r.<String>getAs("adcode_a") + "-" + r.<String>getAs("adcode_b"), r);
    }
    return out;
  }

  private static Map<String, Row> byUnit(Dataset<Row> d) {
    Map<String, Row> out = new TreeMap<>();
    for (Row r : d.collectAsList()) {
      out.put(r.getAs("adcode"), r);
    }
    return out;
  }
}
