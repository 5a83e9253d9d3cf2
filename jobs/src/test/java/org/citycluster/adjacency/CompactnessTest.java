package org.citycluster.adjacency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.citycluster.geo.GeodesicMeasures;
import org.citycluster.io.Feature;
import org.citycluster.testdata.RealBoundaryData;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

class CompactnessTest {

  /** A geodesic circle of radius {@code km} around (lon, lat), as a 720-gon. */
  static Geometry circle(double lon, double lat, double km) {
    Coordinate[] cs = new Coordinate[721];
    for (int i = 0; i < 720; i++) {
      GeodesicData d = Geodesic.WGS84.Direct(lat, lon, i * 0.5, km * 1000);
      cs[i] = new Coordinate(d.lon2, d.lat2);
    }
    cs[720] = cs[0];
    return new GeometryFactory().createPolygon(cs);
  }

  @Test
  void aCircleOnTheGroundIsAlmostPerfectlyCompact() {
    double pp = Compactness.polsbyPopper(circle(116.4, 39.9, 20));
    assertTrue(pp > 0.999 && pp <= 1, "" + pp);
  }

  @Test
  void anElongatedRectangleOnAStandardParallelScoresItsTextbookValue() {
    // 40 km x 10 km on 25N, where the Albers scale is exactly 1: 4π·400/100² = 0.5027
    double dLon = 40 / GeodesicMeasures.distanceKm(105, 25, 106, 25);
    double dLat = 10 / GeodesicMeasures.distanceKm(105, 25, 105, 26);
    Geometry rect =
        Wkt.geometry(
            String.format(
                "POLYGON ((105 25, %s 25, %s %s, 105 %s, 105 25))",
                105 + dLon, 105 + dLon, 25 + dLat, 25 + dLat));
    assertEquals(4 * Math.PI * 400 / 10000, Compactness.polsbyPopper(rect), 0.002);
    assertEquals(400, Compactness.albersAreaKm2(rect), 0.5);
    assertEquals(100, Compactness.albersPerimeterKm(rect), 0.1);
  }

  @Test
  void albersAreasAreGeodesicAreasOnTheRealPrefectures() {
    List<Feature> features = RealBoundaryData.features("china_prefectures.geojson");
    double worst = 0;
    for (Feature f : features) {
      double geodesic = GeodesicMeasures.areaKm2(f.geometry());
      double albers = Compactness.albersAreaKm2(f.geometry());
      worst = Math.max(worst, Math.abs(albers - geodesic) / geodesic);
      double pp = Compactness.polsbyPopper(f.geometry());
      assertTrue(pp > 0 && pp <= 1, f.id() + " " + pp);
    }
    assertTrue(worst < 1e-4, "worst relative area difference " + worst);
  }

  @Test
  void nonPolygonalInputIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Compactness.polsbyPopper(Wkt.geometry("LINESTRING (0 0, 1 1)")));
  }
}
