package org.citycluster.adjacency;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/** Test helper: units from (id, WKT) pairs. */
final class Wkt {

  private Wkt() {}

  static Geometry geometry(String wkt) {
    try {
      return new WKTReader().read(wkt);
    } catch (ParseException e) {
      throw new IllegalArgumentException(wkt, e);
    }
  }

  /** Units from alternating id and WKT strings. */
  static List<Unit> units(String... idAndWkt) {
    List<Unit> units = new ArrayList<>();
    for (int i = 0; i < idAndWkt.length; i += 2) {
      units.add(new Unit(idAndWkt[i], geometry(idAndWkt[i + 1])));
    }
    return units;
  }
}
