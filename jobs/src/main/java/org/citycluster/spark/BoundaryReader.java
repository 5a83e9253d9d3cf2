package org.citycluster.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.citycluster.config.BoundarySource;
import org.citycluster.io.DbfCharsetDetector;
import org.citycluster.io.InputDataException;

/**
 * Reads boundary polygons with Sedona's readers: GeoJSON FeatureCollections, ESRI shapefiles (text
 * decoded by the .cpg, the configured charset, or detection — see {@link DbfCharsetDetector}) and
 * GeoParquet.
 *
 * <p>Returns one row per feature: {@code record_index} (the 0-based feature index for GeoJSON, an
 * increasing id otherwise), {@code record_id} ("feature 12" or "record n"), every attribute as a
 * top-level column, and {@code geometry} still in the source CRS. A missing or empty file, or a
 * source without an {@code adcode} attribute, fails with an {@link InputDataException} naming the
 * file.
 */
public final class BoundaryReader {

  private BoundaryReader() {}

  /**
   * @param path resolved path (local or any Hadoop URI)
   * @param sourceName the path as configured, used in messages and dq_issues
   */
  public static Dataset<Row> read(
      SparkSession spark, BoundarySource source, String path, String sourceName) {
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
    Dataset<Row> rows =
        switch (source.format()) {
          case "geojson" -> readGeoJson(spark, fs, p, sourceName);
          case "shapefile" -> readShapefile(spark, fs, p, source, sourceName);
          case "geoparquet" -> withRecordIds(spark.read().format("geoparquet").load(path));
          default -> throw new IllegalArgumentException("unknown format " + source.format());
        };
    List<String> columns = List.of(rows.columns());
    if (!columns.contains("adcode")) {
      throw new InputDataException(
          sourceName, "file", "adcode", "no 'adcode' attribute; attributes are " + columns);
    }
    if (!columns.contains("geometry")) {
      throw new InputDataException(sourceName, "file", "geometry", "no geometry column");
    }
    return rows;
  }

  private static Dataset<Row> readGeoJson(
      SparkSession spark, FileSystem fs, Path path, String sourceName) {
    Dataset<Row> raw =
        spark.read().format("geojson").option("multiLine", "true").load(path.toString());
    List<String> columns = List.of(raw.columns());
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
    return raw.selectExpr("posexplode(features) AS (feature_index, f)")
        .selectExpr(
            "CAST(feature_index AS BIGINT) AS record_index",
            "concat('feature ', CAST(feature_index AS STRING)) AS record_id",
            "f.properties.*",
            "f.geometry AS geometry");
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

  private static Dataset<Row> readShapefile(
      SparkSession spark, FileSystem fs, Path p, BoundarySource source, String sourceName) {
    var reader = spark.read().format("shapefile");
    try {
      String charset = source.charset();
      if (charset.isEmpty() && !hasCpg(fs, p)) {
        Path dbf = dbfOf(fs, p);
        try (InputStream in = fs.open(dbf)) {
          charset = DbfCharsetDetector.detect(in, sourceName);
        }
      }
      if (!charset.isEmpty()) {
        reader = reader.option("charset", charset);
      }
    } catch (IOException e) {
      throw new InputDataException(sourceName, "file", null, "cannot read .dbf: " + e, e);
    }
    return withRecordIds(reader.load(p.toString()));
  }

  private static boolean hasCpg(FileSystem fs, Path p) throws IOException {
    if (fs.getFileStatus(p).isDirectory()) {
      for (FileStatus s : fs.listStatus(p)) {
        if (s.getPath().getName().toLowerCase().endsWith(".cpg")) {
          return cpgDeclaresCharset(fs, s.getPath());
        }
      }
      return false;
    }
    Path cpg = new Path(p.getParent(), p.getName().replaceAll("(?i)\\.shp$", ".cpg"));
    return fs.exists(cpg) && cpgDeclaresCharset(fs, cpg);
  }

  private static boolean cpgDeclaresCharset(FileSystem fs, Path cpg) throws IOException {
    try (InputStream in = fs.open(cpg)) {
      return !new String(in.readAllBytes(), StandardCharsets.US_ASCII).isBlank();
    }
  }

  private static Path dbfOf(FileSystem fs, Path p) throws IOException {
    if (fs.getFileStatus(p).isDirectory()) {
      for (FileStatus s : fs.listStatus(p)) {
        if (s.getPath().getName().toLowerCase().endsWith(".dbf")) {
          return s.getPath();
        }
      }
      throw new IOException("no .dbf file in " + p);
    }
    return new Path(p.getParent(), p.getName().replaceAll("(?i)\\.shp$", ".dbf"));
  }

  private static Dataset<Row> withRecordIds(Dataset<Row> rows) {
    return rows.withColumn("record_index", monotonically_increasing_id())
        .withColumn("record_id", concat(lit("record "), col("record_index").cast("string")));
  }
}
