package org.citycluster.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

class GeodesicMeasuresTest {

  private static Geometry wkt(String text) throws Exception {
    return new WKTReader().read(text);
  }

  @Test
  void oneDegreeCellAtTheEquator() throws Exception {
    Geometry cell = wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))");
    // sides: equator 111.3195 km, two meridian arcs of 1° 110.5744 km each, and the geodesic
    // between (0 1) and (1 1), 111.3026 km
    assertEquals(111.3195 + 2 * 110.5744 + 111.3026, GeodesicMeasures.perimeterKm(cell), 0.01);
  }

  @Test
  void holesAreSubtractedAndRingOrientationDoesNotMatter() throws Exception {
    Geometry ccw =
        wkt("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0), (0.5 0.5, 0.5 1.5, 1.5 1.5, 1.5 0.5, 0.5 0.5))");
    Geometry cw =
        wkt("POLYGON ((0 0, 0 2, 2 2, 2 0, 0 0), (0.5 0.5, 1.5 0.5, 1.5 1.5, 0.5 1.5, 0.5 0.5))");
    Geometry outer = wkt("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))");
    Geometry inner = wkt("POLYGON ((0.5 0.5, 1.5 0.5, 1.5 1.5, 0.5 1.5, 0.5 0.5))");
    double expected = GeodesicMeasures.areaKm2(outer) - GeodesicMeasures.areaKm2(inner);
    assertEquals(expected, GeodesicMeasures.areaKm2(ccw), 1e-6);
    assertEquals(expected, GeodesicMeasures.areaKm2(cw), 1e-6);
  }

  @Test
  void areaAndPerimeterInOnePassAgreeWithTheSeparateMeasures() throws Exception {
    for (String text :
        new String[] {
          "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))",
          "POLYGON ((120 30, 122 30, 122 32, 120 32, 120 30), (120.5 30.5, 120.5 31.5, 121.5 31.5,"
              + " 121.5 30.5, 120.5 30.5))",
          "MULTIPOLYGON (((100 40, 101 40, 100.5 41, 100 40)), ((110 20, 111 20, 111 21, 110 20)))"
        }) {
      Geometry g = wkt(text);
      double[] both = GeodesicMeasures.areaAndPerimeter(g);
      assertEquals(GeodesicMeasures.areaKm2(g), both[0], 1e-9 * both[0], text);
      assertEquals(GeodesicMeasures.perimeterKm(g), both[1], 1e-9 * both[1], text);
    }
  }

  @Test
  void distanceShanghaiBeijing() {
    // People's Square, Shanghai to Tiananmen, Beijing: about 1,067 km on the ellipsoid
    double km = GeodesicMeasures.distanceKm(121.4737, 31.2304, 116.3975, 39.9087);
    assertEquals(1067, km, 5);
  }

  @Test
  void lineLengthOfAMultiLineStringSumsItsParts() throws Exception {
    Geometry lines = wkt("MULTILINESTRING ((0 0, 1 0), (0 0, 0 1))");
    assertEquals(111.319491 + 110.574389, GeodesicMeasures.lineLengthKm(lines), 0.01);
  }
}
