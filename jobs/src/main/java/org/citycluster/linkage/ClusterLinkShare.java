package org.citycluster.linkage;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The share of a unit's links that stay inside its cluster(s), a {@code city_metrics} column:
 *
 * <pre>  share_a = Σ_{b shares a cluster with a} w_ab / Σ_b w_ab</pre>
 *
 * with pair weights {@code w} (rail: {@code trains_all}; air: {@code air_routes}, which unlike
 * {@code air_airlines} also counts codeshare-only pairs). A unit in several clusters counts a
 * partner as inside when they share any cluster. Result in 0..1. Units in no cluster, or without
 * any link, are not measurable and are absent from the result (null in the table).
 */
public final class ClusterLinkShare {

  private ClusterLinkShare() {}

  /** Rail share, weighted by trains_all. */
  public static Map<String, Double> rail(
      RailPairCounts rail, Map<String, Set<String>> clustersByUnit) {
    Map<UnitPair, Double> w = new HashMap<>();
    for (RailPairCounts.Pair p : rail.pairs()) {
      w.put(new UnitPair(p.adcodeA(), p.adcodeB()), (double) p.trainsAll());
    }
    return of(w, clustersByUnit);
  }

  /** Air share, weighted by air_routes. */
  public static Map<String, Double> air(
      AirPairCounts air, Map<String, Set<String>> clustersByUnit) {
    Map<UnitPair, Double> w = new HashMap<>();
    for (AirPairCounts.Pair p : air.pairs()) {
      w.put(new UnitPair(p.adcodeA(), p.adcodeB()), (double) p.airRoutes());
    }
    return of(w, clustersByUnit);
  }

  /**
   * The share for every unit that is in a cluster and has links of positive total weight, sorted by
   * adcode. Weights must be finite and non-negative.
   */
  public static Map<String, Double> of(
      Map<UnitPair, Double> weights, Map<String, Set<String>> clustersByUnit) {
    Map<String, double[]> acc = new HashMap<>();
    for (Map.Entry<UnitPair, Double> e : weights.entrySet()) {
      double w = e.getValue();
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("weight of " + e.getKey() + " must be >= 0, got " + w);
      }
      String a = e.getKey().a();
      String b = e.getKey().b();
      Set<String> ca = clustersByUnit.getOrDefault(a, Set.of());
      Set<String> cb = clustersByUnit.getOrDefault(b, Set.of());
      boolean inside = ca.stream().anyMatch(cb::contains);
      for (String u : new String[] {a, b}) {
        double[] s = acc.computeIfAbsent(u, k -> new double[2]);
        s[0] += w;
        if (inside) {
          s[1] += w;
        }
      }
    }
    Map<String, Double> out = new TreeMap<>();
    for (Map.Entry<String, double[]> e : acc.entrySet()) {
      Set<String> c = clustersByUnit.get(e.getKey());
      if (c != null && !c.isEmpty() && e.getValue()[0] > 0) {
        out.put(e.getKey(), e.getValue()[1] / e.getValue()[0]);
      }
    }
    return out;
  }
}
