package org.citycluster.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKTReader;

class SvgTest {

  @Test
  void polygonWithHoleBecomesTwoClosedRingsInProjectedPixels() throws Exception {
    var g =
        new WKTReader()
            .read(
                "POLYGON ((100 30, 110 30, 110 40, 100 40, 100 30), (104 34, 106 34, 106 36,"
                    + " 104 36, 104 34))");
    String d = Svg.path(g, 0);
    assertEquals(2, d.chars().filter(c -> c == 'M').count(), d);
    assertEquals(2, d.chars().filter(c -> c == 'Z').count(), d);
    // lon 100 -> (100 - 73) * cos(35°) * 11 px; lat 30 -> (54 - 30) * 11 px
    assertTrue(d.startsWith("M" + Svg.num((100 - 73) * Svg.COS_LAT0 * 11) + ",264L"), d);
  }

  @Test
  void emptyAndNonPolygonalGeometriesDrawNothing() throws Exception {
    assertEquals("", Svg.path(null, 0));
    assertEquals("", Svg.path(new WKTReader().read("POINT (100 30)"), 0));
    assertEquals("", Svg.path(new WKTReader().read("POLYGON EMPTY"), 0.1));
  }

  @Test
  void rampEndsAndClamping() {
    assertEquals("#440154", Svg.colour(0));
    assertEquals("#fde725", Svg.colour(1));
    assertEquals("#fde725", Svg.colour(7));
    assertEquals("#440154", Svg.colour(Double.NaN));
  }

  @Test
  void formatsNumbers() {
    assertEquals("12", Svg.num(12.04));
    assertEquals("12.1", Svg.num(12.06));
    assertEquals("1,234", Page.fmt(1234.4));
    assertEquals("2.5 bn", Page.fmt(2.5e9));
    assertEquals("0.276", Page.fmt(0.27631));
    assertEquals("1,500", Page.fmt(1500L));
  }
}
