package org.citycluster.geo;

import static org.citycluster.testing.GeometryAssert.assertGeometryEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

class RegionUnionTest {

  private static List<Geometry> wkts(String... texts) throws Exception {
    WKTReader reader = new WKTReader();
    List<Geometry> out = new ArrayList<>();
    for (String t : texts) {
      out.add(t == null ? null : reader.read(t));
    }
    return out;
  }

  @Test
  void neighboursSharingAnEdgeAreUnionedAsACoverage() throws Exception {
    RegionUnion.Result r =
        RegionUnion.compute(
            wkts(
                "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))",
                "POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))",
                "POLYGON ((0 1, 1 1, 2 1, 2 2, 0 2, 0 1))"));
    assertTrue(r.byCoverage());
    assertGeometryEquals("POLYGON ((0 0, 0 1, 0 2, 2 2, 2 1, 2 0, 1 0, 0 0))", r.geometry(), 0);
  }

  @Test
  void anEnclaveFillsItsNeighboursHole() throws Exception {
    RegionUnion.Result r =
        RegionUnion.compute(
            wkts(
                "POLYGON ((0 0, 3 0, 3 3, 0 3, 0 0), (1 1, 1 2, 2 2, 2 1, 1 1))",
                "POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1))",
                "POLYGON ((5 5, 6 5, 6 6, 5 6, 5 5))"));
    assertTrue(r.byCoverage());
    assertGeometryEquals(
        "MULTIPOLYGON (((0 0, 0 3, 3 3, 3 0, 0 0)), ((5 5, 5 6, 6 6, 6 5, 5 5)))", r.geometry(), 0);
  }

  @Test
  void overlappingMembersFallBackToTheFullOverlay() throws Exception {
    List<Geometry> members =
        wkts("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))", "POLYGON ((1 1, 3 1, 3 3, 1 3, 1 1))");
    RegionUnion.Result r = RegionUnion.compute(members);
    assertFalse(r.byCoverage());
    assertEquals(7.0, r.geometry().getArea(), 1e-12);
    assertTrue(r.geometry().equalsTopo(OverlayNGRobust.union(members)));
  }

  @Test
  void bordersWhoseVerticesDoNotMatchFallBackToTheFullOverlay() throws Exception {
    // the right square has a vertex (1 0.5) on the shared border that the left one lacks
    List<Geometry> members =
        wkts("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))", "POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0.5, 1 0))");
    RegionUnion.Result r = RegionUnion.compute(members);
    assertFalse(r.byCoverage());
    assertTrue(r.geometry().isValid());
    assertEquals(2.0, r.geometry().getArea(), 1e-12);
    assertGeometryEquals("POLYGON ((0 0, 0 1, 1 1, 2 1, 2 0, 1 0, 0 0))", r.geometry(), 0);
  }

  @Test
  void nullsAndEmptiesAreSkipped() throws Exception {
    assertNull(RegionUnion.union(wkts(null, "POLYGON EMPTY")));
    assertGeometryEquals(
        "POLYGON ((0 0, 0 1, 1 1, 1 0, 0 0))",
        RegionUnion.union(wkts(null, "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))", "POLYGON EMPTY")),
        0);
    assertNull(RegionUnion.union(Arrays.asList()));
  }
}
