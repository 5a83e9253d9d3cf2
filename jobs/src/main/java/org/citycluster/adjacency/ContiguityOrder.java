package org.citycluster.adjacency;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Contiguity order (rook hops) between units, by breadth-first search in the rook graph bounded at
 * {@code maxOrder}. The search from a unit is run once and kept until another source is asked for,
 * so pairs that arrive grouped by their first unit (as {@code city_pairs} are, sorted by {@code
 * adcode_a}) cost one search per unit instead of one per pair. Results do not depend on the order
 * of the questions.
 *
 * <p>Not thread-safe: one instance per thread (a Spark task builds its own).
 */
public final class ContiguityOrder {

  private final Map<String, String[]> neighbours;
  private final int maxOrder;
  private String source;
  private Map<String, Integer> hopsFromSource;

  /**
   * @param neighbours each unit's rook neighbours (units without neighbours may be absent)
   * @param maxOrder hops beyond this are not counted ({@link #hops} gives null)
   */
  public ContiguityOrder(Map<String, String[]> neighbours, int maxOrder) {
    this.neighbours = neighbours;
    this.maxOrder = maxOrder;
  }

  /** Rook hops from {@code a} to {@code b}: 0 for a = b, null if more than {@code maxOrder}. */
  public Integer hops(String a, String b) {
    if (!a.equals(source)) {
      hopsFromSource = search(a);
      source = a;
    }
    return hopsFromSource.get(b);
  }

  /** Hops from {@code a} to every unit within {@code maxOrder}. */
  private Map<String, Integer> search(String a) {
    Map<String, Integer> hops = new HashMap<>();
    hops.put(a, 0);
    ArrayDeque<String> frontier = new ArrayDeque<>();
    frontier.add(a);
    for (int d = 1; d <= maxOrder && !frontier.isEmpty(); d++) {
      ArrayDeque<String> next = new ArrayDeque<>();
      for (String u : frontier) {
        for (String v : neighbours.getOrDefault(u, NONE)) {
          if (hops.putIfAbsent(v, d) == null) {
            next.add(v);
          }
        }
      }
      frontier = next;
    }
    return hops;
  }

  private static final String[] NONE = new String[0];
}
