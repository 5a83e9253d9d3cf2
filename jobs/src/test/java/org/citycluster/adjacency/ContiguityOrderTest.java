package org.citycluster.adjacency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContiguityOrderTest {

  /** A 5 x 4 grid of units "r,c" with rook neighbours, plus an island "x". */
  private static Map<String, String[]> grid() {
    Map<String, String[]> g = new HashMap<>();
    for (int r = 0; r < 5; r++) {
      for (int c = 0; c < 4; c++) {
        List<String> nb = new ArrayList<>();
        if (r > 0) nb.add((r - 1) + "," + c);
        if (r < 4) nb.add((r + 1) + "," + c);
        if (c > 0) nb.add(r + "," + (c - 1));
        if (c < 3) nb.add(r + "," + (c + 1));
        g.put(r + "," + c, nb.toArray(String[]::new));
      }
    }
    g.put("x", new String[0]);
    return g;
  }

  @Test
  void hopsAreManhattanDistancesOnAGridInAnyQuestionOrder() {
    ContiguityOrder order = new ContiguityOrder(grid(), 10);
    // alternate sources, so the kept search is replaced and rebuilt
    for (int pass = 0; pass < 2; pass++) {
      for (int r1 = 0; r1 < 5; r1++) {
        for (int c1 = 0; c1 < 4; c1++) {
          for (int r2 = 4; r2 >= 0; r2--) {
            for (int c2 = 0; c2 < 4; c2++) {
              assertEquals(
                  Math.abs(r1 - r2) + Math.abs(c1 - c2),
                  order.hops(
                      pass == 0 ? r1 + "," + c1 : r2 + "," + c2,
                      pass == 0 ? r2 + "," + c2 : r1 + "," + c1));
            }
          }
        }
      }
    }
  }

  @Test
  void beyondTheMaximumOrUnreachableIsNull() {
    ContiguityOrder order = new ContiguityOrder(grid(), 3);
    assertEquals(3, order.hops("0,0", "1,2"));
    assertNull(order.hops("0,0", "4,3"));
    assertNull(order.hops("0,0", "x"));
    assertEquals(0, order.hops("x", "x"));
    assertNull(order.hops("unknown", "0,0"));
  }
}
