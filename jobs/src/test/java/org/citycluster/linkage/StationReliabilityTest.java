package org.citycluster.linkage;

import static org.citycluster.linkage.Fixtures.csv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.citycluster.dq.DqIssue;
import org.junit.jupiter.api.Test;

class StationReliabilityTest {

  static List<Station> fixture() throws Exception {
    return LinkageReaders.readStations(
        csv(
            LinkageReadersTest.STATION_HEADER,
            "ok,116.3,39.8,geocoded,,,,1,10",
            "imputed,116.3,39.8,imputed_neighbour_mean,,,,1,5",
            "far,116.3,39.8,geocoded,,,,1,250.5",
            "both,116.3,39.8,imputed_neighbour_mean,,,,1,300",
            "lonely,116.3,39.8,geocoded,,,,1,",
            "edge,116.3,39.8,manual,,,,1,200"),
        "s.csv");
  }

  @Test
  void defaultRuleExcludesImputedAndFarStations() throws Exception {
    List<Station> s = fixture();
    List<DqIssue> issues = StationReliability.DEFAULT.exclusions(s, "s.csv");
    assertEquals(
        List.of("imputed", "far", "both"), issues.stream().map(DqIssue::recordId).toList());
    assertEquals(
        new DqIssue(
            "s.csv",
            "far",
            "qa_min_neighbour_km",
            "nearest neighbouring station is 250.5 km away (> 200.0 km): probably mis-located",
            "excluded",
            "250.5"),
        issues.get(1));
    assertEquals("coord_method", issues.get(0).field());
    assertEquals("imputed_neighbour_mean", issues.get(0).value());
    assertEquals("coord_method", issues.get(2).field());
    assertTrue(issues.get(2).problem().contains("; nearest neighbouring station is 300.0 km"));
    assertEquals(
        List.of("ok", "lonely", "edge"),
        StationReliability.DEFAULT.reliable(s).stream().map(Station::name).toList());
  }

  @Test
  void ruleIsConfigurable() throws Exception {
    StationReliability strict = new StationReliability(Set.of(), 9.0);
    assertEquals(
        List.of("ok", "far", "both", "edge"),
        strict.exclusions(fixture(), "s.csv").stream().map(DqIssue::recordId).toList());
    StationReliability off = new StationReliability(Set.of(), Double.POSITIVE_INFINITY);
    assertEquals(6, off.reliable(fixture()).size());
  }
}
