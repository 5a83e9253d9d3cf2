package org.citycluster.stages.adjacency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.citycluster.adjacency.ContiguityGraph;
import org.citycluster.adjacency.ContiguityPair;
import org.citycluster.spark.SparkTestBase;
import org.junit.jupiter.api.Test;

/**
 * The distributed contiguity order equals the breadth-first search of {@link ContiguityGraph} (the
 * reference of the former driver-side order) for every pair of a random grid graph: rook hops only
 * (queen-only touches are no edge), nothing beyond the maximum, isolated units and components.
 */
class ContiguityOrdersTest extends SparkTestBase {

  private static Map<String, Integer> expected(
      List<String> ids, List<ContiguityPair> pairs, int max) {
    ContiguityGraph rook = ContiguityGraph.rook(ids, pairs);
    Map<String, Integer> orders = new TreeMap<>();
    for (String a : ids) {
      for (Map.Entry<String, Integer> e : rook.ordersFrom(a, max).entrySet()) {
        if (a.compareTo(e.getKey()) < 0) {
          orders.put(a + "|" + e.getKey(), e.getValue());
        }
      }
    }
    return orders;
  }

  private static Map<String, Integer> distributed(List<ContiguityPair> pairs, int max) {
    Map<String, Integer> orders = new TreeMap<>();
    for (Row r :
        ContiguityOrders.orders(RandomAdjacency.contiguity(spark, pairs), max).collectAsList()) {
      Integer old = orders.put(r.getString(0) + "|" + r.getString(1), r.getInt(2));
      assertEquals(null, old, "pair listed twice: " + r);
    }
    return orders;
  }

  @Test
  void ordersEqualTheBreadthFirstSearchOnRandomGridGraphs() {
    int g = 14;
    List<String> ids = RandomAdjacency.ids(g);
    for (long seed = 1; seed <= 3; seed++) {
      // sparse rook edges: several components, isolated units, long detours
      List<ContiguityPair> pairs = RandomAdjacency.pairs(g, 0.55, 0.25, seed);
      for (int max : new int[] {1, 3, 10}) {
        Map<String, Integer> expected = expected(ids, pairs, max);
        assertEquals(expected, distributed(pairs, max), "seed " + seed + ", max " + max);
      }
    }
  }

  @Test
  void aQueenOnlyTouchIsTwoHopsThroughACommonRookNeighbourAndNoneWithout() {
    // 2x2: A-B, A-C, B-D, C-D rook; A-D and B-C queen
    List<ContiguityPair> square = RandomAdjacency.pairs(2, 1.0, 0.0, 1);
    square.add(
        new ContiguityPair(
            RandomAdjacency.id(0, 0),
            RandomAdjacency.id(1, 1),
            org.citycluster.adjacency.ContiguityRelation.QUEEN,
            0));
    Map<String, Integer> orders = distributed(square, 5);
    assertEquals(2, orders.get(RandomAdjacency.id(0, 0) + "|" + RandomAdjacency.id(1, 1)));
    assertEquals(1, orders.get(RandomAdjacency.id(0, 0) + "|" + RandomAdjacency.id(0, 1)));
    // a queen-only pair and nothing else: no order
    List<ContiguityPair> queenOnly =
        List.of(
            new ContiguityPair("x", "y", org.citycluster.adjacency.ContiguityRelation.QUEEN, 0));
    assertEquals(Map.of(), distributed(queenOnly, 5));
    OptionalInt none = ContiguityGraph.rook(List.of("x", "y"), queenOnly).order("x", "y", 5);
    assertEquals(OptionalInt.empty(), none);
    assertThrows(
        IllegalArgumentException.class,
        () -> ContiguityOrders.orders(RandomAdjacency.contiguity(spark, queenOnly), 0));
  }
}
