package org.citycluster.synthetic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.citycluster.spark.SparkSessions;

/**
 * {@code citycluster synthetic --n N --out DIR [--seed S] [--format geoparquet|geojson]
 * [--mismatched-edges]}: writes a synthetic data root ({@link SyntheticDataset}) for the pipeline
 * and the benchmark. GeoParquet (the default) is written with a local Spark session; GeoJSON needs
 * none and suits up to about 100,000 units. Exit codes: 0 ok, 2 usage error.
 */
public final class GenerateCommand {

  static final String USAGE =
      """
      usage: citycluster synthetic --n N --out DIR [--seed S] [--format geoparquet|geojson]
                                   [--mismatched-edges]
        --n N               number of polygons (1..10000000)
        --out DIR           data root to write (stats/, linkage/, boundaries/)
        --seed S            generator seed (default 1)
        --format F          boundary format: geoparquet (default, any size) or geojson
        --mismatched-edges  the two sides of a shared border get different vertices (within 1e-6 deg)
      then: ./citycluster run --data DIR --set boundaries.prefecture.path=...  (printed at the end)
      """;

  private GenerateCommand() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args));
  }

  /** Runs the command and returns its exit code. */
  public static int run(String[] args) throws Exception {
    Integer n = null;
    Path out = null;
    long seed = 1;
    String format = "geoparquet";
    boolean mismatched = false;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--n" -> n = Integer.parseInt(args[++i].replace("_", "").replace(",", ""));
          case "--out" -> out = Path.of(args[++i]);
          case "--seed" -> seed = Long.parseLong(args[++i]);
          case "--format" -> format = args[++i];
          case "--mismatched-edges" -> mismatched = true;
          case "-h", "--help" -> {
            System.out.print(USAGE);
            return 0;
          }
          default -> throw new IllegalArgumentException("unknown flag " + args[i]);
        }
      }
      if (n == null || out == null || !(format.equals("geoparquet") || format.equals("geojson"))) {
        throw new IllegalArgumentException(
            "--n and --out are required; --format geoparquet|geojson");
      }
    } catch (RuntimeException e) {
      System.err.println("citycluster: FAILED: " + e.getMessage());
      System.err.print(USAGE);
      return 2;
    }
    long t0 = System.nanoTime();
    generate(n, seed, mismatched, format.equals("geoparquet"), out);
    System.out.printf(
        Locale.ROOT,
        "citycluster: OK: %d synthetic units (seed %d%s) in %s, %.1f s%n",
        n,
        seed,
        mismatched ? ", mismatched edges" : "",
        out,
        (System.nanoTime() - t0) / 1e9);
    StringBuilder run = new StringBuilder("./citycluster run --data " + out);
    for (String o : SyntheticDataset.pipelineOptions(format.equals("geoparquet"))) {
      run.append(" --set ").append(o);
    }
    System.out.println(run);
    return 0;
  }

  /** Writes the data root; GeoParquet through a local Spark session created here. */
  public static void generate(int n, long seed, boolean mismatched, boolean geoparquet, Path out)
      throws Exception {
    Files.createDirectories(out);
    SyntheticTiling tiling = new SyntheticTiling(n, seed, mismatched);
    SyntheticDataset data = new SyntheticDataset(tiling, seed);
    data.writeTables(out);
    if (!geoparquet) {
      data.writeGeoJson(out);
      return;
    }
    SparkSession spark = SparkSessions.create("citycluster synthetic " + n, "local[*]", 8);
    try {
      SyntheticGeoParquet.write(
          spark, n, seed, mismatched, out.resolve(SyntheticDataset.GEOPARQUET).toString());
    } finally {
      spark.stop();
    }
  }
}
