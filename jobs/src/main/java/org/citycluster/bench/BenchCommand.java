package org.citycluster.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.citycluster.io.Feature;
import org.citycluster.io.GeoJsonFeatureReader;
import org.citycluster.synthetic.GenerateCommand;
import org.citycluster.synthetic.SyntheticDataset;
import org.citycluster.synthetic.SyntheticOptions;
import org.citycluster.synthetic.SyntheticTiling;
import org.citycluster.tools.Cli;
import org.citycluster.tools.CliVersion;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code citycluster bench}: wall time, peak memory and rows per stage of the pipeline on the real
 * prefecture and county layers and on synthetic tilings ({@link SyntheticTiling}), the
 * adjacency-only path ({@link AdjacencyBench}) with polygons per second, and optionally the same
 * adjacency work in PostGIS ({@link PostGisServer}). Every measured run is a child JVM (JVM start
 * included in its wall time; peak RSS from {@code /proc}); per-stage times come from the run
 * manifest ({@code <warehouse>/_runs/<run_id>/manifest.json}). Writes {@code bench.csv} and {@code
 * bench.md} to {@code --out} and prints the table. Times are measurements, never assertions.
 */
public final class BenchCommand {

  /** Columns of bench.csv. */
  static final List<String> COLUMNS =
      List.of(
          "dataset",
          "n",
          "run",
          "stage",
          "wall_s",
          "peak_rss_mb",
          "rows_in",
          "rows_out",
          "polygons_per_s",
          "postgis_s",
          "ratio_vs_postgis",
          "status");

  /** One line of the table; null fields print empty. */
  record Line(
      String dataset,
      long n,
      String run,
      String stage,
      Double wallS,
      Double peakRssMb,
      Long rowsIn,
      Long rowsOut,
      Double polygonsPerS,
      Double postgisS,
      Double ratio,
      String status) {

    List<String> cells() {
      return List.of(
          dataset,
          Long.toString(n),
          run,
          stage,
          fmt(wallS, 2),
          fmt(peakRssMb, 0),
          rowsIn == null ? "" : rowsIn.toString(),
          rowsOut == null ? "" : rowsOut.toString(),
          fmt(polygonsPerS, 0),
          fmt(postgisS, 2),
          fmt(ratio, 3),
          status);
    }
  }

  /**
   * The bench's flags (picocli; {@code --flag value} or {@code --flag=value}). Fields hold the
   * parsed and checked values after {@link #parse} or {@link #check}.
   */
  static final class Options {
    @Option(
        names = "--sizes",
        paramLabel = "LIST",
        description = "synthetic tiling sizes (default 10000,100000,1000000; none: \"\")")
    String sizesText = "10000,100000,1000000";

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description =
            "where bench.csv, bench.md, logs, generated data and warehouses go"
                + " (default bench-out)")
    Path out = Path.of("bench-out");

    @Option(
        names = "--vs-postgis",
        description = "also run the adjacency work in a throw-away PostGIS server")
    boolean vsPostgis;

    @Option(
        names = "--levels",
        paramLabel = "LIST",
        description =
            "real layers to run the full pipeline on (default prefecture,county; none: \"\")")
    String levelsText = "prefecture,county";

    @Option(
        names = "--full-max",
        paramLabel = "N",
        description = "largest synthetic size also run through the full pipeline (default 3000)")
    int fullMax = 3_000;

    @Option(
        names = "--stages-max",
        paramLabel = "N",
        description = "largest synthetic size run with --stages cities,clusters (default 100000)")
    int stagesMax = 100_000;

    @Option(
        names = "--postgis-max",
        paramLabel = "N",
        description = "largest synthetic size also run in PostGIS (default: all sizes)")
    int postgisMax = Integer.MAX_VALUE;

    @Option(
        names = "--adjacency-method",
        paramLabel = "M",
        description =
            "tiles (default, the pipeline's) or segments (the earlier distributed"
                + " segment hashing, for before/after figures)")
    String adjacencyMethod = "tiles";

    @Option(names = "--seed", paramLabel = "S", description = "synthetic seed (default 1)")
    long seed = 1;

