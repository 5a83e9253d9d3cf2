package org.citycluster.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.citycluster.config.BoundarySource;
import org.citycluster.config.Level;
import org.citycluster.config.PipelineConfig;
import org.citycluster.io.CsvTable;
import org.citycluster.io.TableSchema;
import org.citycluster.plan.ClusterMembership;
import org.citycluster.plan.ClusterPlanReader;
import org.citycluster.spark.BoundaryReader;
import org.citycluster.spark.GeometryFunctions;
import org.citycluster.spark.Progress;
import org.citycluster.spark.ReferenceFrames;
import org.citycluster.spark.SchemaEnforcer;
import org.citycluster.spark.Warehouse;
import org.citycluster.stats.AdcodeAliases;
import org.citycluster.stats.StatisticsResolver;

/**
 * The nightly pipeline: ingest, spatial join into cluster regions, and publish. It reads its
 * inputs, runs the jobs ({@link CitiesJob}, {@link ClusterRegionsJob}), conforms each output to its
 * schema in {@code schemas/}, stages all tables, and only then publishes them (see {@link
 * Warehouse}) and writes the run manifest. The session is passed in; this class never creates one.
 */
public final class Pipeline {

  /** One published table: where it went and how many rows it has. */
  public record PublishedTable(String table, String path, long rows) {}

  /** What a successful run produced. */
  public record RunResult(String runId, List<PublishedTable> tables, String manifestPath) {}

  /** The tables this pipeline publishes, in order. */
  public static final List<String> TABLES =
      List.of("cities", "cluster_members", "clusters", "dq_issues");

  private final SparkSession spark;
  private final PipelineConfig config;
  private final Progress progress;

  public Pipeline(SparkSession spark, PipelineConfig config, Progress progress) {
    this.spark = spark;
    this.config = config;
    this.progress = progress;
  }

  public RunResult run() throws IOException {
    Instant started = Instant.now();
    Level level = config.level();
    String runDate = config.runDate().toString();
    String runId =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started)
            + "_"
            + runDate
            + "_"
            + level.id();
    progress.line("run " + runId + " (level " + level.id() + ", data " + config.dataRoot() + ")");

    Progress.Stage stage = progress.start("read reference data", "statistics and cluster plans");
    CsvTable units = readCsv(config.unitsPath(), List.of("adcode", "source_codes"));
    AdcodeAliases aliases = AdcodeAliases.fromCitiesTable(units);
    CsvTable statsTable = readCsv(config.statsPath(), StatisticsResolver.REQUIRED_COLUMNS);
    StatisticsResolver.Result stats =
        StatisticsResolver.resolve(statsTable, config.statsYear(), aliases);
    CsvTable planTable = readCsv(config.clustersPath(), ClusterPlanReader.REQUIRED_COLUMNS);
    List<ClusterMembership> plan = ClusterPlanReader.read(planTable, aliases);
    Dataset<Row> statistics = ReferenceFrames.statistics(spark, stats.byAdcode().values());
    Dataset<Row> planFrame = ReferenceFrames.plan(spark, plan);
    stage.done(
        stats.byAdcode().size()
            + " units with statistics, "
            + plan.size()
            + " plan rows in "
            + plan.stream().map(ClusterMembership::clusterId).distinct().count()
            + " clusters");

    stage = progress.start("cities", "boundaries of level " + level.id());
    BoundarySource boundarySource = config.boundaries();
    Dataset<Row> boundaries =
        BoundaryReader.read(
                spark,
                boundarySource,
                config.dataPath(boundarySource.path()),
                boundarySource.path())
            .repartition(config.shufflePartitions());
    Dataset<Row> prefectures = null;
    if (level == Level.COUNTY) {
      prefectures = preparedPrefectures();
    }
    CitiesJob.Output cities =
        CitiesJob.build(
            boundaries,
            boundarySource.path(),
            boundarySource.crs(),
            aliases,
            statistics,
            config.statsYear(),
            level,
            prefectures);
    Dataset<Row> citiesTable = cities.cities().persist(StorageLevel.MEMORY_AND_DISK());
    stage.done("");

