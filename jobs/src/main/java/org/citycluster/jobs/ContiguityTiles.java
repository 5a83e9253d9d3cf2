package org.citycluster.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.adjacency.ContiguityBuilder;
import org.citycluster.adjacency.ContiguityPair;
import org.citycluster.adjacency.Unit;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Contiguity by spatial tiles: {@link ContiguityBuilder}'s one-pass edge hashing (plus its
 * tolerance fallback for unmatched segments) run inside each tile of a regular grid over the units'
 * extent, in parallel on the executors, with one shuffle of the geometries.
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
          .add("wkb", DataTypes.BinaryType, false);

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

  /** Same contract and columns as {@link AdjacencyJob#contiguity}. */
  static Dataset<Row> contiguity(Dataset<Row> units, double tol, int unitsPerTile) {
    Dataset<Row> wkb =
        units
            .filter(col("geometry").isNotNull())
            .select(col("adcode"), expr("ST_AsBinary(geometry)").as("wkb"));
    Row extent =
        units
            .filter(col("geometry").isNotNull())
            .agg(
                expr("min(ST_XMin(geometry))"),
                expr("min(ST_YMin(geometry))"),
                expr("max(ST_XMax(geometry))"),
                expr("max(ST_YMax(geometry))"),
                expr("count(*)"))
            .first();
    long n = extent.getLong(4);
    if (n == 0 || extent.isNullAt(0)) {
      return units.sparkSession().createDataFrame(List.of(), PAIRS);
    }
    int side = (int) Math.max(1, Math.ceil(Math.sqrt((double) n / unitsPerTile)));
    double x0 = extent.getDouble(0) - tol;
    double y0 = extent.getDouble(1) - tol;
    double w = Math.max((extent.getDouble(2) + tol - x0) / side, tol);
    double h = Math.max((extent.getDouble(3) + tol - y0) / side, tol);
    Grid grid = new Grid(x0, y0, w, h, side, side);
    Dataset<Row> tiled =
        wkb.flatMap((FlatMapFunction<Row, Row>) r -> assign(r, grid, tol), Encoders.row(TILED));
    return tiled
        .groupByKey((MapFunction<Row, Integer>) r -> r.getInt(0), Encoders.INT())
        .flatMapGroups(
            (FlatMapGroupsFunction<Integer, Row, Row>) (tile, rows) -> pairs(tile, rows, grid, tol),
            Encoders.row(PAIRS));
  }

  private static Iterator<Row> assign(Row r, Grid grid, double tol) throws ParseException {
    byte[] bytes = (byte[]) r.get(1);
    Envelope e = new WKBReader().read(bytes).getEnvelopeInternal();
    if (e.isNull()) {
      return List.<Row>of().iterator();
    }
    e.expandBy(tol);
    List<Row> out = new ArrayList<>();
    for (int ty = grid.ty(e.getMinY()); ty <= grid.ty(e.getMaxY()); ty++) {
      for (int tx = grid.tx(e.getMinX()); tx <= grid.tx(e.getMaxX()); tx++) {
        out.add(RowFactory.create(ty * grid.nx() + tx, r.getString(0), bytes));
      }
    }
    return out.iterator();
  }

  private static Iterator<Row> pairs(int tile, Iterator<Row> rows, Grid grid, double tol)
      throws ParseException {
    WKBReader reader = new WKBReader();
    List<Unit> units = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      units.add(new Unit(r.getString(1), reader.read((byte[]) r.get(2))));
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