    @Option(
        names = "--clusters",
        paramLabel = "L",
        description =
            "synthetic cluster plan (default scaled: 19 random connected clusters of"
                + " n/120 to n/36 cells, about a third of the units; blocks: 19 of 5x5 cells;"
                + " random:COUNT:MIN-MAX); stations and trains grow with n in every layout")
    String clusters = "scaled";

    @Option(
        names = "--data",
        paramLabel = "DIR",
        description = "real data root (default ../shared/data)")
    Path data = Path.of("../shared/data");

    @Option(
        names = "--timeout-s",
        paramLabel = "S",
        description = "per child run (default 3600); a run past it is stopped and marked timeout")
    long timeoutSeconds = 3600;

    List<Integer> sizes;
    List<String> levels;
    Duration timeout;

    /** Parses and checks a command line; a bad one is an IllegalArgumentException naming it. */
    static Options parse(String[] args) {
      Options o = new Options();
      try {
        new CommandLine(o).parseArgs(args);
      } catch (CommandLine.ParameterException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      return o.check();
    }

    /** Converts and checks the parsed values; returns this. */
    Options check() {
      sizes =
          Arrays.stream(sizesText.split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .map(s -> Integer.parseInt(s.replace("_", "")))
              .toList();
      levels =
          Arrays.stream(levelsText.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
      timeout = Duration.ofSeconds(timeoutSeconds);
      for (String level : levels) {
        if (!level.equals("prefecture") && !level.equals("county")) {
          throw new IllegalArgumentException("--levels: prefecture or county, not " + level);
        }
      }
      // a bad layout is named before any child run starts
      SyntheticOptions.ClusterLayout.parse(clusters, 1_000_000);
      for (int n : sizes) {
        if (n < 1 || n > 10_000_000) {
          throw new IllegalArgumentException("--sizes: 1..10000000, not " + n);
        }
      }
      return this;
    }
  }

  /** The command line of {@code citycluster bench}. */
  @Command(
      name = "citycluster bench",
      mixinStandardHelpOptions = true,
      versionProvider = CliVersion.class,
      sortOptions = false,
      description =
          "Benchmark: the pipeline and the adjacency work on the real layers and on synthetic tilings, optionally against PostGIS; writes bench.csv and bench.md (one row per run and stage: wall time, peak RSS, rows).")
  static final class Entry implements Callable<Integer> {
    @Mixin Options options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try {
        options.check();
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
      }
      return new BenchCommand(options, System.out).run();
    }
  }

  private final Options options;
  private final PrintStream out;
  private final Path repo = Path.of("").toAbsolutePath();
  private final List<Line> lines = new ArrayList<>();

  BenchCommand(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(Cli.execute(new Entry(), args, System.out, System.err));
  }

  /** Runs every benchmark and writes the report; exit code 0, or 1 if a run failed. */
  int run() throws Exception {
    Files.createDirectories(options.out);
    String loadBefore = loadAverage();
    Instant started = Instant.now();
    PostGisServer postgis = null;
    try {
      if (options.vsPostgis) {
        postgis = PostGisServer.start(PostGisServer.ensureInstalled(out));
        out.println("[bench] PostGIS server on 127.0.0.1:" + postgis.port());
      }
      for (String level : options.levels) {
        String dataset = level + " (real)";
        Path boundaries =
            options.data.resolve(
                level.equals("county")
                    ? "boundaries/china_counties.geojson"
                    : "boundaries/china_prefectures.geojson");
        try {
          long n = pipeline(dataset, -1, options.data, level, "all", List.of());
          adjacencyOnly(
              dataset, n, boundaries, "geojson", "EPSG:4490", postgis, realUnits(boundaries));
        } catch (IOException | RuntimeException e) {
          failed(dataset, -1, e);
        }
        writeReport(started, loadBefore, loadAverage(), false);
      }
      for (int n : options.sizes) {
        try {
          synthetic(n, postgis);
        } catch (IOException | RuntimeException e) {
          failed("synthetic", n, e);
        }
        writeReport(started, loadBefore, loadAverage(), false);
      }
    } finally {
      if (postgis != null) {
        postgis.close();
      }
    }
    writeReport(started, loadBefore, loadAverage(), true);
    return lines.stream().allMatch(l -> l.status().startsWith("ok")) ? 0 : 1;
  }

  private void failed(String dataset, long n, Exception e) {
    out.println("[bench]   FAILED: " + e);
    lines.add(
        new Line(dataset, n, "", "", null, null, null, null, null, null, null, "failed: " + e));
  }

  private void synthetic(int n, PostGisServer postgis) throws IOException, InterruptedException {
    String dataset = "synthetic";
    Path root = synthetic(n);
    List<String> sets = Arrays.asList(SyntheticDataset.pipelineOptions(true));
    if (n <= options.fullMax) {
      pipeline(dataset, n, root, "prefecture", "all", sets);
    }
    if (n <= options.stagesMax) {
      pipeline(dataset, n, root, "prefecture", "cities,clusters", sets);
    }
    SyntheticTiling tiling = new SyntheticTiling(n, options.seed, false);
    adjacencyOnly(
        dataset,
        n,
        root.resolve(SyntheticDataset.GEOPARQUET),
        "geoparquet",
        "EPSG:4326",
        n <= options.postgisMax ? postgis : null,
        syntheticUnits(tiling));
  }

  // ------------------------------------------------------------------------------------------
  // Runs

  /** The full pipeline (or the listed stages) as a child; returns the cities row count. */
  private long pipeline(
      String dataset, long n, Path data, String level, String stages, List<String> sets)
      throws IOException, InterruptedException {
    String tag = slug(dataset + "-" + (n < 0 ? level : n) + "-" + stages);
    Path warehouse = options.out.resolve("warehouse/" + tag);
    // through the launcher, as a user runs it (its JVM options, JIT choice included); the
    // launcher execs java, so the child's pid and peak RSS are the JVM's
    Path launcher = repo.resolve("citycluster");
    List<String> cmd =
        Files.isExecutable(launcher)
            ? new ArrayList<>(List.of(launcher.toString()))
            : javaCommand("org.citycluster.Main");
    cmd.addAll(
        List.of(
            "run",
            "--data",
            data.toAbsolutePath().toString(),
            "--warehouse",
            warehouse.toAbsolutePath().toString(),
            "--level",
            level,
            "--date",
            "2000-01-01",
            "--stages",
            stages));
    for (String s : sets) {
      cmd.add("--set");
      cmd.add(s);
    }
    String run = "pipeline " + stages;
    out.printf("[bench] %s n=%s: %s ...%n", dataset, n < 0 ? "?" : n, run);
    ChildRun.Result r =
        ChildRun.run(cmd, repo, options.out.resolve("logs/" + tag + ".log"), options.timeout);
    Optional<JsonNode> manifest = latestManifest(warehouse);
    long cities = -1;
    if (manifest.isPresent()) {
      for (JsonNode s : manifest.get().path("stages")) {
        String stage = s.path("stage").asText();
        Long rows = s.has("rows") ? s.path("rows").asLong() : null;
        if (stage.equals("cities") && rows != null) {
          cities = rows;
        }
      }
    }
    long units = n >= 0 ? n : cities;
    if (manifest.isPresent()) {
      for (JsonNode s : manifest.get().path("stages")) {
        String stage = s.path("stage").asText();
        Long rows = s.has("rows") ? s.path("rows").asLong() : null;
        lines.add(
            new Line(
                dataset,
                units,
                run,
                stage,
                s.path("seconds").asDouble(),
                null,
                null,
                rows,
                null,
                null,
                null,
                "ok"));
      }
    }
    lines.add(
        new Line(
            dataset,
            units,
            run,
            "total (JVM start included)",
            r.wallSeconds(),
            r.peakRssMb(),
            units,
            null,
            null,
            null,
            null,
            status(r)));
    out.printf(
        Locale.ROOT,
        "[bench]   %s in %.1f s, peak RSS %.0f MB (log %s)%n",
        status(r),
        r.wallSeconds(),
        r.peakRssMb(),
        r.log());
    return units;
  }

  /** A source of (id, geometry) for the PostGIS load. */
  interface UnitSource {
    void forEach(UnitConsumer c) throws IOException;
  }

  interface UnitConsumer {
    void accept(String id, Geometry g) throws IOException;
  }

  private void adjacencyOnly(
      String dataset,
      long n,
      Path boundaries,
      String format,
      String crs,
      PostGisServer postgis,
      UnitSource units)
      throws IOException, InterruptedException {
    String tag = slug(dataset + "-" + n + "-adjacency-" + options.adjacencyMethod);
    Path work = options.out.resolve("adjacency/" + tag);
    List<String> cmd = javaCommand(AdjacencyBench.class.getName());
    int partitions = (int) Math.max(8, Math.min(400, n / 2_500));
    cmd.addAll(
        List.of(
            "--boundaries",
            boundaries.toAbsolutePath().toString(),
            "--format",
            format,
            "--crs",
            crs,
            "--out",
            work.toAbsolutePath().toString(),
            "--partitions",
            Integer.toString(partitions),
            "--method",
            options.adjacencyMethod));
    out.printf("[bench] %s n=%d: adjacency only (%s) ...%n", dataset, n, options.adjacencyMethod);
    ChildRun.Result r =
        ChildRun.run(cmd, repo, options.out.resolve("logs/" + tag + ".log"), options.timeout);
    String bench =
        r.ok()
            ? Files.readAllLines(r.log()).stream()
                .filter(l -> l.startsWith("BENCH "))
                .findFirst()
                .orElse("")
            : "";
    double readS = value(bench, "read_s");
    double contiguityS = value(bench, "contiguity_s");
    long pairs = (long) value(bench, "pairs");
    long rook = (long) value(bench, "rook");
    Double pg = null;
    if (postgis != null) {
      pg = postgis(dataset, n, postgis, units, tag, rook);
    }
    double ours = readS + contiguityS;
    lines.add(
        new Line(
            dataset,
            n,
            "adjacency only (" + options.adjacencyMethod + ")",
            "read",
            readS,
            null,
            n,
            null,
            null,
            null,
            null,
            "ok"));
    lines.add(
        new Line(
            dataset,
            n,
            "adjacency only (" + options.adjacencyMethod + ")",
            "contiguity",
            contiguityS,
            null,
            n,
            pairs,
            n / contiguityS,
            null,
            null,
            "ok"));
    lines.add(
        new Line(
            dataset,
            n,
            "adjacency only (" + options.adjacencyMethod + ")",
            "read + contiguity (vs PostGIS load + index + query)",
            ours,
            null,
            n,
            rook,
            n / ours,
            pg,
            pg == null ? null : ours / pg,
            "ok"));
    lines.add(
        new Line(
            dataset,
            n,
            "adjacency only (" + options.adjacencyMethod + ")",
            "total (JVM start included)",
            r.wallSeconds(),
            r.peakRssMb(),
            n,
            pairs,
            n / r.wallSeconds(),
            pg,
            pg == null ? null : r.wallSeconds() / pg,
            status(r)));
    out.printf(
        Locale.ROOT,
        "[bench]   %s in %.1f s (contiguity %.1f s, %d pairs, %d rook), peak RSS %.0f MB%n",
        status(r),
        r.wallSeconds(),
        contiguityS,
        pairs,
        rook,
        r.peakRssMb());
  }

  /** Load, index and query in PostGIS; adds its lines and returns load + index + query seconds. */
  private Double postgis(
      String dataset, long n, PostGisServer pg, UnitSource units, String tag, long ourRook)
      throws IOException, InterruptedException {
    Path tsv = options.out.resolve("postgis/" + tag + ".tsv");
    Files.createDirectories(tsv.getParent());
    WKBWriter wkb = new WKBWriter();
    try (BufferedWriter w = Files.newBufferedWriter(tsv, StandardCharsets.UTF_8)) {
      units.forEach(
          (id, g) -> {
            w.write(id);
            w.write('\t');
            w.write(WKBWriter.toHex(wkb.write(g)));
            w.write('\n');
          });
    }
    out.printf("[bench] %s n=%d: PostGIS load, index, query ...%n", dataset, n);
    pg.sql("DROP TABLE IF EXISTS t; DROP TABLE IF EXISTS pairs");
    pg.sql("CREATE UNLOGGED TABLE t (id text PRIMARY KEY, geom geometry)");
    long t0 = System.nanoTime();
    pg.sql("\\copy t (id, geom) FROM '" + tsv.toAbsolutePath() + "'");
    pg.sql("UPDATE t SET geom = ST_SetSRID(geom, 4326)");
    long t1 = System.nanoTime();
    pg.sql("CREATE INDEX t_geom ON t USING gist (geom); ANALYZE t");
    long t2 = System.nanoTime();
    pg.sql(
        "CREATE UNLOGGED TABLE pairs AS SELECT a.id AS id_a, b.id AS id_b,"
            + " ST_Length(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom))::geography)"
            + " / 1000 AS shared_border_km FROM t a JOIN t b ON a.id < b.id"
            + " AND ST_Intersects(a.geom, b.geom) AND ST_Relate(a.geom, b.geom, 'F***1****')");
    long t3 = System.nanoTime();
    long rook = Long.parseLong(pg.sql("SELECT count(*) FROM pairs").strip());
    Files.deleteIfExists(tsv);
    double load = (t1 - t0) / 1e9;
    double index = (t2 - t1) / 1e9;
    double query = (t3 - t2) / 1e9;
    String agree = rook == ourRook ? "ok" : "ok (rook pairs " + rook + " vs ours " + ourRook + ")";
    lines.add(new Line(dataset, n, "postgis", "load", load, null, n, null, null, null, null, "ok"));
    lines.add(
        new Line(
            dataset, n, "postgis", "gist index", index, null, n, null, null, null, null, "ok"));
    lines.add(
        new Line(
            dataset, n, "postgis", "query", query, null, n, rook, n / query, null, null, agree));
    double total = load + index + query;
    lines.add(
        new Line(
            dataset,
            n,
            "postgis",
            "load + index + query",
            total,
            null,
            n,
            rook,
            n / total,
            total,
            null,
            agree));
    out.printf(
        Locale.ROOT,
        "[bench]   PostGIS load %.1f s, index %.1f s, query %.1f s, %d rook pairs%n",
        load,
        index,
        query,
        rook);
    return total;
  }

  private UnitSource realUnits(Path geojson) {
    return c -> {
      for (Feature f : new GeoJsonFeatureReader().read(geojson)) {
        c.accept(String.valueOf(f.properties().get("adcode")), f.geometry());
      }
    };
  }

  private static UnitSource syntheticUnits(SyntheticTiling tiling) {
    return c -> {
      for (int i = 0; i < tiling.size(); i++) {
        c.accept(SyntheticTiling.adcode(i), tiling.polygon(i));
      }
    };
  }

  /** The synthetic data root for n (generated by a child JVM unless already complete). */
  private Path synthetic(int n) throws IOException, InterruptedException {
    // the generator's version is in the name: data of an older generator is not reused
    Path root =
        options.out.resolve(
            "data/synthetic-"
                + n
                + "-seed"
                + options.seed
                + "-"
                + options.clusters.replace(':', '_')
                + "-v"
                + SyntheticDataset.VERSION);
    Path done = root.resolve(".complete");
    if (Files.exists(done)) {
      return root;
    }
    List<String> cmd = javaCommand(GenerateCommand.class.getName());
    cmd.addAll(
        List.of(
            "--n",
            Integer.toString(n),
            "--seed",
            Long.toString(options.seed),
            "--clusters",
            options.clusters,
            "--out",
            root.toAbsolutePath().toString()));
    out.printf("[bench] generating synthetic n=%d ...%n", n);
    ChildRun.Result r =
        ChildRun.run(
            cmd, repo, options.out.resolve("logs/generate-" + n + ".log"), options.timeout);
    if (!r.ok()) {
      throw new IllegalStateException("generating n=" + n + " failed, see " + r.log());
    }
    out.printf(Locale.ROOT, "[bench]   generated in %.1f s%n", r.wallSeconds());
    Files.writeString(done, "");
    return root;
  }

  // ------------------------------------------------------------------------------------------
  // Report

  /** Writes bench.csv and bench.md (after every dataset, so a long run leaves partial results). */
  private void writeReport(
      Instant started, String loadBefore, String loadAfter, boolean finalReport)
      throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (Line l : lines) {
      rows.add(l.cells());
    }
    StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    for (List<String> r : rows) {
      csv.append(String.join(",", r.stream().map(BenchCommand::csvCell).toList())).append('\n');
    }
    Files.writeString(options.out.resolve("bench.csv"), csv.toString());

    StringBuilder md = new StringBuilder("# citycluster bench\n\n");
    md.append("- started ")
        .append(started)
        .append(", finished ")
        .append(Instant.now())
        .append('\n');
    md.append("- machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(memTotal())
        .append("; child JVMs -Xmx")
        .append(driverMemory())
        .append('\n');
    md.append("- load average (1, 5, 15 min) before: ")
        .append(loadBefore)
        .append("; after: ")
        .append(loadAfter)
        .append('\n');
    md.append(
        "- wall_s of `total` rows includes JVM start; per-stage rows are the run manifest's"
            + " stage seconds; ratio_vs_postgis = ours / PostGIS (load + index + query)\n\n");
    md.append("| ").append(String.join(" | ", COLUMNS)).append(" |\n");
    md.append("|").append("---|".repeat(COLUMNS.size())).append('\n');
    for (List<String> r : rows) {
      md.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    Files.writeString(options.out.resolve("bench.md"), md.toString());

    int[] widths = new int[COLUMNS.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = Math.min(40, COLUMNS.get(c).length());
      for (List<String> r : rows) {
        widths[c] = Math.max(widths[c], Math.min(40, r.get(c).length()));
      }
    }
    if (!finalReport) {
      return;
    }
    out.println();
    out.println(tableRow(COLUMNS, widths));
    for (List<String> r : rows) {
      out.println(tableRow(r, widths));
    }
    out.println();
    out.println("bench: wrote " + options.out.resolve("bench.csv") + " and bench.md");
  }

  private static String tableRow(List<String> cells, int[] widths) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String v = cells.get(c);
      if (v.length() > widths[c]) {
        v = v.substring(0, widths[c] - 1) + "…";
      }
      sb.append(String.format(Locale.ROOT, "%-" + widths[c] + "s  ", v));
    }
    return sb.toString().stripTrailing();
  }

