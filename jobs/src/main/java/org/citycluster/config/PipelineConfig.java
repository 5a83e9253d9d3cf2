package org.citycluster.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.citycluster.jobs.AdjacencyJob;
import org.citycluster.jobs.DiagnosticsJob;
import org.citycluster.jobs.LinkageJob;
import org.citycluster.linkage.StationReliability;
import org.citycluster.quality.QualityGates;

/**
 * The typed, validated configuration of one pipeline run.
 *
 * <p>Built from the defaults in the bundled copy of {@code conf/citycluster.properties}, then an
 * optional properties file, then command-line overrides, in that order. Every option is validated
 * before any data is read; an unknown option or a wrong value fails with a {@link ConfigException}
 * naming the option and the allowed values. Input paths are relative to {@code data.root} unless
 * absolute; {@code data.root} and {@code warehouse} are relative to the working directory unless
 * absolute (or a URI such as {@code hdfs://...}).
 *
 * @param dataRoot input root directory (default {@code ../shared/data})
 * @param warehouse output root (default {@code warehouse})
 * @param runDate the run date: the {@code run_date=} partition (default today)
 * @param level prefecture or county
 * @param prefectureBoundaries boundary source of the prefecture level
 * @param countyBoundaries boundary source of the county level
 * @param statsPath the wide statistics table ({@code city_stats.csv})
 * @param unitsPath the unit list with code aliases ({@code cities.csv})
 * @param statsYear target year of the statistics (default 2020)
 * @param clustersPath the cluster plan member list ({@code clusters.csv})
 * @param sparkMaster Spark master for local runs (default {@code local[*]}); ignored when the
 *     session is created by spark-submit
 * @param shufflePartitions {@code spark.sql.shuffle.partitions} (default 4 in
 *     conf/citycluster.properties)
 * @param parallelWrites how many output tables are conformed, checked and staged at once, each from
 *     its own driver thread (default 4; 1 = one after the other)
 * @param stages the stages whose tables this run publishes ({@link #STAGES}; default all)
 * @param duplicateAdcodePolicy {@code quarantine} or {@code fail}
 * @param gates the quality gates for the run's level
 * @param lockStaleAfter age after which a warehouse lock is stale whatever its holder
 * @param adjacency options of the adjacency metrics ({@code adjacency.*})
 * @param linkage options of the functional-linkage metrics ({@code linkage.*})
 * @param diagnostics options of the adjacency-versus-linkage diagnostics ({@code diagnostics.*})
 * @param verdict options of the verdict and the boundary candidates ({@code verdict.*}, {@code
 *     candidates.*})
 * @param regions options of the functional regions ({@code regions.*})
 * @param balance options of the regional-balance tables ({@code stats.years}, {@code balance.*})
 * @param resolved every option with its final value, for the run manifest
 */
