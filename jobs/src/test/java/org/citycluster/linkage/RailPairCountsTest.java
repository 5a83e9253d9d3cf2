package org.citycluster.linkage;

import static org.citycluster.linkage.Fixtures.csv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.citycluster.metrics.InterlockingNetwork;
import org.junit.jupiter.api.Test;

/** The hand-made three-station, two-train fixture of the issue, and a few edge cases. */
class RailPairCountsTest {

  static final String A = "110000";
  static final String B = "120000";
  static final String C = "130000";
  static final Map<String, String> UNITS = Map.of("S1", A, "S2", B, "S3", C);

  /** G1: S1,S2,S3; K2: S1,S1,S3 (a doubled stop), read through the real reader. */
  static LinkageReaders.TrainStops fixture() throws Exception {
    return LinkageReaders.readTrainStops(
        csv(
            "train_code,stop_seq,station_name,n_stops,src_file",
            "g1,1,S1,3,x",
            "g1,2,S2,3,x",
            "g1,3,S3,3,x",
            "K2,1,S1,3,x",
            "K2,3,S3,3,x",
            "K2,2,S1,3,x"),
        "fixture.csv");
  }

  @Test
  void doubledStopIsCollapsedAndCounted() throws Exception {
    LinkageReaders.TrainStops stops = fixture();
    assertEquals(2, stops.trains().size());
    assertEquals(new Train("G1", List.of("S1", "S2", "S3"), 0), stops.trains().get(0));
    assertEquals(new Train("K2", List.of("S1", "S3"), 1), stops.trains().get(1));
    assertEquals(1, stops.trainsWithDoubledStops());
    assertEquals(1, stops.collapsedRows());
  }

  @Test
  void everyPairCountOfTheFixture() throws Exception {
    RailPairCounts c = RailPairCounts.of(fixture().trains(), UNITS);
    assertEquals(
        List.of(
            new RailPairCounts.Pair(A, B, 1, 1),
            new RailPairCounts.Pair(A, C, 2, 1),
            new RailPairCounts.Pair(B, C, 1, 1)),
        c.pairs());
    assertEquals(new RailPairCounts.Pair(A, C, 2, 1), c.pair(C, A));
  }

  @Test
  void unitStrengthDegreeAndConnectivity() throws Exception {
    RailPairCounts c = RailPairCounts.of(fixture().trains(), UNITS);
    assertEquals(
        List.of(
            new RailPairCounts.Unit(A, 2, 1, 2, 2, 3),
            new RailPairCounts.Unit(B, 1, 1, 2, 2, 2),
            new RailPairCounts.Unit(C, 2, 1, 2, 2, 3)),
        c.units());
    // Taylor's N_a on the binary train-by-unit matrix (rows A, B, C; columns G1, K2)
    double[] n =
        InterlockingNetwork.nodalConnectivity(
            InterlockingNetwork.links(new double[][] {{1, 1}, {1, 0}, {1, 1}}));
    assertArrayEquals(new double[] {3, 2, 3}, n, 0);
  }

  @Test
  void sameUnitTwiceCountsOnceAndUnassignedStationsAreIgnored() {
    Map<String, String> units = Map.of("S1", A, "S1b", A, "S3", C);
    RailPairCounts c =
        RailPairCounts.of(
            List.of(
                new Train("D7", List.of("S1", "X", "S1b", "S1", "S3"), 0),
                new Train("Z9", List.of("S1", "S1b"), 0),
                new Train("K5", List.of("X", "Y"), 0)),
            units);
    assertEquals(List.of(new RailPairCounts.Pair(A, C, 1, 1)), c.pairs());
    assertEquals(new RailPairCounts.Unit(A, 2, 1, 1, 1, 1), c.units().get(0));
    assertEquals(new RailPairCounts.Pair(A, B, 0, 0), c.pair(B, A));
    assertEquals(3, c.trainsAdded());
    assertEquals(1, c.trainsWithoutUnit());
    assertEquals(3, c.unassignedStops());
  }

  @Test
  void perTrainUnitsSumToTheCounts() {
    java.util.Random random = new java.util.Random(3);
    Map<String, String> stationUnit = new java.util.HashMap<>();
    for (int s = 0; s < 30; s++) {
      if (s % 5 != 4) {
        stationUnit.put("S" + s, String.valueOf(110000 + (s % 12) * 100));
      }
    }
    List<Train> trains = new java.util.ArrayList<>();
    for (int t = 0; t < 50; t++) {
      List<String> stops = new java.util.ArrayList<>();
      for (int k = 0; k < 2 + random.nextInt(6); k++) {
        stops.add("S" + random.nextInt(30));
      }
      trains.add(new Train((t % 2 == 0 ? "G" : "Z") + t, stops, 0));
    }
    Map<String, int[]> pairs = new java.util.TreeMap<>();
    Map<String, int[]> units = new java.util.TreeMap<>();
    for (Train t : trains) {
      List<String> called = new java.util.ArrayList<>();
      t.stations().forEach(s -> called.add(stationUnit.get(s)));
      String[] u = RailPairCounts.trainUnits(called);
      int hsr = t.isHighSpeed() ? 1 : 0;
      for (int x = 0; x < u.length; x++) {
        int[] c = units.computeIfAbsent(u[x], k -> new int[2]);
        c[0]++;
        c[1] += hsr;
        for (int y = x + 1; y < u.length; y++) {
          int[] p = pairs.computeIfAbsent(u[x] + "-" + u[y], k -> new int[2]);
          p[0]++;
          p[1] += hsr;
        }
      }
    }
    RailPairCounts all = RailPairCounts.of(trains, stationUnit);
    assertEquals(all.pairs().size(), pairs.size());
    for (RailPairCounts.Pair p : all.pairs()) {
      int[] c = pairs.get(p.adcodeA() + "-" + p.adcodeB());
      assertEquals(p.trainsAll(), c[0]);
      assertEquals(p.trainsHsr(), c[1]);
    }
    assertEquals(all.units().size(), units.size());
    for (RailPairCounts.Unit u : all.units()) {
      assertEquals(u.trains(), units.get(u.adcode())[0]);
      assertEquals(u.trainsHsr(), units.get(u.adcode())[1]);
    }
  }
}
