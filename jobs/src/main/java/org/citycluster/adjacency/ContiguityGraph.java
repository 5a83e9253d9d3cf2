package org.citycluster.adjacency;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Undirected, unweighted contiguity graph over a fixed set of unit ids, built from {@link
 * ContiguityPair}s: the {@linkplain #rook rook graph} keeps ROOK pairs, the {@linkplain #queen
 * queen graph} keeps ROOK and QUEEN pairs (libpysal's queen). Offers connected components of a
 * subset of units (union-find over the edges inside the subset), contiguity order (breadth-first
 * hops, up to a maximum) and islands (units without a neighbour in this graph).
 *
 * <p>Bad input: a pair naming an id outside the id set, or a query with an unknown id, raises
 * {@link IllegalArgumentException}. Ids are kept in sorted order, so outputs are deterministic.
 */
public final class ContiguityGraph {

  private final SortedSet<String> ids;
  private final Map<String, SortedSet<String>> neighbours = new TreeMap<>();

  private ContiguityGraph(Collection<String> ids, Collection<ContiguityPair> pairs, boolean queen) {
    this.ids = Collections.unmodifiableSortedSet(new TreeSet<>(ids));
    for (String id : this.ids) {
      neighbours.put(id, new TreeSet<>());
    }
    for (ContiguityPair p : pairs) {
      if (!queen && !p.isRook()) {
        continue;
      }
      neighboursOf(p.idA()).add(p.idB());
      neighboursOf(p.idB()).add(p.idA());
    }
  }

  /** Graph of the ROOK pairs over {@code ids}. */
  public static ContiguityGraph rook(Collection<String> ids, Collection<ContiguityPair> pairs) {
    return new ContiguityGraph(ids, pairs, false);
  }

  /** Graph of all (ROOK and QUEEN) pairs over {@code ids}. */
  public static ContiguityGraph queen(Collection<String> ids, Collection<ContiguityPair> pairs) {
    return new ContiguityGraph(ids, pairs, true);
  }

  /** All unit ids, sorted. */
  public SortedSet<String> ids() {
    return ids;
  }

  /** Neighbours of {@code id}, sorted (unmodifiable). */
  public SortedSet<String> neighbours(String id) {
    return Collections.unmodifiableSortedSet(neighboursOf(id));
  }

  /** Number of undirected edges. */
  public int edgeCount() {
    return neighbours.values().stream().mapToInt(SortedSet::size).sum() / 2;
  }

  /** Units with no neighbour in this graph (for the rook graph: no rook neighbour), sorted. */
  public SortedSet<String> islands() {
    SortedSet<String> islands = new TreeSet<>();
    neighbours.forEach(
        (id, ns) -> {
          if (ns.isEmpty()) {
            islands.add(id);
          }
        });
    return islands;
  }

  /**
   * Connected components of the subgraph induced by {@code subset} (only edges between members
   * count), each sorted; components ordered by size (largest first), then by smallest id.
   */
  public List<SortedSet<String>> components(Collection<String> subset) {
    List<String> members = new ArrayList<>(new TreeSet<>(subset));
    Map<String, Integer> index = new HashMap<>();
    for (String id : members) {
      neighboursOf(id);
      index.put(id, index.size());
    }
    UnionFind sets = new UnionFind(members.size());
    for (String id : members) {
      for (String n : neighbours.get(id)) {
        Integer j = index.get(n);
        if (j != null) {
          sets.union(index.get(id), j);
        }
      }
    }
    Map<Integer, SortedSet<String>> byRoot = new LinkedHashMap<>();
    for (String id : members) {
      byRoot.computeIfAbsent(sets.find(index.get(id)), r -> new TreeSet<>()).add(id);
    }
    List<SortedSet<String>> components = new ArrayList<>(byRoot.values());
    components.sort(
        Comparator.<SortedSet<String>>comparingInt(SortedSet::size)
            .reversed()
            .thenComparing(SortedSet::first));
    return components;
  }

  /** Number of connected components of the subgraph induced by {@code subset}. */
  public int componentCount(Collection<String> subset) {
    return components(subset).size();
  }

  /**
   * Contiguity order of every unit reachable from {@code id} in at most {@code maxOrder} hops: 0
   * for {@code id} itself, 1 for its neighbours, and so on (breadth-first search).
   */
  public Map<String, Integer> ordersFrom(String id, int maxOrder) {
    if (maxOrder < 0) {
      throw new IllegalArgumentException("maxOrder must be >= 0: " + maxOrder);
    }
    neighboursOf(id);
    Map<String, Integer> order = new LinkedHashMap<>();
    order.put(id, 0);
    Deque<String> queue = new ArrayDeque<>();
    queue.add(id);
    while (!queue.isEmpty()) {
      String current = queue.poll();
      int next = order.get(current) + 1;
      if (next > maxOrder) {
        continue;
      }
      for (String n : neighbours.get(current)) {
        if (!order.containsKey(n)) {
          order.put(n, next);
          queue.add(n);
        }
      }
    }
    return order;
  }

  /** Hops from {@code from} to {@code to}, empty if more than {@code maxOrder} or unreachable. */
  public OptionalInt order(String from, String to, int maxOrder) {
    neighboursOf(to);
    Integer hops = ordersFrom(from, maxOrder).get(to);
    return hops == null ? OptionalInt.empty() : OptionalInt.of(hops);
  }

  private SortedSet<String> neighboursOf(String id) {
    SortedSet<String> ns = neighbours.get(id);
    if (ns == null) {
      throw new IllegalArgumentException("unknown unit id " + id);
    }
    return ns;
  }
}
