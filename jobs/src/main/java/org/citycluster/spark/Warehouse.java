package org.citycluster.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.citycluster.config.Level;
import org.citycluster.io.TableSchema;

/**
 * The output warehouse: {@code <root>/<table>/level=<level>/run_date=<YYYY-MM-DD>/*.parquet}.
 *
 * <p>A run writes every table under {@code <root>/_staging/<run_id>/} first and publishes only
 * after all of them were written: each partition directory is then swapped in by rename (the old
 * one moved aside first and deleted after), so readers see either the previous partition or the new
 * one, never a half-written one, and a failed run leaves the last good outputs untouched. Works on
 * any Hadoop file system (local, HDFS; on object stores rename is a copy).
 */
public final class Warehouse {

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

  /** The published partition of a table. */
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
   * Moves a staged table into place, replacing that date's partition and nothing else. The old
   * partition is first moved to {@code _trash/<run_id>/...} (same relative path), then the staged
   * one renamed in, then the old one deleted. A process killed between the two renames leaves the
   * old partition in the trash; {@link #recoverAbandonedRun} (run when the next run finds the dead
   * run's lock) moves it back.
   */
  public Path publish(String runId, String table, Level level, String runDate) throws IOException {
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
    if (!fs.rename(from, to)) {
      if (fs.exists(aside)) {
        fs.rename(aside, to);
      }
      throw new IOException("could not publish " + from + " to " + to);
    }
    fs.delete(aside, true);
    return to;
  }

  /**
   * Cleans up after a run that died: every partition it had moved aside but not replaced is moved
   * back, and its staging and trash directories are deleted. Returns how many partitions were
   * restored.
   */
  public int recoverAbandonedRun(String runId) throws IOException {
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
                restored++;
              }
            }
          }
        }
      }
    }
    cleanUp(runId);
    return restored;
  }

  private String relative(Path p) {
    String r = root.toUri().getPath();
    String full = p.toUri().getPath();
    return full.substring(r.length()).replaceFirst("^/+", "");
  }

  private FileSystem fs() throws IOException {
    return root.getFileSystem(spark.sparkContext().hadoopConfiguration());
  }

  /** Removes the run's staging and trash directories (and their parents once empty). */
  public void cleanUp(String runId) throws IOException {
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
   */
  public Dataset<Row> readTable(TableSchema schema, Level level) {
    String path = new Path(root, schema.table() + "/level=" + level.id()).toString();
    Dataset<Row> raw =
        (schema.hasGeometry() ? spark.read().format("geoparquet") : spark.read())
            .option("mergeSchema", "true")
            .option("basePath", new Path(root, schema.table()).toString())
            .load(path);
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
