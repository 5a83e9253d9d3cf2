package org.citycluster.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GeoJsonGeometryTest {

  private static final String SQUARE = "[[[120,31],[121,31],[121,32],[120,32],[120,31]]]";

  @Test
  void polygonIsReadAsItIs() {
    GeoJsonGeometry.Parsed p =
        GeoJsonGeometry.parse("{\"type\":\"Polygon\",\"coordinates\":" + SQUARE + "}");
    assertEquals("POLYGON ((120 31, 121 31, 121 32, 120 32, 120 31))", p.geometry().toText());
    assertEquals(4326, p.geometry().getSRID());
    assertEquals(List.of(), p.repairs());
    assertNull(p.error());
  }

  @Test
  void emptyPartOfAMultiPolygonIsKeptEmptyForSanitising() {
    GeoJsonGeometry.Parsed p =
        GeoJsonGeometry.parse("{\"type\":\"MultiPolygon\",\"coordinates\":[" + SQUARE + ",[]]}");
    assertEquals(2, p.geometry().getNumGeometries());
    assertTrue(p.geometry().getGeometryN(1).isEmpty());
    assertEquals(List.of(), p.repairs());
  }

  @Test
  void emptyAndDegenerateHolesAreLeftOutAndOpenRingsClosed() {
    GeoJsonGeometry.Parsed p =
        GeoJsonGeometry.parse(
            "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[4,0],[4,4],[0,4]],[],"
                + "[[1,1],[2,1],[1,1]]]}");
    assertEquals("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))", p.geometry().toText());
    assertEquals(
        List.of(
            "polygon shell: ring was not closed; closed it",
            "polygon hole 1: empty ring left out",
            "polygon hole 2: ring of 3 positions (fewer than 4) left out"),
        p.repairs());
  }

  @Test
  void unreadableGeometriesGiveAnErrorNotAnException() {
    assertEquals(
        "malformed position [\"120\",31] (expected [x, y])",
        GeoJsonGeometry.parse("{\"type\":\"Point\",\"coordinates\":[\"120\",31]}").error());
    assertEquals(
        "unsupported geometry type 'Circle'",
        GeoJsonGeometry.parse("{\"type\":\"Circle\",\"coordinates\":[1,2]}").error());
    assertTrue(GeoJsonGeometry.parse("{\"type\":\"Polygon\",").error().startsWith("malformed"));
    GeoJsonGeometry.Parsed none = GeoJsonGeometry.parse(null);
    assertNull(none.geometry());
    assertNull(none.error());
  }

  @Test
  void nanCoordinatesAreReadForTheChecksToReject() {
    GeoJsonGeometry.Parsed p =
        GeoJsonGeometry.parse("{\"type\":\"Point\",\"coordinates\":[NaN,31]}");
    assertNull(p.error());
    assertTrue(Double.isNaN(p.geometry().getCoordinate().x));
  }
}
