package org.citycluster.verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one task needs to judge one cluster: its units and their neighbourhood (the region the null
 * sets are grown in), the units linked to or bordering a member (the outsider candidates), their
 * centroids (lon/lat degrees, WGS84), log masses, which networks they are on, the rook graph of the
 * neighbourhood (with island units attached to their nearest units) and the pair flows (trains,
 * airlines) among them. Bounded by the cluster's neighbourhood, never by the country.
 *
 * <p>Nodes are indexed in ascending adcode order, so that a pair {@code i < j} has {@code adcode_i
 * < adcode_j}, as in {@code city_pairs}. Built by {@link Builder}: a node may be added more than
 * once (from several sources), its flags are then OR-ed; an edge or flow naming an unknown node is
 * a programming error (IllegalArgumentException).
 */
public final class ClusterContext {

  private static final int L = Linkage.values().length;

  final String clusterId;
  final String[] adcodes;
  final double[] lon;
  final double[] lat;
  final double[] logMass;
  final boolean[][] onNetwork;
  final double[][] totalFlow;
  final boolean[] inNeighbourhood;
  final boolean[] member;
  final boolean[] core;
  final boolean[] island;
  final int[] edgeFrom;
  final int[] edgeTo;
  final boolean[] edgeIsRook;
  final PairTable flows;

