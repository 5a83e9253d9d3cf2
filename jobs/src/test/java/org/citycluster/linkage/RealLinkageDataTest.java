package org.citycluster.linkage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.citycluster.dq.DqIssue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Smoke test on the five real linkage files: the facts stated in {@code linkage/README.md}. The
 * data root comes from the system property {@code citycluster.data} (set by the Maven build).
 */
class RealLinkageDataTest {

  static List<Station> stations;
  static LinkageReaders.TrainStops stops;
  static List<TimetableCall> timetable;
  static List<Airport> airports;
  static LinkageReaders.AirRoutes routes;

  static Path dataRoot() {
    String root = System.getProperty("citycluster.data");
    if (root == null || root.isBlank()) {
      throw new IllegalStateException(
          "the real data is needed: set the system property citycluster.data to the shared data"
              + " root (the Maven build sets it to ../shared/data)");
    }
    Path p = Path.of(root);
    if (!Files.isDirectory(p.resolve("linkage"))) {
      throw new IllegalStateException("citycluster.data=" + root + " has no linkage/ folder");
    }
    return p;
  }

  static InputStream open(String relative) throws Exception {
    return Files.newInputStream(dataRoot().resolve(relative));
  }

  @BeforeAll
  static void read() throws Exception {
    stations = LinkageReaders.readStations(open(LinkageReaders.STATIONS), LinkageReaders.STATIONS);
    stops =
        LinkageReaders.readTrainStops(open(LinkageReaders.TRAIN_STOPS), LinkageReaders.TRAIN_STOPS);
    timetable =
        LinkageReaders.readTimetable(open(LinkageReaders.TIMETABLE), LinkageReaders.TIMETABLE);
    airports = LinkageReaders.readAirports(open(LinkageReaders.AIRPORTS), LinkageReaders.AIRPORTS);
    routes =
        LinkageReaders.readAirRoutes(open(LinkageReaders.ROUTES), LinkageReaders.ROUTES, airports);
  }

  @Test
  void trainsAndDoubledStops() {
    assertEquals(10_337, stops.trains().size());
    assertEquals(186, stops.trainsWithDoubledStops());
    assertEquals(2_501, stops.collapsedRows());
    int rows = stops.trains().stream().mapToInt(t -> t.stations().size()).sum();
    assertEquals(110_771 - 2_501, rows);
    assertEquals(3, stops.trains().stream().filter(t -> t.stations().size() == 1).count());
    assertEquals(3_164, stops.trains().stream().filter(t -> t.code().startsWith("G")).count());
    assertEquals(3_164 + 2_734 + 1_819, stops.trains().stream().filter(Train::isHighSpeed).count());
  }

  @Test
  void stationsAndReliability() {
    assertEquals(2_826, stations.size());
    assertEquals(
        181, stations.stream().filter(s -> s.coordMethod().equals(Station.IMPUTED)).count());
    assertEquals(
        214,
        stations.stream()
            .filter(s -> s.qaMinNeighbourKm() != null && s.qaMinNeighbourKm() > 200)
            .count());
    List<DqIssue> excluded =
        StationReliability.DEFAULT.exclusions(stations, LinkageReaders.STATIONS);
    assertEquals(368, excluded.size());
    assertEquals(2_458, StationReliability.DEFAULT.reliable(stations).size());
    assertEquals(
        "qa_min_neighbour_km",
        excluded.stream().filter(i -> i.recordId().equals("东升")).findFirst().orElseThrow().field());
  }

  @Test
  void stationsAsUnitsGiveKnownPairCounts() {
    Map<String, String> self = new HashMap<>();
    for (Station s : stations) {
      self.put(s.name(), s.name());
    }
    RailPairCounts rail = RailPairCounts.of(stops.trains(), self);
    assertEquals(new RailPairCounts.Pair("上海虹桥", "北京南", 81, 81), rail.pair("北京南", "上海虹桥"));
    assertEquals(522, rail.unit("北京南").trains());
    assertEquals(0, rail.trainsWithoutUnit());
  }

  @Test
  void timetableAndTravelTimes() {
    assertEquals(35_150, timetable.size());
    assertEquals(8_736, timetable.stream().map(TimetableCall::trainCode).distinct().count());
    Map<String, String> self = new HashMap<>();
    for (TimetableCall c : timetable) {
      self.put(c.station(), c.station());
    }
    TravelTimes t = TravelTimes.compute(timetable, self, LinkageReaders.TIMETABLE);
    assertEquals(List.of(), t.issues()); // the 4 repeated station-train rows have equal times
    assertEquals(258, t.minMinutes("北京南", "上海虹桥")); // G17, 4 h 18 min
    assertEquals(29, t.minMinutes("广州南", "深圳北"));
  }

  @Test
  void airRoutes() {
    assertEquals(457, airports.size());
    assertEquals(7_375, routes.routes().size());
    assertEquals(1_236, routes.routes().stream().filter(AirRoute::codeshare).count());
    assertEquals(2, routes.resolvedIds().size());
    Set<String> operating = new HashSet<>();
    routes.routes().stream().filter(r -> !r.codeshare()).forEach(r -> operating.add(r.airline()));
    assertEquals(32, operating.size());
    Map<Integer, String> self = new HashMap<>();
    for (Airport a : airports) {
      self.put(a.id(), String.format("%06d", a.id()));
    }
    AirPairCounts air = AirPairCounts.of(routes.routes(), self);
    assertEquals(1_468, air.pairs().size());
    assertEquals(180, air.units().size());
    assertEquals(0, air.ignoredRoutes());
  }
}
