package org.citycluster.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a real .shp (as ogr2ogr wrote it), to corrupt one of them at byte level and write
 * the .shp and .shx back with consistent offsets and lengths — the ESRI Shapefile Technical
 * Description (1998): a 100-byte header, then per record an 8-byte big-endian header (number,
 * content length in 16-bit words) and the little-endian content (shape type first).
 */
public final class ShapefileRecords {

  private final byte[] header;
  private final List<byte[]> contents;

  private ShapefileRecords(byte[] header, List<byte[]> contents) {
    this.header = header;
    this.contents = contents;
  }

  /** Reads {@code shp} by its record headers. */
  public static ShapefileRecords read(Path shp) throws IOException {
    byte[] all = Files.readAllBytes(shp);
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.BIG_ENDIAN);
    List<byte[]> contents = new ArrayList<>();
    int pos = 100;
    while (pos + 8 <= all.length) {
      int bytes = 2 * b.getInt(pos + 4);
      byte[] c = new byte[bytes];
      System.arraycopy(all, pos + 8, c, 0, bytes);
      contents.add(c);
      pos += 8 + bytes;
    }
    return new ShapefileRecords(java.util.Arrays.copyOf(all, 100), contents);
  }

  public int size() {
    return contents.size();
  }

  /** Record {@code i}'s content (shape type first), little-endian, to change in place. */
  public ByteBuffer content(int i) {
    return ByteBuffer.wrap(contents.get(i)).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Replaces record {@code i}'s content. */
  public void replace(int i, byte[] content) {
    contents.set(i, content);
  }

  /** The number of parts and points of Polygon record {@code i}. */
  public int[] partsAndPoints(int i) {
    ByteBuffer c = content(i);
    return new int[] {c.getInt(36), c.getInt(40)};
  }

  /**
   * Record {@code i} with one more part, empty, in front of its first (offsets shifted by none).
   */
  public void addEmptyPart(int i) {
    ByteBuffer c = content(i);
    int parts = c.getInt(36);
    byte[] old = contents.get(i);
    ByteBuffer out = ByteBuffer.allocate(old.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    out.put(old, 0, 36);
    out.putInt(parts + 1).putInt(c.getInt(40));
    out.putInt(0); // the empty part: points 0..0
    out.put(old, 44, old.length - 44); // the old offsets (first is 0) and the points
    contents.set(i, out.array());
  }

  /** Writes {@code shp} and its {@code .shx} beside it. */
  public void write(Path shp) throws IOException {
    int length = 100;
    for (byte[] c : contents) {
      length += 8 + c.length;
    }
    ByteBuffer out = ByteBuffer.allocate(length);
    out.put(header);
    out.order(ByteOrder.BIG_ENDIAN).putInt(24, length / 2);
    ByteBuffer index = ByteBuffer.allocate(100 + 8 * contents.size());
    index.put(header);
    index.order(ByteOrder.BIG_ENDIAN).putInt(24, (100 + 8 * contents.size()) / 2);
    for (int i = 0; i < contents.size(); i++) {
      byte[] c = contents.get(i);
      index.putInt(out.position() / 2).putInt(c.length / 2);
      out.putInt(i + 1).putInt(c.length / 2).put(c);
    }
    Files.write(shp, out.array());
    String name = shp.getFileName().toString();
    Files.write(shp.resolveSibling(name.substring(0, name.length() - 4) + ".shx"), index.array());
  }
}
