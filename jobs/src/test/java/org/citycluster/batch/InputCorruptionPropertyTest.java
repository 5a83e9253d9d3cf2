package org.citycluster.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.apache.spark.sql.Row;
import org.citycluster.Main;
import org.citycluster.config.BoundarySource;
import org.citycluster.config.Level;
import org.citycluster.io.CsvTable;
import org.citycluster.jobs.CitiesJob;
import org.citycluster.linkage.LinkageReaders;
import org.citycluster.plan.ClusterPlanReader;
import org.citycluster.spark.BoundaryReader;
import org.citycluster.spark.ReferenceFrames;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.stats.AdcodeAliases;
import org.citycluster.stats.StatisticsResolver;
import org.citycluster.stats.StatisticsSeries;
import org.citycluster.testing.FixtureData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded property over the readers: any corruption an operator's tools can make of an input
 * (truncation, wrong types, wrong encodings, missing or swapped columns, swapped axes, broken
 * geometries) ends either in success — every boundary feature then a unit or a quarantined dq row —
 * or in an error whose one CLI line ({@link Main#failureLine}) is {@code citycluster: FAILED: bad
 * input: <file>: ...}. Never another exception. The CSV readers are Spark-free and get many cases
 * over a prefix of the real files; boundaries go through {@link BoundaryReader} and {@link
 * CitiesJob} on Spark, one case per corruption.
 */
class InputCorruptionPropertyTest extends SparkTestBase {

  private static final long SEED = 20261202L;
  private static final int CASES_PER_CSV = 30;

  /** Lines of each real CSV used as the base of its corruptions (the big files are cut). */
  private static final int BASE_LINES = 1500;

  @TempDir Path dir;

  // ---------------------------------------------------------------- CSV inputs, Spark-free

  /** A reader of one CSV input kind: source name and bytes in, anything out. */
  private interface CsvReader {
    void read(String source, byte[] bytes) throws Exception;
  }

  private static InputStream in(byte[] b) {
    return new ByteArrayInputStream(b);
  }

  private static AdcodeAliases realAliases() throws Exception {
    try (InputStream s = Files.newInputStream(sharedData().resolve("stats/cities.csv"))) {
      return AdcodeAliases.fromCitiesTable(
          CsvTable.read(s, "stats/cities.csv", List.of("adcode", "source_codes")));
    }
  }

  private static String base(String relative) throws Exception {
    List<String> lines = Files.readAllLines(sharedData().resolve(relative), StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(0, Math.min(BASE_LINES, lines.size()))) + "\n";
  }

  @Test
  void corruptedCsvInputsEndInSuccessOrANamedError() throws Exception {
    AdcodeAliases aliases = realAliases();
    List<org.citycluster.linkage.Airport> airports;
    try (InputStream s = Files.newInputStream(sharedData().resolve(LinkageReaders.AIRPORTS))) {
      airports = LinkageReaders.readAirports(s, LinkageReaders.AIRPORTS);
    }
    Map<String, CsvReader> readers = new TreeMap<>();
    readers.put(
        "stats/city_stats.csv",
        (source, b) -> {
          CsvTable t = CsvTable.read(in(b), source, StatisticsResolver.REQUIRED_COLUMNS);
          StatisticsResolver.resolve(t, 2020, aliases);
          StatisticsSeries.resolve(t, aliases, StatisticsSeries.yearsIn(t, aliases));
        });
    readers.put(
        "stats/cities.csv",
        (source, b) ->
            AdcodeAliases.fromCitiesTable(
                CsvTable.read(in(b), source, List.of("adcode", "source_codes"))));
    readers.put(
        "stats/clusters.csv",
        (source, b) ->
            ClusterPlanReader.read(
                CsvTable.read(in(b), source, ClusterPlanReader.REQUIRED_COLUMNS), aliases));
    readers.put(LinkageReaders.STATIONS, (source, b) -> LinkageReaders.readStations(in(b), source));
    readers.put(
        LinkageReaders.TRAIN_STOPS, (source, b) -> LinkageReaders.readTrainStops(in(b), source));
    readers.put(
        LinkageReaders.TIMETABLE, (source, b) -> LinkageReaders.readTimetable(in(b), source));
    readers.put(LinkageReaders.AIRPORTS, (source, b) -> LinkageReaders.readAirports(in(b), source));
    readers.put(
        LinkageReaders.ROUTES,
        (source, b) -> LinkageReaders.readAirRoutes(in(b), source, airports));

    Random random = new Random(SEED);
    List<String> report = new ArrayList<>();
    for (var e : readers.entrySet()) {
      String source = e.getKey();
      String text = base(source);
      // the uncorrupted base must read, or the property says nothing
      e.getValue().read(source, text.getBytes(StandardCharsets.UTF_8));
      int ok = 0;
      int named = 0;
      Set<CsvCorruption> failedSome = new HashSet<>();
      for (int i = 0; i < CASES_PER_CSV; i++) {
        CsvCorruption c = CsvCorruption.values()[i % CsvCorruption.values().length];
        byte[] corrupted = c.apply(text, random);
        String what = source + " case " + i + " (" + c + ")";
        if (outcome(what, source, () -> e.getValue().read(source, corrupted))) {
          ok++;
        } else {
          named++;
          failedSome.add(c);
        }
      }
      report.add(source + ": " + ok + " read, " + named + " named errors");
      // the corruptions that can never leave a file readable must have been caught
      assertTrue(
          failedSome.contains(CsvCorruption.DROP_REQUIRED_COLUMN), source + " " + failedSome);
      if (!text.chars().allMatch(ch -> ch < 128)) {
        assertTrue(failedSome.contains(CsvCorruption.GBK), source + " " + failedSome);
      }
    }
    System.out.println("InputCorruptionPropertyTest CSV: " + report);
  }

  /**
   * Runs {@code read}: true when it succeeds, false when it fails with a named error for {@code
   * source}; any other outcome fails the test with the case and the stack trace.
   */
  private static boolean outcome(String what, String source, ThrowingRunnable read) {
    try {
      read.run();
      return true;
    } catch (Throwable t) {
      String line = Main.failureLine(t, false);
      if (!line.startsWith("citycluster: FAILED: bad input: " + source + ": ")) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        fail(what + " ended in an unnamed error: " + line + "\n" + trace);
      }
      assertEquals(1, line.lines().count(), what + ": " + line);
      return false;
    }
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** Corruptions of a CSV text, each seeded by the caller's random. */
  enum CsvCorruption {
    TRUNCATE((t, r) -> Arrays.copyOf(utf8(t), r.nextInt(utf8(t).length))),
    DROP_REQUIRED_COLUMN((t, r) -> utf8(dropColumn(t, 0))),
    DROP_ANY_COLUMN((t, r) -> utf8(dropColumn(t, r.nextInt(columns(t))))),
    SWAP_COLUMNS((t, r) -> utf8(swapHeader(t, r.nextInt(columns(t)), r.nextInt(columns(t))))),
    WRONG_TYPE((t, r) -> utf8(replaceCell(t, r, pick(r, "lots", "１２３", "-5", "1e999", "NaN")))),
    EMPTY_CELL((t, r) -> utf8(replaceCell(t, r, ""))),
    GBK((t, r) -> t.getBytes(Charset.forName("GBK"))),
    LATIN1((t, r) -> t.getBytes(StandardCharsets.ISO_8859_1)),
    BOM((t, r) -> utf8("\uFEFF" + t)),
    DUPLICATE_LINE((t, r) -> utf8(duplicateLine(t, r))),
    SHORT_ROW((t, r) -> utf8(t + "1,2\n")),
    SEMICOLONS((t, r) -> utf8(t.replace(',', ';'))),
    BYTE_FLIP(
        (t, r) -> {
          byte[] b = utf8(t);
          for (int i = 0; i < 5; i++) {
            b[r.nextInt(b.length)] = (byte) r.nextInt(256);
          }
          return b;
        }),
    EMPTY((t, r) -> new byte[0]),
    HEADER_ONLY((t, r) -> utf8(t.substring(0, t.indexOf('\n') + 1)));

    private final BiFunction<String, Random, byte[]> f;

    CsvCorruption(BiFunction<String, Random, byte[]> f) {
      this.f = f;
    }

    byte[] apply(String text, Random r) {
      return f.apply(text, r);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }

  private static int columns(String text) {
    return text.substring(0, text.indexOf('\n')).split(",", -1).length;
  }

  /**
   * The text without column {@code k} (naive split: quoted commas shift the cut, as corruption).
   */
  private static String dropColumn(String text, int k) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      List<String> cells = new ArrayList<>(Arrays.asList(line.split(",", -1)));
      if (cells.size() > k) {
        cells.remove(k);
      }
      out.append(String.join(",", cells)).append('\n');
    }
    return out.toString();
  }

  private static String swapHeader(String text, int a, int b) {
    int nl = text.indexOf('\n');
    String[] header = text.substring(0, nl).split(",", -1);
    String h = header[a];
    header[a] = header[b];
    header[b] = h;
    return String.join(",", header) + text.substring(nl);
  }

  private static String replaceCell(String text, Random r, String value) {
    String[] lines = text.split("\n", -1);
    int row = 1 + r.nextInt(Math.max(1, lines.length - 2));
    String[] cells = lines[row].split(",", -1);
    cells[r.nextInt(cells.length)] = value;
    lines[row] = String.join(",", cells);
    return String.join("\n", lines);
  }

  private static String duplicateLine(String text, Random r) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    int row = 1 + r.nextInt(Math.max(1, lines.size() - 2));
    lines.add(row, lines.get(row));
    return String.join("\n", lines);
  }

  // ---------------------------------------------------------------- boundaries, through Spark

  private static final String BOUNDARIES = "boundaries/corrupted.geojson";

  /** GeoJSON corruptions, each of one random feature of the fixture (or of the whole file). */
  private static List<byte[]> geoJsonCases(Random r) {
    List<String> f = new ArrayList<>(FixtureData.defaultFeatures());
    int k = r.nextInt(f.size());
    String one = f.get(k);
    List<String> cases = new ArrayList<>();
    String whole = FixtureData.featureCollection(f);
    cases.add(whole.substring(0, 1 + r.nextInt(whole.length() - 1)));
    cases.add(replaced(f, k, one.replaceAll("\\[(\\d+),(\\d+)\\]", "[$2,$1]")));
    cases.add(replaced(f, k, one.replaceAll("\"adcode\":\"(\\d+)\"", "\"adcode\":$1.0")));
    cases.add(
        replaced(
            f,
            k,
            one.replace(
                "\"mainland\":true", "\"mainland\":" + pick(r, "\"Y\"", "0", "\"maybe\""))));
    cases.add(all(f, s -> s.replaceAll("\"province_name\":\"[^\"]*\",", "")));
    cases.add(all(f, s -> s.replaceAll("\"mainland\":true,", "")));
    cases.add(all(f, s -> s.replaceAll("\"adcode\":\"\\d+\",", "")));
    cases.add(
        replaced(
            f,
            k,
            one.replace(
                    "\"type\":\"Polygon\",\"coordinates\":",
                    "\"type\":\"MultiPolygon\",\"coordinates\":[")
                .replaceAll("\\]\\]\\]\\}\\}$", "]]],[]]}}")));
    cases.add(replaced(f, k, one.replaceFirst("\\[(\\d+),(\\d+)\\]", "[NaN,$2]")));
    cases.add(replaced(f, k, one.replaceAll("\\[(\\d+),", "[1$1,")));
    cases.add(replaced(f, k, one.replaceAll("\"geometry\":\\{.*\\}\\}$", "\"geometry\":null}")));
    cases.add(
        replaced(
            f,
            k,
            one.replaceAll(
                "\"geometry\":\\{.*\\}\\}$",
                "\"geometry\":{\"type\":\"Point\",\"coordinates\":[120.5,31.5]}}")));
    cases.add(replaced(f, k, one.replaceAll("\\[(\\d+),(\\d+)\\]", "[\"$1\",\"$2\"]")));
    cases.add(
        replaced(
            f,
            k,
            one.replaceAll(
                "\"coordinates\":\\[\\[.*\\]\\]\\]",
                "\"coordinates\":[[[120,31],[121,31],[120,31]]]")));
    cases.add(replaced(f, k, one.replaceAll("\"properties\":\\{[^}]*\\}", "\"properties\":null")));
    cases.add(replaced(f, k, one.replaceAll("\"name\":\"[^\"]*\"", "\"name\":{\"zh\":\"x\"}")));
    cases.add(FixtureData.featureCollection(List.of()));
    cases.add(FixtureData.featureCollection(f).replace("\"features\":[", "\"features\":[42,"));
    cases.add("[" + whole + "]");
    List<byte[]> bytes = new ArrayList<>();
    cases.forEach(c -> bytes.add(utf8(c)));
    bytes.add(whole.getBytes(Charset.forName("GBK")));
    return bytes;
  }

  private static String replaced(List<String> features, int k, String feature) {
    List<String> copy = new ArrayList<>(features);
    copy.set(k, feature);
    return FixtureData.featureCollection(copy);
  }

  private static String all(List<String> features, java.util.function.UnaryOperator<String> op) {
    return FixtureData.featureCollection(features.stream().map(op).toList());
  }

  @Test
  void corruptedGeoJsonEndsInUnitsAndDqRowsOrANamedError() throws Exception {
    List<byte[]> cases = geoJsonCases(new Random(SEED));
    int ok = 0;
    for (int i = 0; i < cases.size(); i++) {
      Path file = dir.resolve("case" + i + ".geojson");
      Files.write(file, cases.get(i));
      if (readBoundaries(
          "case " + i, file, new BoundarySource(file.toString(), "geojson", "EPSG:4326", ""))) {
        ok++;
      }
    }
    assertTrue(ok >= cases.size() / 2, ok + " of " + cases.size() + " read");
  }

  @Test
  void corruptedShapefilesEndInUnitsAndDqRowsOrANamedError() throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    Assumptions.assumeTrue(ci || OgrShapefileRealDataTest.hasOgr2ogr(), "ogr2ogr is not installed");
    Path geojson = dir.resolve("fixture.geojson");
    Files.writeString(geojson, FixtureData.featureCollection(FixtureData.defaultFeatures()));
    Random r = new Random(SEED);
    String[] corruptions = {
      "none",
      "truncate-shp",
      "truncate-dbf",
      "no-dbf",
      "no-shx",
      "dbf-garbage",
      "rename-adcode",
      "shp-garbage",
      "shx-garbage",
      "no-shx-shp-garbage"
    };
    for (String c : corruptions) {
      Path d = Files.createDirectories(dir.resolve("shp-" + c));
      Process p =
          new ProcessBuilder(
                  "ogr2ogr",
                  "-f",
                  "ESRI Shapefile",
                  "-lco",
                  "ENCODING=GBK",
                  d.resolve("units.shp").toString(),
                  geojson.toString())
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      assertEquals(0, p.waitFor());
      Files.delete(d.resolve("units.cpg"));
      Path shp = d.resolve("units.shp");
      Path dbf = d.resolve("units.dbf");
      switch (c) {
        case "truncate-shp" -> truncate(shp, 100 + r.nextInt((int) Files.size(shp) - 100));
        case "truncate-dbf" -> truncate(dbf, 1 + r.nextInt((int) Files.size(dbf) - 1));
        case "no-dbf" -> Files.delete(dbf);
        case "no-shx" -> Files.delete(d.resolve("units.shx"));
        case "dbf-garbage" -> {
          byte[] b = Files.readAllBytes(dbf);
          for (int i = 0; i < 20; i++) {
            b[r.nextInt(b.length)] = (byte) r.nextInt(256);
          }
          Files.write(dbf, b);
        }
        case "shp-garbage", "no-shx-shp-garbage" -> {
          byte[] b = Files.readAllBytes(shp);
          for (int i = 0; i < 40; i++) {
            b[100 + r.nextInt(b.length - 100)] = (byte) r.nextInt(256);
          }
          Files.write(shp, b);
          if (c.startsWith("no-shx")) {
            Files.delete(d.resolve("units.shx"));
          }
        }
        case "shx-garbage" -> {
          Path shx = d.resolve("units.shx");
          byte[] b = Files.readAllBytes(shx);
          for (int i = 0; i < 6; i++) {
            b[100 + r.nextInt(b.length - 100)] = (byte) r.nextInt(256);
          }
          Files.write(shx, b);
        }
        case "rename-adcode" -> {
          byte[] b = Files.readAllBytes(dbf);
          String header = new String(b, 0, 32 * 16, StandardCharsets.ISO_8859_1);
          int at = header.indexOf("adcode\0");
          System.arraycopy("ADCOD\0\0".getBytes(StandardCharsets.US_ASCII), 0, b, at, 7);
          Files.write(dbf, b);
        }
        default -> {}
      }
      boolean read =
          readBoundaries(
              "shapefile " + c,
              shp,
              new BoundarySource(shp.toString(), "shapefile", "EPSG:4326", ""));
      if (List.of("none", "truncate-shp", "no-shx", "shp-garbage", "shx-garbage").contains(c)) {
        // record-level damage is per record: quarantined units, not a failed read
        assertTrue(read, "shapefile " + c + " must read, with dq rows for the damaged records");
      }
      if (c.equals("rename-adcode")) {
        assertTrue(!read, "a shapefile without an adcode field must stop the run");
      }
    }
  }

  private static void truncate(Path file, long length) throws Exception {
    byte[] b = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(b, (int) length));
  }

  /**
   * Reads one boundary file through the reader and the cities job. Success: every feature is a unit
   * or a quarantined dq row. Returns whether it succeeded; a named error returns false.
   */
  private boolean readBoundaries(String what, Path file, BoundarySource source) {
    long[] counts = new long[3];
    boolean ok =
        outcome(
            what,
            BOUNDARIES,
            () -> {
              BoundaryReader.Result read =
                  BoundaryReader.read(spark, source, file.toString(), BOUNDARIES, false);
              CitiesJob.Output out =
                  CitiesJob.build(
                      read.features(),
                      BOUNDARIES,
                      source.crs(),
                      AdcodeAliases.municipalitiesOnly(),
                      ReferenceFrames.statistics(spark, List.of()),
                      2020,
                      Level.PREFECTURE,
                      null);
              counts[0] = read.features().count();
              counts[1] = out.cities().count();
              List<Row> quarantined =
                  out.issues()
                      .filter("action = 'quarantined'")
                      .select("record_id")
                      .distinct()
                      .collectAsList();
              counts[2] = quarantined.size();
            });
    if (ok) {
      assertEquals(counts[0], counts[1] + counts[2], what + ": features = units + quarantined");
    }
    return ok;
  }
}
