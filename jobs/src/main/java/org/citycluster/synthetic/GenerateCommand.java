package org.citycluster.synthetic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.citycluster.spark.SparkSessions;

/**
 * {@code citycluster synthetic --n N --out DIR [--seed S] [--format geoparquet|geojson]
 * [--mismatched-edges] [--stations-every K] [--clusters L] [--plant K] [--plant-trains T]
 * [--region-side S]}: writes a synthetic data root ({@link SyntheticDataset}, options {@link
 * SyntheticOptions}) for the pipeline, calibration tests and the benchmark. GeoParquet (the
 * default) is written with a local Spark session; GeoJSON needs none and suits up to about 100,000
 * units. Options are checked (random clusters grown) before anything is written. Exit codes: 0 ok,
 * 2 usage error.
 */
public final class GenerateCommand {

  static final String USAGE =
      """
      usage: citycluster synthetic --n N --out DIR [--seed S] [--format geoparquet|geojson]
                                   [--mismatched-edges] [--stations-every K] [--clusters L]
                                   [--plant K] [--plant-trains T] [--region-side S]
                                   [--trains-per-station T]
        --n N               number of polygons (1..10000000)
        --out DIR           data root to write (stats/, linkage/, boundaries/)
        --seed S            generator seed (default 1)
        --format F          boundary format: geoparquet (default, any size) or geojson
        --mismatched-edges  the two sides of a shared border get different vertices (within 1e-6 deg)
        --stations-every K  a station in every K-th cell (default: 20 from 40 units on, else 1);
                            trains = stations / 2, 6 stops each
        --clusters L        blocks (default: up to 19 clusters of 5x5 cells),
                            random:COUNT:MIN-MAX (COUNT random connected clusters of MIN..MAX
                            cells), or scaled (random:19:n/120-n/36, about a third of the units)
        --plant K           the first K clusters (syn0..) get extra trains among their units
        --plant-trains T    extra trains per station of a planted cluster (default 1), each
                            calling at up to 6 of its stations; codes GP<k>-<j>
        --region-side S     base trains stay inside square regions of SxS cells (default: off)
        --trains-per-station T  base trains per station (default: stations / 2 trains in all)
        any of the last six also writes stats/synthetic_truth.csv (adcode,cluster_id,planted,region)
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
    SyntheticOptions options = SyntheticOptions.defaults();
    String clusters = null;
    Integer plant = null;
    Double plantTrains = null;
    SyntheticDataset data;
    try {
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        switch (flag) {
          case "--n" -> n = parseInt(flag, value(args, ++i).replace("_", "").replace(",", ""));
          case "--out" -> out = Path.of(value(args, ++i));
          case "--seed" -> seed = Long.parseLong(value(args, ++i));
          case "--format" -> format = value(args, ++i);
          case "--mismatched-edges" -> mismatched = true;
          case "--stations-every" -> {
            int k = parseInt(flag, value(args, ++i));
            if (k < 1) {
              throw new IllegalArgumentException("--stations-every must be >= 1, got " + k);
            }
            options = options.withStationEvery(k);
          }
          case "--clusters" -> clusters = value(args, ++i);
          case "--plant" -> plant = parseInt(flag, value(args, ++i));
          case "--plant-trains" -> plantTrains = parseDouble(flag, value(args, ++i));
          case "--region-side" -> {
            int s = parseInt(flag, value(args, ++i));
            if (s < 1) {
              throw new IllegalArgumentException("--region-side must be >= 1, got " + s);
            }
            options = options.withRegionSide(s);
          }
          case "--trains-per-station" ->
              options = options.withTrainsPerStation(parseDouble(flag, value(args, ++i)));
          case "-h", "--help" -> {
            System.out.print(USAGE);
            return 0;
          }
          default -> throw new IllegalArgumentException("unknown flag " + flag);
        }
      }
      if (n == null || out == null || !(format.equals("geoparquet") || format.equals("geojson"))) {
        throw new IllegalArgumentException(
            "--n and --out are required; --format geoparquet|geojson");
      }
      if (clusters != null) {
        options = options.withClusters(SyntheticOptions.ClusterLayout.parse(clusters, n));
      }
      if (plantTrains != null && (plant == null || plant == 0)) {
        throw new IllegalArgumentException("--plant-trains needs --plant K with K >= 1");
      }
      if (plant != null) {
        options =
            options.withPlanted(
                plant, plantTrains != null ? plantTrains : options.plantedTrainsPerMember());
      }
      // n-dependent checks and the random clusters, before anything is written
      data = new SyntheticDataset(new SyntheticTiling(n, seed, mismatched), seed, options);
    } catch (RuntimeException e) {
      System.err.println("citycluster: FAILED: " + e.getMessage());
      System.err.print(USAGE);
      return 2;
    }
    long t0 = System.nanoTime();
    generate(data, format.equals("geoparquet"), out);
    System.out.printf(
        Locale.ROOT,
        "citycluster: OK: %d synthetic units (seed %d%s) in %s, %.1f s%n",
        n,
        seed,
        mismatched ? ", mismatched edges" : "",
        out,
        (System.nanoTime() - t0) / 1e9);
    if (!options.isDefault()) {
      System.out.println(describe(data, n) + "; truth in " + out.resolve(SyntheticDataset.TRUTH));
    }
    StringBuilder run = new StringBuilder("./citycluster run --data " + out);
    for (String o : SyntheticDataset.pipelineOptions(format.equals("geoparquet"))) {
      run.append(" --set ").append(o);
    }
    System.out.println(run);
    return 0;
  }

  /** One line on what the options planted. */
  private static String describe(SyntheticDataset data, int n) {
    SyntheticOptions o = data.options();
    long inClusters = 0;
    for (int k = 0; k < data.clusterCount(); k++) {
      inClusters += data.clusterCells(k).length;
    }
    int every = o.stationEvery(n);
    int stations = Math.max(1, n / every);
    return String.format(
        Locale.ROOT,
        "citycluster: %d clusters (%d units), %d stations, %d base trains%s%s",
        data.clusterCount(),
        inClusters,
        stations,
        o.baseTrains(stations),
        o.plantedClusters() > 0
            ? String.format(
                Locale.ROOT,
                ", %d planted clusters with %.3g trains per station",
                o.plantedClusters(),
                o.plantedTrainsPerMember())
            : "",
        o.regionSide() > 0 ? ", regions of " + o.regionSide() + "x" + o.regionSide() : "");
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException("flag " + args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static int parseInt(String flag, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs an integer, got '" + v + "'");
    }
  }

  private static double parseDouble(String flag, String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a number, got '" + v + "'");
    }
  }

  /** Writes the data root; GeoParquet through a local Spark session created here. */
  public static void generate(int n, long seed, boolean mismatched, boolean geoparquet, Path out)
      throws Exception {
    generate(new SyntheticDataset(new SyntheticTiling(n, seed, mismatched), seed), geoparquet, out);
  }

  /** Writes {@code data}'s root; GeoParquet through a local Spark session created here. */
  public static void generate(SyntheticDataset data, boolean geoparquet, Path out)
      throws Exception {
    SyntheticTiling tiling = data.tiling();
    int n = tiling.size();
    Files.createDirectories(out);
    data.writeTables(out);
    if (!geoparquet) {
      data.writeGeoJson(out);
      return;
    }
    SparkSession spark = SparkSessions.create("citycluster synthetic " + n, "local[*]", 8);
    try {
      SyntheticGeoParquet.write(
          spark,
          n,
          tiling.seed(),
          tiling.mismatchedEdges(),
          out.resolve(SyntheticDataset.GEOPARQUET).toString());
    } finally {
      spark.stop();
    }
  }
}
