package org.citycluster.verdict;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Random connected sets of a given size in an undirected graph, grown from a seed node by adding a
 * uniformly chosen node of the current frontier (the nodes adjacent to the set and not in it, each
 * counted once, however many edges lead to it) until the set has the wanted size: the spatially
 * constrained null model of the verdict ({@code METRICS.md}). The graph is held as adjacency arrays
 * (CSR); a sampler is not thread-safe (it reuses its marks between sets).
 */
public final class ConnectedSetSampler {

  private final int n;
  private final int[] offsets;
  private final int[] neighbours;
  private final int[] inSet;
  private final int[] inFrontier;
  private final int[] frontier;
  private int stamp;

  /**
   * A sampler over nodes {@code 0..n−1} with the undirected edges {@code (from[k], to[k])} (each
   * edge once or twice, duplicates and self-loops ignored).
   */
  public ConnectedSetSampler(int n, int[] from, int[] to) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    if (from == null || to == null || from.length != to.length) {
      throw new IllegalArgumentException("from and to must be non-null arrays of equal length");
    }
    int[] degree = new int[n];
    for (int k = 0; k < from.length; k++) {
      check("from", from[k], n);
      check("to", to[k], n);
      if (from[k] != to[k]) {
        degree[from[k]]++;
        degree[to[k]]++;
      }
    }
    offsets = new int[n + 1];
    for (int i = 0; i < n; i++) {
      offsets[i + 1] = offsets[i] + degree[i];
    }
    int[] fill = Arrays.copyOf(offsets, n);
    int[] nb = new int[offsets[n]];
    for (int k = 0; k < from.length; k++) {
      if (from[k] != to[k]) {
        nb[fill[from[k]]++] = to[k];
        nb[fill[to[k]]++] = from[k];
      }
    }
    // sorted, without duplicates: the growth then does not depend on the edge order
    int[] compact = new int[nb.length];
    int[] newOffsets = new int[n + 1];
    int w = 0;
    for (int i = 0; i < n; i++) {
      Arrays.sort(nb, offsets[i], offsets[i + 1]);
      newOffsets[i] = w;
      for (int k = offsets[i]; k < offsets[i + 1]; k++) {
        if (k == offsets[i] || nb[k] != nb[k - 1]) {
          compact[w++] = nb[k];
        }
      }
    }
    newOffsets[n] = w;
    System.arraycopy(newOffsets, 0, offsets, 0, n + 1);
    this.n = n;
    this.neighbours = Arrays.copyOf(compact, w);
    this.inSet = new int[n];
    this.inFrontier = new int[n];
    this.frontier = new int[n];
  }

  private static void check(String name, int node, int n) {
    if (node < 0 || node >= n) {
      throw new IllegalArgumentException(name + ": node " + node + " is not in 0.." + (n - 1));
    }
  }

  /** Number of nodes. */
  public int size() {
    return n;
  }

  /** The neighbours of {@code node}, ascending. */
  public int[] neighbours(int node) {
    check("node", node, n);
    return Arrays.copyOfRange(neighbours, offsets[node], offsets[node + 1]);
  }

  /** For each node, the number of nodes of its connected component (itself included). */
  public int[] componentSizes() {
    int[] component = new int[n];
    Arrays.fill(component, -1);
    int[] sizes = new int[n];
    int[] queue = new int[n];
    int components = 0;
    for (int start = 0; start < n; start++) {
      if (component[start] >= 0) {
        continue;
      }
      int head = 0;
      int tail = 0;
      queue[tail++] = start;
      component[start] = components;
      while (head < tail) {
        int v = queue[head++];
        for (int k = offsets[v]; k < offsets[v + 1]; k++) {
          int u = neighbours[k];
          if (component[u] < 0) {
            component[u] = components;
            queue[tail++] = u;
          }
        }
      }
      sizes[components++] = tail;
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = sizes[component[i]];
    }
    return out;
  }

  /**
   * Grows one connected set of {@code size} nodes from {@code seed}, in the order the nodes were
   * added (the seed first); null when the seed's component has fewer than {@code size} nodes.
   */
  public int[] grow(int seed, int size, SplittableRandom random) {
    check("seed", seed, n);
    if (size < 1) {
      throw new IllegalArgumentException("size must be >= 1, got " + size);
    }
    if (random == null) {
      throw new IllegalArgumentException("random must not be null");
    }
    if (++stamp == Integer.MAX_VALUE) {
      Arrays.fill(inSet, 0);
      Arrays.fill(inFrontier, 0);
      stamp = 1;
    }
    int[] set = new int[size];
    int count = 0;
    int frontierSize = 0;
    int next = seed;
    while (true) {
      set[count++] = next;
      inSet[next] = stamp;
      if (count == size) {
        return set;
      }
      for (int k = offsets[next]; k < offsets[next + 1]; k++) {
        int u = neighbours[k];
        if (inSet[u] != stamp && inFrontier[u] != stamp) {
          inFrontier[u] = stamp;
          frontier[frontierSize++] = u;
        }
      }
      if (frontierSize == 0) {
        return null;
      }
      int pick = random.nextInt(frontierSize);
      next = frontier[pick];
      frontier[pick] = frontier[--frontierSize];
    }
  }
}
