package org.citycluster.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.citycluster.config.BoundarySource;
import org.citycluster.config.Level;
import org.citycluster.io.Feature;
import org.citycluster.io.GeoJsonFeatureReader;
import org.citycluster.jobs.CitiesJob;
import org.citycluster.stats.AdcodeAliases;
import org.citycluster.testing.ShapefileRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared prefecture layer as ogr2ogr (GDAL) writes it as a shapefile, read record by record:
 * record ids are the records' numbers in the file whatever the partitioning, and a record corrupted
 * at byte level is one quarantined or repaired unit with a dq row naming it — never a failed read.
 * Skipped only when ogr2ogr is absent and {@code CI} is not {@code true} (Debian package gdal-bin).
 */
class ShapefileSourceRealDataTest extends SparkTestBase {

  private static final String SOURCE = "boundaries/prefectures.shp";

  @TempDir static Path dir;
  private static Path shp;
  private static List<Feature> features;

  @BeforeAll
  static void writeTheShapefile() throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    Assumptions.assumeTrue(ci || hasOgr2ogr(), "ogr2ogr (gdal-bin) is not installed");
    shp = ogr2ogr(dir.resolve("clean"));
    features =
        new GeoJsonFeatureReader()
            .read(sharedData().resolve("boundaries/china_prefectures.geojson"));
  }

  @AfterEach
  void onePartitionAgain() {
    ShapefileSource.recordsPerTask = 20_000;
  }

  static boolean hasOgr2ogr() {
    try {
      return new ProcessBuilder("ogr2ogr", "--version").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** The prefecture GeoJSON as a GBK shapefile without .cpg in {@code target}. */
  private static Path ogr2ogr(Path target) throws Exception {
    Files.createDirectories(target);
    Path out = target.resolve("prefectures.shp");
    Process p =
        new ProcessBuilder(
                "ogr2ogr",
                "-f",
                "ESRI Shapefile",
                "-lco",
                "ENCODING=GBK",
                out.toString(),
                sharedData().resolve("boundaries/china_prefectures.geojson").toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), log);
    Files.deleteIfExists(target.resolve("prefectures.cpg"));
    return out;
  }

  private static BoundaryReader.Result read(Path file) {
    return BoundaryReader.read(
        spark,
        new BoundarySource(file.toString(), "shapefile", "EPSG:4326", ""),
        file.toString(),
        SOURCE,
        false);
  }

  /** record_id -> adcode of every feature read. */
  private static Map<String, String> ids(Path file) {
    Map<String, String> ids = new TreeMap<>();
    for (Row r : read(file).features().select("record_id", "adcode").collectAsList()) {
      assertNull(ids.put(r.getString(0), r.getString(1)), "record id twice: " + r);
    }
    return ids;
  }

  @Test
  void recordIdsAreTheRecordNumbersWhateverThePartitioning() throws Exception {
    Map<String, String> one = ids(shp);
    assertEquals(375, one.size());
    for (int i = 0; i < features.size(); i++) { // ogr2ogr keeps the features' order
      assertEquals(
          features.get(i).properties().get("adcode"), one.get("record " + i), "record " + i);
    }
    ShapefileSource.recordsPerTask = 7;
    assertEquals(54, read(shp).features().javaRDD().getNumPartitions());
    assertEquals(one, ids(shp));
    // without the .shx index the records are found by scanning the .shp: the same ids
    Path noIndex = ogr2ogr(dir.resolve("noshx"));
    Files.delete(noIndex.resolveSibling("prefectures.shx"));
    assertEquals(one, ids(noIndex));
    BoundaryReader.Result read = read(noIndex);
    assertTrue(
        read.issues().stream().anyMatch(i -> i.problem().startsWith("no .shx index beside")),
        read.issues().toString());
  }

  @Test
  void corruptRecordsAreQuarantinedOrRepairedOneByOne() throws Exception {
    Path bad = ogr2ogr(dir.resolve("corrupt"));
    ShapefileRecords records = ShapefileRecords.read(bad);
    assertEquals(375, records.size());
    records.content(5).putInt(40, 0); // numParts 1, numPoints 0 (the points still there)
    records.content(17).putDouble(44 + 4 * records.partsAndPoints(17)[0] + 16 * 3, Double.NaN);
    records.content(42).putInt(0, 3); // a PolyLine in a Polygon layer
    records.content(120).putInt(0, 1); // a Point
    records.addEmptyPart(99); // an empty part before the first
    records.content(200).putInt(36, 1_000_000); // a part count the record cannot hold
    int points = records.partsAndPoints(250)[1];
    int parts = records.partsAndPoints(250)[0];
    for (int k = 0; k < points; k++) { // latitude 300: not on the Earth
      var c = records.content(250);
      c.putDouble(44 + 4 * parts + 16 * k + 8, c.getDouble(44 + 4 * parts + 16 * k + 8) + 270);
    }
    records.replace(333, Arrays.copyOf(records.content(333).array(), 4)); // type only, null-ish
    records.content(333).putInt(0, 0); // a null shape
    records.write(bad);

    Map<String, String> expectQuarantined = new TreeMap<>();
    expectQuarantined.put("record 5", "empty shape, no ring to read: 1 part(s), 0 point(s)");
    expectQuarantined.put(
        "record 17", "coordinate is not a finite number: part 0, point 3 is (NaN ");
    expectQuarantined.put("record 42", "shape type PolyLine (3), expected Polygon (5, 15 or 25)");
    expectQuarantined.put("record 120", "shape type Point (1), expected Polygon (5, 15 or 25)");
    expectQuarantined.put("record 200", "part and point counts do not fit the record");
    expectQuarantined.put("record 250", "coordinates out of range for longitude/latitude degrees");
    expectQuarantined.put("record 333", "null shape (shape type 0): the record has no geometry");

    for (int perTask : new int[] {20_000, 11}) {
      ShapefileSource.recordsPerTask = perTask;
      BoundaryReader.Result read = read(bad);
      CitiesJob.Output out =
          CitiesJob.build(
              read.features(),
              SOURCE,
              "EPSG:4326",
              AdcodeAliases.municipalitiesOnly(),
              ReferenceFrames.statistics(spark, List.of()),
              2020,
              Level.PREFECTURE,
              null);
      assertEquals(375 - expectQuarantined.size(), out.cities().count(), "units, " + perTask);
      Map<String, Row> quarantined = new HashMap<>();
      for (Row r : out.issues().filter("action = 'quarantined'").collectAsList()) {
        quarantined.put(r.getAs("record_id"), r);
      }
      assertEquals(expectQuarantined.keySet(), new java.util.TreeSet<>(quarantined.keySet()));
      for (var e : expectQuarantined.entrySet()) {
        Row r = quarantined.get(e.getKey());
        String unit = e.getKey() + ": " + r;
        assertEquals(SOURCE, r.getAs("source"), unit);
        assertEquals("geometry", r.getAs("field"), unit);
        assertTrue(((String) r.getAs("problem")).startsWith(e.getValue()), unit);
        int n = Integer.parseInt(e.getKey().substring("record ".length()));
        assertEquals(features.get(n).properties().get("adcode"), r.getAs("value"), unit);
      }
      Row repaired = out.issues().filter("action = 'repaired' AND record_id = 'record 99'").first();
      assertNotNull(repaired);
      assertEquals("geometry", repaired.getAs("field"));
      assertTrue(
          ((String) repaired.getAs("problem"))
              .startsWith("empty part left out: part 0 has no points"),
          repaired.toString());
      assertEquals(features.get(99).properties().get("adcode"), repaired.getAs("value"));
    }
  }

  @Test
  void aTruncatedShpLosesOnlyTheRecordsPastItsEnd() throws Exception {
    Path cut = ogr2ogr(dir.resolve("truncated"));
    ShapefileRecords records = ShapefileRecords.read(cut);
    long keep = Files.size(cut) - records.content(374).capacity() - 8 - 100;
    Files.write(cut, Arrays.copyOf(Files.readAllBytes(cut), (int) keep));
    List<Row> rows =
        read(cut)
            .features()
            .filter("geometry_read_status = 'QUARANTINED'")
            .select("record_id", "geometry_read_problem")
            .collectAsList();
    assertEquals(2, rows.size(), rows.toString());
    for (Row r : rows) {
      assertTrue(List.of("record 373", "record 374").contains(r.getString(0)), r.toString());
      assertTrue(r.getString(1).contains("a truncated .shp?"), r.toString());
    }
  }
}
