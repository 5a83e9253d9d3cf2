package org.citycluster.synthetic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.citycluster.spark.SparkSessions;
import org.citycluster.tools.Cli;
import org.citycluster.tools.CliVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code citycluster synthetic --n N --out DIR [--seed S] [--format geoparquet|geojson]
 * [--mismatched-edges] [--stations-every K] [--clusters L] [--plant K] [--plant-trains T]
 * [--region-side S]}: writes a synthetic data root ({@link SyntheticDataset}, options {@link
 * SyntheticOptions}) for the pipeline, calibration tests and the benchmark. GeoParquet (the
 * default) is written with a local Spark session; GeoJSON needs none and suits up to about 100,000
 * units. Options are checked (random clusters grown) before anything is written. Exit codes: 0 ok,
 * 2 usage error.
 */
@Command(
    name = "citycluster synthetic",
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    sortOptions = false,
    description =
        "Writes a synthetic data root (stats/, linkage/, boundaries/) for the pipeline, the calibration tests and the benchmark. Any of --stations-every, --clusters, --plant, --plant-trains, --region-side and --trains-per-station also writes stats/synthetic_truth.csv (adcode,cluster_id,planted,region). Then: ./citycluster run --data DIR --set boundaries.prefecture.path=... (printed at the end)")
public final class GenerateCommand implements Callable<Integer> {

  @Option(
      names = "--n",
      required = true,
      paramLabel = "N",
      description = "number of polygons (1..10000000; 10_000 and 10,000 are read as 10000)")
  String units;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "data root to write")
  Path out;

  @Option(names = "--seed", defaultValue = "1", description = "generator seed (default: 1)")
  long seed;

  @Option(
      names = "--format",
      defaultValue = "geoparquet",
      description = "boundary format: geoparquet (default, any size) or geojson")
  String format;

  @Option(
      names = "--mismatched-edges",
      description = "the two sides of a shared border get different vertices (within 1e-6 deg)")
  boolean mismatched;

  @Option(
      names = "--stations-every",
      paramLabel = "K",
      description = "a station in every K-th cell (default: 20 from 40 units on, else 1)")
  Integer stationEvery;

  @Option(
      names = "--clusters",
      paramLabel = "L",
      description = {
        "blocks (default: up to 19 clusters of 5x5 cells), random:COUNT:MIN-MAX, or scaled",
        "(random:19:n/120-n/36, about a third of the units)"
      })
  String clusters;

  @Option(
      names = "--plant",
      paramLabel = "K",
      description = "the first K clusters (syn0..) get extra trains among their units")
  Integer plant;

  @Option(
      names = "--plant-trains",
      paramLabel = "T",
      description = "extra trains per station of a planted cluster (default 1); codes GP<k>-<j>")
  Double plantTrains;

  @Option(
      names = "--region-side",
      paramLabel = "S",
      description = "base trains stay inside square regions of SxS cells (default: off)")
  Integer regionSide;

  @Option(
      names = "--trains-per-station",
      paramLabel = "T",
      description = "base trains per station (default: stations / 2 trains in all)")
  Double trainsPerStation;

  @Spec CommandSpec spec;

  public static void main(String[] args) throws Exception {
    System.exit(run(args));
  }

  /** Runs the command and returns its exit code (0 ok, 1 failed, 2 usage error). */
  public static int run(String[] args) {
    return Cli.execute(new GenerateCommand(), args, System.out, System.err);
  }

  @Override
  public Integer call() throws Exception {
    SyntheticDataset data;
    int n;
    SyntheticOptions options = SyntheticOptions.defaults();
    try {
      try {
        n = Integer.parseInt(units.replace("_", "").replace(",", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--n needs an integer, got '" + units + "'");
      }
      if (!(format.equals("geoparquet") || format.equals("geojson"))) {
        throw new IllegalArgumentException("--format: geoparquet or geojson, got " + format);
      }
      if (stationEvery != null) {
        if (stationEvery < 1) {
          throw new IllegalArgumentException("--stations-every must be >= 1, got " + stationEvery);
        }
        options = options.withStationEvery(stationEvery);
      }
      if (regionSide != null) {
        if (regionSide < 1) {
          throw new IllegalArgumentException("--region-side must be >= 1, got " + regionSide);
        }
        options = options.withRegionSide(regionSide);
      }
      if (trainsPerStation != null) {
        options = options.withTrainsPerStation(trainsPerStation);
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
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
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
