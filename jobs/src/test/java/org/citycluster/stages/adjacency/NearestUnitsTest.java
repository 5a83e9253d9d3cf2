package org.citycluster.stages.adjacency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.citycluster.adjacency.CentroidDistance;
import org.citycluster.adjacency.NearestNeighbours;
import org.citycluster.adjacency.Unit;
import org.citycluster.spark.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * {@link NearestUnits#knn} gives exactly {@link NearestNeighbours#kNearest}'s lists (the former
 * driver-side k nearest neighbours): the same neighbours, order, distances to the bit, on random
 * centroids with repeated points (distance-0 ties and ties broken by id), a regular lattice (many
 * equal distances), and fewer units than k.
 */
class NearestUnitsTest extends SparkTestBase {

  private static List<Row> randomCentroids(int n, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = String.format("u%04d", (i * 37) % n);
      if (i % 10 == 9) {
        Row p = rows.get(i - 1);
        rows.add(RowFactory.create(id, p.getDouble(1), p.getDouble(2)));
      } else {
        rows.add(
            RowFactory.create(id, 75 + 60 * random.nextDouble(), 18 + 35 * random.nextDouble()));
      }
    }
    return rows;
  }

  private static List<Row> lattice(int g) {
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < g; r++) {
      for (int c = 0; c < g; c++) {
        rows.add(RowFactory.create(RandomAdjacency.id(r, c), 100.0 + 0.5 * c, 0.5 * r - 3));
      }
    }
    return rows;
  }

  private static List<String> expected(List<Row> rows, int k) {
    GeometryFactory f = new GeometryFactory();
    List<Unit> units = new ArrayList<>();
    for (Row r : rows) {
      units.add(
          new Unit(r.getString(0), f.createPoint(new Coordinate(r.getDouble(1), r.getDouble(2)))));
    }
    List<CentroidDistance> near = new NearestNeighbours(units).kNearest(k);
    List<String> lines = new ArrayList<>();
    String from = null;
    int rank = 0;
    for (CentroidDistance d : near) {
      rank = d.from().equals(from) ? rank + 1 : 1;
      from = d.from();
      lines.add(d.from() + " " + rank + " " + d.to() + " " + Double.doubleToLongBits(d.km()));
    }
    lines.sort(null);
    return lines;
  }

  private static List<String> distributed(List<Row> rows, int k) {
    Dataset<Row> units = spark.createDataFrame(rows, RandomAdjacency.CENTROIDS);
    List<String> lines = new ArrayList<>();
    for (Row r : NearestUnits.knn(units, k).collectAsList()) {
      lines.add(
          r.getString(0)
              + " "
              + r.getInt(3)
              + " "
              + r.getString(1)
              + " "
              + Double.doubleToLongBits(r.getDouble(2)));
    }
    lines.sort(null);
    return lines;
  }

  private static void assertSame(List<String> expected, List<String> actual, String what) {
    List<String> missing = new ArrayList<>(expected);
    missing.removeAll(actual);
    List<String> extra = new ArrayList<>(actual);
    extra.removeAll(expected);
    assertEquals(
        expected,
        actual,
        what
            + ": "
            + expected.size()
            + " expected, "
            + actual.size()
            + " rows; missing "
            + missing.subList(0, Math.min(10, missing.size()))
            + ", unexpected "
            + extra.subList(0, Math.min(10, extra.size())));
  }

  @Test
  void randomCentroidsWithRepeatedPoints() {
    List<Row> rows = randomCentroids(600, 17);
    for (int k : new int[] {1, 4, 9}) {
      assertSame(expected(rows, k), distributed(rows, k), "k = " + k);
    }
  }

  @Test
  void aLatticeOfEqualDistances() {
    List<Row> rows = lattice(15);
    for (int k : new int[] {4, 8}) {
      assertSame(expected(rows, k), distributed(rows, k), "k = " + k);
    }
  }

  @Test
  void fewerUnitsThanK() {
    List<Row> rows = randomCentroids(3, 2);
    assertEquals(expected(rows, 5), distributed(rows, 5));
    assertEquals(6, distributed(rows, 5).size());
    assertEquals(List.of(), distributed(randomCentroids(1, 2), 4));
  }

  @Test
  void theNearestIsRankOne() {
    List<Row> rows = randomCentroids(50, 4);
    Dataset<Row> knn = NearestUnits.knn(spark.createDataFrame(rows, RandomAdjacency.CENTROIDS), 3);
    List<Row> nearest = NearestUnits.nearest(knn).orderBy("adcode").collectAsList();
    assertEquals(50, nearest.size());
    List<String> first = new ArrayList<>();
    for (String line : expected(rows, 3)) {
      String[] p = line.split(" ");
      if (p[1].equals("1")) {
        first.add(p[0] + " " + p[2]);
      }
    }
    List<String> got = new ArrayList<>();
    for (Row r : nearest) {
      got.add(r.getString(0) + " " + r.getString(1));
    }
    assertEquals(first, got);
  }
}