  private ClusterContext(Builder b) {
    clusterId = b.clusterId;
    String[] ids = b.nodes.keySet().toArray(String[]::new);
    Arrays.sort(ids);
    int n = ids.length;
    adcodes = ids;
    lon = new double[n];
    lat = new double[n];
    logMass = new double[n];
    onNetwork = new boolean[L][n];
    totalFlow = new double[L][n];
    inNeighbourhood = new boolean[n];
    member = new boolean[n];
    core = new boolean[n];
    island = new boolean[n];
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(ids[i], i);
      Node x = b.nodes.get(ids[i]);
      lon[i] = x.lon;
      lat[i] = x.lat;
      logMass[i] = x.logMass;
      for (int l = 0; l < L; l++) {
        onNetwork[l][i] = x.onNetwork[l];
        totalFlow[l][i] = x.totalFlow[l];
      }
      inNeighbourhood[i] = x.inNeighbourhood;
      member[i] = x.member;
      core[i] = x.core;
      island[i] = x.island;
    }
    int e = b.edges.size();
    edgeFrom = new int[e];
    edgeTo = new int[e];
    edgeIsRook = new boolean[e];
    for (int k = 0; k < e; k++) {
      Object[] edge = b.edges.get(k);
      edgeFrom[k] = lookup(index, (String) edge[0], "edge");
      edgeTo[k] = lookup(index, (String) edge[1], "edge");
      edgeIsRook[k] = (Boolean) edge[2];
    }
    flows = new PairTable(n, b.flows.size());
    for (Object[] f : b.flows) {
      int i = lookup(index, (String) f[0], "flow");
      int j = lookup(index, (String) f[1], "flow");
      if (i != j) {
        flows.put(i, j, (double[]) f[2]);
      }
    }
  }

  private static int lookup(Map<String, Integer> index, String adcode, String what) {
    Integer i = index.get(adcode);
    if (i == null) {
      throw new IllegalArgumentException(what + " names adcode " + adcode + ", not a node");
    }
    return i;
  }

  /** The cluster. */
  public String clusterId() {
    return clusterId;
  }

  /** Number of nodes. */
  public int size() {
    return adcodes.length;
  }

  /** The adcode of node {@code i}. */
  public String adcode(int i) {
    return adcodes[i];
  }

  /** Whether node {@code i} is a member of the cluster. */
  public boolean isMember(int i) {
    return member[i];
  }

  /** Whether node {@code i} is a core member (the plan's role). */
  public boolean isCore(int i) {
    return core[i];
  }

  /** Whether node {@code i} lies in the neighbourhood the null sets are grown in. */
  public boolean inNeighbourhood(int i) {
    return inNeighbourhood[i];
  }

  /** Node attributes as the builder takes them. */
  private record Node(
      double lon,
      double lat,
      double logMass,
      boolean[] onNetwork,
      double[] totalFlow,
      boolean inNeighbourhood,
      boolean member,
      boolean core,
      boolean island) {}

  /** Collects nodes, edges and flows; {@link #build()} indexes them. */
  public static final class Builder {
    private final String clusterId;
    private final Map<String, Node> nodes = new HashMap<>();
    private final List<Object[]> edges = new ArrayList<>();
    private final List<Object[]> flows = new ArrayList<>();

    public Builder(String clusterId) {
      if (clusterId == null) {
        throw new IllegalArgumentException("clusterId must not be null");
      }
      this.clusterId = clusterId;
    }

    /**
     * A node.
     *
     * @param logMass {@code log √(P·G)}, NaN when the unit lacks population or GDP
     * @param onNetwork per {@link Linkage} (by ordinal): the unit is on that network
     * @param totalFlow per {@link Linkage}: the unit's flows summed over every partner, nationally
     */
    public Builder node(
        String adcode,
        double lon,
        double lat,
        double logMass,
        boolean[] onNetwork,
        double[] totalFlow,
        boolean inNeighbourhood,
        boolean member,
        boolean core,
        boolean island) {
      if (adcode == null) {
        throw new IllegalArgumentException("adcode must not be null");
      }
      if (onNetwork == null
          || onNetwork.length != L
          || totalFlow == null
          || totalFlow.length != L) {
        throw new IllegalArgumentException("onNetwork and totalFlow need one value per linkage");
      }
      nodes.merge(
          adcode,
          new Node(
              lon,
              lat,
              logMass,
              onNetwork.clone(),
              totalFlow.clone(),
              inNeighbourhood,
              member,
              core,
              island),
          (a, b) ->
              new Node(
                  a.lon,
                  a.lat,
                  a.logMass,
                  a.onNetwork,
                  a.totalFlow,
                  a.inNeighbourhood || b.inNeighbourhood,
                  a.member || b.member,
                  a.core || b.core,
                  a.island || b.island));
      return this;
    }

    /** An undirected edge of the growth graph: rook contiguity, or an island's nearest unit. */
    public Builder edge(String a, String b, boolean rook) {
      edges.add(new Object[] {a, b, rook});
      return this;
    }

    /** The flows of a pair, one value per {@link Linkage} (by ordinal); absent pairs have none. */
    public Builder flow(String a, String b, double[] perLinkage) {
      if (perLinkage == null || perLinkage.length != L) {
        throw new IllegalArgumentException("flow needs one value per linkage");
      }
      flows.add(new Object[] {a, b, perLinkage.clone()});
      return this;
    }

    public ClusterContext build() {
      return new ClusterContext(this);
    }
  }

  /** Flows by unordered node pair: open addressing on {@code min·n + max}. */
  static final class PairTable {
    private final long n;
    private final long[] keys;
    private final double[][] values;
    private final int mask;

    PairTable(int n, int expected) {
      this.n = n;
      int capacity = Integer.highestOneBit(Math.max(4, expected * 2) - 1) << 1;
      keys = new long[capacity];
      Arrays.fill(keys, -1L);
      values = new double[capacity][];
      mask = capacity - 1;
    }

    private int slot(long key) {
      long h = key * 0x9E3779B97F4A7C15L;
      int s = (int) (h >>> 32) & mask;
      while (keys[s] != -1L && keys[s] != key) {
        s = (s + 1) & mask;
      }
      return s;
    }

    void put(int i, int j, double[] v) {
      long key = Math.min(i, j) * n + Math.max(i, j);
      int s = slot(key);
      if (keys[s] == key) {
        for (int l = 0; l < v.length; l++) {
          values[s][l] += v[l];
        }
      } else {
        keys[s] = key;
        values[s] = v;
      }
    }

    /** The flows of pair {i, j}, or null without any. */
    double[] get(int i, int j) {
      int s = slot(Math.min(i, j) * n + Math.max(i, j));
      return keys[s] == -1L ? null : values[s];
    }
  }
}
