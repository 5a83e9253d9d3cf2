package org.citycluster.synthetic;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.locationtech.jts.io.WKBWriter;

/**
 * Writes a {@link SyntheticTiling}'s polygons as a GeoParquet directory with Sedona (columns {@code
 * adcode}, {@code name}, {@code province_adcode}, {@code kind}, {@code mainland}, {@code
 * geometry}), in ascending unit order, 50,000 units per file. The polygons are generated on the
 * executors (each task builds its own range), so nothing of size n passes through the driver.
 */
public final class SyntheticGeoParquet {

  /** Units per task and output file. */
  public static final int UNITS_PER_FILE = 50_000;

  static final StructType SCHEMA =
      new StructType()
          .add("adcode", DataTypes.StringType, false)
          .add("name", DataTypes.StringType, false)
          .add("province_adcode", DataTypes.StringType, false)
          .add("kind", DataTypes.StringType, false)
          .add("mainland", DataTypes.BooleanType, false)
          .add("wkb", DataTypes.BinaryType, false);

  private SyntheticGeoParquet() {}

  /** Writes (overwrites) {@code path}. */
  public static void write(
      SparkSession spark, int n, long seed, boolean mismatchedEdges, String path) {
    int files = (n + UNITS_PER_FILE - 1) / UNITS_PER_FILE;
    spark
        .range(0, files, 1, files)
        .mapPartitions(
            (MapPartitionsFunction<Long, Row>)
                it -> {
                  SyntheticTiling tiling = new SyntheticTiling(n, seed, mismatchedEdges);
                  WKBWriter wkb = new WKBWriter();
                  List<Row> rows = new ArrayList<>();
                  while (it.hasNext()) {
                    long f = it.next();
                    int from = (int) (f * UNITS_PER_FILE);
                    int to = (int) Math.min(n, from + (long) UNITS_PER_FILE);
                    for (int i = from; i < to; i++) {
                      rows.add(
                          RowFactory.create(
                              SyntheticTiling.adcode(i),
                              SyntheticDataset.name(i),
                              SyntheticDataset.province(i),
                              "prefecture_city",
                              true,
                              wkb.write(tiling.polygon(i))));
                    }
                  }
                  Iterator<Row> out = rows.iterator();
                  return out;
                },
            Encoders.row(SCHEMA))
        .selectExpr(
            "adcode",
            "name",
            "province_adcode",
            "kind",
            "mainland",
            "ST_GeomFromWKB(wkb) AS geometry")
        .write()
        .mode(SaveMode.Overwrite)
        .format("geoparquet")
        .save(path);
  }
}
