package org.citycluster.geo;

import static org.citycluster.testing.GeometryAssert.assertGeometryEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.citycluster.geo.GeometryRepair.Result;
import org.citycluster.geo.GeometryRepair.Status;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

class GeometryRepairTest {

  private static Geometry wkt(String text) throws Exception {
    return new WKTReader().read(text);
  }

  private static Result check(String text) throws Exception {
    return GeometryRepair.check(wkt(text));
  }

  @Test
  void validMultiPolygonIsReturnedUnchanged() throws Exception {
    Geometry g = wkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), ((2 2, 3 2, 3 3, 2 3, 2 2)))");
    Result r = GeometryRepair.check(g);
    assertEquals(Status.VALID, r.status());
    assertSame(g, r.geometry());
    assertNull(r.problem());
  }

  @Test
  void bowTieBecomesTwoTriangles() throws Exception {
    Geometry input = wkt("POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))");
    String before = input.toText();
    Result r = GeometryRepair.check(input);
    assertEquals(Status.REPAIRED, r.status());
    assertEquals("Self-intersection at (1.0 1.0)", r.problem());
    assertGeometryEquals(
        "MULTIPOLYGON (((0 0, 0 2, 1 1, 0 0)), ((1 1, 2 2, 2 0, 1 1)))", r.geometry(), 1e-12);
    assertEquals(2.0, r.geometry().getArea(), 1e-12);
    assertEquals(before, input.toText(), "input must not be modified");
  }

  /** The ring touches itself at (2 4), enclosing an inverted hole; repair makes it a real hole. */
  @Test
  void selfTouchingRingBecomesPolygonWithHole() throws Exception {
    Result r = check("POLYGON ((0 0, 4 0, 4 4, 2 4, 3 2, 1 2, 2 4, 0 4, 0 0))");
    assertEquals(Status.REPAIRED, r.status());
    assertEquals("Ring Self-intersection at (2.0 4.0)", r.problem());
    assertGeometryEquals(
        "POLYGON ((0 0, 0 4, 2 4, 4 4, 4 0, 0 0), (2 4, 1 2, 3 2, 2 4))", r.geometry(), 1e-12);
    assertEquals(16.0 - 2.0, r.geometry().getArea(), 1e-12);
  }

  @Test
  void spikeIsRemoved() throws Exception {
    Result r = check("POLYGON ((0 0, 10 0, 10 10, 5 10, 5 20, 5 10, 0 10, 0 0))");
    assertEquals(Status.REPAIRED, r.status());
    assertEquals("Ring Self-intersection at (5.0 10.0)", r.problem());
    assertGeometryEquals("POLYGON ((0 0, 0 10, 5 10, 10 10, 10 0, 0 0))", r.geometry(), 1e-12);
  }

  @Test
  void polygonCollapsedToALineIsQuarantined() throws Exception {
    Result r = check("POLYGON ((0 0, 1 1, 2 2, 0 0))");
    assertEquals(Status.QUARANTINED, r.status());
    assertEquals("Self-intersection at (1.0 1.0); repair left no area", r.problem());
  }

  @Test
  void lineStringIsQuarantined() throws Exception {
    Result r = check("LINESTRING (0 0, 1 1)");
    assertEquals(Status.QUARANTINED, r.status());
    assertEquals("geometry is LineString, expected Polygon or MultiPolygon", r.problem());
    assertGeometryEquals("LINESTRING (0 0, 1 1)", r.geometry(), 0.0);
  }

  @Test
  void emptyCollectionIsQuarantined() throws Exception {
    Result r = check("GEOMETRYCOLLECTION EMPTY");
    assertEquals(Status.QUARANTINED, r.status());
    assertEquals(
        "geometry is an empty GeometryCollection, expected a non-empty Polygon or MultiPolygon",
        r.problem());
  }

  @Test
  void nullIsQuarantined() {
    Result r = GeometryRepair.check(null);
    assertEquals(Status.QUARANTINED, r.status());
    assertNull(r.geometry());
    assertEquals("geometry is null, expected Polygon or MultiPolygon", r.problem());
  }

  @Test
  void collectionWithoutPolygonsIsQuarantined() throws Exception {
    Result r = check("GEOMETRYCOLLECTION (POINT (0 0), LINESTRING (0 0, 1 1))");
    assertEquals(Status.QUARANTINED, r.status());
    assertEquals(
        "geometry is GeometryCollection without polygons, expected Polygon or MultiPolygon",
        r.problem());
  }

  @Test
  void collectionKeepsItsPolygons() throws Exception {
    Result r =
        check(
            "GEOMETRYCOLLECTION (POINT (0 0), LINESTRING (0 0, 1 1),"
                + " POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0)))");
    assertEquals(Status.REPAIRED, r.status());
    assertEquals(
        "geometry is GeometryCollection; kept its 1 polygon(s), dropped 2 non-polygonal part(s)",
        r.problem());
    assertGeometryEquals("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))", r.geometry(), 0.0);
  }

  @Test
  void overlappingPolygonsOfACollectionAreMerged() throws Exception {
    Result r =
        check(
            "GEOMETRYCOLLECTION (POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0)),"
                + " POLYGON ((1 0, 3 0, 3 2, 1 2, 1 0)))");
    assertEquals(Status.REPAIRED, r.status());
    assertTrue(r.problem().startsWith("geometry is GeometryCollection; kept its 2 polygon(s); "));
    assertEquals(6.0, r.geometry().getArea(), 1e-12);
    assertTrue(r.geometry().isValid());
  }

  @Test
  void swappedBeijingEnvelopeIsDetected() {
    Envelope beijing = new Envelope(115.4, 117.5, 39.4, 41.1); // (minLon, maxLon, minLat, maxLat)
    Envelope swapped = new Envelope(39.4, 41.1, 115.4, 117.5);
    assertFalse(GeometryRepair.looksLikeSwappedLonLat(beijing));
    assertTrue(GeometryRepair.looksLikeSwappedLonLat(swapped));
  }

  @Test
  void swapDetectionIgnoresDataElsewhereAndEmptyEnvelopes() {
    assertFalse(GeometryRepair.looksLikeSwappedLonLat(new Envelope(2.2, 2.5, 48.8, 48.9))); // Paris
    assertFalse(GeometryRepair.looksLikeSwappedLonLat(new Envelope()));
    assertFalse(GeometryRepair.looksLikeSwappedLonLat(null));
    // a lat/lon box of Sanya: swapped it fits, and as (lon, lat) it does not
    assertTrue(GeometryRepair.looksLikeSwappedLonLat(new Envelope(18.2, 18.4, 109.4, 109.7)));
  }

  @Test
  void sanitiseDropsTheEmptyPartOfAMultiPolygon() throws Exception {
    Result r = GeometryRepair.sanitize(wkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), EMPTY)"));
    assertEquals(Status.REPAIRED, r.status());
    assertGeometryEquals("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)))", r.geometry(), 0);
    assertEquals("MultiPolygon: dropped 1 empty part(s)", r.problem());
  }

  @Test
  void sanitiseDropsEmptyHolesAndLeavesSoundGeometriesAlone() throws Exception {
    org.locationtech.jts.geom.GeometryFactory f = new org.locationtech.jts.geom.GeometryFactory();
    org.locationtech.jts.geom.Polygon square =
        (org.locationtech.jts.geom.Polygon) wkt("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))");
    Geometry withEmptyHole =
        f.createPolygon(
            square.getExteriorRing(),
            new org.locationtech.jts.geom.LinearRing[] {f.createLinearRing()});
    Result r = GeometryRepair.sanitize(withEmptyHole);
    assertEquals(Status.REPAIRED, r.status());
    assertEquals("Polygon: dropped 1 empty hole(s)", r.problem());
    assertEquals(0, ((org.locationtech.jts.geom.Polygon) r.geometry()).getNumInteriorRing());
    assertSame(square, GeometryRepair.sanitize(square).geometry());
    assertEquals(Status.VALID, GeometryRepair.sanitize(square).status());
    assertEquals(Status.VALID, GeometryRepair.sanitize(null).status());
  }

  @Test
  void sanitiseQuarantinesNaNAndAllEmptyGeometries() throws Exception {
    org.locationtech.jts.geom.GeometryFactory f = new org.locationtech.jts.geom.GeometryFactory();
    Geometry nan =
        f.createPolygon(
            new org.locationtech.jts.geom.Coordinate[] {
              new org.locationtech.jts.geom.Coordinate(0, 0),
              new org.locationtech.jts.geom.Coordinate(Double.NaN, 0),
              new org.locationtech.jts.geom.Coordinate(1, 1),
              new org.locationtech.jts.geom.Coordinate(0, 0)
            });
    Result r = GeometryRepair.sanitize(nan);
    assertEquals(Status.QUARANTINED, r.status());
    assertNull(r.geometry());
    assertEquals("coordinate (NaN 0.0) is not a finite number", r.problem());
    Result empty = GeometryRepair.sanitize(wkt("MULTIPOLYGON (EMPTY, EMPTY)"));
    assertEquals(Status.QUARANTINED, empty.status());
    assertEquals("MultiPolygon has only empty parts (2 empty part(s))", empty.problem());
  }

  @Test
  void lonLatRangeIsChecked() {
    assertNull(GeometryRepair.outsideLonLatRange(new Envelope(73, 136, 3, 54)));
    assertTrue(
        GeometryRepair.outsideLonLatRange(new Envelope(400000, 500000, 3000000, 3100000))
            .startsWith("coordinates out of range for longitude/latitude degrees"));
  }
}