public record PipelineConfig(
    String dataRoot,
    String warehouse,
    LocalDate runDate,
    Level level,
    BoundarySource prefectureBoundaries,
    BoundarySource countyBoundaries,
    String statsPath,
    String unitsPath,
    int statsYear,
    String clustersPath,
    String sparkMaster,
    int shufflePartitions,
    int parallelWrites,
    Set<String> stages,
    String duplicateAdcodePolicy,
    QualityGates.Thresholds gates,
    Duration lockStaleAfter,
    AdjacencyJob.Options adjacency,
    LinkageJob.Options linkage,
    DiagnosticsJob.Options diagnostics,
    VerdictOptions verdict,
    RegionsOptions regions,
    BalanceOptions balance,
    Map<String, String> resolved) {

  /** The stages in pipeline order; each publishes its own tables. */
  public static final List<String> STAGES = List.of("cities", "clusters", "metrics");

  /** Options with their defaults, in the order they are documented. */
  private static final String DEFAULTS_RESOURCE = "/conf/citycluster.properties";

  /** The boundary source of the run's level. */
  public BoundarySource boundaries() {
    return level == Level.COUNTY ? countyBoundaries : prefectureBoundaries;
  }

  /** A path under the data root (absolute paths and URIs are kept). */
  public String dataPath(String relative) {
    if (relative.startsWith("/") || relative.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return relative;
    }
    return dataRoot.endsWith("/") ? dataRoot + relative : dataRoot + "/" + relative;
  }

  /** Loads defaults, then {@code confFile} (may be null), then {@code overrides}. */
  public static PipelineConfig load(Path confFile, Map<String, String> overrides) {
    Map<String, String> options = new TreeMap<>(defaults());
    if (confFile != null) {
      if (!Files.isRegularFile(confFile)) {
        throw new ConfigException("config file not found: " + confFile);
      }
      try (Reader r = Files.newBufferedReader(confFile, StandardCharsets.UTF_8)) {
        Properties p = new Properties();
        p.load(r);
        for (String key : p.stringPropertyNames()) {
          put(options, key, p.getProperty(key), confFile.toString());
        }
      } catch (IOException e) {
        throw new ConfigException("cannot read config file " + confFile + ": " + e.getMessage());
      }
    }
    for (var e : overrides.entrySet()) {
      put(options, e.getKey(), e.getValue(), "command line");
    }
    return fromOptions(options);
  }

  /** The documented defaults. */
  public static Map<String, String> defaults() {
    try (InputStream in = PipelineConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS_RESOURCE + " missing from the jar");
      }
      Properties p = new Properties();
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> map = new TreeMap<>();
      for (String key : p.stringPropertyNames()) {
        map.put(key, p.getProperty(key).trim());
      }
      return map;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void put(Map<String, String> options, String key, String value, String origin) {
    if (!options.containsKey(key)) {
      throw new ConfigException(
          "unknown option '" + key + "' (from " + origin + "); known options: " + options.keySet());
    }
    options.put(key, value == null ? "" : value.trim());
  }

  private static PipelineConfig fromOptions(Map<String, String> o) {
    String date = o.get("run.date");
    LocalDate runDate;
    try {
      runDate = date.isEmpty() || date.equals("today") ? LocalDate.now() : LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw new ConfigException("run.date", date, "a date YYYY-MM-DD, or 'today'");
    }
    Level level = Level.parse("level", o.get("level"));
    int statsYear = intOption(o, "stats.year", 1990, 2100);
    int partitions = intOption(o, "spark.shuffle.partitions", 1, 100_000);
    int parallelWrites = intOption(o, "output.parallel_writes", 1, 64);
    Set<String> stages = parseStages(o.get("stages"));
    String duplicatePolicy = oneOf(o, "policy.duplicate_adcode", "quarantine", "fail");
    QualityGates.Thresholds gates =
        new QualityGates.Thresholds(
            shareOption(o, "gates.min_stats_share." + level.id()),
            booleanOption(o, "gates.unique_adcodes"),
            booleanOption(o, "gates.all_cluster_members_matched"),
            shareOption(o, "gates.max_quarantined_share"),
            intOption(o, "gates.max_text_decoding_errors", 0, Integer.MAX_VALUE));
    Duration lockStale = Duration.ofHours(intOption(o, "lock.stale_after_hours", 1, 24 * 365));
    Map<String, String> resolved = new LinkedHashMap<>(o);
    resolved.put("run.date", runDate.toString());
    return new PipelineConfig(
        nonEmpty(o, "data.root"),
        nonEmpty(o, "warehouse"),
        runDate,
        level,
        BoundarySource.fromOptions(o, "boundaries.prefecture"),
        BoundarySource.fromOptions(o, "boundaries.county"),
        nonEmpty(o, "stats.path"),
        nonEmpty(o, "stats.units.path"),
        statsYear,
        nonEmpty(o, "clusters.path"),
        nonEmpty(o, "spark.master"),
        partitions,
        parallelWrites,
        stages,
        duplicatePolicy,
        gates,
        lockStale,
        AdjacencyJob.Options.fromOptions(o),
        linkageOptions(o),
        DiagnosticsJob.Options.fromOptions(o),
        VerdictOptions.fromOptions(o),
        RegionsOptions.fromOptions(o),
        BalanceOptions.fromOptions(o),
        Map.copyOf(resolved));
  }

  static String nonEmpty(Map<String, String> o, String key) {
    String v = o.get(key);
    if (v == null || v.isEmpty()) {
      throw new ConfigException(key, v, "a non-empty value");
    }
    return v;
  }

  private static LinkageJob.Options linkageOptions(Map<String, String> o) {
    Set<String> methods = new LinkedHashSet<>();
    for (String m : o.get("linkage.station.exclude.methods").split(",")) {
      if (!m.isBlank()) {
        methods.add(m.trim());
      }
    }
    return new LinkageJob.Options(
            nonEmpty(o, "linkage.stations.path"),
            nonEmpty(o, "linkage.train.stops.path"),
            nonEmpty(o, "linkage.timetable.path"),
            nonEmpty(o, "linkage.airports.path"),
            nonEmpty(o, "linkage.routes.path"),
            doubleOption(o, "linkage.snap.km"),
            new StationReliability(methods, doubleOption(o, "linkage.station.max.neighbour.km")),
            doubleOption(o, "linkage.gravity.beta"))
        .validate();
  }

  private static double doubleOption(Map<String, String> o, String key) {
    String v = o.get(key);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException | NullPointerException e) {
      throw new ConfigException(key, v, "a number");
    }
  }

  private static Set<String> parseStages(String value) {
    if (value == null || value.isBlank() || value.trim().equals("all")) {
      return new LinkedHashSet<>(STAGES);
    }
    Set<String> stages = new LinkedHashSet<>();
    for (String stage : value.split(",")) {
      String s = stage.trim();
      if (!STAGES.contains(s)) {
        throw new ConfigException("stages", value, "all, or a comma list of " + STAGES);
      }
      stages.add(s);
    }
    return stages;
  }

  private static String oneOf(Map<String, String> o, String key, String... allowed) {
    String v = o.get(key);
    if (!List.of(allowed).contains(v)) {
      throw new ConfigException(key, v, String.join(", ", allowed));
    }
    return v;
  }

  private static boolean booleanOption(Map<String, String> o, String key) {
    return Boolean.parseBoolean(oneOf(o, key, "true", "false"));
  }

  private static double shareOption(Map<String, String> o, String key) {
    String v = o.get(key);
    try {
      double d = Double.parseDouble(v);
      if (d < 0 || d > 1) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException | NullPointerException e) {
      throw new ConfigException(key, v, "a number 0..1");
    }
  }

  private static int intOption(Map<String, String> o, String key, int min, int max) {
    String v = o.get(key);
    try {
      int i = Integer.parseInt(v);
      if (i < min || i > max) {
        throw new NumberFormatException();
      }
      return i;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, v, "an integer " + min + ".." + max);
    }
  }
}
