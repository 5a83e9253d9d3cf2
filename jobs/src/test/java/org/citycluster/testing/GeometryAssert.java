package org.citycluster.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Geometry assertions for tests, in the style of Apache Sedona's {@code
 * TestBase.assertGeometryEquals}: both sides are normalised (ring start and orientation, part
 * order) and then compared with {@link Geometry#equalsExact(Geometry, double)}, so the comparison
 * is coordinate by coordinate in the geometry's own units, not topological.
 */
public final class GeometryAssert {

  private GeometryAssert() {}

  /**
   * Fails unless {@code actual} equals the geometry in {@code expectedWkt} after normalisation,
   * every coordinate within {@code tolerance} (same units as the coordinates). The failure message
   * shows both normalised WKTs.
   */
  public static void assertGeometryEquals(String expectedWkt, Geometry actual, double tolerance) {
    Geometry expected;
    try {
      expected = new WKTReader().read(expectedWkt);
    } catch (ParseException e) {
      throw new IllegalArgumentException("bad expected WKT: " + expectedWkt, e);
    }
    if (actual == null) {
      fail("expected " + expected.norm() + " but was null");
    }
    Geometry expectedNorm = expected.norm();
    Geometry actualNorm = actual.norm();
    if (!expectedNorm.equalsExact(actualNorm, tolerance)) {
      fail(
          "geometries differ (tolerance "
              + tolerance
              + ")\n  expected: "
              + expectedNorm
              + "\n  actual:   "
              + actualNorm);
    }
  }
}
