package org.citycluster.linkage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.citycluster.dq.DqIssue;

/**
 * The configurable rule that excludes unreliable stations before they are assigned to units.
 *
 * <p>A station is excluded when its {@code coord_method} is one of {@code excludedMethods}, or its
 * {@code qa_min_neighbour_km} is greater than {@code maxNeighbourKm} (strictly). A null {@code
 * qa_min_neighbour_km} (station without any neighbour) is not a reason by itself. Default: methods
 * {{@value Station#IMPUTED}}, 200 km. On the real data the default excludes 368 of 2,826 stations
 * (181 imputed, 214 with qa &gt; 200 km, 27 both) and keeps 2,458; the README's "2,456 remain" also
 * drops the two non-imputed stations without a neighbour (南平, 海拉).
 *
 * <p>Known limit: the 200 km threshold is a heuristic; it also removes a few genuine stations on
 * long desert or plateau lines (e.g. 哈密), and cannot detect smaller mis-locations.
 *
 * @param excludedMethods coord_method values to exclude (may be empty)
 * @param maxNeighbourKm largest acceptable qa_min_neighbour_km, km; {@code +Infinity} disables the
 *     test
 */
public record StationReliability(Set<String> excludedMethods, double maxNeighbourKm)
    implements java.io.Serializable {

  /** The default rule: imputed coordinates, or nearest neighbour more than 200 km away. */
  public static final StationReliability DEFAULT =
      new StationReliability(Set.of(Station.IMPUTED), 200.0);

  /** Action written to dq_issues for an excluded station. */
  public static final String ACTION = "excluded";

  public StationReliability {
    excludedMethods = Set.copyOf(excludedMethods);
    if (Double.isNaN(maxNeighbourKm) || maxNeighbourKm < 0) {
      throw new IllegalArgumentException(
          "maxNeighbourKm must be a non-negative number of km, got " + maxNeighbourKm);
    }
  }

  /** True when the station passes the rule. */
  public boolean isReliable(Station s) {
    return reasons(s).isEmpty();
  }

  /** The stations that pass, in input order. */
  public List<Station> reliable(List<Station> stations) {
    return stations.stream().filter(this::isReliable).toList();
  }

  /**
   * One DqIssue per excluded station, in input order: source = {@code source}, record id = station
   * name, field = the first failing field ({@code coord_method} or {@code qa_min_neighbour_km}),
   * problem = every reason joined by "; ", action {@value #ACTION}, value = that field's value.
   */
  public List<DqIssue> exclusions(List<Station> stations, String source) {
    List<DqIssue> out = new ArrayList<>();
    for (Station s : stations) {
      List<String> reasons = reasons(s);
      if (reasons.isEmpty()) {
        continue;
      }
      boolean byMethod = excludedMethods.contains(s.coordMethod());
      out.add(
          new DqIssue(
              source,
              s.name(),
              byMethod ? "coord_method" : "qa_min_neighbour_km",
              String.join("; ", reasons),
              ACTION,
              byMethod ? s.coordMethod() : String.valueOf(s.qaMinNeighbourKm())));
    }
    return out;
  }

  /** The reasons this rule excludes the station; empty when it is reliable. */
  public List<String> reasons(Station s) {
    List<String> reasons = new ArrayList<>(2);
    if (excludedMethods.contains(s.coordMethod())) {
      reasons.add("coordinates are " + s.coordMethod() + ", not a surveyed or geocoded location");
    }
    Double qa = s.qaMinNeighbourKm();
    if (qa != null && qa > maxNeighbourKm) {
      reasons.add(
          "nearest neighbouring station is "
              + qa
              + " km away (> "
              + maxNeighbourKm
              + " km): probably mis-located");
    }
    return reasons;
  }
}
