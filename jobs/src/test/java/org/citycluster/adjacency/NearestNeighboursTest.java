package org.citycluster.adjacency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.citycluster.geo.GeodesicMeasures;
import org.junit.jupiter.api.Test;

class NearestNeighboursTest {

  /** Small square cell centred on (lon, lat). */
  static Unit cell(String id, double lon, double lat) {
    double h = 0.01;
    return new Unit(
        id,
        Wkt.geometry(
            String.format(
                "POLYGON ((%s %s, %s %s, %s %s, %s %s, %s %s))",
                lon - h, lat - h, lon + h, lat - h, lon + h, lat + h, lon - h, lat + h, lon - h,
                lat - h)));
  }

  @Test
  void centroidIsTheLonLatCentroidAndDistancesAreGeodesic() {
    NearestNeighbours nn =
        new NearestNeighbours(List.of(cell("sh", 121.47, 31.23), cell("bj", 116.40, 39.91)));
    assertEquals(121.47, nn.centroid("sh").x, 1e-9);
    assertEquals(31.23, nn.centroid("sh").y, 1e-9);
    assertEquals(
        GeodesicMeasures.distanceKm(121.47, 31.23, 116.40, 39.91), nn.distanceKm("sh", "bj"), 1e-9);
  }

  @Test
  void kNearestOnALineOfCells() {
    // cells at lon 100, 101, 103, 106 on the equator
    NearestNeighbours nn =
        new NearestNeighbours(
            List.of(cell("a", 100, 0), cell("b", 101, 0), cell("c", 103, 0), cell("d", 106, 0)));
    List<CentroidDistance> k2 = nn.kNearest(2);
    assertEquals(8, k2.size());
    assertEquals(List.of("b", "c"), k2.subList(0, 2).stream().map(CentroidDistance::to).toList());
    assertEquals(List.of("a", "c"), k2.subList(2, 4).stream().map(CentroidDistance::to).toList());
    assertEquals(List.of("c", "b"), k2.subList(6, 8).stream().map(CentroidDistance::to).toList());
    assertEquals(GeodesicMeasures.distanceKm(106, 0, 103, 0), k2.get(6).km(), 1e-9);
    assertEquals(12, nn.kNearest(10).size()); // capped at n − 1 per unit
    assertThrows(IllegalArgumentException.class, () -> nn.kNearest(0));
  }

  @Test
  void indexedSearchesMatchABruteForceScanOnRandomPoints() {
    Random random = new Random(7);
    List<Unit> units = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      units.add(
          cell(
              String.format("u%03d", i),
              75 + 60 * random.nextDouble(),
              18 + 35 * random.nextDouble()));
    }
    NearestNeighbours nn = new NearestNeighbours(units);
    List<CentroidDistance> band = nn.withinBand(100, 400);
    int expected = 0;
    for (int i = 0; i < units.size(); i++) {
      for (int j = i + 1; j < units.size(); j++) {
        double d = nn.distanceKm(units.get(i).id(), units.get(j).id());
        if (d >= 100 && d <= 400) {
          expected++;
        }
      }
    }
    assertEquals(expected, band.size());
    List<CentroidDistance> k5 = nn.kNearest(5);
    for (int i = 0; i < units.size(); i++) {
      String id = units.get(i).id();
      List<Double> all = new ArrayList<>();
      for (Unit other : units) {
        if (!other.id().equals(id)) {
          all.add(nn.distanceKm(id, other.id()));
        }
      }
      all.sort(null);
      assertEquals(all.get(4), k5.get(5 * i + 4).km(), 1e-9, id);
    }
  }
}
