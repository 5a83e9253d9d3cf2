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
import org.citycluster.config.BoundarySource;
import org.citycluster.config.Level;
import org.citycluster.config.PipelineConfig;
import org.citycluster.config.VerdictOptions;
import org.citycluster.io.CsvTable;
import org.citycluster.io.InputDataException;
import org.citycluster.plan.ClusterMembership;
import org.citycluster.plan.ClusterPlanReader;
import org.citycluster.quality.QualityGates;
import org.citycluster.spark.BoundaryReader;
import org.citycluster.spark.GeometryFunctions;
import org.citycluster.spark.PlanCut;
import org.citycluster.spark.Progress;
import org.citycluster.spark.ReferenceFrames;
import org.citycluster.spark.SparkSessions;
import org.citycluster.spark.Warehouse;
import org.citycluster.spark.WarehouseLock;
import org.citycluster.stages.balance.BalanceStage;
import org.citycluster.stages.regions.FunctionalRegionsStage;
import org.citycluster.stages.verdict.CandidateColumns;
import org.citycluster.stages.verdict.VerdictStage;
import org.citycluster.stats.AdcodeAliases;
import org.citycluster.stats.StatisticsResolver;

/**
 * The nightly pipeline: ingest, spatial join into cluster regions, quality gates, publish.
 *
 * <p>A run takes the warehouse lock, computes its tables ({@link CitiesJob}, {@link
 * ClusterRegionsJob}), conforms each to its schema in {@code schemas/} and stages it, checks the
 * quality gates, and only then publishes the staged partitions and writes the run manifest (see
 * {@link Warehouse}). On any failure it writes a manifest with the failure, removes its staging
 * area and rethrows: nothing it computed becomes visible. The session is passed in; this class
 * never creates one.
 */
public final class Pipeline {

  /** One published table: where it went and how many rows it has. */
  public record PublishedTable(String table, String path, long rows) {}

  /** What a successful run produced. */
  public record RunResult(String runId, List<PublishedTable> tables, String manifestPath) {}

  /** A quality gate failed: the run published nothing. */
  public static final class QualityGateException extends RuntimeException {
    QualityGateException(List<String> failures) {
      super("quality gate failed: " + String.join("; ", failures));
    }
  }

  /** Every table this pipeline publishes, in order, with the stage that owns it. */
  public static final Map<String, String> TABLE_STAGES = tableStages();

  /** The tables of a full run, in order. */
  public static final List<String> TABLES = List.copyOf(TABLE_STAGES.keySet());

