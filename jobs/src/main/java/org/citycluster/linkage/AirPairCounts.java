package org.citycluster.linkage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Direct air service between units, from OpenFlights routes.
 *
 * <p>Definitions, per unordered unit pair {@code (a < b)}:
 *
 * <ul>
 *   <li>{@code air_routes}: the number of distinct undirected airport pairs {p, q} with p in a and
 *       q in b that have at least one route record in either direction, by any airline, codeshare
 *       rows included (a codeshare row still denotes a scheduled service on that airport pair; in
 *       the 2014 data every codeshare airport pair also has an operated row). Two airports in one
 *       unit (e.g. PEK and NAY) can thus give a pair several routes.
 *   <li>{@code air_airlines}: the number of distinct airline codes with at least one
 *       <em>non-codeshare</em> record between any airport of a and any airport of b, either
 *       direction.
 * </ul>
 *
 * Per unit: {@code degree} = distinct partner units with {@code air_routes > 0}; {@code strength} =
 * Σ over partners of {@code air_airlines}; {@code routes} = Σ over partners of {@code air_routes}.
 * Routes whose two airports lie in the same unit, or whose airport is absent from {@code
 * airportUnit}, are ignored ({@link #ignoredRoutes()} counts the latter). Not daily frequency or
 * seats: the source has neither.
 */
public final class AirPairCounts {

  /** Counts for one unordered unit pair. */
  public record Pair(String adcodeA, String adcodeB, int airRoutes, int airAirlines) {}

  /** Counts for one unit. */
  public record Unit(String adcode, int degree, int strength, int routes) {}

  private final UnitIndex units = new UnitIndex();
  private final Map<Long, Set<Long>> routes = new HashMap<>();
  private final Map<Long, Set<String>> airlines = new HashMap<>();
  private int ignoredRoutes;
  private int sameUnitRoutes;

  private AirPairCounts() {}

  /**
   * Counts the routes.
   *
   * @param routes route records (airport ids resolved)
   * @param airportUnit airport id → unit adcode
   */
  public static AirPairCounts of(List<AirRoute> routes, Map<Integer, String> airportUnit) {
    if (routes == null || airportUnit == null) {
      throw new IllegalArgumentException("routes and airportUnit must not be null");
    }
    AirPairCounts c = new AirPairCounts();
    for (AirRoute r : routes) {
      String ua = airportUnit.get(r.srcId());
      String ub = airportUnit.get(r.dstId());
      if (ua == null || ub == null) {
        c.ignoredRoutes++;
        continue;
      }
      if (ua.equals(ub)) {
        c.sameUnitRoutes++;
        continue;
      }
      long key = UnitIndex.pack(c.units.intern(ua), c.units.intern(ub));
      long airportPair =
          ((long) Math.min(r.srcId(), r.dstId()) << 32)
              | (Math.max(r.srcId(), r.dstId()) & 0xffffffffL);
      c.routes.computeIfAbsent(key, k -> new HashSet<>()).add(airportPair);
      Set<String> lines = c.airlines.computeIfAbsent(key, k -> new HashSet<>());
      if (!r.codeshare()) {
        lines.add(r.airline());
      }
    }
    return c;
  }

  /** Pairs with at least one route, sorted by (adcodeA, adcodeB). */
  public List<Pair> pairs() {
    List<Pair> out = new ArrayList<>(routes.size());
    for (Map.Entry<Long, Set<Long>> e : routes.entrySet()) {
      UnitPair p =
          UnitPair.of(
              units.adcode(UnitIndex.first(e.getKey())),
              units.adcode(UnitIndex.second(e.getKey())));
      out.add(new Pair(p.a(), p.b(), e.getValue().size(), airlines.get(e.getKey()).size()));
    }
    out.sort(Comparator.comparing(Pair::adcodeA).thenComparing(Pair::adcodeB));
    return out;
  }

  /** Counts for {x, y} in either order; zeros when no route links them. */
  public Pair pair(String x, String y) {
    UnitPair p = UnitPair.of(x, y);
    int i = units.find(x);
    int j = units.find(y);
    long key = i < 0 || j < 0 ? -1 : UnitIndex.pack(i, j);
    Set<Long> r = key < 0 ? null : routes.get(key);
    return r == null
        ? new Pair(p.a(), p.b(), 0, 0)
        : new Pair(p.a(), p.b(), r.size(), airlines.get(key).size());
  }

  /** Units with at least one inter-unit route, sorted by adcode. */
  public List<Unit> units() {
    int n = units.size();
    int[] degree = new int[n];
    int[] strength = new int[n];
    int[] count = new int[n];
    for (Map.Entry<Long, Set<Long>> e : routes.entrySet()) {
      int a = airlines.get(e.getKey()).size();
      for (int i : new int[] {UnitIndex.first(e.getKey()), UnitIndex.second(e.getKey())}) {
        degree[i]++;
        strength[i] += a;
        count[i] += e.getValue().size();
      }
    }
    List<Unit> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Unit(units.adcode(i), degree[i], strength[i], count[i]));
    }
    out.sort(Comparator.comparing(Unit::adcode));
    return out;
  }

  /** Route records with an airport not in the airport → unit map. */
  public int ignoredRoutes() {
    return ignoredRoutes;
  }

  /** Route records whose two airports are in the same unit. */
  public int sameUnitRoutes() {
    return sameUnitRoutes;
  }
}
