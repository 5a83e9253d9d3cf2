package org.citycluster.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.citycluster.config.BoundarySource;
import org.citycluster.io.InputDataException;
import org.citycluster.testing.ShapefileFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;

class BoundaryReaderTest extends SparkTestBase {

  private static final Charset GBK = Charset.forName("GBK");

  private static List<ShapefileFixture.Feature> suzhouAndKunshan() throws Exception {
    WKTReader wkt = new WKTReader();
    return List.of(
        new ShapefileFixture.Feature(
            Map.of("adcode", "320500", "name", "苏州市"),
            (Polygon) wkt.read("POLYGON ((120 31, 121 31, 121 32, 120 32, 120 31))")),
        new ShapefileFixture.Feature(
            Map.of("adcode", "320583", "name", "昆山市"),
            (Polygon) wkt.read("POLYGON ((120.8 31.2, 121 31.2, 121 31.5, 120.8 31.2))")));
  }

  private static List<String> names(Path shp) {
    BoundarySource source = new BoundarySource(shp.toString(), "shapefile", "EPSG:4490", "");
    return BoundaryReader.read(spark, source, shp.toString(), "fixture.shp")
        .orderBy("adcode")
        .select("name")
        .collectAsList()
        .stream()
        .map(r -> r.getString(0).trim())
        .toList();
  }

  @Test
  void gbkShapefileWithCpgDecodesChineseNames(@TempDir Path dir) throws Exception {
    Path shp =
        ShapefileFixture.write(
            dir, "cities", List.of("adcode:6", "name:40"), suzhouAndKunshan(), GBK, "GBK");
    assertEquals(List.of("苏州市", "昆山市"), names(shp));
  }

  @Test
  void gbkShapefileWithoutCpgIsDetectedAndDecoded(@TempDir Path dir) throws Exception {
    Path shp =
        ShapefileFixture.write(
            dir, "cities", List.of("adcode:6", "name:40"), suzhouAndKunshan(), GBK, null);
    assertTrue(Files.notExists(dir.resolve("cities.cpg")));
    assertEquals(List.of("苏州市", "昆山市"), names(shp));
  }

  @Test
  void utf8ShapefileWithoutCpgStaysUtf8(@TempDir Path dir) throws Exception {
    Path shp =
        ShapefileFixture.write(
            dir,
            "cities",
            List.of("adcode:6", "name:40"),
            suzhouAndKunshan(),
            java.nio.charset.StandardCharsets.UTF_8,
            null);
    assertEquals(List.of("苏州市", "昆山市"), names(shp));
  }

  @Test
  void shapefileGeometryAndRecordIdsComeThrough(@TempDir Path dir) throws Exception {
    Path shp =
        ShapefileFixture.write(
            dir, "cities", List.of("adcode:6", "name:40"), suzhouAndKunshan(), GBK, "GBK");
    BoundarySource source = new BoundarySource(shp.toString(), "shapefile", "EPSG:4490", "");
    List<Row> rows =
        BoundaryReader.read(spark, source, shp.toString(), "fixture.shp")
            .selectExpr("adcode", "ST_AsText(geometry)", "record_id")
            .orderBy("adcode")
            .collectAsList();
    assertEquals("320500", rows.get(0).getString(0));
    org.citycluster.testing.GeometryAssert.assertGeometryEquals(
        "POLYGON ((120 31, 121 31, 121 32, 120 32, 120 31))",
        new WKTReader().read(rows.get(0).getString(1)),
        1e-9);
    assertTrue(rows.get(0).getString(2).startsWith("record "));
  }

  @Test
  void aDirectoryOfShapefilesNamesEachRecordWithItsFile(@TempDir Path dir) throws Exception {
    List<ShapefileFixture.Feature> two = suzhouAndKunshan();
    ShapefileFixture.write(dir, "b", List.of("adcode:6", "name:40"), two.subList(0, 1), GBK, "936");
    ShapefileFixture.write(dir, "a", List.of("adcode:6", "name:40"), two.subList(1, 2), GBK, null);
    BoundarySource source = new BoundarySource(dir.toString(), "shapefile", "EPSG:4490", "");
    List<Row> rows =
        BoundaryReader.read(spark, source, dir.toString(), "shp/")
            .select("record_id", "adcode", "name")
            .orderBy("record_id")
            .collectAsList();
    assertEquals("[[a.shp record 0,320583,昆山市], [b.shp record 0,320500,苏州市]]", rows.toString());
  }

