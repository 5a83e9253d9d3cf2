package org.citycluster.spark;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.citycluster.config.BoundarySource;
import org.citycluster.dq.DqIssue;
import org.citycluster.io.BoundaryAttributes;
import org.citycluster.io.DbfCharsetDetector;
import org.citycluster.io.GeoJsonGeometry;
import org.citycluster.io.InputDataException;

/**
 * Reads boundary polygons: GeoJSON FeatureCollections and GeoParquet with Spark's own readers and
 * the geometry parsed by {@link GeoJsonGeometry} / JTS in a task; ESRI shapefiles record by record
 * in the tasks by {@link ShapefileSource} (each shape checked and decoded by {@link
 * org.citycluster.io.ShapefileGeometry}, text decoded by the .cpg, the configured charset, or
 * detection — see {@link DbfCharsetDetector}).
 *
 * <p>Returns one row per feature: {@code record_index} (the 0-based feature index for GeoJSON, the
 * 0-based record number of a shapefile — its FID — or the row number of a GeoParquet file), {@code
 * record_id} ("feature 12" or "record n"), every attribute of {@link BoundaryAttributes#ALL} under
 * its own name and coerced to its type (codes and text as strings, flags as booleans; null where
 * the source lacks it), {@code mainland_as_written} (the flag's text, to report values that are not
 * flags), {@code geometry} still in the source CRS, and {@code geometry_read_status} / {@code
 * geometry_read_problem}: null when the geometry was read as it is, {@code REPAIRED} when empty
 * parts, holes or rings Sedona cannot take were left out or an unclosed ring was closed, {@code
 * QUARANTINED} (geometry null) when it could not be read at all (with the reason: a null or
 * non-polygon shape, a broken record, a NaN coordinate, ...). The source's fields are found by
 * {@link BoundaryAttributes#resolve}; each expected attribute it lacks, and each field taken from a
 * truncated name, is a {@link DqIssue} of the result. A missing or empty file, a configured field
 * the source lacks, or a source without an {@code adcode}, fails with an {@link InputDataException}
 * naming the file.
 */
public final class BoundaryReader {

  /** The features and the issues of the source as a whole (missing attributes). */
  public record Result(Dataset<Row> features, List<DqIssue> issues) {}

  private static final List<String> OWN_COLUMNS =
      List.of(
          "record_index",
          "record_id",
          "geometry",
          "geometry_json",
          "geometry_wkb",
          "geometry_read");

  private BoundaryReader() {}

  /** The features of {@link #read(SparkSession, BoundarySource, String, String, boolean)}. */
  public static Dataset<Row> read(
      SparkSession spark, BoundarySource source, String path, String sourceName) {
    return read(spark, source, path, sourceName, false).features();
  }

