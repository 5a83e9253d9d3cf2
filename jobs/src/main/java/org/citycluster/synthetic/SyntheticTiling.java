package org.citycluster.synthetic;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * A deterministic tiling of a lon/lat rectangle inside China by {@code n} polygons of 48 to 144
 * distinct vertices each (49 to 145 ring coordinates with the closing point), for benchmarks and
 * tests of contiguity at any size.
 *
 * <p><b>Construction.</b> A grid of {@code cols = ceil(sqrt(n))} columns and {@code rows = ceil(n /
 * cols)} rows over {@link #WEST}..{@link #EAST} × {@link #SOUTH}..{@link #NORTH} degrees; cell
 * {@code i} is at row {@code i / cols}, column {@code i % cols} (the last row may be partly
 * filled). Interior grid corners are moved by up to a quarter cell in x and y; every grid edge
 * becomes a polyline of three straight pieces (two shape points at a third and two thirds, offset
 * perpendicular by up to 8% of the edge) and each piece is densified with 3 to 11 points (the count
 * chosen per edge; edges on the outer rectangle stay straight). All of it is a pure function of
 * {@code (seed, edge)}, so the two cells on either side of an edge get identical coordinates:
 * neighbours share identical edges, and the outer outline is the rectangle. Coordinates are whole
 * nanodegrees (they print exactly with 9 decimals).
 *
 * <p><b>Mismatched edges</b> ({@code mismatchedEdges = true}): the cell with the larger index puts
 * its densification points of each shared edge at other positions along the same pieces (half a
 * step further) and moves them perpendicular by 0.1 to 0.3 tolerance, alternately left and right
 * ({@link #MISMATCH_OFFSET_DEG}): the two sides then carry different vertex sets within the
 * snapping tolerance (1e-6°) while tracing the same line, so contiguity must come from the
 * tolerance fallback, not edge hashing.
 *
 * <p>Polygons are valid (simple, counter-clockwise shells, no holes) for any {@code n ≥ 1}; cells
 * are about {@code 16° / sqrt(n)} wide, e.g. 1.7 km at a million.
 */
public final class SyntheticTiling {

  /** Western edge of the tiled rectangle, degrees east. */
  public static final double WEST = 102.0;

  /** Eastern edge, degrees east. */
  public static final double EAST = 118.0;

  /** Southern edge, degrees north. */
  public static final double SOUTH = 24.0;

  /** Northern edge, degrees north. */
  public static final double NORTH = 40.0;

  /** Largest perpendicular offset of a mismatched side's points, in degrees (0.3 of 1e-6°). */
  public static final double MISMATCH_OFFSET_DEG = 3e-7;

  private static final long NANO = 1_000_000_000L;

  private final int n;
  private final long seed;
  private final boolean mismatchedEdges;
  private final int cols;
  private final int rows;
  private final GeometryFactory factory = new GeometryFactory();

  /**
   * @param n number of polygons, 1..10,000,000
   * @param seed any value; the same seed gives the same polygons
   * @param mismatchedEdges whether the two sides of a shared edge carry different vertices
   */
  public SyntheticTiling(int n, long seed, boolean mismatchedEdges) {
    if (n < 1 || n > 10_000_000) {
      throw new IllegalArgumentException("n must be in 1..10,000,000: " + n);
    }
    this.n = n;
    this.seed = seed;
    this.mismatchedEdges = mismatchedEdges;
    this.cols = (int) Math.ceil(Math.sqrt(n));
    this.rows = (n + cols - 1) / cols;
  }

  public int size() {
    return n;
  }

  public long seed() {
    return seed;
  }

  public boolean mismatchedEdges() {
    return mismatchedEdges;
  }

  public int cols() {
    return cols;
  }

  public int rows() {
    return rows;
  }

  /**
   * Codes the pipeline reads as another code ({@link org.citycluster.stats.AdcodeAliases}: the
   * municipalities' 110100, 120100, 310100, 500100 are 110000, ...): never given to a cell, or two
   * cells would share a code.
   */
  private static final int[] ALIASED_CODES = {110_100, 120_100, 310_100, 500_100};

  /**
   * The synthetic 6-digit code of cell {@code i}: {@code 100000 + i}, counting on past the {@link
   * #ALIASED_CODES}; beyond about 899,990 cells the codes have 7 digits (only the adjacency
   * benchmark, not the pipeline, reads those).
   */
  public static String adcode(int i) {
    int code = 100_000 + i;
    for (int aliased : ALIASED_CODES) {
      if (code >= aliased) {
        code++;
      }
    }
    return Integer.toString(code);
  }

  /** Cell {@code i}'s polygon, counter-clockwise, lon/lat degrees. */
  public Polygon polygon(int i) {
    if (i < 0 || i >= n) {
      throw new IndexOutOfBoundsException(i);
    }
    int r = i / cols;
    int c = i % cols;
    List<long[]> ring = new ArrayList<>(160);
    // bottom (forward), right (forward), top (reversed), left (reversed): counter-clockwise.
    // The side of the lower cell index of a shared edge is canonical: top and right edges.
    boolean hasBelow = r > 0;
    boolean hasLeft = c > 0;
    appendEdge(ring, horizontal(r, c), hasBelow && mismatchedEdges, false);
    appendEdge(ring, vertical(r, c + 1), false, false);
    appendEdge(ring, horizontal(r + 1, c), false, true);
    appendEdge(ring, vertical(r, c), hasLeft && mismatchedEdges, true);
    Coordinate[] coords = new Coordinate[ring.size() + 1];
    for (int k = 0; k < ring.size(); k++) {
      coords[k] = new Coordinate((double) ring.get(k)[0] / NANO, (double) ring.get(k)[1] / NANO);
    }
    coords[ring.size()] = coords[0].copy();
    return factory.createPolygon(coords);
  }

  /** A grid edge: its key for the deterministic draws and its two corners (nanodegrees). */
  private record Edge(long key, long[] from, long[] to, boolean outer) {}

  private Edge horizontal(int r, int c) {
    return new Edge(
        2L * ((long) r * (cols + 1) + c), corner(r, c), corner(r, c + 1), r == 0 || r == rows);
  }

  private Edge vertical(int r, int c) {
    return new Edge(
        2L * ((long) r * (cols + 1) + c) + 1, corner(r, c), corner(r + 1, c), c == 0 || c == cols);
  }

  /** Corner (r, c) of the grid in nanodegrees; interior corners jittered by up to 1/4 cell. */
  private long[] corner(int r, int c) {
    double cw = (EAST - WEST) / cols;
    double ch = (NORTH - SOUTH) / rows;
    double x = WEST + c * cw;
    double y = SOUTH + r * ch;
    if (r > 0 && r < rows && c > 0 && c < cols) {
      long h = mix(seed, 0x9E3779B97F4A7C15L ^ ((long) r * (cols + 1) + c));
      x += (unit(h) - 0.5) * 0.5 * cw;
      y += (unit(mix(h, 1)) - 0.5) * 0.5 * ch;
    }
    return new long[] {Math.round(x * NANO), Math.round(y * NANO)};
  }

  /**
   * Appends the edge's start corner and interior points in the ring's direction (reversed: from
   * {@code to} back towards {@code from}, starting at {@code to}).
   */
  private void appendEdge(List<long[]> ring, Edge e, boolean otherSide, boolean reversed) {
    List<long[]> pts = new ArrayList<>();
    pts.add(e.from());
    long h = mix(seed, e.key() * 31 + 7);
    int dens = 3 + (int) (unit(mix(h, 2)) * 9); // 3..11 points per piece
    double x0 = e.from()[0];
    double y0 = e.from()[1];
    double dx = e.to()[0] - x0;
    double dy = e.to()[1] - y0;
    double[][] shape = new double[4][];
    shape[0] = new double[] {x0, y0};
    shape[3] = new double[] {e.to()[0], e.to()[1]};
    for (int s = 1; s <= 2; s++) {
      double off = e.outer() ? 0 : (unit(mix(h, 10 + s)) - 0.5) * 0.16;
      double t = s / 3.0;
      shape[s] = new double[] {x0 + t * dx - off * dy, y0 + t * dy + off * dx};
    }
    for (int piece = 0; piece < 3; piece++) {
      double[] a = shape[piece];
      double[] b = shape[piece + 1];
      if (piece > 0) {
        pts.add(new long[] {Math.round(a[0]), Math.round(a[1])});
      }
      double px = b[0] - a[0];
      double py = b[1] - a[1];
      double len = Math.hypot(px, py);
      for (int k = 1; k <= dens; k++) {
        double t = (otherSide ? k - 0.5 : k) / (dens + 1.0);
        double x = a[0] + t * px;
        double y = a[1] + t * py;
        if (otherSide) {
          // 1/3 to 1 of the largest offset, alternating sides: never on the line itself.
          double u = unit(mix(h, 100 + piece * 64L + k));
          double off = (k % 2 == 0 ? 1 : -1) * (1 + 2 * u) / 3 * MISMATCH_OFFSET_DEG * NANO / len;
          x += -off * py;
          y += off * px;
        }
        pts.add(new long[] {Math.round(x), Math.round(y)});
      }
    }
    if (reversed) {
      pts.add(e.to());
      pts.remove(0);
      for (int k = pts.size() - 1; k >= 0; k--) {
        ring.add(pts.get(k));
      }
    } else {
      ring.addAll(pts);
    }
  }

  /** SplitMix64's finaliser over a seed and a key. */
  static long mix(long seed, long key) {
    long z = seed * 0x9E3779B97F4A7C15L + key * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A uniform double in [0, 1) from a hash. */
  static double unit(long h) {
    return (h >>> 11) * 0x1.0p-53;
  }
}