  @Test
  void deletedRecordsAndMismatchedFilesAreNamed(@TempDir Path dir) throws Exception {
    Path shp =
        ShapefileFixture.write(
            dir, "cities", List.of("adcode:6", "name:40"), suzhouAndKunshan(), GBK, "GBK");
    Path dbf = dir.resolve("cities.dbf");
    byte[] b = Files.readAllBytes(dbf);
    int header = (b[8] & 0xff) | (b[9] & 0xff) << 8;
    int record = (b[10] & 0xff) | (b[11] & 0xff) << 8;
    b[header + record] = '*'; // record 1 deleted
    Files.write(dbf, b);
    BoundarySource source = new BoundarySource(shp.toString(), "shapefile", "EPSG:4490", "");
    Row deleted =
        BoundaryReader.read(spark, source, shp.toString(), "cities.shp")
            .filter("record_id = 'record 1'")
            .select("adcode", "geometry_read_status", "geometry_read_problem")
            .first();
    assertEquals(
        "[320583,QUARANTINED,the record is marked deleted in the .dbf (GIS tools do not show it)]",
        deleted.toString());
    // one record more in the .dbf than shapes in the .shx
    b[4] = 3;
    Files.write(dbf, java.util.Arrays.copyOf(b, b.length + record));
    InputDataException mismatch =
        assertThrows(
            InputDataException.class,
            () -> BoundaryReader.read(spark, source, shp.toString(), "cities.shp"));
    assertEquals(
        "cities.shp: file: cities.dbf holds 3 records, cities.shx indexes 2 shapes: a shapefile has"
            + " one .dbf record per shape (a truncated or mixed-up file?)",
        mismatch.getMessage());
    Files.delete(dbf);
    InputDataException noDbf =
        assertThrows(
            InputDataException.class,
            () -> BoundaryReader.read(spark, source, shp.toString(), "cities.shp"));
    assertEquals(
        "cities.shp: file: no .dbf beside cities.shp (the attributes, the adcode among them, are in"
            + " the .dbf)",
        noDbf.getMessage());
  }

  @Test
  void geoJsonFeatureCollectionGivesOneRowPerFeatureWithIndex(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("two.geojson");
    Files.writeString(
        file,
        """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","id":"a","properties":{"adcode":"110000","name":"北京市"},
          "geometry":{"type":"Polygon","coordinates":[[[116,39],[117,39],[117,40],[116,40],[116,39]]]}},
         {"type":"Feature","id":"b","properties":{"adcode":"120000","name":"天津市"},
          "geometry":{"type":"Polygon","coordinates":[[[117,39],[118,39],[118,40],[117,40],[117,39]]]}}
        ]}
        """);
    BoundarySource source = new BoundarySource(file.toString(), "geojson", "EPSG:4326", "");
    List<Row> rows =
        BoundaryReader.read(spark, source, file.toString(), "two.geojson")
            .select("record_id", "adcode", "name")
            .orderBy("record_id")
            .collectAsList();
    assertEquals("feature 0", rows.get(0).getString(0));
    assertEquals("北京市", rows.get(0).getString(2));
    assertEquals("feature 1", rows.get(1).getString(0));
  }

