package org.citycluster.linkage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Direct rail service between units: for every unordered pair of units {@code (a < b)} the number
 * of distinct trains calling at both ({@code trains_all}) and of those the G/D/C ones ({@code
 * trains_hsr}); per unit the number of distinct trains calling (rail strength, also for G/D/C), the
 * number of distinct partner units (rail degree) and Taylor's interlocking-network connectivity.
 *
 * <p>Contract: a train is reduced to the set of units of its stations found in {@code stationUnit};
 * stations absent from the map (unassigned or excluded) are ignored. A train calling at several
 * stations of one unit, or twice at one station, counts once for that unit. Pairs inside one unit
 * are not pairs. Train codes are not de-duplicated: {@link #add} each train once. Counts are
 * numbers of train numbers (each direction has its own number), not daily frequencies.
 *
 * <p>Interlocking connectivity (Taylor 2001, trains as firms): with service value {@code v_aj = 1}
 * when train j calls in unit a, {@code r_ab = trains_all(a, b)} and {@code N_a = Σ_b r_ab}; it is
 * computed from the sparse pair map and equals {@link org.citycluster.metrics.InterlockingNetwork}
 * on the binary train-by-unit matrix.
 *
 * <p>Scale: memory is one hash entry per linked pair (keyed by a packed long) plus one counter per
 * unit, independent of the number of trains; cost is {@code Σ m²/2} for m distinct units per train.
 * Streaming: call {@link #add} per train (not thread-safe), then read the results. Distributed: the
 * counts are sums over trains of {@link #trainUnits} (each of its units and each pair {@code x < y}
 * of them counts the train once), so a Spark stage can apply {@link #trainUnits} per train in a
 * task and sum per unit and per pair ({@code stages.linkage.LinkageCounters}).
 */
public final class RailPairCounts {

  /** Counts for one unordered unit pair. */
  public record Pair(String adcodeA, String adcodeB, int trainsAll, int trainsHsr) {}

  /**
   * Counts for one unit.
   *
   * @param trains distinct trains calling in the unit (rail strength)
   * @param trainsHsr of those, G/D/C trains
   * @param degree distinct partner units sharing at least one train
   * @param degreeHsr distinct partner units sharing at least one G/D/C train
   * @param connectivity interlocking-network connectivity {@code N_a = Σ_b trains_all(a, b)}
   */
  public record Unit(
      String adcode, int trains, int trainsHsr, int degree, int degreeHsr, long connectivity) {}

  private final Map<String, String> stationUnit;
  private final UnitIndex units = new UnitIndex();
  private final HashMap<Long, int[]> pairs = new HashMap<>();
  private int[] unitTrains = new int[64];
  private int[] unitHsr = new int[64];
  private int trainsAdded;
  private int trainsWithoutUnit;
  private long unassignedStops;

  /**
   * An empty counter.
   *
   * @param stationUnit station name → unit adcode, for assigned and reliable stations only
   */
  public RailPairCounts(Map<String, String> stationUnit) {
    if (stationUnit == null) {
      throw new IllegalArgumentException("stationUnit must not be null");
    }
    this.stationUnit = stationUnit;
  }

  /** Counts all trains. */
  public static RailPairCounts of(Iterable<Train> trains, Map<String, String> stationUnit) {
    RailPairCounts c = new RailPairCounts(stationUnit);
    for (Train t : trains) {
      c.add(t);
    }
    return c;
  }

  /**
   * One train's distinct units, sorted: the units of its stops (absent stations already dropped,
   * repeats allowed), each once. A train with m of them adds 1 to {@code trains} (and to {@code
   * trainsHsr} when G/D/C) of each, and 1 to the pair counts of each of the m(m−1)/2 pairs; this is
   * what {@link #add} does, for one train on its own.
   */
  public static String[] trainUnits(Iterable<String> unitsOfStops) {
    java.util.TreeSet<String> distinct = new java.util.TreeSet<>();
    for (String u : unitsOfStops) {
      if (u != null) {
        distinct.add(u);
      }
    }
    return distinct.toArray(String[]::new);
  }

  /** Adds one train. */
  public void add(Train train) {
    trainsAdded++;
    int[] idx = new int[train.stations().size()];
    int m = 0;
    for (String station : train.stations()) {
      String unit = stationUnit.get(station);
      if (unit == null) {
        unassignedStops++;
      } else {
        idx[m++] = units.intern(unit);
      }
    }
    if (m == 0) {
      trainsWithoutUnit++;
      return;
    }
    Arrays.sort(idx, 0, m);
    int u = 0;
    for (int k = 1; k < m; k++) {
      if (idx[k] != idx[u]) {
        idx[++u] = idx[k];
      }
    }
    int distinct = u + 1;
    boolean hsr = train.isHighSpeed();
    ensureCapacity(units.size());
    for (int x = 0; x < distinct; x++) {
      unitTrains[idx[x]]++;
      if (hsr) {
        unitHsr[idx[x]]++;
      }
      for (int y = x + 1; y < distinct; y++) {
        int[] c = pairs.computeIfAbsent(UnitIndex.pack(idx[x], idx[y]), k -> new int[2]);
        c[0]++;
        if (hsr) {
          c[1]++;
        }
      }
    }
  }

  private void ensureCapacity(int n) {
    if (n > unitTrains.length) {
      int size = Math.max(n, unitTrains.length * 2);
      unitTrains = Arrays.copyOf(unitTrains, size);
      unitHsr = Arrays.copyOf(unitHsr, size);
    }
  }

  /** Pairs with at least one shared train, sorted by (adcodeA, adcodeB). */
  public List<Pair> pairs() {
    List<Pair> out = new ArrayList<>(pairs.size());
    for (Map.Entry<Long, int[]> e : pairs.entrySet()) {
      UnitPair p =
          UnitPair.of(
              units.adcode(UnitIndex.first(e.getKey())),
              units.adcode(UnitIndex.second(e.getKey())));
      out.add(new Pair(p.a(), p.b(), e.getValue()[0], e.getValue()[1]));
    }
    out.sort(Comparator.comparing(Pair::adcodeA).thenComparing(Pair::adcodeB));
    return out;
  }

  /** Counts for the pair {x, y} in either order; zeros when no train links them. */
  public Pair pair(String x, String y) {
    UnitPair p = UnitPair.of(x, y);
    int i = units.find(x);
    int j = units.find(y);
    int[] c = i < 0 || j < 0 ? null : pairs.get(UnitIndex.pack(i, j));
    return new Pair(p.a(), p.b(), c == null ? 0 : c[0], c == null ? 0 : c[1]);
  }

  /** Units called at by at least one train, sorted by adcode. */
  public List<Unit> units() {
    int n = units.size();
    int[] degree = new int[n];
    int[] degreeHsr = new int[n];
    long[] conn = new long[n];
    for (Map.Entry<Long, int[]> e : pairs.entrySet()) {
      int i = UnitIndex.first(e.getKey());
      int j = UnitIndex.second(e.getKey());
      degree[i]++;
      degree[j]++;
      if (e.getValue()[1] > 0) {
        degreeHsr[i]++;
        degreeHsr[j]++;
      }
      conn[i] += e.getValue()[0];
      conn[j] += e.getValue()[0];
    }
    List<Unit> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          new Unit(units.adcode(i), unitTrains[i], unitHsr[i], degree[i], degreeHsr[i], conn[i]));
    }
    out.sort(Comparator.comparing(Unit::adcode));
    return out;
  }

  /**
   * The unit's counts, or all zeros when no train calls there; O(pairs), use {@link #units()} in
   * loops.
   */
  public Unit unit(String adcode) {
    for (Unit u : units()) {
      if (u.adcode().equals(adcode)) {
        return u;
      }
    }
    return new Unit(adcode, 0, 0, 0, 0, 0);
  }

  /** Number of trains added. */
  public int trainsAdded() {
    return trainsAdded;
  }

  /** Trains none of whose stations is in the station → unit map. */
  public int trainsWithoutUnit() {
    return trainsWithoutUnit;
  }

  /** Stops (after collapse) whose station is not in the map. */
  public long unassignedStops() {
    return unassignedStops;
  }
}
