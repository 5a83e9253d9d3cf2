package org.citycluster.bench;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.citycluster.config.BoundarySource;
import org.citycluster.jobs.AdjacencyJob;
import org.citycluster.spark.BoundaryReader;
import org.citycluster.spark.SparkSessions;

/**
 * The adjacency-only benchmark path, run by {@link BenchCommand} as a child JVM: reads a boundary
 * source, runs the pipeline's distributed contiguity ({@link AdjacencyJob#contiguity}, segment
 * hashing plus the tolerance fallback) and writes the pairs as Parquet under {@code --out}; nothing
 * that grows with the number of pairs is collected to the driver (only counts). Prints one line
 * {@code BENCH key=value ...} with {@code read_s}, {@code contiguity_s}, {@code rows_in}, {@code
 * pairs}, {@code rook}.
 *
 * <p>{@code AdjacencyBench --boundaries PATH --format geoparquet|geojson --crs EPSG:4326 --out DIR
 * [--tol 1e-6] [--partitions P] [--method tiles|segments]}: {@code tiles} is the per-tile
 * contiguity, {@code segments} the earlier distributed segment hashing (for before/after figures).
 */
public final class AdjacencyBench {

  private AdjacencyBench() {}

  public static void main(String[] args) {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    String path = a.get("boundaries");
    String out = a.get("out");
    if (path == null || out == null) {
      System.err.println(
          "usage: AdjacencyBench --boundaries PATH --out DIR [--format F] [--crs C] [--tol T]"
              + " [--partitions P]");
      System.exit(2);
    }
    double tol = Double.parseDouble(a.getOrDefault("tol", "1e-6"));
    int partitions = Integer.parseInt(a.getOrDefault("partitions", "8"));
    SparkSession spark =
        SparkSessions.create("citycluster bench adjacency", "local[*]", partitions);
    try {
      long t0 = System.nanoTime();
      BoundarySource source =
          new BoundarySource(
              path, a.getOrDefault("format", "geoparquet"), a.getOrDefault("crs", "EPSG:4326"), "");
      Dataset<Row> units =
          BoundaryReader.read(spark, source, path, path)
              .select(col("adcode").cast("string").as("adcode"), col("geometry"))
              .repartition(partitions)
              .persist(StorageLevel.MEMORY_AND_DISK());
      long rowsIn = units.count();
      long t1 = System.nanoTime();
      boolean segments = a.getOrDefault("method", "tiles").equals("segments");
      (segments
              ? AdjacencyJob.contiguityBySegments(units, tol)
              : AdjacencyJob.contiguityByTiles(units, tol))
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(out + "/contiguity");
      long t2 = System.nanoTime();
      Row counts =
          spark
              .read()
              .parquet(out + "/contiguity")
              .selectExpr("count(*)", "count_if(relation = 'rook')")
              .first();
      System.out.printf(
          Locale.ROOT,
          "BENCH read_s=%.3f contiguity_s=%.3f rows_in=%d pairs=%d rook=%d%n",
          (t1 - t0) / 1e9,
          (t2 - t1) / 1e9,
          rowsIn,
          counts.getLong(0),
          counts.getLong(1));
    } finally {
      spark.stop();
    }
  }
}