  @Test
  void geoParquetBoundariesAreReadWithTheirAttributes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("units.parquet");
    spark
        .sql(
            "SELECT '320500' AS adcode, '苏州市' AS name,"
                + " ST_GeomFromWKT('POLYGON ((120 31, 121 31, 121 32, 120 32, 120 31))') AS geometry")
        .write()
        .format("geoparquet")
        .save(file.toString());
    BoundarySource source = new BoundarySource(file.toString(), "geoparquet", "EPSG:4326", "");
    Row row =
        BoundaryReader.read(spark, source, file.toString(), "units.parquet")
            .selectExpr("adcode", "name", "ST_Area(geometry)", "record_id")
            .first();
    assertEquals("320500", row.getString(0));
    assertEquals("苏州市", row.getString(1));
    assertEquals(1.0, row.getDouble(2), 1e-12);
    assertTrue(row.getString(3).startsWith("record "));
  }

  @Test
  void geoParquetRecordIdsAreRowNumbersOfTheirFile(@TempDir Path dir) throws Exception {
    Path one = dir.resolve("one.parquet");
    Path three = dir.resolve("three");
    String units =
        "SELECT lpad(CAST(320500 + id AS STRING), 6, '0') AS adcode, CAST(id AS STRING) AS name,"
            + " ST_GeomFromWKT('POLYGON ((120 31, 121 31, 121 32, 120 32, 120 31))') AS geometry"
            + " FROM range(30)";
    spark.sql(units).coalesce(1).write().format("geoparquet").save(one.toString());
    spark.sql(units).repartition(3).write().format("geoparquet").save(three.toString());
    List<Row> single =
        BoundaryReader.read(
                spark,
                new BoundarySource(one.toString(), "geoparquet", "EPSG:4326", ""),
                one.toString(),
                "one.parquet")
            .select("record_id", "name")
            .collectAsList();
    assertEquals(30, single.size());
    for (Row r : single) { // one file written in id order: row n is unit n
      assertEquals("record " + r.getString(1), r.getString(0));
    }
    List<Row> several =
        BoundaryReader.read(
                spark,
                new BoundarySource(three.toString(), "geoparquet", "EPSG:4326", ""),
                three.toString(),
                "three")
            .select("record_index", "record_id")
            .collectAsList();
    assertEquals(30, several.size());
    assertEquals(30, several.stream().map(r -> r.getLong(0)).distinct().count());
    assertEquals(30, several.stream().map(r -> r.getString(1)).distinct().count());
    for (Row r : several) {
      assertTrue(r.getString(1).matches("part-\\S+\\.parquet record [0-9]+"), r.toString());
      assertTrue(r.getLong(0) % (1L << 32) < 30, r.toString());
    }
  }

  @Test
  void missingEmptyAndTruncatedFilesNameTheFile(@TempDir Path dir) throws Exception {
    BoundarySource geojson = new BoundarySource("x.geojson", "geojson", "EPSG:4326", "");
    InputDataException missing =
        assertThrows(
            InputDataException.class,
            () ->
                BoundaryReader.read(
                    spark, geojson, dir.resolve("nope.geojson").toString(), "nope.geojson"));
    assertTrue(missing.getMessage().startsWith("nope.geojson: file"), missing.getMessage());
    assertTrue(missing.getMessage().contains("not found"), missing.getMessage());

    Path empty = Files.createFile(dir.resolve("empty.geojson"));
    InputDataException emptyError =
        assertThrows(
            InputDataException.class,
            () -> BoundaryReader.read(spark, geojson, empty.toString(), "empty.geojson"));
    assertTrue(emptyError.getMessage().contains("empty file"), emptyError.getMessage());

    Path truncated = dir.resolve("truncated.geojson");
    Files.writeString(
        truncated, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"prop");
    InputDataException truncatedError =
        assertThrows(
            InputDataException.class,
            () -> BoundaryReader.read(spark, geojson, truncated.toString(), "truncated.geojson"));
    assertTrue(
        truncatedError.getMessage().startsWith("truncated.geojson: file"),
        truncatedError.getMessage());
  }

  @Test
  void attributesTheSourceLacksAreDqRowsAndTypesAreCoerced(@TempDir Path dir) throws Exception {
    Path shp =
        ShapefileFixture.write(
            dir, "cities", List.of("adcode:6", "name:40"), suzhouAndKunshan(), GBK, "GBK");
    BoundarySource source = new BoundarySource(shp.toString(), "shapefile", "EPSG:4490", "");
    BoundaryReader.Result read = BoundaryReader.read(spark, source, shp.toString(), "a.shp", false);
    assertEquals(
        List.of(
            "name_short", "name_pinyin", "province_adcode", "province_name", "kind", "mainland"),
        read.issues().stream().map(org.citycluster.dq.DqIssue::field).toList());
    assertTrue(read.issues().stream().allMatch(i -> i.action().equals("defaulted")));
    assertEquals("every unit taken as mainland", read.issues().get(5).value());
    // every attribute is a column of its type, null where the source lacks it
    Row r = read.features().orderBy("adcode").first();
    assertEquals("苏州市", r.getAs("name"));
    assertNull(r.getAs("province_adcode"));
    assertEquals("boolean", read.features().schema().apply("mainland").dataType().simpleString());
  }

  @Test
  void numericCodesAndFlagsOfAGeoJsonAreCoerced(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("typed.geojson");
    Files.writeString(
        file,
        """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{"ADCODE":320500.0,"name":"苏州市","province_a":320000,
          "mainland":"Y"},
          "geometry":{"type":"Polygon","coordinates":[[[120,31],[121,31],[121,32],[120,32],[120,31]]]}},
         {"type":"Feature","properties":{"ADCODE":320600,"name":"南通市","province_a":320000,
          "mainland":"F"},
          "geometry":{"type":"Polygon","coordinates":[[[121,31],[122,31],[122,32],[121,32],[121,31]]]}}
        ]}
        """);
    BoundarySource source = new BoundarySource(file.toString(), "geojson", "EPSG:4326", "");
    List<Row> rows =
        BoundaryReader.read(spark, source, file.toString(), "typed.geojson")
            .select("adcode", "province_adcode", "mainland")
            .orderBy("adcode")
            .collectAsList();
    assertEquals("320500", rows.get(0).getString(0));
    assertEquals("320000", rows.get(0).getString(1));
    assertEquals(true, rows.get(0).getBoolean(2));
    assertEquals("320600", rows.get(1).getString(0));
    assertEquals(false, rows.get(1).getBoolean(2));
  }
}
