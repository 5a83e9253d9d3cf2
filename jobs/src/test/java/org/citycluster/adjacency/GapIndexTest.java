package org.citycluster.adjacency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.distance.FacetSequence;
import org.locationtech.jts.util.GeometricShapeFactory;

class GapIndexTest {

  private static final double TOL = 1e-6;

  @Test
  void wktCasesMatchTheOneShotGap() {
    Map<String, Geometry> units = new LinkedHashMap<>();
    units.put("a", Wkt.geometry("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"));
    units.put("touch", Wkt.geometry("POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))"));
    units.put("east", Wkt.geometry("POLYGON ((1.5 0.2, 2 0.2, 2 0.4, 1.5 0.4, 1.5 0.2))"));
    units.put("near", Wkt.geometry("POLYGON ((1.0000005 0, 2 0, 2 1, 1.0000005 1, 1.0000005 0))"));
    units.put(
        "hole",
        Wkt.geometry(
            "POLYGON ((-1 -1, 3 -1, 3 3, -1 3, -1 -1), (-0.5 -0.5, 2.5 -0.5, 2.5 2.5, -0.5 2.5,"
                + " -0.5 -0.5))"));
    units.put("inside", Wkt.geometry("POLYGON ((0.2 0.2, 0.4 0.2, 0.4 0.4, 0.2 0.2))"));
    units.put(
        "multi",
        Wkt.geometry(
            "MULTIPOLYGON (((5 5, 6 5, 6 6, 5 5)), ((1.2 -0.5, 1.4 -0.5, 1.4 -0.3, 1.2 -0.5)))"));
    GapIndex index = new GapIndex(units::get, TOL);
    for (String a : units.keySet()) {
      for (String b : units.keySet()) {
        if (!a.equals(b)) {
          assertEquals(
              BoundaryGap.gapKmIndexed(units.get(a), units.get(b), TOL),
              index.gapKm(a, b),
              1e-9,
              a + " / " + b);
        }
      }
    }
    assertEquals(0, index.gapKm("a", "touch"));
    assertEquals(0, index.gapKm("a", "near"));
    assertEquals(0, index.gapKm("a", "inside"));
    assertEquals(55.66, index.gapKm("a", "east"), 0.05);
  }

  @Test
  void facetDistanceIsJtsFacetDistanceSquared() {
    Random random = new Random(11);
    GeometryFactory factory = new GeometryFactory();
    for (int k = 0; k < 2000; k++) {
      // two short polylines (or points) on either side of x = 0, so they never cross
      FacetSequence left = facets(factory, random, -3, 1 + random.nextInt(6));
      FacetSequence right = facets(factory, random, 0.001, 1 + random.nextInt(6));
      double jts = left.distance(right);
      assertEquals(jts * jts, GapIndex.squaredDistance(left, right), 1e-12 * (1 + jts * jts));
      assertEquals(jts * jts, GapIndex.squaredDistance(right, left), 1e-12 * (1 + jts * jts));
    }
  }

  private static FacetSequence facets(GeometryFactory factory, Random random, double x0, int n) {
    Coordinate[] pts = new Coordinate[n];
    for (int i = 0; i < n; i++) {
      pts[i] = new Coordinate(x0 + random.nextDouble() * 2.999, random.nextDouble() * 3);
    }
    return new FacetSequence(factory.getCoordinateSequenceFactory().create(pts), 0, n);
  }

  @Test
  void randomPolygonsMatchTheExactDistance() {
    Random random = new Random(7);
    GeometryFactory factory = new GeometryFactory();
    Map<String, Geometry> units = new LinkedHashMap<>();
    for (int i = 0; i < 30; i++) {
      GeometricShapeFactory shapes = new GeometricShapeFactory(factory);
      shapes.setCentre(new Coordinate(100 + random.nextDouble() * 5, 30 + random.nextDouble() * 5));
      shapes.setSize(0.2 + random.nextDouble());
      shapes.setNumPoints(20 + random.nextInt(200));
      units.put("u" + i, shapes.createEllipse());
    }
    GapIndex index = new GapIndex(units::get, TOL);
    for (String a : units.keySet()) {
      for (String b : units.keySet()) {
        if (a.compareTo(b) < 0) {
          // the exact (all segment pairs) gap is independent of the trees
          assertEquals(
              BoundaryGap.gapKm(units.get(a), units.get(b), TOL),
              index.gapKm(a, b),
              1e-6,
              a + " / " + b);
        }
      }
    }
  }

  @Test
  void unknownOrEmptyUnitsAreRejected() {
    Map<String, Geometry> units =
        Map.of(
            "a", Wkt.geometry("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"),
            "empty", Wkt.geometry("POLYGON EMPTY"));
    GapIndex index = new GapIndex(units::get, TOL);
    assertThrows(IllegalArgumentException.class, () -> index.gapKm("a", "missing"));
    assertThrows(IllegalArgumentException.class, () -> index.gapKm("a", "empty"));
  }
}
