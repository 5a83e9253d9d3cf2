package org.citycluster.geo;

import static org.citycluster.testing.GeometryAssert.assertGeometryEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

class Gcj02Test {

  private static double metres(double[] a, double[] b) {
    return GeodesicMeasures.distanceKm(a[0], a[1], b[0], b[1]) * 1000.0;
  }

  /**
   * Reference pairs (WGS84 lon, lat -> GCJ-02 lon, lat) from the test suite of the eviltransform
   * project (googollee/eviltransform, go/transform_test.go), which publishes the formula.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Shanghai, 121.5272106, 31.1774276, 121.531541859215, 31.17530398364597",
    "Shenzhen, 113.912316, 22.543847, 113.9171764808363, 22.540796131694766",
    "Beijing, 116.377817, 39.911954, 116.38404722455657, 39.91334545536069",
  })
  void forwardMatchesPublishedReferenceValues(
      String city, double lon, double lat, double gcjLon, double gcjLat) {
    double[] gcj = Gcj02.wgs84ToGcj02(lon, lat);
    assertArrayEquals(new double[] {gcjLon, gcjLat}, gcj, 1e-9, city);
  }

  /** Tiananmen; value checked against an independent re-implementation of the same formula. */
  @Test
  void tiananmenReferenceValue() {
    double[] gcj = Gcj02.wgs84ToGcj02(116.397, 39.909);
    assertArrayEquals(new double[] {116.40324, 39.91040}, gcj, 1e-5);
  }

  @Test
  void inverseOfPublishedReferenceIsExact() {
    double[] wgs = Gcj02.gcj02ToWgs84(121.531541859215, 31.17530398364597);
    assertArrayEquals(new double[] {121.5272106, 31.1774276}, wgs, 1e-9);
  }

  @Test
  void roundTripIsFarBelowOneMetreAcrossChina() {
    double worst = 0;
    int n = 0;
    for (double lon = 73.0; lon <= 135.0; lon += 0.73) {
      for (double lat = 3.5; lat <= 53.5; lat += 0.61) {
        double[] wgs = {lon, lat};
        double[] gcj = Gcj02.wgs84ToGcj02(lon, lat);
        double[] back = Gcj02.gcj02ToWgs84(gcj[0], gcj[1]);
        worst = Math.max(worst, metres(wgs, back));
        n++;
      }
    }
    assertTrue(n > 5000, "grid too small: " + n);
    // 1e-9 degrees is about 0.1 mm; allow 1 mm
    assertTrue(worst < 0.001, "worst round-trip error " + worst + " m");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Beijing, 116.4074, 39.9042",
    "Shanghai, 121.4737, 31.2304",
    "Chengdu, 104.0665, 30.5723",
    "Harbin, 126.5349, 45.8038",
    "Urumqi, 87.6168, 43.8256",
    "Kunming, 102.8329, 24.8801",
  })
  void offsetInsideChinaIsAFewHundredMetres(String city, double lon, double lat) {
    double[] wgs = {lon, lat};
    double offset = metres(wgs, Gcj02.wgs84ToGcj02(lon, lat));
    assertTrue(offset > 100 && offset < 1000, city + " offset " + offset + " m");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Tokyo, 139.6917, 35.6895",
    "Paris, 2.3522, 48.8566",
    "Moscow, 37.6173, 55.7558",
    "Sydney, 151.2093, -33.8688",
  })
  void outsideChinaBothDirectionsAreTheIdentity(String city, double lon, double lat) {
    assertArrayEquals(new double[] {lon, lat}, Gcj02.wgs84ToGcj02(lon, lat), 0.0, city);
    assertArrayEquals(new double[] {lon, lat}, Gcj02.gcj02ToWgs84(lon, lat), 0.0, city);
  }

  /**
   * Known limit of the published algorithm: its rectangle is rough, so Seoul (and e.g. Hanoi,
   * Manila) lie inside it and are shifted, although no GCJ-02 applies there. Only declare GCJ-02
   * for data that really comes from a Chinese map service.
   */
  @Test
  void roughRectangleAlsoShiftsSeoul() {
    assertFalse(Gcj02.outsideChina(126.9780, 37.5665));
    double offset = metres(new double[] {126.9780, 37.5665}, Gcj02.wgs84ToGcj02(126.9780, 37.5665));
    assertTrue(offset > 100 && offset < 1000, "Seoul offset " + offset + " m");
  }

  @Test
  void outsideChinaRectangle() {
    assertFalse(Gcj02.outsideChina(116.4, 39.9));
    assertFalse(Gcj02.outsideChina(72.004, 0.8293)); // corners count as inside
    assertFalse(Gcj02.outsideChina(137.8347, 55.8271));
    assertTrue(Gcj02.outsideChina(72.003, 30.0));
    assertTrue(Gcj02.outsideChina(137.8348, 30.0));
    assertTrue(Gcj02.outsideChina(100.0, 0.8292));
    assertTrue(Gcj02.outsideChina(100.0, 55.8272));
    assertTrue(Gcj02.outsideChina(Double.NaN, 30.0));
  }

  @Test
  void geometryToWgs84ConvertsEveryCoordinateOfACopy() throws Exception {
    double[] a = Gcj02.wgs84ToGcj02(116.0, 39.0);
    double[] b = Gcj02.wgs84ToGcj02(117.0, 39.0);
    double[] c = Gcj02.wgs84ToGcj02(117.0, 40.0);
    String gcjWkt =
        String.format(
            "POLYGON ((%.12f %.12f, %.12f %.12f, %.12f %.12f, %.12f %.12f))",
            a[0], a[1], b[0], b[1], c[0], c[1], a[0], a[1]);
    Geometry gcj = new WKTReader().read(gcjWkt);
    String before = gcj.toText();

    Geometry wgs = Gcj02.toWgs84(gcj);

    assertGeometryEquals("POLYGON ((116 39, 117 39, 117 40, 116 39))", wgs, 1e-9);
    assertEquals(before, gcj.toText(), "input must not be modified");
  }

  @Test
  void geometryOutsideChinaIsUnchangedAndNullStaysNull() throws Exception {
    Geometry paris = new WKTReader().read("LINESTRING (2.35 48.85, 2.36 48.86)");
    assertGeometryEquals("LINESTRING (2.35 48.85, 2.36 48.86)", Gcj02.toWgs84(paris), 0.0);
    assertEquals(null, Gcj02.toWgs84(null));
  }
}
