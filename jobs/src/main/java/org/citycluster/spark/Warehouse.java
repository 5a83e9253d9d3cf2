package org.citycluster.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.citycluster.config.Level;
import org.citycluster.io.TableSchema;
import org.citycluster.publish.PublishedVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output warehouse: {@code <root>/<table>/level=<level>/run_date=<YYYY-MM-DD>/*.parquet}.
 *
 * <p>A run writes every table under {@code <root>/_staging/<run_id>/} first and publishes only
 * after all of them were written and the quality gates passed. On a local (POSIX) file system the
 * publish is one atomic step ({@link PublishedVersions}): the staged run becomes immutable data
 * under {@code _data/<run_id>/}, a new version under {@code _versions/} links every partition of
 * the warehouse (this run's and the untouched ones of earlier runs), and the pointer {@code
 * _current} is switched to it by one rename; {@code <root>/<table>} are links into {@code
 * _current}. Readers of the contract path always see whole partitions of one run; a reader that
 * needs several tables of one run resolves {@code <root>/_current} once and reads below the version
 * it names (kept for two more publishes). {@link #readTable} does so.
 *
 * <p>On a file system that is not local or has no symbolic links (HDFS, object stores, a local file
 * system that refuses links) publishing falls back to swapping each partition in by two renames
 * ({@link #publish}), one table after another in name order and {@code run_manifest} last (a
 * warning is logged). What readers get in that mode:
 *
 * <ul>
 *   <li>a partition is never a mix of two runs' files (each swap is a directory rename), but it is
 *       absent for the instant between its two renames: a reader listing it then finds nothing
 *       (Spark: "Path does not exist"; DuckDB: no rows) and must retry;
 *   <li>publishing is not atomic across tables: while it runs, and after a process killed between
 *       two tables, some tables hold the new run and the others the previous one. {@code
 *       run_manifest} is swapped last, so once it names a run every table of that run is in; a
 *       reader that needs several tables of one run reads {@code run_manifest} before and after
 *       them and retries when its {@code run_id} changed. A kill between two tables is not rolled
 *       back nor forward: the next run's recovery ({@link #recoverAbandonedRun}) puts back a
 *       partition a kill left moved aside, and the mix lasts until a run of that date succeeds;
 *   <li>a run that fails while publishing (a rename refused or throwing) puts the old partition of
 *       the table it was swapping back before its staging and trash are removed ({@link #cleanUp});
 *       tables it had already swapped stay swapped.
 * </ul>
 *
 * <p>A run that fails before publishing leaves the last good outputs untouched in both modes.
 */
public final class Warehouse {

  private static final Logger LOG = LoggerFactory.getLogger(Warehouse.class);

  /** PROJJSON of EPSG:4326 for the GeoParquet {@code geo} metadata. */
  private static final String EPSG_4326_PROJJSON = loadResource("/crs/epsg-4326.projjson");

  private final SparkSession spark;
  private final Path root;

  public Warehouse(SparkSession spark, String root) {
    this.spark = spark;
    this.root = new Path(root);
  }

  public Path root() {
    return root;
  }

  /** The published partition of a table (the contract path). */
  public Path partition(String table, Level level, String runDate) {
    return new Path(root, table + "/level=" + level.id() + "/run_date=" + runDate);
  }

  private Path staged(String runId, String table, Level level, String runDate) {
    return new Path(
        root, "_staging/" + runId + "/" + table + "/level=" + level.id() + "/run_date=" + runDate);
  }

  /**
   * Writes a conformed table to the run's staging area: GeoParquet (CRS EPSG:4326, bbox covering
   * column not added) when the schema has a geometry, plain Parquet otherwise.
   */
  public void stage(
      Dataset<Row> conformed, TableSchema schema, String runId, Level level, String runDate) {
    String target = staged(runId, schema.table(), level, runDate).toString();
    if (schema.hasGeometry()) {
      conformed
          .write()
          .mode(SaveMode.Overwrite)
          .format("geoparquet")
          .option("geoparquet.crs", EPSG_4326_PROJJSON)
          .save(target);
    } else {
      conformed.write().mode(SaveMode.Overwrite).parquet(target);
    }
  }

  /**
   * Publishes every partition the run staged, all at once where the file system allows it (see the
   * class comment), and removes the staging area. Returns the published contract paths by table, in
   * staging order.
   */
  public Map<String, Path> publishRun(String runId, Level level, String runDate)
      throws IOException {
    Map<String, Path> published = new LinkedHashMap<>();
    Optional<PublishedVersions> versions = versions();
    if (versions.isPresent()) {
      java.nio.file.Path staging = versions.get().root().resolve("_staging").resolve(runId);
      for (java.nio.file.Path p : versions.get().publish(runId, staging)) {
        published.put(
            p.getParent().getParent().getFileName().toString(),
            new Path(root, versions.get().root().relativize(p).toString()));
      }
    } else {
      LOG.warn(
          "warehouse {} is on a file system without symbolic links: publishing swaps each"
              + " partition in by rename, one table after another (readers can see a partition"
              + " missing for an instant, or tables of two runs after a kill)",
          root);
      java.util.List<String> tables = new java.util.ArrayList<>();
      for (FileStatus table : fs().listStatus(new Path(root, "_staging/" + runId))) {
        String name = table.getPath().getName();
        if (!name.startsWith("_") && !name.startsWith(".")) {
          tables.add(name);
        }
      }
      // name order, run_manifest last: once it names this run, every table of the run is in
      tables.sort(
          java.util.Comparator.comparing((String t) -> t.equals("run_manifest"))
              .thenComparing(java.util.Comparator.naturalOrder()));
      for (String name : tables) {
        published.put(name, publish(runId, name, level, runDate));
      }
    }
    cleanUp(runId);
    return published;
  }

  /**
   * The versioned publisher of this warehouse, or empty where it cannot be used: a non-local file
   * system, or one without symbolic links.
   */
  Optional<PublishedVersions> versions() throws IOException {
    FileSystem fs = fs();
    if (!"file".equals(fs.getScheme())) {
      return Optional.empty();
    }
    java.nio.file.Path local = java.nio.file.Path.of(fs.makeQualified(root).toUri().getPath());
    return PublishedVersions.supported(local)
        ? Optional.of(new PublishedVersions(local))
        : Optional.empty();
  }

  /**
   * The fallback swap of one staged partition: the old partition is first moved to {@code
   * _trash/<run_id>/...} (same relative path), then the staged one renamed in, then the old one
   * deleted. When the second rename fails (returns false or throws) the old partition is moved back
   * before the error is thrown. A process killed between the two renames leaves the old partition
   * in the trash; {@link #recoverAbandonedRun} (or {@link #cleanUp}) moves it back.
   */
  Path publish(String runId, String table, Level level, String runDate) throws IOException {
    Path from = staged(runId, table, level, runDate);
    Path to = partition(table, level, runDate);
    FileSystem fs = fs();
    if (!fs.exists(from)) {
      throw new IOException("nothing staged for " + table + " at " + from);
    }
    fs.mkdirs(to.getParent());
    Path aside = new Path(root, "_trash/" + runId + "/" + relative(to));
    if (fs.exists(to)) {
      fs.mkdirs(aside.getParent());
      if (!fs.rename(to, aside)) {
        throw new IOException("could not move the old partition " + to + " aside");
      }
    }
    boolean renamed;
    try {
      renamed = fs.rename(from, to);
    } catch (IOException | RuntimeException e) {
      putBack(fs, aside, to, e);
      throw e;
    }
    if (!renamed) {
      IOException e = new IOException("could not publish " + from + " to " + to);
      putBack(fs, aside, to, e);
      throw e;
    }
    fs.delete(aside, true);
    return to;
  }

  /** Moves the partition set aside back to {@code to}, if it is aside and {@code to} is free. */
  private static void putBack(FileSystem fs, Path aside, Path to, Exception failure) {
    try {
      if (fs.exists(aside) && !fs.exists(to)) {
        fs.rename(aside, to);
      }
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Cleans up after a run that died holding the lock: a partition the fallback swap had moved aside
   * but not replaced is moved back, a half-made version is removed ({@link
   * PublishedVersions#recover}), the run's staging and trash directories are deleted, and its
   * manifest is marked {@code killed} with {@code why} and the time it was detected (written from
   * the lock's facts if the run had none). Returns how many partitions were restored.
   */
  public int recoverAbandonedRun(String runId, Map<String, Object> lockHolder, String why)
      throws IOException {
    int restored = restoreTrash(runId);
    Optional<PublishedVersions> versions = versions();
    boolean published = versions.isPresent() && versions.get().recover(runId);
    cleanUp(runId);
    markKilled(runId, lockHolder, why, published);
    return restored;
  }

  /**
   * Moves each partition in {@code _trash/<run_id>/} whose published place is empty back there: the
   * partitions a fallback swap had moved aside and not replaced. Returns how many.
   */
  private int restoreTrash(String runId) throws IOException {
    FileSystem fs = fs();
    Path trash = new Path(root, "_trash/" + runId);
    int restored = 0;
    if (fs.exists(trash)) {
      for (FileStatus tableDir : fs.listStatus(trash)) {
        for (FileStatus levelDir : fs.listStatus(tableDir.getPath())) {
          for (FileStatus dateDir : fs.listStatus(levelDir.getPath())) {
            Path target =
                new Path(
                    root,
                    tableDir.getPath().getName()
                        + "/"
                        + levelDir.getPath().getName()
                        + "/"
                        + dateDir.getPath().getName());
            if (!fs.exists(target)) {
              fs.mkdirs(target.getParent());
              if (fs.rename(dateDir.getPath(), target)) {
                LOG.warn("restored partition {} that run {} had moved aside", target, runId);
                restored++;
              }
            }
          }
        }
      }
    }
    return restored;
  }

  /** Rewrites the dead run's manifest with status {@code killed}, unless it had finished. */
  private void markKilled(
      String runId, Map<String, Object> lockHolder, String why, boolean published)
      throws IOException {
    Path path = manifestPath(runId);
    FileSystem fs = fs();
    ObjectMapper json = new ObjectMapper();
    ObjectNode m;
    if (fs.exists(path)) {
      try (InputStream in = fs.open(path)) {
        m = (ObjectNode) json.readTree(in);
      } catch (IOException | ClassCastException e) {
        m = json.createObjectNode();
      }
      String status = m.path("status").asText("running");
      if (!status.equals("running")) {
        return; // it wrote its own outcome before it died
      }
    } else {
      m = json.createObjectNode();
      for (var e : lockHolder.entrySet()) {
        m.set(e.getKey(), json.valueToTree(e.getValue()));
      }
    }
    m.put("run_id", runId);
    m.put("status", "killed");
    m.put("error", "killed: " + why);
    m.put("detected_at", Instant.now().toString());
    m.put("published", published);
    writeManifest(runId, json.writerWithDefaultPrettyPrinter().writeValueAsString(m));
  }

  private String relative(Path p) {
    String r = root.toUri().getPath();
    String full = p.toUri().getPath();
    return full.substring(r.length()).replaceFirst("^/+", "");
  }

  private FileSystem fs() throws IOException {
    return root.getFileSystem(spark.sparkContext().hadoopConfiguration());
  }

  /**
   * Removes the run's staging and trash directories (and their parents once empty), after putting
   * back any partition the trash still holds in place of a missing one (a fallback swap that
   * stopped between its two renames).
   */
  public void cleanUp(String runId) throws IOException {
    restoreTrash(runId);
    FileSystem fs = fs();
    for (String area : new String[] {"_staging", "_trash"}) {
      Path parent = new Path(root, area);
      fs.delete(new Path(parent, runId), true);
      if (fs.exists(parent) && fs.listStatus(parent).length == 0) {
        fs.delete(parent, false);
      }
    }
  }

  /**
   * Reads every published partition of a table at one level, across run dates and schema minor
   * versions: Parquet schema merging unions the columns, then the result is conformed to the
   * current schema — a column the older partitions lack must be nullable (the evolution rule) and
   * reads as null. The partition columns {@code run_date} (string) and {@code level} come first.
   * Reads the version current when called (see the class comment), so a publish meanwhile does not
   * change what the returned Dataset reads.
   */
  public Dataset<Row> readTable(TableSchema schema, Level level) {
    Path base = new Path(snapshot(), schema.table());
    Dataset<Row> raw =
        (schema.hasGeometry() ? spark.read().format("geoparquet") : spark.read())
            .option("mergeSchema", "true")
            .option("basePath", base.toString())
            .load(new Path(base, "level=" + level.id()).toString());
    java.util.Set<String> have = new java.util.HashSet<>(java.util.List.of(raw.columns()));
    for (TableSchema.Column c : schema.columns()) {
      if (!have.contains(c.name())) {
        if (!c.nullable()) {
          throw new IllegalStateException(
              "table "
                  + schema.table()
                  + ": a partition lacks the non-nullable column "
                  + c.name()
                  + "; it was written by another major schema version");
        }
        raw =
            raw.withColumn(
                c.name(),
                org.apache.spark.sql.functions.lit(null).cast(SchemaEnforcer.sparkType(c.type())));
      }
    }
    java.util.List<org.apache.spark.sql.Column> columns = new java.util.ArrayList<>();
    columns.add(org.apache.spark.sql.functions.col("run_date").cast("string").as("run_date"));
    columns.add(org.apache.spark.sql.functions.lit(level.id()).as("level"));
    for (String name : schema.columnNames()) {
      columns.add(org.apache.spark.sql.functions.col(name));
    }
    return raw.select(columns.toArray(org.apache.spark.sql.Column[]::new));
  }

  /**
   * The directory whose {@code <table>/level=<L>/run_date=<D>} are the published partitions at this
   * moment: the current version's directory when publishing is versioned, else the root.
   */
  public Path snapshot() {
    try {
      FileSystem fs = fs();
      if ("file".equals(fs.getScheme())) {
        java.nio.file.Path local = java.nio.file.Path.of(fs.makeQualified(root).toUri().getPath());
        Optional<java.nio.file.Path> current = new PublishedVersions(local).current();
        if (current.isPresent()) {
          return new Path(current.get().toUri());
        }
      }
      return root;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Moves the staged dq_issues of a run that a quality gate stopped beside its manifest: {@code
   * <root>/_runs/<run_id>/dq_issues/*.parquet} (the schema of the dq_issues table). Returns that
   * directory, or null when the run staged none.
   */
  public Path keepIssuesOfFailedRun(String runId, Level level, String runDate) throws IOException {
    Path from = staged(runId, "dq_issues", level, runDate);
    Path to = new Path(root, "_runs/" + runId + "/dq_issues");
    FileSystem fs = fs();
    if (!fs.exists(from)) {
      return null;
    }
    fs.mkdirs(to.getParent());
    fs.delete(to, true);
    if (!fs.rename(from, to)) {
      throw new IOException("could not keep the dq_issues of run " + runId + " in " + to);
    }
    return to;
  }

  /** Where a run's manifest goes: {@code <root>/_runs/<run_id>/manifest.json}. */
  public Path manifestPath(String runId) {
    return new Path(root, "_runs/" + runId + "/manifest.json");
  }

  /** Writes the run's manifest (replacing an earlier one of the same run). */
  public Path writeManifest(String runId, String json) throws IOException {
    Path path = manifestPath(runId);
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    try (OutputStream out = fs.create(path, true)) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    return path;
  }

  private static String loadResource(String name) {
    try (InputStream in = Warehouse.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
