package org.citycluster.adjacency;

import static org.citycluster.adjacency.ContiguityRelation.QUEEN;
import static org.citycluster.adjacency.ContiguityRelation.ROOK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.citycluster.adjacency.SpatialWeights.Transform;
import org.junit.jupiter.api.Test;

class SpatialWeightsTest {

  static final List<ContiguityPair> PAIRS =
      List.of(
          new ContiguityPair("a", "b", ROOK, 3),
          new ContiguityPair("a", "c", ROOK, 1),
          new ContiguityPair("b", "c", QUEEN, 0));

  static Map<String, Double> rowSums(List<WeightRow> rows) {
    Map<String, Double> sums = new TreeMap<>();
    rows.forEach(r -> sums.merge(r.i(), r.weight(), Double::sum));
    return sums;
  }

  @Test
  void rookBinaryIsSymmetricAndLeavesOutPointTouches() {
    assertEquals(
        List.of(
            new WeightRow("rook", "a", "b", 1),
            new WeightRow("rook", "a", "c", 1),
            new WeightRow("rook", "b", "a", 1),
            new WeightRow("rook", "c", "a", 1)),
        SpatialWeights.rook(PAIRS, Transform.BINARY));
  }

  @Test
  void queenRowStandardisedRowsSumToOne() {
    List<WeightRow> rows = SpatialWeights.queen(PAIRS, Transform.ROW_STANDARDISED);
    assertEquals(6, rows.size());
    assertEquals(Map.of("a", 1.0, "b", 1.0, "c", 1.0), rowSums(rows));
    assertEquals(0.5, rows.get(0).weight());
  }

  @Test
  void knnIsDirectedAndDistanceBandSymmetric() {
    List<CentroidDistance> nearest =
        List.of(
            new CentroidDistance("a", "b", 1),
            new CentroidDistance("b", "a", 1),
            new CentroidDistance("c", "b", 2));
    List<WeightRow> knn = SpatialWeights.knn(nearest, Transform.ROW_STANDARDISED);
    assertEquals(3, knn.size());
    assertEquals(Map.of("a", 1.0, "b", 1.0, "c", 1.0), rowSums(knn));
    List<WeightRow> band =
        SpatialWeights.distanceBand(
            List.of(new CentroidDistance("a", "b", 1), new CentroidDistance("a", "c", 2)),
            Transform.ROW_STANDARDISED);
    assertEquals(4, band.size());
    assertEquals(new WeightRow("distance_band", "a", "b", 0.5), band.get(0));
    assertEquals(new WeightRow("distance_band", "c", "a", 1.0), band.get(3));
  }

  @Test
  void selfNeighboursAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SpatialWeights.knn(List.of(new CentroidDistance("a", "a", 0)), Transform.BINARY));
  }
}
