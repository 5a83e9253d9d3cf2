package org.citycluster.adjacency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  /** Points of the random test, with ties: every tenth point repeats its predecessor. */
  private static List<NearestNeighbours.Centroid> randomCentroids(int n, long seed) {
    Random random = new Random(seed);
    List<NearestNeighbours.Centroid> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = String.format("u%03d", (i * 37) % n);
      if (i % 10 == 9) {
        NearestNeighbours.Centroid p = points.get(i - 1);
        points.add(new NearestNeighbours.Centroid(id, p.lon(), p.lat()));
      } else {
        points.add(
            new NearestNeighbours.Centroid(
                id, 75 + 60 * random.nextDouble(), 18 + 35 * random.nextDouble()));
      }
    }
    return points;
  }

  private static NearestNeighbours index(List<NearestNeighbours.Centroid> points) {
    org.locationtech.jts.geom.GeometryFactory f = new org.locationtech.jts.geom.GeometryFactory();
    List<Unit> units = new ArrayList<>();
    for (NearestNeighbours.Centroid p : points) {
      units.add(
          new Unit(
              p.id(), f.createPoint(new org.locationtech.jts.geom.Coordinate(p.lon(), p.lat()))));
    }
    return new NearestNeighbours(units);
  }

  @Test
  void kNearestOfAllCandidatesOrOfTheSearchBoxEqualsKNearest() {
    List<NearestNeighbours.Centroid> points = randomCentroids(300, 11);
    List<CentroidDistance> k4 = index(points).kNearest(4);
    assertEquals(1200, k4.size());
    for (int i = 0; i < points.size(); i++) {
      NearestNeighbours.Centroid p = points.get(i);
      List<CentroidDistance> expected = k4.subList(4 * i, 4 * i + 4);
      // all units (the unit itself among them, and listed twice) as candidates
      List<NearestNeighbours.Centroid> twice = new ArrayList<>(points);
      twice.addAll(points);
      assertEquals(expected, NearestNeighbours.kNearestOf(p.id(), p.lon(), p.lat(), twice, 4));
      // only those in the search box of the k-th distance (what NearestUnits hands it)
      org.locationtech.jts.geom.Envelope box =
          NearestNeighbours.searchBox(p.lon(), p.lat(), expected.get(3).km());
      List<NearestNeighbours.Centroid> inBox =
          points.stream().filter(c -> box.contains(c.lon(), c.lat())).toList();
      assertEquals(expected, NearestNeighbours.kNearestOf(p.id(), p.lon(), p.lat(), inBox, 4));
    }
  }

  @Test
  void kNearestOfBreaksTiesByIdAndCapsAtTheCandidates() {
    // b and c at the same point east of a, e at a's point, d farther east
    List<NearestNeighbours.Centroid> cs =
        List.of(
            new NearestNeighbours.Centroid("d", 102, 0),
            new NearestNeighbours.Centroid("c", 101, 0),
            new NearestNeighbours.Centroid("b", 101, 0),
            new NearestNeighbours.Centroid("a", 100, 0),
            new NearestNeighbours.Centroid("e", 100, 0));
    List<CentroidDistance> two = NearestNeighbours.kNearestOf("a", 100, 0, cs, 2);
    assertEquals(List.of("e", "b"), two.stream().map(CentroidDistance::to).toList());
    assertEquals(0.0, two.get(0).km());
    assertEquals(
        List.of("e", "b", "c", "d"),
        NearestNeighbours.kNearestOf("a", 100, 0, cs, 9).stream()
            .map(CentroidDistance::to)
            .toList());
    assertEquals(List.of(), NearestNeighbours.kNearestOf("a", 100, 0, List.of(), 3));
    assertThrows(
        IllegalArgumentException.class, () -> NearestNeighbours.kNearestOf("a", 100, 0, cs, 0));
  }

  @Test
  void theSearchBoxHoldsTheCircle() {
    Random random = new Random(3);
    for (int i = 0; i < 2000; i++) {
      double lon = 75 + 60 * random.nextDouble();
      double lat = 60 * random.nextDouble();
      double r = 5 + 3000 * random.nextDouble();
      org.locationtech.jts.geom.Envelope box = NearestNeighbours.searchBox(lon, lat, r);
      double azimuth = 360 * random.nextDouble();
      net.sf.geographiclib.GeodesicData d =
          net.sf.geographiclib.Geodesic.WGS84.Direct(lat, lon, azimuth, r * 1000);
      assertTrue(box.contains(d.lon2, d.lat2), lon + " " + lat + " " + r + " " + azimuth);
    }
    assertTrue(NearestNeighbours.searchBox(100, 30, Double.POSITIVE_INFINITY).contains(-179, -89));
  }
}
