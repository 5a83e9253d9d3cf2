package org.citycluster.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes a tiny ESRI shapefile (.shp, .shx, .dbf and optionally .cpg) of single-ring polygons with
 * character attributes in a chosen encoding: enough to test readers on GBK text without GeoTools'
 * shapefile module (which geotools-wrapper does not ship). Follows the ESRI Shapefile Technical
 * Description (1998) and dBASE III.
 */
public final class ShapefileFixture {

  /** One feature: its attributes (column -> text) and its polygon (outer ring only). */
  public record Feature(Map<String, String> attributes, Polygon polygon) {}

  private ShapefileFixture() {}

  /**
   * @param columns the character columns, in order, each {@code name:width}
   * @param cpg the .cpg content, or null to write no .cpg file
   */
  public static Path write(
      Path dir,
      String baseName,
      List<String> columns,
      List<Feature> features,
      Charset charset,
      String cpg)
      throws IOException {
    Envelope all = new Envelope();
    features.forEach(f -> all.expandToInclude(f.polygon().getEnvelopeInternal()));
    int shpLength = 100;
    int[] contentLengths = new int[features.size()];
    for (int i = 0; i < features.size(); i++) {
      int points = features.get(i).polygon().getExteriorRing().getNumPoints();
      contentLengths[i] = 4 + 32 + 4 + 4 + 4 + 16 * points;
      shpLength += 8 + contentLengths[i];
    }
    ByteBuffer shp = ByteBuffer.allocate(shpLength);
    ByteBuffer shx = ByteBuffer.allocate(100 + 8 * features.size());
    header(shp, shpLength, all);
    header(shx, 100 + 8 * features.size(), all);
    for (int i = 0; i < features.size(); i++) {
      Polygon p = features.get(i).polygon();
      shx.order(ByteOrder.BIG_ENDIAN).putInt(shp.position() / 2).putInt(contentLengths[i] / 2);
      shp.order(ByteOrder.BIG_ENDIAN).putInt(i + 1).putInt(contentLengths[i] / 2);
      shp.order(ByteOrder.LITTLE_ENDIAN).putInt(5);
      Envelope e = p.getEnvelopeInternal();
      shp.putDouble(e.getMinX())
          .putDouble(e.getMinY())
          .putDouble(e.getMaxX())
          .putDouble(e.getMaxY());
      Coordinate[] ring = p.getExteriorRing().getCoordinates();
      if (!org.locationtech.jts.algorithm.Orientation.isCCW(ring)) {
        ring = ring.clone();
      } else {
        ring = reversed(ring); // shapefile outer rings run clockwise
      }
      shp.putInt(1).putInt(ring.length).putInt(0);
      for (Coordinate c : ring) {
        shp.putDouble(c.x).putDouble(c.y);
      }
    }
    Path shpPath = dir.resolve(baseName + ".shp");
    Files.write(shpPath, shp.array());
    Files.write(dir.resolve(baseName + ".shx"), shx.array());
    Files.write(dir.resolve(baseName + ".dbf"), dbf(columns, features, charset));
    if (cpg != null) {
      Files.writeString(dir.resolve(baseName + ".cpg"), cpg);
    }
    return shpPath;
  }

  private static Coordinate[] reversed(Coordinate[] ring) {
    Coordinate[] r = new Coordinate[ring.length];
    for (int i = 0; i < ring.length; i++) {
      r[i] = ring[ring.length - 1 - i];
    }
    return r;
  }

  private static void header(ByteBuffer b, int lengthBytes, Envelope e) {
    b.order(ByteOrder.BIG_ENDIAN).putInt(9994);
    for (int i = 0; i < 5; i++) {
      b.putInt(0);
    }
    b.putInt(lengthBytes / 2);
    b.order(ByteOrder.LITTLE_ENDIAN).putInt(1000).putInt(5);
    b.putDouble(e.getMinX()).putDouble(e.getMinY()).putDouble(e.getMaxX()).putDouble(e.getMaxY());
    b.putDouble(0).putDouble(0).putDouble(0).putDouble(0);
  }

  private static byte[] dbf(List<String> columns, List<Feature> features, Charset charset) {
    int recordLength = 1;
    for (String c : columns) {
      recordLength += Integer.parseInt(c.split(":")[1]);
    }
    int headerLength = 32 + 32 * columns.size() + 1;
    ByteBuffer b =
        ByteBuffer.allocate(headerLength + recordLength * features.size() + 1)
            .order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 3).put((byte) 124).put((byte) 1).put((byte) 1);
    b.putInt(features.size()).putShort((short) headerLength).putShort((short) recordLength);
    b.put(new byte[20]);
    for (String c : columns) {
      String[] nw = c.split(":");
      byte[] name = new byte[11];
      byte[] raw = nw[0].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      System.arraycopy(raw, 0, name, 0, raw.length);
      b.put(name).put((byte) 'C').put(new byte[4]);
      b.put((byte) Integer.parseInt(nw[1])).put((byte) 0).put(new byte[14]);
    }
    b.put((byte) 0x0D);
    for (Feature f : features) {
      b.put((byte) ' ');
      for (String c : columns) {
        String[] nw = c.split(":");
        int width = Integer.parseInt(nw[1]);
        byte[] value = f.attributes().getOrDefault(nw[0], "").getBytes(charset);
        byte[] field = new byte[width];
        java.util.Arrays.fill(field, (byte) ' ');
        System.arraycopy(value, 0, field, 0, Math.min(width, value.length));
        b.put(field);
      }
    }
    b.put((byte) 0x1A);
    return b.array();
  }
}