  /**
   * @param path resolved path (local or any Hadoop URI)
   * @param sourceName the path as configured, used in messages and dq_issues
   * @param countyLevel whether county-only attributes ({@code prefecture_adcode}) are expected
   */
  public static Result read(
      SparkSession spark,
      BoundarySource source,
      String path,
      String sourceName,
      boolean countyLevel) {
    FileSystem fs;
    FileStatus status;
    Path p = new Path(path);
    try {
      fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        throw new InputDataException(sourceName, "file", null, "not found at " + path);
      }
      status = fs.getFileStatus(p);
    } catch (IOException e) {
      throw new InputDataException(sourceName, "file", null, "cannot open: " + e.getMessage(), e);
    }
    if (status.isFile() && status.getLen() == 0) {
      throw new InputDataException(sourceName, "file", null, "empty file (0 bytes)");
    }
    Dataset<Row> rows;
    List<DqIssue> issues = new ArrayList<>();
    try {
      rows =
          switch (source.format()) {
            case "geojson" -> readGeoJson(spark, fs, p, sourceName);
            case "shapefile" -> readShapefile(spark, fs, p, source, sourceName, issues);
            case "geoparquet" -> readGeoParquet(spark, path, sourceName);
            default -> throw new IllegalArgumentException("unknown format " + source.format());
          };
    } catch (InputDataException e) {
      throw e;
    } catch (Exception e) { // SparkException is checked in Java's eyes but thrown all the same
      throw new InputDataException(
          sourceName,
          "file",
          null,
          "cannot be read as " + source.format() + " (" + rootMessage(e) + ")",
          e);
    }
    List<String> fields = new ArrayList<>(List.of(rows.columns()));
    fields.removeAll(OWN_COLUMNS);
    BoundaryAttributes.Resolution resolution =
        BoundaryAttributes.resolve(fields, source.fields(), countyLevel, sourceName);
    for (BoundaryAttributes.Attribute a : resolution.missing()) {
      issues.add(
          new DqIssue(
              sourceName,
              "file",
              a.name(),
              "attribute missing from the source (fields are "
                  + fields
                  + "; map one with boundaries.<level>.fields."
                  + a.name()
                  + ")",
              "defaulted",
              a.whenMissing()));
    }
    for (String note : resolution.notes()) {
      issues.add(new DqIssue(sourceName, "file", null, note, "reported", null));
    }
    return new Result(mapped(spark, rows, resolution), List.copyOf(issues));
  }

  /** The rows with each attribute under its own name and type, and the geometry parsed. */
  private static Dataset<Row> mapped(
      SparkSession spark, Dataset<Row> rows, BoundaryAttributes.Resolution resolution) {
    registerFunctions(spark);
    List<Column> out = new ArrayList<>();
    out.add(col("record_index"));
    out.add(col("record_id"));
    for (BoundaryAttributes.Attribute a : BoundaryAttributes.ALL) {
      String field = resolution.fields().get(a.name());
      Column text = field == null ? lit(null).cast("string") : col(quoted(field)).cast("string");
      Column typed =
          switch (a.kind()) {
            case TEXT -> call_udf("cc_attribute_text", text);
            case CODE -> call_udf("cc_attribute_code", text);
            case FLAG -> call_udf("cc_attribute_flag", text);
          };
      out.add(typed.as(a.name()));
      if (a.name().equals("mainland")) {
        out.add(text.as("mainland_as_written"));
      }
    }
    List<String> columns = List.of(rows.columns());
    Column read;
    if (columns.contains("geometry_read")) {
      read = col("geometry_read");
    } else if (columns.contains("geometry_json")) {
      read = call_udf("cc_geometry_from_geojson", col("geometry_json"));
    } else if (columns.contains("geometry_wkb")) {
      read = call_udf("cc_geometry_from_wkb", col("geometry_wkb"));
    } else {
      read =
          struct(
              col("geometry").as("geometry"),
              lit(null).cast("string").as("status"),
              lit(null).cast("string").as("problem"));
    }
    return rows.withColumn("geometry_read", read)
        .select(
            plus(
                    out,
                    List.of(
                        col("geometry_read.geometry").as("geometry"),
                        col("geometry_read.status").as("geometry_read_status"),
                        col("geometry_read.problem").as("geometry_read_problem")))
                .toArray(new Column[0]));
  }

  private static List<Column> plus(List<Column> a, List<Column> b) {
    List<Column> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String quoted(String field) {
    return "`" + field.replace("`", "``") + "`";
  }

  private static void registerFunctions(SparkSession spark) {
    GeometryFunctions.register(spark);
    if (spark.catalog().functionExists("cc_attribute_code")) {
      return;
    }
    spark
        .udf()
        .register(
            "cc_attribute_text",
            (UDF1<String, String>) BoundaryAttributes::text,
            DataTypes.StringType);
    spark
        .udf()
        .register(
            "cc_attribute_code",
            (UDF1<String, String>) BoundaryAttributes::code,
            DataTypes.StringType);
    spark
        .udf()
        .register(
            "cc_attribute_flag",
            (UDF1<String, Boolean>) BoundaryAttributes::flag,
            DataTypes.BooleanType);
  }

  /**
   * A FeatureCollection read with Spark's JSON reader: the schema is inferred once, then the file
   * is read again with each feature's geometry as its raw JSON text (parsed in the tasks by {@link
   * GeoJsonGeometry}, so that one bad geometry is one bad feature, not a failed job).
   */
  private static Dataset<Row> readGeoJson(
      SparkSession spark, FileSystem fs, Path path, String sourceName) {
    Dataset<Row> inferred = spark.read().option("multiLine", "true").json(path.toString());
    List<String> columns = List.of(inferred.columns());
    if (columns.contains("_corrupt_record") || !columns.contains("features")) {
      if (!isUtf8(fs, path)) {
        throw new InputDataException(
            sourceName,
            "file",
            null,
            "not valid UTF-8 text (GeoJSON must be UTF-8, RFC 7946; is it GBK? convert it with"
                + " iconv -f GBK -t UTF-8)");
      }
      throw new InputDataException(
          sourceName,
          "file",
          null,
          "not a GeoJSON FeatureCollection (truncated or malformed JSON?); top-level fields "
              + columns);
    }
    StructType schema = inferred.schema();
    DataType featuresType = schema.apply("features").dataType();
    if (!(featuresType instanceof ArrayType array)
        || !(array.elementType() instanceof StructType feature)) {
      throw new InputDataException(
          sourceName,
          "file",
          "features",
          "no features, or features that are not GeoJSON Feature objects");
    }
    List<StructField> featureFields = new ArrayList<>();
    for (StructField f : feature.fields()) {
      if (!f.name().equals("geometry")) {
        featureFields.add(f);
      }
    }
    featureFields.add(DataTypes.createStructField("geometry", DataTypes.StringType, true));
    StructType rawFeature = DataTypes.createStructType(featureFields);
    List<StructField> top = new ArrayList<>();
    for (StructField f : schema.fields()) {
      top.add(
          f.name().equals("features")
              ? DataTypes.createStructField("features", DataTypes.createArrayType(rawFeature), true)
              : f);
    }
    Dataset<Row> raw =
        spark
            .read()
            .option("multiLine", "true")
            .schema(DataTypes.createStructType(top))
            .json(path.toString());
    boolean hasProperties =
        List.of(rawFeature.fieldNames()).contains("properties")
            && rawFeature.apply("properties").dataType() instanceof StructType;
    List<String> select = new ArrayList<>();
    select.add("CAST(feature_index AS BIGINT) AS record_index");
    select.add("concat('feature ', CAST(feature_index AS STRING)) AS record_id");
    if (hasProperties) {
      select.add("f.properties.*");
    }
    select.add("f.geometry AS geometry_json");
    return raw.selectExpr("posexplode(features) AS (feature_index, f)")
        .selectExpr(select.toArray(new String[0]));
  }

  /** GeoParquet read as plain Parquet: the WKB column is parsed by JTS in the tasks. */
  private static Dataset<Row> readGeoParquet(SparkSession spark, String path, String sourceName) {
    Dataset<Row> raw = spark.read().parquet(path);
    if (!List.of(raw.columns()).contains("geometry")) {
      throw new InputDataException(
          sourceName,
          "file",
          "geometry",
          "no geometry column; columns are " + List.of(raw.columns()));
    }
    if (!(raw.schema().apply("geometry").dataType() instanceof BinaryType)) {
      throw new InputDataException(
          sourceName,
          "file",
          "geometry",
          "geometry column is "
              + raw.schema().apply("geometry").dataType().simpleString()
              + ", expected WKB (binary)");
    }
    return probed(withRowNumbers(raw.withColumnRenamed("geometry", "geometry_wkb")));
  }

  /**
   * Parquet rows numbered by the file: {@code record N} is the N-th row of its file (0-based, from
   * Spark's {@code _metadata.row_index}), prefixed by the file's name when the source is a
   * directory of several files; {@code record_index} is N plus the file's place in name order times
   * 2³². Neither depends on how Spark splits the files.
   */
  private static Dataset<Row> withRowNumbers(Dataset<Row> rows) {
    List<String> files = new ArrayList<>();
    for (Row r : rows.select("_metadata.file_path").distinct().collectAsList()) {
      files.add(r.getString(0));
    }
    files.sort(null);
    Column row = col("_metadata.row_index");
    if (files.size() <= 1) {
      return rows.withColumn("record_index", row)
          .withColumn("record_id", concat(lit("record "), row.cast("string")));
    }
    Column[] names = files.stream().map(f -> lit(f)).toArray(Column[]::new);
    Column file =
        org.apache.spark.sql.functions.array_position(
            org.apache.spark.sql.functions.array(names), col("_metadata.file_path"));
    return rows.withColumn("record_index", file.minus(1).multiply(1L << 32).plus(row))
        .withColumn(
            "record_id", concat(col("_metadata.file_name"), lit(" record "), row.cast("string")));
  }

  /**
   * {@code rows} after one pass over every column, so that a file the format's reader cannot decode
   * (a truncated .shp, a .dbf whose header lies) fails here, where the caller names the file, and
   * not later inside another stage's job.
   */
  private static Dataset<Row> probed(Dataset<Row> rows) {
    rows.javaRDD().count();
    return rows;
  }

  /** The innermost message of a failure, for a one-line error. */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : " " + firstLine(m));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static boolean isUtf8(FileSystem fs, Path path) {
    if (!path.getName().contains(".")) {
      return true;
    }
    try (InputStream in = fs.open(path)) {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(in.readAllBytes()));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** A shapefile read record by record in the tasks ({@link ShapefileSource}). */
  private static Dataset<Row> readShapefile(
      SparkSession spark,
      FileSystem fs,
      Path p,
      BoundarySource source,
      String sourceName,
      List<DqIssue> issues)
      throws IOException {
    ShapefileSource.Result read = ShapefileSource.read(spark, fs, p, source.charset(), sourceName);
    issues.addAll(read.issues());
    return probed(read.rows());
  }
}
