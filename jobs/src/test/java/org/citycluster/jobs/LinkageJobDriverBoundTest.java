package org.citycluster.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.citycluster.linkage.AirRoute;
import org.citycluster.linkage.Airport;
import org.citycluster.linkage.LinkageReaders;
import org.citycluster.linkage.Station;
import org.citycluster.linkage.TimetableCall;
import org.citycluster.linkage.Train;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.testing.DriverResultBytes;
import org.junit.jupiter.api.Test;

/**
 * Issue #16: the linkage stage sends the driver counts and a few sums only. Two synthetic sizes, a
 * grid of 20×20 and of 60×60 square units (0.1°) with a station in each cell (every 13th imputed,
 * hence excluded, a few outside the grid), trains of 6 stops walking between neighbouring cells
 * (half of them in the timetable), an airport in every 9th cell and routes between them. The stage
 * is run and all its outputs written (to Spark's no-op sink); the largest task-result bytes of any
 * job must stay under a fixed bound at both sizes and must not grow with 9 times the units,
 * stations and trains. The units have random statistics, so that a collect of them does not
 * compress away: the driver-side code collected the units (a row each with its statistics) and the
 * assignments (a row per station and airport), and its largest job result grew from 82 KB to 319 KB
 * between the two sizes (measured on 20c6a7e); this code: 248 KB at both, the fixed per-task
 * overhead of one write of 11 tasks.
 */
class LinkageJobDriverBoundTest extends SparkTestBase {

  private static final long BOUND_BYTES = 512 * 1024;
  private static final double CELL = 0.1;

