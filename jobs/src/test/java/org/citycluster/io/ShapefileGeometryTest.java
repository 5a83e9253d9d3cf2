package org.citycluster.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Record contents laid out as in the ESRI Shapefile Technical Description (1998), p. 8–9, 15. */
class ShapefileGeometryTest {

  /** A clockwise (ESRI outer ring) square and a counter-clockwise hole inside it. */
  private static final double[][] SHELL = {{0, 0}, {0, 4}, {4, 4}, {4, 0}, {0, 0}};

  private static final double[][] HOLE = {{1, 1}, {2, 1}, {2, 2}, {1, 2}, {1, 1}};

  /** A Polygon record (type 5, or 15 with z and m arrays) of the given parts. */
  private static byte[] polygon(int type, double[][]... parts) {
    int points = 0;
    for (double[][] p : parts) {
      points += p.length;
    }
    int zm = type == 15 ? 2 * (16 + 8 * points) : 0;
    ByteBuffer b =
        ByteBuffer.allocate(44 + 4 * parts.length + 16 * points + zm)
            .order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(type).putDouble(0).putDouble(0).putDouble(4).putDouble(4);
    b.putInt(parts.length).putInt(points);
    int start = 0;
    for (double[][] p : parts) {
      b.putInt(start);
      start += p.length;
    }
    for (double[][] p : parts) {
      for (double[] xy : p) {
        b.putDouble(xy[0]).putDouble(xy[1]);
      }
    }
    for (int i = 0; i < zm / 8; i++) {
      b.putDouble(7);
    }
    return b.array();
  }

  private static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void polygonWithAHoleIsReadAsItIs() {
    ShapefileGeometry.Parsed p = ShapefileGeometry.decode(polygon(5, SHELL, HOLE));
    assertNull(p.error());
    assertEquals(List.of(), p.repairs());
    assertEquals(
        "POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0), (1 1, 2 1, 2 2, 1 2, 1 1))", p.geometry().toText());
    assertEquals(4326, p.geometry().getSRID());
  }

  @Test
  void polygonZIsReadInXAndY() {
    ShapefileGeometry.Parsed p = ShapefileGeometry.decode(polygon(15, SHELL));
    assertEquals("POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0))", p.geometry().toText());
    assertTrue(Double.isNaN(p.geometry().getCoordinate().getZ()));
  }

  @Test
  void emptyPartsAndShortRingsAreLeftOutAndOpenRingsClosed() {
    double[][] open = {{10, 10}, {10, 14}, {14, 14}, {14, 10}};
    double[][] three = {{20, 20}, {21, 21}, {20, 20}};
    ShapefileGeometry.Parsed p =
        ShapefileGeometry.decode(polygon(5, new double[0][], SHELL, three, open));
    assertNull(p.error());
    assertEquals(
        List.of(
            "empty part left out: part 0 has no points",
            "ring of fewer than 4 points left out: part 2 has 3",
            "unclosed ring closed: part 3"),
        p.repairs());
    assertEquals(
        "MULTIPOLYGON (((0 0, 0 4, 4 4, 4 0, 0 0)), ((10 10, 10 14, 14 14, 14 10, 10 10)))",
        p.geometry().toText());
  }

  @Test
  void partsWithoutPointsAreAnErrorNamingTheCounts() {
    byte[] b = polygon(5, SHELL);
    le(b).putInt(40, 0); // numPoints 0, numParts still 1
    assertEquals(
        "empty shape, no ring to read: 1 part(s), 0 point(s)", ShapefileGeometry.decode(b).error());
    assertEquals(
        "no part is a ring of 4 or more points: empty part left out: part 0 has no points; ring of"
            + " fewer than 4 points left out: part 1 has 2",
        ShapefileGeometry.decode(polygon(5, new double[0][], new double[][] {{0, 0}, {1, 1}}))
            .error());
  }

  @Test
  void nanCoordinatesNameThePartAndPoint() {
    byte[] b = polygon(5, SHELL, HOLE);
    le(b).putDouble(44 + 8 + 16 * 7, Double.NaN); // part 1, point 2, x
    assertEquals(
        "coordinate is not a finite number: part 1, point 2 is (NaN 2.0)",
        ShapefileGeometry.decode(b).error());
  }

  @Test
  void otherShapeTypesAndBrokenStructuresAreErrors() {
    byte[] line = polygon(5, SHELL);
    le(line).putInt(0, 3);
    assertEquals(
        "shape type PolyLine (3), expected Polygon (5, 15 or 25)",
        ShapefileGeometry.decode(line).error());
    byte[] unknown = polygon(5, SHELL);
    le(unknown).putInt(0, 77);
    assertEquals(
        "shape type unknown (77), expected Polygon (5, 15 or 25)",
        ShapefileGeometry.decode(unknown).error());
    assertEquals(
        "null shape (shape type 0): the record has no geometry",
        ShapefileGeometry.decode(new byte[4]).error());
    byte[] counts = polygon(5, SHELL);
    le(counts).putInt(36, 1_000_000);
    assertEquals(
        "part and point counts do not fit the record (corrupt counts or a truncated record):"
            + " 1000000 part(s) and 5 point(s) need 4000124 bytes, the record has 128",
        ShapefileGeometry.decode(counts).error());
    byte[] offsets = polygon(5, SHELL, HOLE);
    le(offsets).putInt(48, 99);
    assertEquals(
        "part offsets do not increase within the points: part 1 at 0..99 of 10 point(s)",
        ShapefileGeometry.decode(offsets).error());
    byte[] negative = polygon(5, SHELL);
    le(negative).putInt(40, -3);
    assertEquals(
        "negative count: 1 part(s), -3 point(s)", ShapefileGeometry.decode(negative).error());
    assertEquals(
        "record shorter than the 44-byte Polygon header: 20 bytes",
        ShapefileGeometry.decode(java.util.Arrays.copyOf(polygon(5, SHELL), 20)).error());
  }

  @Test
  void randomBytesNeverThrow() {
    Random r = new Random(19);
    byte[] valid = polygon(5, SHELL, HOLE);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = valid.clone();
      for (int k = 0; k <= r.nextInt(6); k++) {
        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
      }
      if (r.nextInt(5) == 0) {
        b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
      }
      ShapefileGeometry.Parsed p = ShapefileGeometry.decode(b);
      assertTrue((p.geometry() == null) != (p.error() == null), "geometry xor error");
    }
  }
}
