package org.citycluster.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.citycluster.geo.GeodesicMeasures;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.testing.DriverResultBytes;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Issue #16's rule for the adjacency job: what its jobs send the driver does not grow with the
 * units. {@link AdjacencyJob#build} runs on a g×g grid of 0.2° squares (400 and 1,600 units: rook
 * edges, queen corners, a 50 km band) and every output is forced with the {@code noop} sink, with
 * automatic broadcasts and adaptive execution off (so both sizes run the same jobs and tasks); the
 * result bytes of all its jobs at 1,600 units must stay within 32 KB of those at 400 units (the
 * metric updates of the tasks, tens of KB a task, are the same for both). Left out by its call
 * site: the WKB collect for {@code gap_km} in {@code AdjacencyJob.cityPairs} (being replaced by a
 * distributed gap join); broadcast exchanges run in their own job group and are not counted (the
 * pair join's broadcast hint). Before contiguity order, k nearest neighbours and weights were
 * distributed, the collected touching pairs and centroids broke the bound (59 KB more at 1,600
 * units: 4,060,775 B against 4,001,350 B). The control: a collect of the units' geometries under
 * the same instrument grows by more than the margin.
 */
class AdjacencyJobDriverBoundTest extends SparkTestBase {

  private static final String GROUP = "adjacency-bound";
  private static final String GAP_KM_COLLECT = "AdjacencyJob.cityPairs(";
  private static final long MARGIN_BYTES = 32 * 1024;

  private static Dataset<Row> cities(int g) {
    GeometryFactory f = new GeometryFactory();
    double side = 0.2;
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < g; r++) {
      for (int c = 0; c < g; c++) {
        double x = 100 + side * c;
        double y = 25 + side * r;
        Geometry square =
            f.createPolygon(
                new Coordinate[] {
                  new Coordinate(x, y),
                  new Coordinate(x + side, y),
                  new Coordinate(x + side, y + side),
                  new Coordinate(x, y + side),
                  new Coordinate(x, y)
                });
        rows.add(
            RowFactory.create(
                String.format("%03d%03d", r, c),
                square,
                GeodesicMeasures.perimeterKm(square),
                x + side / 2,
                y + side / 2,
                (r + c) % 9 == 0 ? null : c + 0.3 * ((r * 7 + c * 3) % 5),
                r * 0.01));
      }
    }
    return spark.createDataFrame(rows, AdjacencyJobTest.CITIES);
  }

  private static Dataset<Row> members(int g) {
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < g / 4; r++) {
      for (int c = 0; c < g / 4; c++) {
        rows.add(RowFactory.create("k1", String.format("%03d%03d", r, c)));
        rows.add(RowFactory.create("k2", String.format("%03d%03d", g - 1 - r, g - 1 - c)));
      }
    }
    return spark.createDataFrame(rows, AdjacencyJobTest.MEMBERS);
  }

  private static DriverResultBytes run(int g) {
    Dataset<Row> cities = cities(g).persist();
    Dataset<Row> members = members(g).persist();
    cities.count();
    members.count();
    AdjacencyJob.Options options =
        new AdjacencyJob.Options(
            1e-6, 50, 10, 4, List.of("gdp_per_capita_cny", "tertiary_share"), 99, 3L);
    DriverResultBytes received = DriverResultBytes.attach(spark.sparkContext(), GROUP);
    spark.sparkContext().setJobGroup(GROUP, "adjacency at " + g * g + " units", false);
    try {
      DriverResultBytes.withoutAutoBroadcast(
          spark,
          () -> {
            AdjacencyJob.Output out = AdjacencyJob.build(cities, members, options);
            for (Dataset<Row> d :
                List.of(
                    out.cityPairs(),
                    out.spatialWeights(),
                    out.cityMetrics(),
                    out.clusterMetrics(),
                    out.autocorrelation(),
                    out.lisa(),
                    out.issues())) {
              d.write().format("noop").mode("overwrite").save();
            }
          });
    } finally {
      spark.sparkContext().clearJobGroup();
    }
    received.settle(spark.sparkContext());
    cities.unpersist();
    members.unpersist();
    return received;
  }

  /** Bytes of a collect of the g×g grid's adcodes, centroids and geometry (WKT). */
  private static long collected(int g) {
    Dataset<Row> units = cities(g).persist();
    units.count();
    String group = GROUP + "-control-" + g;
    DriverResultBytes control = DriverResultBytes.attach(spark.sparkContext(), group);
    spark.sparkContext().setJobGroup(group, "collect the units", false);
    try {
      assertEquals(
          g * g,
          units
              .selectExpr("adcode", "centroid_lon", "centroid_lat", "ST_AsText(geometry)")
              .collectAsList()
              .size());
    } finally {
      spark.sparkContext().clearJobGroup();
    }
    control.settle(spark.sparkContext());
    units.unpersist();
    return control.totalBytesExcept(GAP_KM_COLLECT);
  }

  @Test
  void driverResultsDoNotGrowWithUnits() {
    String adaptive = spark.conf().get("spark.sql.adaptive.enabled");
    spark.conf().set("spark.sql.adaptive.enabled", "false");
    try {
      DriverResultBytes small = run(20);
      DriverResultBytes large = run(40);
      System.out.println("400 units: " + small);
      System.out.println("1600 units: " + large);
      long s = small.totalBytesExcept(GAP_KM_COLLECT);
      long l = large.totalBytesExcept(GAP_KM_COLLECT);
      long controlSmall = collected(20);
      long controlLarge = collected(40);
      System.out.printf(
          "driver result bytes without the gap_km collect: 400 units %d B (%d jobs), 1600 units %d"
              + " B (%d jobs); a collect of the units: %d B and %d B%n",
          s, small.jobs(), l, large.jobs(), controlSmall, controlLarge);
      assertEquals(small.jobs(), large.jobs(), "both sizes run the same jobs");
      assertTrue(
          l <= s + MARGIN_BYTES,
          "1600 units sent the driver " + l + " bytes, 400 units " + s + ": " + large);
      assertTrue(
          controlLarge - controlSmall > MARGIN_BYTES,
          "the control (a collect of the units) grows by more than the margin");
    } finally {
      spark.conf().set("spark.sql.adaptive.enabled", adaptive);
    }
  }
}
