package org.citycluster.adjacency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.citycluster.geo.GeodesicMeasures;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

class BoundaryGapTest {

  static final Geometry A = Wkt.geometry("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))");

  @Test
  void touchingUnitsHaveNoGap() {
    assertEquals(0, BoundaryGap.gapKm(A, Wkt.geometry("POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))")));
    assertEquals(0, BoundaryGap.gapKm(A, Wkt.geometry("POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1))")));
  }

  @Test
  void gapIsTheGeodesicLengthBetweenTheNearestPoints() {
    Geometry east = Wkt.geometry("POLYGON ((1.5 0.2, 2 0.2, 2 0.4, 1.5 0.4, 1.5 0.2))");
    // nearest points lie on x = 1 and x = 1.5 at any latitude in [0.2, 0.4]
    double km = BoundaryGap.gapKm(A, east);
    assertEquals(GeodesicMeasures.distanceKm(1, 0.3, 1.5, 0.3), km, 0.01);
    assertEquals(55.66, km, 0.05);
    Geometry north = Wkt.geometry("POLYGON ((0 31.5, 1 31.5, 1 32, 0 32, 0 31.5))");
    Geometry south = Wkt.geometry("POLYGON ((0 30, 1 30, 1 31, 0 31, 0 30))");
    assertEquals(
        GeodesicMeasures.distanceKm(0.5, 31, 0.5, 31.5), BoundaryGap.gapKm(south, north), 1e-6);
  }

  @Test
  void toleranceClosesSmallGapsAndEmptyIsRejected() {
    Geometry near = Wkt.geometry("POLYGON ((1.0000005 0, 2 0, 2 1, 1.0000005 1, 1.0000005 0))");
    assertEquals(0.0556, BoundaryGap.gapKm(A, near) * 1000, 0.001); // metres
    assertEquals(0, BoundaryGap.gapKm(A, near, 1e-6));
    assertThrows(
        IllegalArgumentException.class, () -> BoundaryGap.gapKm(A, Wkt.geometry("POLYGON EMPTY")));
  }
}
