package org.citycluster.plan;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One plan cluster per unit, for measures that need a partition although clusters overlap (邯郸 and
 * 邢台 are in both Beijing–Tianjin–Hebei and Central Plains, 运城 in Guanzhong and Central Plains, 上饶,
 * 鹰潭 and 抚州 in the Middle Yangtze and the West Coast of the Straits). The rule: the plan the unit
 * is a core of; else the plan approved first ({@code plan_year}, unknown years last); ties by
 * cluster id.
 */
public final class PrimaryPlan {

  /** One membership row. */
  public record Membership(String clusterId, String adcode, boolean core, Integer planYear) {}

  private PrimaryPlan() {}

  /** The cluster each unit is assigned to, by adcode (sorted). */
  public static Map<String, String> assign(List<Membership> memberships) {
    Comparator<Membership> rule =
        Comparator.comparing((Membership m) -> !m.core())
            .thenComparing(m -> m.planYear() == null ? Integer.MAX_VALUE : m.planYear())
            .thenComparing(Membership::clusterId);
    Map<String, Membership> best = new HashMap<>();
    for (Membership m : memberships) {
      if (m == null || m.clusterId() == null || m.adcode() == null) {
        throw new IllegalArgumentException("memberships must not hold nulls");
      }
      best.merge(m.adcode(), m, (a, b) -> rule.compare(a, b) <= 0 ? a : b);
    }
    Map<String, String> out = new TreeMap<>();
    best.forEach((adcode, m) -> out.put(adcode, m.clusterId()));
    return out;
  }
}