    stage = progress.start("cluster regions", "plan members joined to units");
    ClusterRegionsJob.Output regions =
        ClusterRegionsJob.build(citiesTable, planFrame, statistics, level, config.clustersPath());
    stage.done("");

    Dataset<Row> issues =
        ReferenceFrames.issues(spark, stats.issues())
            .unionByName(cities.issues())
            .unionByName(regions.issues());

    Map<String, Dataset<Row>> outputs = new LinkedHashMap<>();
    outputs.put("cities", citiesTable);
    outputs.put("cluster_members", regions.members());
    outputs.put("clusters", regions.clusters());
    outputs.put("dq_issues", issues);

    Warehouse warehouse = new Warehouse(spark, config.warehouse());
    Map<String, Long> rows = new LinkedHashMap<>();
    for (var output : outputs.entrySet()) {
      TableSchema schema = TableSchema.load(output.getKey());
      stage = progress.start("write " + output.getKey(), "conform to schema and stage");
      Dataset<Row> conformed =
          SchemaEnforcer.conform(output.getValue(), schema).persist(StorageLevel.MEMORY_AND_DISK());
      long count = SchemaEnforcer.checkNulls(conformed, schema);
      warehouse.stage(conformed, schema, runId, level, runDate);
      conformed.unpersist();
      rows.put(output.getKey(), count);
      stage.done(count + " rows");
    }

    stage = progress.start("publish", "swap staged partitions into place");
    List<PublishedTable> published = new ArrayList<>();
    for (String table : outputs.keySet()) {
      Path path = warehouse.publish(runId, table, level, runDate);
      published.add(new PublishedTable(table, path.toString(), rows.get(table)));
    }
    warehouse.cleanUp(runId);
    Instant finished = Instant.now();
    String manifest =
        RunManifest.toJson(runId, config, started, finished, "succeeded", published, inputs());
    Path manifestPath = warehouse.writeManifest(runId, manifest);
    stage.done("");
    citiesTable.unpersist();
    return new RunResult(runId, published, manifestPath.toString());
  }

  /** Prefecture polygons in WGS84 for the county-to-prefecture spatial join. */
  private Dataset<Row> preparedPrefectures() {
    BoundarySource source = config.prefectureBoundaries();
    GeometryFunctions.register(spark);
    return BoundaryReader.read(spark, source, config.dataPath(source.path()), source.path())
        .select(
            col("adcode").cast("string").as("adcode"),
            expr("cc_prepare_geometry(geometry, '" + source.crs().replace("'", "") + "')")
                .as("prepared"))
        .filter(col("prepared.geometry").isNotNull())
        .select(col("adcode"), col("prepared.geometry").as("geometry"));
  }

  private CsvTable readCsv(String relative, List<String> required) throws IOException {
    Path path = new Path(config.dataPath(relative));
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(path)) {
      throw new org.citycluster.io.InputDataException(
          relative, "file", null, "not found at " + path);
    }
    try (InputStream in = fs.open(path)) {
      return CsvTable.read(in, relative, required);
    }
  }

  /** The run's input files with their sizes and SHA-256 checksums, for the manifest. */
  private Map<String, Map<String, Object>> inputs() throws IOException {
    Map<String, Map<String, Object>> inputs = new TreeMap<>();
    List<String> paths = new ArrayList<>();
    paths.add(config.boundaries().path());
    if (config.level() == Level.COUNTY) {
      paths.add(config.prefectureBoundaries().path());
    }
    paths.addAll(List.of(config.statsPath(), config.unitsPath(), config.clustersPath()));
    for (String relative : paths) {
      Path path = new Path(config.dataPath(relative));
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.getFileStatus(path).isFile()) {
        inputs.put(relative, Map.of("path", path.toString()));
        continue;
      }
      try (InputStream in = fs.open(path)) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        long bytes = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
          sha.update(buffer, 0, n);
          bytes += n;
        }
        inputs.put(
            relative,
            Map.of(
                "path", path.toString(),
                "bytes", bytes,
                "sha256", HexFormat.of().formatHex(sha.digest())));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return inputs;
  }
}