  // ------------------------------------------------------------------------------------------
  // Helpers

  /** java + the launcher's JVM options + this classpath + main class. */
  private static List<String> javaCommand(String mainClass) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + driverMemory());
    try (InputStream in =
        BenchCommand.class.getClassLoader().getResourceAsStream("citycluster-jvm.options")) {
      if (in != null) {
        for (String o : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\s+")) {
          if (!o.isBlank()) {
            cmd.add(o);
          }
        }
      }
    }
    String version = System.getProperty("citycluster.code.version");
    if (version != null) {
      cmd.add("-Dcitycluster.code.version=" + version);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    return cmd;
  }

  private static String driverMemory() {
    String m = System.getenv("CITYCLUSTER_DRIVER_MEMORY");
    return m == null || m.isBlank() ? "6g" : m;
  }

  private static Optional<JsonNode> latestManifest(Path warehouse) throws IOException {
    Path runs = warehouse.resolve("_runs");
    if (!Files.isDirectory(runs)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(runs)) {
      Optional<Path> latest =
          dirs.map(d -> d.resolve("manifest.json"))
              .filter(Files::exists)
              .max(Comparator.comparing(p -> p.getParent().getFileName().toString()));
      if (latest.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new ObjectMapper().readTree(latest.get().toFile()));
    }
  }

  private static double value(String line, String key) {
    for (String part : line.split(" ")) {
      if (part.startsWith(key + "=")) {
        return Double.parseDouble(part.substring(key.length() + 1));
      }
    }
    return Double.NaN;
  }

  private static String status(ChildRun.Result r) {
    return r.exitCode() == 0
        ? "ok"
        : r.exitCode() < 0 ? "timeout" : "failed (exit " + r.exitCode() + ")";
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + ", " + f[1] + ", " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String memTotal() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) {
          long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.1f GiB RAM", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "RAM unknown";
  }

  private static String fmt(Double v, int decimals) {
    if (v == null || v.isNaN() || v < 0 && decimals == 0) {
      return "";
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String csvCell(String v) {
    return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  private static String slug(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
