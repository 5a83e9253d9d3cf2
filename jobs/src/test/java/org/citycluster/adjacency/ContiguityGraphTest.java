package org.citycluster.adjacency;

import static org.citycluster.adjacency.ContiguityRelation.QUEEN;
import static org.citycluster.adjacency.ContiguityRelation.ROOK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContiguityGraphTest {

  // path a-b-c-d by rook, d touches e only at a point, f is alone
  static final List<String> IDS = List.of("a", "b", "c", "d", "e", "f");
  static final List<ContiguityPair> PAIRS =
      List.of(
          new ContiguityPair("a", "b", ROOK, 1),
          new ContiguityPair("b", "c", ROOK, 1),
          new ContiguityPair("c", "d", ROOK, 1),
          new ContiguityPair("d", "e", QUEEN, 0));

  @Test
  void rookGraphIgnoresPointTouchesQueenGraphKeepsThem() {
    ContiguityGraph rook = ContiguityGraph.rook(IDS, PAIRS);
    ContiguityGraph queen = ContiguityGraph.queen(IDS, PAIRS);
    assertEquals(3, rook.edgeCount());
    assertEquals(4, queen.edgeCount());
    assertEquals(Set.of("e", "f"), rook.islands());
    assertEquals(Set.of("f"), queen.islands());
    assertEquals(Set.of("a", "c"), rook.neighbours("b"));
  }

  @Test
  void componentsOfASubsetUseOnlyEdgesInsideIt() {
    ContiguityGraph rook = ContiguityGraph.rook(IDS, PAIRS);
    // without b, a is cut off from c-d
    assertEquals(List.of(Set.of("c", "d"), Set.of("a")), rook.components(List.of("a", "c", "d")));
    assertEquals(3, rook.componentCount(List.of("a", "c", "d", "e")));
    assertEquals(2, ContiguityGraph.queen(IDS, PAIRS).componentCount(List.of("a", "c", "d", "e")));
    assertEquals(1, rook.componentCount(List.of("a", "b", "c", "d")));
  }

  @Test
  void contiguityOrderIsBreadthFirstHopsUpToTheMaximum() {
    ContiguityGraph rook = ContiguityGraph.rook(IDS, PAIRS);
    assertEquals(Map.of("a", 0, "b", 1, "c", 2, "d", 3), rook.ordersFrom("a", 10));
    assertEquals(Map.of("a", 0, "b", 1), rook.ordersFrom("a", 1));
    assertEquals(OptionalInt.of(3), rook.order("a", "d", 3));
    assertEquals(OptionalInt.empty(), rook.order("a", "d", 2));
    assertEquals(OptionalInt.empty(), rook.order("a", "f", 99));
    assertEquals(OptionalInt.of(4), ContiguityGraph.queen(IDS, PAIRS).order("a", "e", 4));
  }

  @Test
  void unknownIdsAreRejected() {
    ContiguityGraph rook = ContiguityGraph.rook(IDS, PAIRS);
    assertThrows(IllegalArgumentException.class, () -> rook.neighbours("z"));
    assertThrows(IllegalArgumentException.class, () -> rook.components(List.of("a", "z")));
    assertThrows(
        IllegalArgumentException.class,
        () -> ContiguityGraph.rook(List.of("a"), List.of(new ContiguityPair("a", "b", ROOK, 1))));
  }
}