  private static Map<String, String> tableStages() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("cities", "cities");
    m.put("cluster_members", "clusters");
    m.put("clusters", "clusters");
    m.put("city_pairs", "metrics");
    m.put("spatial_weights", "metrics");
    m.put("city_metrics", "metrics");
    m.put("cluster_metrics", "metrics");
    m.put("autocorrelation", "metrics");
    m.put("lisa", "metrics");
    m.put("point_assignments", "metrics");
    m.put("cluster_pairs", "metrics");
    m.put("boundary_candidates", "metrics");
    m.put("cluster_verdicts", "metrics");
    m.put("functional_regions", "metrics");
    m.put("plan_region_match", "metrics");
    m.put("inequality", "metrics");
    m.put("convergence", "metrics");
    m.put("cluster_growth", "metrics");
    m.put("dq_issues", null);
    m.put("run_manifest", null);
    return m;
  }

  private final SparkSession spark;
  private final PipelineConfig config;
  private final Progress progress;
  private final List<RunManifest.StageReport> stageReports = new ArrayList<>();

  public Pipeline(SparkSession spark, PipelineConfig config, Progress progress) {
    this.spark = spark;
    this.config = config;
    this.progress = progress;
  }

  public RunResult run() throws IOException {
    java.util.Set<Object> cachedBefore = persistentRdds();
    try {
      return runAndPublish();
    } finally {
      release(cachedBefore);
    }
  }

  /** Ids of the RDDs the session holds in memory or on disk (persisted or locally checkpointed). */
  private java.util.Set<Object> persistentRdds() {
    return new java.util.HashSet<>(
        scala.jdk.javaapi.CollectionConverters.asJava(
            spark.sparkContext().getPersistentRDDs().keySet()));
  }

  /**
   * Drops what this run kept in memory or on disk (its persisted tables and the stages' local
   * checkpoints): a long-lived session (a notebook, the tests) must not fill with earlier runs.
   */
  private void release(java.util.Set<Object> keep) {
    var held = spark.sparkContext().getPersistentRDDs();
    for (Object id : persistentRdds()) {
      if (!keep.contains(id)) {
        held.get((Integer) id).foreach(rdd -> rdd.unpersist(false));
      }
    }
  }

  private RunResult runAndPublish() throws IOException {
    Instant started = Instant.now();
    Level level = config.level();
    String runDate = config.runDate().toString();
    String runId =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
                .withZone(ZoneOffset.UTC)
                .format(started)
            + "_"
            + runDate
            + "_"
            + level.id();
    Warehouse warehouse = new Warehouse(spark, config.warehouse());
    try (WarehouseLock lock =
        WarehouseLock.acquire(
            warehouse,
            spark.sparkContext().hadoopConfiguration(),
            runId,
            config.lockStaleAfter(),
            WarehouseLock::isAlive)) {
      if (lock.recoveredRunId() != null) {
        progress.line(
            "took over the stale lock of run "
                + lock.recoveredRunId()
                + " (its process is gone); its leftovers were cleaned up");
      }
      progress.line("run " + runId + " (level " + level.id() + ", data " + config.dataRoot() + ")");
      Map<String, Map<String, Object>> inputs = new TreeMap<>();
      try {
        // a run that is killed keeps this manifest; the run taking over its lock marks it killed
        warehouse.writeManifest(
            runId,
            RunManifest.toJson(
                runId, config, started, null, "running", null, List.of(), List.of(), Map.of(),
                inputs));
        inputs.putAll(inputs());
        return runLocked(warehouse, runId, started, inputs);
      } catch (Throwable e) {
        // Throwable: Spark rethrows checked SparkExceptions undeclared, and an Error ends a run too
        String status = e instanceof QualityGateException ? "failed_quality_gate" : "failed";
        try {
          warehouse.writeManifest(
              runId,
              RunManifest.toJson(
                  runId,
                  config,
                  started,
                  Instant.now(),
                  status,
                  RunManifest.oneLine(e),
                  stageReports,
                  List.of(),
                  Map.of(),
                  inputs));
          warehouse.cleanUp(runId);
        } catch (IOException | RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
    }
  }

  private RunResult runLocked(
      Warehouse warehouse, String runId, Instant started, Map<String, Map<String, Object>> inputs)
      throws IOException {
    try (TableStager stager =
        new TableStager(
            spark,
            warehouse,
            progress,
            runId,
            config.level(),
            config.runDate().toString(),
            config.parallelWrites())) {
      return runLocked(warehouse, stager, runId, started, inputs);
    }
  }

  /**
   * The run proper. Each output table is handed to {@code stager} as soon as its plan is complete,
   * so its write overlaps the stages after it; the quality gates are computed while the last tables
   * are being staged, and nothing is published before both are done.
   */
  private RunResult runLocked(
      Warehouse warehouse,
      TableStager stager,
      String runId,
      Instant started,
      Map<String, Map<String, Object>> inputs)
      throws IOException {
    Level level = config.level();
    String runDate = config.runDate().toString();
    int partitions =
        SparkSessions.shufflePartitions(config.shufflePartitions(), System.getProperties());
    spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(partitions));
    progress.line(
        "spark.sql.shuffle.partitions "
            + partitions
            + (System.getProperty("spark.sql.shuffle.partitions") == null
                ? " (option spark.shuffle.partitions)"
                : " (spark-submit --conf)"));

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
    report(
        stage,
        "read reference data",
        stats.byAdcode().size(),
        stats.byAdcode().size() + " units with statistics, " + plan.size() + " plan rows");

    stage = progress.start("cities", "boundaries of level " + level.id());
    BoundarySource boundarySource = config.boundaries();
    BoundaryReader.Result boundaryRead =
        BoundaryReader.read(
            spark,
            boundarySource,
            config.dataPath(boundarySource.path()),
            boundarySource.path(),
            level == Level.COUNTY);
    Dataset<Row> boundaries = boundaryRead.features().repartition(partitions);
    Dataset<Row> prefectures = level == Level.COUNTY ? preparedPrefectures() : null;
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
    Dataset<Row> citiesTable = PlanCut.of(cities.cities());
    long cityRows = citiesTable.count();
    report(stage, "cities", cityRows, cityRows + " units");

    stage = progress.start("cluster regions", "plan members joined to units");
    ClusterRegionsJob.Output regions =
        ClusterRegionsJob.build(citiesTable, planFrame, statistics, level, config.clustersPath());
    Dataset<Row> members = PlanCut.of(regions.members());
    report(stage, "cluster regions", members.count(), "");

    Map<String, Dataset<Row>> clusterTables = new LinkedHashMap<>();
    clusterTables.put("cities", citiesTable);
    clusterTables.put("cluster_members", members);
    clusterTables.put("clusters", regions.clusters());
    Instant stagingStarted = Instant.now();
    submitAll(stager, clusterTables);

    Dataset<Row> issues =
        ReferenceFrames.issues(spark, stats.issues())
            .unionByName(ReferenceFrames.issues(spark, boundaryRead.issues()))
            .unionByName(cities.issues())
            .unionByName(regions.issues());
    if (config.stages().contains("metrics")) {
      stage = progress.start("linkage", "rail and air services assigned to units, pair linkage");
      LinkageInputs linkageInputs = LinkageInputs.read(spark, config::dataPath, config.linkage());
      LinkageJob.Output linkage =
          LinkageJob.build(
              spark, linkageInputs, citiesTable, members, clusterPairs(members), config.linkage());
      Dataset<Row> linkagePairs = PlanCut.of(linkage.linkagePairs());
      LinkageJob.Summary s = linkage.summary();
      report(
          stage,
          "linkage",
          linkagePairs.count(),
          String.format(
              java.util.Locale.ROOT,
              "stations %d inside, %d snapped, %d excluded, %d unassigned; airports %d inside,"
                  + " %d snapped, %d unassigned",
              s.stationsInside(),
              s.stationsSnapped(),
              s.stationsExcluded(),
              s.stationsUnassigned(),
              s.airportsInside(),
              s.airportsSnapped(),
              s.airportsUnassigned()));
      submitAll(stager, Map.of("point_assignments", linkage.pointAssignments()));

      stage = progress.start("adjacency", "contiguity, distances, weights, morphology, Moran");
      AdjacencyJob.Output adjacency =
          AdjacencyJob.build(citiesTable, members, linkagePairs, config.adjacency());
      Dataset<Row> cityPairs =
          PlanCut.of(
              CityPairsJob.build(
                  adjacency.cityPairs(),
                  linkagePairs,
                  citiesTable,
                  config.linkage().gravityBeta()));
      Dataset<Row> cityMetrics =
          adjacency.cityMetrics().join(linkage.cityMetrics(), "adcode", "full_outer");
      report(stage, "adjacency", cityPairs.count(), "city pairs");
      Map<String, Dataset<Row>> adjacencyTables = new LinkedHashMap<>();
      adjacencyTables.put("city_pairs", cityPairs);
      adjacencyTables.put("spatial_weights", adjacency.spatialWeights());
      adjacencyTables.put("city_metrics", cityMetrics);
      adjacencyTables.put("autocorrelation", adjacency.autocorrelation());
      adjacencyTables.put("lisa", adjacency.lisa());
      submitAll(stager, adjacencyTables);

      stage = progress.start("diagnostics", "adjacency versus linkage per cluster");
      DiagnosticsJob.Output diagnostics =
          DiagnosticsJob.build(cityPairs, citiesTable, members, config.diagnostics());
      Dataset<Row> clusterMetrics =
          adjacency.clusterMetrics().join(diagnostics.clusterMetrics(), "cluster_id", "full_outer");
      report(stage, "diagnostics", -1, "");
      Map<String, Dataset<Row>> diagnosticsTables = new LinkedHashMap<>();
      diagnosticsTables.put("cluster_metrics", clusterMetrics);
      diagnosticsTables.put("cluster_pairs", diagnostics.clusterPairs());
      submitAll(stager, diagnosticsTables);

      stage = progress.start("verdict", "excess linkage against the spatial null, candidates");
      VerdictStage.Output verdict =
          VerdictStage.build(
              new VerdictStage.Inputs(
                  citiesTable,
                  cityMetrics,
                  cityPairs,
                  adjacency.spatialWeights(),
                  members,
                  regions.clusters(),
                  level == Level.COUNTY ? statistics : null,
                  config.diagnostics().candidateLinkage(),
                  config.diagnostics().weakMemberFraction()),
              config.verdict());
      Dataset<Row> verdicts = PlanCut.of(verdict.verdicts());
      report(stage, "verdict", verdicts.count(), "cluster x linkage rows");
      Map<String, Dataset<Row>> verdictTables = new LinkedHashMap<>();
      verdictTables.put(
          "boundary_candidates",
          config.verdict().candidateRule().equals(VerdictOptions.AFFINITY)
              ? verdict.candidates()
              : CandidateColumns.rawSumRows(diagnostics.boundaryCandidates()));
      verdictTables.put("cluster_verdicts", verdicts);
      submitAll(stager, verdictTables);

      stage = progress.start("functional regions", "Leiden on the linkage network, plan match");
      FunctionalRegionsStage.Output functional =
          FunctionalRegionsStage.build(
              citiesTable, cityPairs, members, regions.clusters(), config.regions());
      Dataset<Row> functionalRegions = PlanCut.of(functional.regions());
      report(stage, "functional regions", functionalRegions.count(), "variant x unit rows");
      Map<String, Dataset<Row>> regionTables = new LinkedHashMap<>();
      regionTables.put("functional_regions", functionalRegions);
      regionTables.put("plan_region_match", functional.matches());
      submitAll(stager, regionTables);

      issues =
          issues
              .unionByName(linkage.issues())
              .unionByName(adjacency.issues())
              .unionByName(diagnostics.issues())
              .unionByName(verdict.issues());
    }
    if (config.stages().contains("metrics")) {
      stage = progress.start("balance", "inequality, convergence and growth over the stats years");
      BalanceStage.Output balance =
          BalanceStage.run(
              spark,
              statsTable,
              aliases,
              citiesTable,
              members,
              planFrame.select("cluster_id", "plan_year"),
              config.balance());
      report(stage, "balance", -1, "");
      submitAll(stager, balance.tables());
      issues = issues.unionByName(balance.issues());
    }
    issues = PlanCut.of(issues);
    submitAll(stager, Map.of("dq_issues", issues));

    // The gates run while the last tables are staged; a staging failure is reported first.
    stage = progress.start("quality gates", "checks before publishing");
    Map<String, Long> dqCounts = null;
    List<String> failures = List.of();
    RuntimeException gateError = null;
    try {
      dqCounts = dqCountsByAction(issues);
      enforceDuplicatePolicy(issues, boundarySource.path());
      QualityGates.Facts facts =
          facts(citiesTable, regions.clusters(), issues, boundarySource.path());
      failures = QualityGates.failures(facts, config.gates());
    } catch (RuntimeException e) {
      gateError = e;
    }
    report(
        stage,
        "quality gates",
        -1,
        gateError != null
            ? "failed: " + gateError.getMessage()
            : failures.isEmpty() ? "all passed" : failures.toString());
    Map<String, Long> rows = awaitStaged(stager, stagingStarted, gateError);
    if (gateError != null || !failures.isEmpty()) {
      keepIssuesOfFailedRun(warehouse, runId, issues, rows.getOrDefault("dq_issues", 0L));
    }
    if (gateError != null) {
      throw gateError;
    }
    if (!failures.isEmpty()) {
      throw new QualityGateException(failures);
    }

    Instant finished = Instant.now();
    String manifestPath = warehouse.manifestPath(runId).toString();
    Dataset<Row> manifestRow =
        RunManifest.tableRow(spark, runId, config, started, finished, rows, dqCounts, manifestPath);
    submitAll(stager, Map.of("run_manifest", manifestRow));
    rows.putAll(awaitStaged(stager, null, null));

    stage = progress.start("publish", "make the staged partitions current, all at once");
    Map<String, Path> paths = warehouse.publishRun(runId, level, runDate);
    List<PublishedTable> published = new ArrayList<>();
    for (String table : TABLES.stream().filter(rows::containsKey).toList()) {
      if (!paths.containsKey(table)) {
        throw new IOException("table " + table + " was staged but not published");
      }
      published.add(new PublishedTable(table, paths.get(table).toString(), rows.get(table)));
    }
    report(stage, "publish", published.size(), published.size() + " partitions");
    warehouse.writeManifest(
        runId,
        RunManifest.toJson(
            runId,
            config,
            started,
            finished,
            "succeeded",
            null,
            stageReports,
            published,
            dqCounts,
            inputs));
    citiesTable.unpersist();
    members.unpersist();
    issues.unpersist();
    return new RunResult(runId, published, manifestPath);
  }

  /**
   * A gate stopped the run: its staged dq_issues go beside its manifest ({@code
   * _runs/<run_id>/dq_issues/}) and the top problems with their records are printed.
   */
  private void keepIssuesOfFailedRun(
      Warehouse warehouse, String runId, Dataset<Row> issues, long rows) throws IOException {
    Path kept = warehouse.keepIssuesOfFailedRun(runId, config.level(), config.runDate().toString());
    if (kept == null) {
      return;
    }
    progress.line("the run's " + rows + " dq_issues rows are kept in " + kept + "; top problems:");
    List<String> gated = List.of(config.boundaries().path(), config.clustersPath());
    for (String line : FailedRunIssues.topProblems(issues, 5, gated)) {
      progress.line("  " + line);
    }
  }

  /** Hands the tables this run publishes to the stager, in order. */
  private void submitAll(TableStager stager, Map<String, Dataset<Row>> tables) {
    for (var t : tables.entrySet()) {
      if (publishes(t.getKey())) {
        stager.submit(t.getKey(), t.getValue());
      }
    }
  }

  /**
   * Waits for the staged tables and records one manifest stage per table (plus, when {@code since}
   * is given, one for the whole background write from the first table submitted). A failure of
   * {@code pending} (computed meanwhile) is attached to a staging failure as suppressed.
   */
  private Map<String, Long> awaitStaged(TableStager stager, Instant since, RuntimeException pending)
      throws IOException {
    Map<String, TableStager.Staged> staged;
    try {
      staged = stager.await();
    } catch (IOException | RuntimeException e) {
      if (pending != null) {
        e.addSuppressed(pending);
      }
      throw e;
    }
    Map<String, Long> rows = new LinkedHashMap<>();
    for (var s : staged.entrySet()) {
      rows.put(s.getKey(), s.getValue().rows());
      stageReports.add(
          new RunManifest.StageReport(
              "write " + s.getKey(), s.getValue().seconds(), s.getValue().rows()));
    }
    if (since != null) {
      double seconds = java.time.Duration.between(since, Instant.now()).toNanos() / 1e9;
      progress.line(
          String.format(
              java.util.Locale.ROOT,
              "staged %d tables in the background, %.1f s from the first to the last",
              staged.size(),
              seconds));
      stageReports.add(
          new RunManifest.StageReport(
              "write " + staged.size() + " tables", seconds, staged.size()));
    }
    return rows;
  }

  /** Every unordered pair of units that share a cluster ({@code adcode_a < adcode_b}). */
  static Dataset<Row> clusterPairs(Dataset<Row> members) {
    Dataset<Row> a = members.select(col("cluster_id"), col("adcode").as("adcode_a"));
    Dataset<Row> b = members.select(col("cluster_id"), col("adcode").as("adcode_b"));
    return a.join(b, "cluster_id")
        .filter(col("adcode_a").lt(col("adcode_b")))
        .select("adcode_a", "adcode_b")
        .distinct();
  }

  private boolean publishes(String table) {
    String owner = TABLE_STAGES.get(table);
    return owner == null || config.stages().contains(owner);
  }

  private void report(Progress.Stage stage, String name, long rows, String detail) {
    double seconds = stage.done(detail);
    stageReports.add(new RunManifest.StageReport(name, seconds, rows));
  }

  private static Map<String, Long> dqCountsByAction(Dataset<Row> issues) {
    Map<String, Long> counts = new TreeMap<>();
    for (Row r : issues.groupBy("action").count().collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    return counts;
  }

  private void enforceDuplicatePolicy(Dataset<Row> issues, String boundarySourceName) {
    if (!config.duplicateAdcodePolicy().equals("fail")) {
      return;
    }
    List<Row> duplicates =
        issues
            .filter(
                col("source")
                    .equalTo(boundarySourceName)
                    .and(col("problem").startsWith("duplicate adcode")))
            .limit(1)
            .collectAsList();
    if (!duplicates.isEmpty()) {
      Row d = duplicates.get(0);
      throw new InputDataException(
          boundarySourceName,
          d.getAs("record_id"),
          "adcode",
          d.getAs("problem") + " (policy.duplicate_adcode=fail)");
    }
  }

  private QualityGates.Facts facts(
      Dataset<Row> cities, Dataset<Row> clusters, Dataset<Row> issues, String boundarySourceName) {
    Row c =
        cities
            .agg(
                expr("count(*)"),
                expr("count_if(mainland)"),
                expr("count_if(mainland AND has_stats)"),
                expr("count(*) - count(DISTINCT adcode)"))
            .first();
    Row q =
        issues
            .agg(
                expr(
                    "count_if(action = 'quarantined' AND source = '"
                        + boundarySourceName.replace("'", "''")
                        + "')"),
                expr("count_if(problem = '" + CitiesJob.NOT_UTF8 + "')"))
            .first();
    long unmatched = clusters.agg(expr("coalesce(sum(n_unmatched), 0)")).first().getLong(0);
    return new QualityGates.Facts(
        c.getLong(0) + q.getLong(0),
        q.getLong(0),
        c.getLong(1),
        c.getLong(2),
        c.getLong(3),
        unmatched,
        q.getLong(1));
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
      throw new InputDataException(relative, "file", null, "not found at " + path);
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
    if (config.stages().contains("metrics")) {
      LinkageJob.Options l = config.linkage();
      paths.addAll(
          List.of(
              l.stationsPath(),
              l.trainStopsPath(),
              l.timetablePath(),
              l.airportsPath(),
              l.routesPath()));
    }
    for (String relative : paths) {
      Path path = new Path(config.dataPath(relative));
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(path)) {
        throw new InputDataException(relative, "file", null, "not found at " + path);
      }
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
