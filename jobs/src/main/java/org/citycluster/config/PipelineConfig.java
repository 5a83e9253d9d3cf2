package org.citycluster.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

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
 * @param shufflePartitions {@code spark.sql.shuffle.partitions} (default 8)
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
    Map<String, String> resolved) {

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
        Map.copyOf(resolved));
  }

  static String nonEmpty(Map<String, String> o, String key) {
    String v = o.get(key);
    if (v == null || v.isEmpty()) {
      throw new ConfigException(key, v, "a non-empty value");
    }
    return v;
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
