package org.citycluster.tools;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.citycluster.io.TableSchema;
import org.citycluster.jobs.Pipeline;
import org.citycluster.publish.PublishedSnapshot;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code citycluster export}: writes the geometry tables of one published run (default: the newest
 * run date of the level) as GeoJSON FeatureCollections (RFC 7946: WGS84 longitude/latitude, the
 * tables' own CRS OGC:CRS84) for desktop GIS users whose QGIS or GDAL cannot read GeoParquet
 * without Arrow. One file per table, {@code <out>/<table>-<level>-<run_date>.geojson}, every column
 * but the geometry as a property; written beside its target and moved into place, so a reader never
 * sees half a file and a failed export leaves nothing behind. Reads the Parquet with DuckDB (no
 * Spark). Exit codes: 0 ok, 1 failed, 2 usage error.
 */
@Command(
    name = "citycluster export",
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    sortOptions = false,
    description =
        "Writes the geometry tables of a published run as GeoJSON (RFC 7946) for desktop GIS (QGIS, GDAL/ogr2ogr): <out>/<table>-<level>-<run_date>.geojson.")
public final class ExportCommand implements Callable<Integer> {

  /** Decimal places of the coordinates: 1e-7 degrees is about 1 cm. */
  static final int COORDINATE_DECIMALS = 7;

  @Option(
      names = "--warehouse",
      defaultValue = "warehouse",
      description = "the published warehouse (default: ${DEFAULT-VALUE})")
  Path warehouse;

  @Option(
      names = "--level",
      defaultValue = "prefecture",
      description = "the level's partition (default: ${DEFAULT-VALUE})")
  String level;

  @Option(
      names = "--date",
      description = "the run date YYYY-MM-DD (default: the newest published for the level)")
  String date;

  @Option(
      names = "--tables",
      split = ",",
      description = "tables to export (default: every table with a geometry column)")
  List<String> tables;

  @Option(names = "--out", description = "output directory (default: <warehouse>/exports)")
  Path out;

  private PrintStream stdout = System.out;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line; never calls System.exit. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    ExportCommand command = new ExportCommand();
    command.stdout = out;
    return Cli.execute(command, args, out, err);
  }

  @Override
  public Integer call() throws IOException, SQLException {
    Path root = warehouse.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("warehouse " + root + " is not a directory");
    }
    List<TableSchema> schemas = new ArrayList<>();
    for (String table : tables != null ? tables : geometryTables()) {
      if (!Pipeline.TABLES.contains(table)) {
        throw new IllegalArgumentException(
            "--tables: unknown table '" + table + "' (published: " + Pipeline.TABLES + ")");
      }
      TableSchema schema = TableSchema.load(table);
      if (!schema.hasGeometry()) {
        throw new IllegalArgumentException("table " + table + " has no geometry column");
      }
      schemas.add(schema);
    }
    Path target = (out != null ? out : root.resolve("exports")).toAbsolutePath().normalize();
    Files.createDirectories(target);
    // every table from the one version current now, even if a run publishes meanwhile
    PublishedSnapshot snapshot = PublishedSnapshot.of(root);
    try (Connection conn = DuckDbCatalog.open(":memory:", false)) {
      try (Statement st = conn.createStatement()) {
        // DuckDB 1.5 reads GeoParquet's WKB as its GEOMETRY type; the export wants the WKB bytes
        st.execute("SET enable_geoparquet_conversion = false");
      } catch (SQLException unknownSetting) {
        // older DuckDB: the column is a BLOB already
      }
      for (TableSchema schema : schemas) {
        Path partition = partition(snapshot, schema.table());
        String runDate = partition.getFileName().toString().substring("run_date=".length());
        Path file = target.resolve(schema.table() + "-" + level + "-" + runDate + ".geojson");
        long features = write(conn, partition, file);
        stdout.println(
            "citycluster export: " + file + " (" + features + " features, " + schema.table() + ")");
      }
    }
    return 0;
  }

  /** The tables of {@code schemas/} with a geometry column. */
  static List<String> geometryTables() {
    return Pipeline.TABLES.stream().filter(t -> TableSchema.load(t).hasGeometry()).toList();
  }

  /** The run date's partition of a table: {@code --date}, or the newest one of the level. */
  private Path partition(PublishedSnapshot snapshot, String table) throws IOException {
    String runDate = date;
    if (runDate == null) {
      runDate =
          snapshot
              .newestRunDate(table, level)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no published partition of " + table + " at level " + level));
    }
    Path p = snapshot.partition(table, level, runDate);
    if (!Files.isDirectory(p)) {
      throw new IllegalArgumentException(
          "no published partition of " + table + " at level " + level + ", run date " + runDate);
    }
    return p;
  }

  /** Streams one partition into a FeatureCollection at {@code file}; returns the features. */
  static long write(Connection conn, Path partition, Path file) throws IOException, SQLException {
    Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
    long features = 0;
    GeoJsonWriter geoJson = new GeoJsonWriter(COORDINATE_DECIMALS);
    geoJson.setEncodeCRS(false);
    WKBReader wkb = new WKBReader();
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT * FROM read_parquet("
                    + DuckDbCatalog.literal(partition + "/*.parquet")
                    + ") ORDER BY ALL");
        JsonGenerator json =
            new JsonFactory().createGenerator(partial.toFile(), JsonEncoding.UTF8)) {
      ResultSetMetaData md = rs.getMetaData();
      int geometryColumn = -1;
      for (int c = 1; c <= md.getColumnCount(); c++) {
        if (md.getColumnName(c).equals("geometry")) {
          geometryColumn = c;
        }
      }
      if (geometryColumn < 0) {
        throw new IllegalArgumentException(partition + " has no geometry column");
      }
      json.writeStartObject();
      json.writeStringField("type", "FeatureCollection");
      json.writeArrayFieldStart("features");
      while (rs.next()) {
        json.writeStartObject();
        json.writeStringField("type", "Feature");
        json.writeObjectFieldStart("properties");
        for (int c = 1; c <= md.getColumnCount(); c++) {
          if (c != geometryColumn) {
            json.writeFieldName(md.getColumnName(c));
            writeValue(json, rs.getObject(c));
          }
        }
        json.writeEndObject();
        json.writeFieldName("geometry");
        byte[] bytes = rs.getBytes(geometryColumn);
        if (bytes == null) {
          json.writeNull();
        } else {
          json.writeRawValue(geoJson.write(geometry(wkb, bytes, partition, features)));
        }
        json.writeEndObject();
        features++;
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException | SQLException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return features;
  }

  private static Geometry geometry(WKBReader wkb, byte[] bytes, Path partition, long row) {
    try {
      return wkb.read(bytes);
    } catch (ParseException e) {
      throw new IllegalArgumentException(
          partition + ", row " + (row + 1) + ", field geometry: not WKB (" + e.getMessage() + ")");
    }
  }

  /** A property value: JSON numbers, strings and booleans; NaN as null; others as text. */
  private static void writeValue(JsonGenerator json, Object v) throws IOException {
    if (v == null) {
      json.writeNull();
    } else if (v instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        json.writeNull();
      } else {
        json.writeNumber(d);
      }
    } else if (v instanceof Float f) {
      json.writeNumber(f);
    } else if (v instanceof BigDecimal d) {
      json.writeNumber(d);
    } else if (v instanceof Number n) {
      json.writeNumber(n.longValue());
    } else {
      json.writeString(v.toString());
    }
  }
}
