package org.citycluster.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.io.Feature;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.synthetic.SyntheticTiling;
import org.citycluster.testdata.RealBoundaryData;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

/**
 * The tiled contiguity equals the segment-hashing job, exactly (same pairs, relations and lengths
 * to the last bit), whatever the tile size: on the real county layer and on a synthetic tiling
 * whose borders need the tolerance fallback.
 */
class ContiguityTilesTest extends SparkTestBase {

  private static final StructType UNITS =
      new StructType()
          .add("adcode", DataTypes.StringType, false)
          .add("wkb", DataTypes.BinaryType, false);

  @Test
  void realCountiesGiveTheSamePairsAsSegmentHashing() {
    List<Row> rows = new ArrayList<>();
    WKBWriter w = new WKBWriter();
    for (Feature f : RealBoundaryData.features("china_counties.geojson")) {
      rows.add(RowFactory.create(f.id(), w.write(f.geometry())));
    }
    check(rows, 50);
  }

  @Test
  void mismatchedSyntheticBordersGiveTheSamePairsAsSegmentHashing() {
    SyntheticTiling t = new SyntheticTiling(900, 4, true);
    List<Row> rows = new ArrayList<>();
    WKBWriter w = new WKBWriter();
    for (int i = 0; i < t.size(); i++) {
      Geometry g = t.polygon(i);
      rows.add(RowFactory.create(SyntheticTiling.adcode(i), w.write(g)));
    }
    check(rows, 40);
  }

  private static void check(List<Row> rows, int unitsPerTile) {
    Dataset<Row> units =
        spark
            .createDataFrame(rows, UNITS)
            .selectExpr("adcode", "ST_GeomFromWKB(wkb) AS geometry")
            .repartition(4)
            .persist();
    double tol = AdjacencyJob.Options.DEFAULT_SNAP_TOLERANCE_DEG;
    Map<String, String> expected = collect(AdjacencyJob.contiguityBySegments(units, tol));
    Map<String, String> tiled = collect(ContiguityTiles.contiguity(units, tol, unitsPerTile));
    Map<String, String> oneTile = collect(ContiguityTiles.contiguity(units, tol, 1_000_000));
    assertEquals(expected, tiled);
    assertEquals(expected, oneTile);
    units.unpersist();
  }

  private static Map<String, String> collect(Dataset<Row> pairs) {
    Map<String, String> m = new TreeMap<>();
    for (Row r : pairs.collectAsList()) {
      String key = r.getString(0) + "|" + r.getString(1);
      String value = r.getString(2) + " " + r.getDouble(3) + " " + r.getDouble(4);
      if (m.put(key, value) != null) {
        throw new AssertionError("pair twice: " + key);
      }
    }
    return m;
  }
}