  /** The largest result bytes of a job, over the build and the writes of its outputs. */
  private static long maxJobBytes(int side) {
    int n = side * side;
    Dataset<Row> cities =
        spark
            .range(n)
            .selectExpr(
                "format_string('%06d', 100000 + id) AS adcode",
                "CAST(id % " + side + " AS DOUBLE) AS col",
                "CAST(id div " + side + " AS DOUBLE) AS row")
            .selectExpr(
                "adcode",
                "ST_PolygonFromEnvelope(100 + col * "
                    + CELL
                    + ", 30 + row * "
                    + CELL
                    + ", 100 + (col + 1) * "
                    + CELL
                    + ", 30 + (row + 1) * "
                    + CELL
                    + ") AS geometry",
                // random statistics: a collect of the units would not compress away
                "100 + (col + 0.4 + 0.2 * rand(1)) * " + CELL + " AS centroid_lon",
                "30 + (row + 0.4 + 0.2 * rand(2)) * " + CELL + " AS centroid_lat",
                "100 + 50 * rand(3) AS population",
                "10 + 40 * rand(4) AS gdp_cny",
                "5 + 10 * rand(5) AS primary_share",
                "30 + 20 * rand(6) AS secondary_share",
                "40 + 20 * rand(7) AS tertiary_share",
                "rand(8) AS emp_primary_share",
                "rand(9) AS emp_secondary_share",
                "rand(10) AS emp_tertiary_share");
    Dataset<Row> members =
        spark
            .range(n)
            .where("id % " + side + " < 5 AND id div " + side + " < 5")
            .selectExpr("'c0' AS cluster_id", "format_string('%06d', 100000 + id) AS adcode");

    Random random = new Random(side);
    List<Station> stations = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double lon = 100 + (i % side + 0.3 + 0.4 * random.nextDouble()) * CELL;
      double lat = 30 + (i / side + 0.3 + 0.4 * random.nextDouble()) * CELL;
      if (i % 97 == 5) {
        lon = 100 - 1; // outside the grid: unassigned
      }
      String method = i % 13 == 0 ? Station.IMPUTED : Station.GEOCODED;
      stations.add(new Station("S" + i, lon, lat, lon, lat, method, 1.0));
    }
    List<Train> trains = new ArrayList<>();
    List<TimetableCall> calls = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      int at = random.nextInt(n);
      List<String> stops = new ArrayList<>();
      for (int k = 0; k < 6; k++) {
        stops.add("S" + at);
        int step = new int[] {1, -1, side, -side}[random.nextInt(4)];
        at = Math.floorMod(at + step, n);
      }
      String code = (t % 3 == 0 ? "G" : "K") + t;
      trains.add(new Train(code, stops, 0));
      if (t % 2 == 0) {
        int clock = random.nextInt(1000);
        for (int k = 0; k < stops.size(); k++) {
          TimetableCall.CallType type =
              k == 0
                  ? TimetableCall.CallType.ORIGIN
                  : k == stops.size() - 1
                      ? TimetableCall.CallType.TERMINUS
                      : TimetableCall.CallType.PASSING;
          Integer arr = k == 0 ? null : clock + 20 * k;
          Integer dep = k == stops.size() - 1 ? null : clock + 20 * k + 2;
          if (k == 0 || k > 0 && !stops.get(k).equals(stops.get(k - 1))) {
            calls.add(new TimetableCall(stops.get(k), code, "高速动车", type, arr, dep));
          }
        }
      }
    }
    List<Airport> airports = new ArrayList<>();
    for (int i = 0; i < n; i += 9) {
      airports.add(
          new Airport(
              i,
              "A" + i,
              "Airport " + i,
              100 + (i % side + 0.5) * CELL,
              30 + (i / side + 0.5) * CELL,
              "airport"));
    }
    List<AirRoute> routes = new ArrayList<>();
    for (Airport a : airports) {
      for (int k = 0; k < 3; k++) {
        Airport b = airports.get(random.nextInt(airports.size()));
        routes.add(new AirRoute("L" + k, a.id(), b.id(), k == 2));
      }
    }
    LinkageInputs inputs =
        new LinkageInputs(
            stations,
            new LinkageReaders.TrainStops(trains, 0, 0),
            calls,
            airports,
            new LinkageReaders.AirRoutes(routes, List.of()));

    DriverResultBytes build = DriverResultBytes.attach(spark.sparkContext(), "linkage");
    DriverResultBytes writes = DriverResultBytes.attach(spark.sparkContext(), "linkage-outputs");
    LinkageJob.Output[] out = new LinkageJob.Output[1];
    DriverResultBytes.withoutAutoBroadcast(
        spark,
        () -> {
          out[0] =
              LinkageJob.build(spark, inputs, cities, members, null, LinkageJob.Options.defaults());
          spark.sparkContext().setJobGroup("linkage-outputs", "write the linkage outputs", false);
          try {
            for (Dataset<Row> d :
                List.of(
                    out[0].linkagePairs(),
                    out[0].cityMetrics(),
                    out[0].pointAssignments(),
                    out[0].issues())) {
              d.write().format("noop").mode("overwrite").save();
            }
          } finally {
            spark.sparkContext().clearJobGroup();
          }
        });
    build.settle(spark.sparkContext());
    writes.settle(spark.sparkContext());
    LinkageJob.Summary s = out[0].summary();
    assertEquals(n, s.stations());
    assertTrue(s.stationsInside() > n / 2, s.toString());
    assertTrue(s.stationsUnassigned() > 0, s.toString());
    assertTrue(s.pairsWithTrain() > n, s.toString());
    assertTrue(s.pairsWithAir() > 0 && s.pairsWithTravelTime() > 0, s.toString());
    assertTrue(build.jobs() > 0 && writes.jobs() > 0, build + " / " + writes);
    long max = Math.max(build.maxJobBytes(), writes.maxJobBytes());
    System.out.println(
        "linkage stage, "
            + n
            + " units and stations, "
            + n
            + " trains: largest job result "
            + max
            + " B; "
            + build
            + "; "
            + writes);
    assertTrue(max < BOUND_BYTES, "a linkage job sent the driver " + max + " B: " + build);
    return max;
  }

  @Test
  void theDriverReceivesNoMoreWithNineTimesTheUnitsStationsAndTrains() {
    long small = maxJobBytes(20);
    long large = maxJobBytes(60);
    assertTrue(
        large < 1.5 * small + 16 * 1024,
        "largest job result grew from " + small + " B (400 units) to " + large + " B (3,600)");
  }
}
