package org.citycluster.jobs;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.sedona_sql.UDT.GeometryUDT;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.adjacency.ContiguityBuilder;
import org.citycluster.adjacency.ContiguityPair;
import org.citycluster.adjacency.Unit;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * Contiguity by spatial tiles: {@link ContiguityBuilder}'s one-pass edge hashing (plus its
 * tolerance fallback for unmatched segments) run inside each tile of a regular grid over the units'
 * extent, in parallel on the executors, with one shuffle of the geometries (in Sedona's geometry
 * serialization, no WKB round trip).
 *
 * <p>Each unit goes to every tile its envelope, expanded by the tolerance, overlaps; a tile holds
 * whole geometries, so the builder computes every pair of two units present in it completely. A
 * pair is reported only by the tile holding its reference point, the lower-left corner of the
 * intersection of the two expanded envelopes (both units are in that tile, and it is one tile), so
 * every pair appears exactly once. Units are ordered by adcode inside a tile, so a matched
 * segment's length comes from the smaller adcode's coordinates and sums are order-independent, as
 * in the segment-hashing job: the output equals {@link AdjacencyJob#contiguity}'s.
 *
 * <p>The grid has about {@value #UNITS_PER_TILE} units per tile (one tile for a few thousand
 * units), so a task's hash maps stay small whatever the total size; units with large envelopes
 * (e.g. a prefecture with far islands) are copied to every tile they cover. Nothing is collected to
 * the driver except the extent and the count.
 */
final class ContiguityTiles {

  /** Target units per tile. */
  static final int UNITS_PER_TILE = 2_000;

  static final StructType TILED =
      new StructType()
          .add("tile", DataTypes.IntegerType, false)
          .add("adcode", DataTypes.StringType, false)
          .add("geometry", new GeometryUDT(), false);

  static final StructType PAIRS =
      new StructType()
          .add("adcode_a", DataTypes.StringType, false)
          .add("adcode_b", DataTypes.StringType, false)
          .add("relation", DataTypes.StringType, false)
          .add("shared_border_km", DataTypes.DoubleType, false)
          .add("shared_border_fallback_km", DataTypes.DoubleType, false);

  private ContiguityTiles() {}

  /** The grid: origin, tile size in degrees, tiles per side. */
  record Grid(double x0, double y0, double w, double h, int nx, int ny)
      implements java.io.Serializable {
    int tx(double x) {
      return Math.max(0, Math.min(nx - 1, (int) Math.floor((x - x0) / w)));
    }

    int ty(double y) {
      return Math.max(0, Math.min(ny - 1, (int) Math.floor((y - y0) / h)));
    }
  }

  static final StructType EXTENT =
      new StructType()
          .add("min_x", DataTypes.DoubleType, false)
          .add("min_y", DataTypes.DoubleType, false)
          .add("max_x", DataTypes.DoubleType, false)
          .add("max_y", DataTypes.DoubleType, false)
          .add("n", DataTypes.LongType, false);

  /** Same contract and columns as {@link AdjacencyJob#contiguity}. */
  static Dataset<Row> contiguity(Dataset<Row> units, double tol, int unitsPerTile) {
    Dataset<Row> geometries =
        units.filter(col("geometry").isNotNull()).select(col("adcode"), col("geometry"));
    // one envelope per partition (each geometry deserialised once), combined on the driver
    Envelope extent = new Envelope();
    long n = 0;
    for (Row r :
        geometries
            .mapPartitions(
                (MapPartitionsFunction<Row, Row>) ContiguityTiles::extent, Encoders.row(EXTENT))
            .collectAsList()) {
      n += r.getLong(4);
      extent.expandToInclude(r.getDouble(0), r.getDouble(1));
      extent.expandToInclude(r.getDouble(2), r.getDouble(3));
    }
    if (n == 0 || extent.isNull()) {
      return units.sparkSession().createDataFrame(List.of(), PAIRS);
    }
    int side = (int) Math.max(1, Math.ceil(Math.sqrt((double) n / unitsPerTile)));
    double x0 = extent.getMinX() - tol;
    double y0 = extent.getMinY() - tol;
    double w = Math.max((extent.getMaxX() + tol - x0) / side, tol);
    double h = Math.max((extent.getMaxY() + tol - y0) / side, tol);
    Grid grid = new Grid(x0, y0, w, h, side, side);
    // one task per tile: an explicit partition count, which adaptive execution keeps (it would
    // coalesce a grouping shuffle into a few large tasks and leave cores idle)
    return geometries
        .flatMap((FlatMapFunction<Row, Row>) r -> assign(r, grid, tol), Encoders.row(TILED))
        .repartition(side * side, col("tile"))
        .sortWithinPartitions(col("tile"))
        .mapPartitions(
            (MapPartitionsFunction<Row, Row>) rows -> pairsByTile(rows, grid, tol),
            Encoders.row(PAIRS));
  }

  /**
   * The envelope of a partition's non-empty geometries and their count; no row when there are none
   * (empty geometries go to no tile, so they neither widen the grid nor count towards its size).
   */
  private static Iterator<Row> extent(Iterator<Row> rows) {
    Envelope e = new Envelope();
    long n = 0;
    while (rows.hasNext()) {
      Envelope g = ((Geometry) rows.next().get(1)).getEnvelopeInternal();
      if (!g.isNull()) {
        e.expandToInclude(g);
        n++;
      }
    }
    if (n == 0) {
      return List.<Row>of().iterator();
    }
    return List.of(RowFactory.create(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY(), n))
        .iterator();
  }

  /** The pairs of every tile in a partition sorted by tile. */
  private static Iterator<Row> pairsByTile(Iterator<Row> rows, Grid grid, double tol) {
    List<Row> out = new ArrayList<>();
    List<Row> tile = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      if (!tile.isEmpty() && tile.get(0).getInt(0) != r.getInt(0)) {
        pairs(tile.get(0).getInt(0), tile.iterator(), grid, tol).forEachRemaining(out::add);
        tile.clear();
      }
      tile.add(r);
    }
    if (!tile.isEmpty()) {
      pairs(tile.get(0).getInt(0), tile.iterator(), grid, tol).forEachRemaining(out::add);
    }
    return out.iterator();
  }

  private static Iterator<Row> assign(Row r, Grid grid, double tol) {
    Geometry g = (Geometry) r.get(1);
    Envelope e = new Envelope(g.getEnvelopeInternal());
    if (e.isNull()) {
      return List.<Row>of().iterator();
    }
    e.expandBy(tol);
    List<Row> out = new ArrayList<>();
    for (int ty = grid.ty(e.getMinY()); ty <= grid.ty(e.getMaxY()); ty++) {
      for (int tx = grid.tx(e.getMinX()); tx <= grid.tx(e.getMaxX()); tx++) {
        out.add(RowFactory.create(ty * grid.nx() + tx, r.getString(0), g));
      }
    }
    return out.iterator();
  }

  private static Iterator<Row> pairs(int tile, Iterator<Row> rows, Grid grid, double tol) {
    List<Unit> units = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      units.add(new Unit(r.getString(1), (Geometry) r.get(2)));
    }
    units.sort(Comparator.comparing(Unit::id));
    Map<String, Envelope> envelopes = new HashMap<>();
    for (Unit u : units) {
      Envelope e = new Envelope(u.geometry().getEnvelopeInternal());
      e.expandBy(tol);
      envelopes.put(u.id(), e);
    }
    List<Row> out = new ArrayList<>();
    for (ContiguityBuilder.Detail d : new ContiguityBuilder(tol).buildDetailed(units)) {
      ContiguityPair p = d.pair();
      Envelope both = envelopes.get(p.idA()).intersection(envelopes.get(p.idB()));
      if (both.isNull() || grid.ty(both.getMinY()) * grid.nx() + grid.tx(both.getMinX()) != tile) {
        continue;
      }
      out.add(
          RowFactory.create(
              p.idA(), p.idB(), p.isRook() ? "rook" : "queen", p.sharedBorderKm(), d.fallbackKm()));
    }
    return out.iterator();
  }
}
