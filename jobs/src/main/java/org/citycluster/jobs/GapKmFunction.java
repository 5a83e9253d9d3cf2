package org.citycluster.jobs;

import java.util.Map;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.api.java.UDF2;
import org.citycluster.adjacency.GapIndex;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * {@code gap_km} of a pair of units by their adcodes (km, WGS84 geodesic; see {@link GapIndex}).
 * The geometries come from a broadcast map of WKB; each Spark task deserialises this function
 * afresh and builds its own {@link GapIndex} on first use, so a unit's facet tree is built once per
 * task, not twice per pair as a UDF over two geometry columns would.
 */
final class GapKmFunction implements UDF2<String, String, Double> {

  private final Broadcast<Map<String, byte[]>> wkbByAdcode;
  private final double toleranceDeg;
  private transient GapIndex index;

  GapKmFunction(Broadcast<Map<String, byte[]>> wkbByAdcode, double toleranceDeg) {
    this.wkbByAdcode = wkbByAdcode;
    this.toleranceDeg = toleranceDeg;
  }

  @Override
  public Double call(String adcodeA, String adcodeB) {
    if (index == null) {
      Map<String, byte[]> wkb = wkbByAdcode.value();
      WKBReader reader = new WKBReader();
      index = new GapIndex(id -> read(reader, id, wkb.get(id)), toleranceDeg);
    }
    return index.gapKm(adcodeA, adcodeB);
  }

  private static Geometry read(WKBReader reader, String adcode, byte[] wkb) {
    if (wkb == null) {
      return null;
    }
    try {
      return reader.read(wkb);
    } catch (ParseException e) {
      throw new IllegalStateException("unreadable geometry of unit " + adcode, e);
    }
  }
}
