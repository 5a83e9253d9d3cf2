package org.citycluster.geo;

import static org.citycluster.testing.GeometryAssert.assertGeometryEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

class SourceCrsTest {

  private static Geometry wkt(String text) throws Exception {
    return new WKTReader().read(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"EPSG:4326", "EPSG:4490", "epsg:4326", " EPSG:4490 "})
  void wgs84AndCgcs2000AreTheIdentity(String declared) throws Exception {
    Geometry g = wkt("POLYGON ((116 39, 117 39, 117 40, 116 39))");
    SourceCrs crs = SourceCrs.parse(declared);
    assertSame(g, crs.toWgs84(g));
    assertEquals(declared, crs.declared());
  }

  @ParameterizedTest
  @ValueSource(strings = {"GCJ-02", "gcj-02", "GCJ02", "gcj02"})
  void gcj02DelegatesToGcj02(String declared) throws Exception {
    double[] gcj = Gcj02.wgs84ToGcj02(121.4737, 31.2304);
    Geometry point = wkt(String.format("POINT (%.12f %.12f)", gcj[0], gcj[1]));
    assertGeometryEquals(
        "POINT (121.4737 31.2304)", SourceCrs.parse(declared).toWgs84(point), 1e-9);
    assertEquals(SourceCrs.parse("GCJ-02"), SourceCrs.parse(declared));
  }

  /** Expected value from the spherical Web Mercator inverse: lon = x/R, lat = atan(sinh(y/R)). */
  @Test
  void webMercatorToWgs84() throws Exception {
    Geometry g = wkt("POINT (12958175.0 4825923.77)");
    Geometry wgs = SourceCrs.parse("EPSG:3857").toWgs84(g);
    assertGeometryEquals("POINT (116.4052666 39.7240578)", wgs, 1e-7);
  }

  /**
   * Expected value: Tiananmen (116.397 E, 39.909 N) projected to UTM 50N with the Krüger n-series
   * to order n^4 (sub-millimetre), computed independently of GeoTools: E 448459.6697, N
   * 4417831.1946. Also the zone's origin on the central meridian 117 E.
   */
  @Test
  void utm50nToWgs84() throws Exception {
    SourceCrs utm = SourceCrs.parse("EPSG:32650");
    assertGeometryEquals(
        "POINT (116.397 39.909)", utm.toWgs84(wkt("POINT (448459.6697 4417831.1946)")), 1e-8);
    assertGeometryEquals("POINT (117 0)", utm.toWgs84(wkt("POINT (500000 0)")), 1e-9);
  }

  @Test
  void cgcs2000GaussKrugerZoneIsAccepted() throws Exception {
    // EPSG:4547 CGCS2000 / 3-degree Gauss-Kruger CM 114E: false easting 500 km on 114 E
    Geometry wgs = SourceCrs.parse("EPSG:4547").toWgs84(wkt("POINT (500000 0)"));
    assertGeometryEquals("POINT (114 0)", wgs, 1e-9);
  }

  @Test
  void polygonIsTransformedVertexByVertex() throws Exception {
    Geometry g = wkt("POLYGON ((500000 0, 448459.6697 4417831.1946, 400000 0, 500000 0))");
    Geometry wgs = SourceCrs.parse("EPSG:32650").toWgs84(g);
    assertEquals(4, wgs.getNumPoints());
    assertGeometryEquals(
        "POINT (116.397 39.909)", wgs.getFactory().createPoint(wgs.getCoordinates()[1]), 1e-8);
    assertGeometryEquals(
        "POINT (117 0)", wgs.getFactory().createPoint(wgs.getCoordinates()[0]), 1e-9);
  }

  @Test
  void unknownEpsgCodeIsAClearError() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SourceCrs.parse("EPSG:999999"));
    assertTrue(e.getMessage().contains("'EPSG:999999'"), e.getMessage());
    assertTrue(e.getMessage().contains("no such code"), e.getMessage());
    assertTrue(e.getMessage().contains(SourceCrs.ACCEPTED_FORMS), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"WGS-84ish", "", "EPSG:", "EPSG:abc", "4326", "BD-09"})
  void unknownSyntaxIsAClearError(String declared) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SourceCrs.parse(declared));
    assertEquals(
        "unknown source CRS '" + declared + "'; expected " + SourceCrs.ACCEPTED_FORMS,
        e.getMessage());
  }

  @Test
  void nullAndNonHorizontalCrsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> SourceCrs.parse(null));
    // NAVD88 height: a vertical CRS has no transformation to lon/lat
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SourceCrs.parse("EPSG:5703"));
    assertTrue(e.getMessage().startsWith("unusable source CRS 'EPSG:5703'"), e.getMessage());
  }

  @Test
  void nullGeometryGivesNull() {
    assertNull(SourceCrs.parse("EPSG:3857").toWgs84(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"EPSG:32650", "GCJ-02", "EPSG:4326"})
  void survivesJavaSerialisation(String declared) throws Exception {
    SourceCrs original = SourceCrs.parse(declared);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(original);
    }
    SourceCrs copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (SourceCrs) in.readObject();
    }
    assertEquals(original, copy);
    assertEquals(declared, copy.declared());
    Geometry g = wkt("POINT (448459.6697 4417831.1946)");
    assertGeometryEquals(original.toWgs84(g).toText(), copy.toWgs84(g), 1e-12);
  }
}
