package org.citycluster.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.citycluster.linkage.LinkageReaders;
import org.citycluster.linkage.Train;
import org.citycluster.synthetic.SyntheticOptions.ClusterLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticOptionsTest {

  private static final String STOPS = "linkage/rail_sythens88_train_stops.csv";
  private static final String TIMETABLE = "linkage/rail_railwayvis_keystation_timetable.csv";

  /**
   * SHA-256 of every file the generator wrote before SyntheticOptions existed (commit 84172ad,
   * {@code new SyntheticDataset(new SyntheticTiling(n, seed, mismatched), seed)}, writeTables and
   * writeGeoJson), per "n seed mismatched(0/1) path": obtained by running that code once with a
   * throw-away test that printed these lines.
   */
  private static final String GOLDEN =
      """
          150 7 0 boundaries/synthetic_units.geojson 4f7cda42c54e6c3ce6e411acb9a2e38b22fc205a2ce6b63eb93ee34661238793
          150 7 0 linkage/air_openflights_airports_cn.csv 92420900bff0708d9d5342ac15a8336d03d98572bfb70b1053b6c62a4ca65837
          150 7 0 linkage/air_openflights_routes_cn.csv 251aef744df53fbb700ca583360a33c8a76be393de714813e5f0f6db45800cd8
          150 7 0 linkage/rail_railwayvis_keystation_timetable.csv 66e247d94c398f86752ccc465172636a88b04bb02e13714142bc5576c8eea671
          150 7 0 linkage/rail_sythens88_stations.csv 802b373c8fecca748340ed3cca47d57c62c6b8e5bd012489cc25425154a25152
          150 7 0 linkage/rail_sythens88_train_stops.csv 5d71b6be0d8776bf484cdaf9396d0b4817db47645354820d5ffd097b11366bff
          150 7 0 stats/cities.csv 611a9301f08152aa3ce7c07414d086497661f0a69ce2a7f473fee31ad2d76659
          150 7 0 stats/city_stats.csv bc2d2a8a89ae7ab587001ed189aff1e5ef8ae94d81111f9d782b52f5c8397fb3
          150 7 0 stats/clusters.csv d77a69a646c0650443bbd83598e62629e85b0fe22eb5d2dbdb64142435170aeb
          30 2 1 boundaries/synthetic_units.geojson c1bd6fcc96020d8f6c061dcfa218243803355bb2ab10c44cd4c6c95db003f2a2
          30 2 1 linkage/air_openflights_airports_cn.csv a88557ba5274be6beac3934a97ea5c9b6832c147c3f54ec93d0559dc451ff9c4
          30 2 1 linkage/air_openflights_routes_cn.csv 251aef744df53fbb700ca583360a33c8a76be393de714813e5f0f6db45800cd8
          30 2 1 linkage/rail_railwayvis_keystation_timetable.csv 19e771b20e263cd8bf93ba3652f3deeb0fc43cec9ba508f08f9973caab78dbdc
          30 2 1 linkage/rail_sythens88_stations.csv ce57243a6121a32de569b66ae641a3faad2b0543ca0957d9935765483fa27d3b
          30 2 1 linkage/rail_sythens88_train_stops.csv f7fbff280ec34640a348a793f5e02c79913e1bf4de6792879786c7c2fe37e1ff
          30 2 1 stats/cities.csv aa507725b3a4b00ce3fe967b2425e400d134749e03acc6ae65ab24a5e57da6f2
          30 2 1 stats/city_stats.csv fcab9a011935875a9fc53253e3b7db73562b5455756fd935b2ebf4c5a41c4360
          30 2 1 stats/clusters.csv 24037e9096ae0e079d7bc43cd397131390d0ea03b62e1a35f2631188d8c7a90c
          1000 3 0 boundaries/synthetic_units.geojson d652386bc3842d275fa033539f3c92e24fea48ff5e5b2ac77993548bc6afb2a7
          1000 3 0 linkage/air_openflights_airports_cn.csv 23feb7ec942dee35ecc52f01be66e736ea136ced60252ff57f3c95afb9dca7ac
          1000 3 0 linkage/air_openflights_routes_cn.csv 251aef744df53fbb700ca583360a33c8a76be393de714813e5f0f6db45800cd8
          1000 3 0 linkage/rail_railwayvis_keystation_timetable.csv 3696f173b90e46f50ba1218ebac19c0dffa929972ef7a9bcd92b906b04d94bca
          1000 3 0 linkage/rail_sythens88_stations.csv 9b3c4850c2bc2c744b2309d6dc9d3a025c3aaff55abae2ebd587615700a5c43c
          1000 3 0 linkage/rail_sythens88_train_stops.csv 940a70c6651f1eeb22a4539b3412a28e798182e92feb651d579e9f2d2162e3cb
          1000 3 0 stats/cities.csv ff21257be7f784675e88b6d8a65ad1f167f639c9ac291bb8e0d2833f921fb704
          1000 3 0 stats/city_stats.csv 427b59fe011151aeebf58208ffd2436dad93cf3137ea3747b62187d82a80acfe
          1000 3 0 stats/clusters.csv 75318774cd3c796c720d38b93ff413ee5201cd01f577dddc9f2815a88658c24f
          """;

  @Test
  void defaultOptionsWriteTheBytesOfTheOriginalGenerator(@TempDir Path dir) throws IOException {
    Map<String, Map<String, String>> expected = new TreeMap<>();
    for (String line : GOLDEN.strip().split("\n")) {
      String[] f = line.strip().split(" ");
      expected
          .computeIfAbsent(f[0] + " " + f[1] + " " + f[2], k -> new TreeMap<>())
          .put(f[3], f[4]);
    }
    assertEquals(3, expected.size());
    for (var e : expected.entrySet()) {
      String[] key = e.getKey().split(" ");
      int n = Integer.parseInt(key[0]);
      long seed = Long.parseLong(key[1]);
      SyntheticTiling tiling = new SyntheticTiling(n, seed, key[2].equals("1"));
      Path implicit = dir.resolve(n + "-implicit");
      Path explicit = dir.resolve(n + "-explicit");
      write(new SyntheticDataset(tiling, seed), implicit);
      write(new SyntheticDataset(tiling, seed, SyntheticOptions.defaults()), explicit);
      // no truth file: exactly the nine files of before
      assertEquals(e.getValue(), digests(implicit), e.getKey());
      assertEquals(e.getValue(), digests(explicit), e.getKey());
    }
  }

  @Test
  void anExplicitDefaultStationSpacingChangesNothingButTheTruthFile(@TempDir Path dir)
      throws IOException {
    SyntheticTiling tiling = new SyntheticTiling(400, 3, false);
    write(new SyntheticDataset(tiling, 3), dir.resolve("a"));
    write(
        new SyntheticDataset(tiling, 3, SyntheticOptions.defaults().withStationEvery(20)),
        dir.resolve("b"));
    Map<String, String> a = digests(dir.resolve("a"));
    Map<String, String> b = digests(dir.resolve("b"));
    assertTrue(b.containsKey(SyntheticDataset.TRUTH));
    b.remove(SyntheticDataset.TRUTH);
    assertEquals(a, b);
  }

  @Test
  void randomClustersAreConnectedDisjointWithinTheRangeAndDeterministic() {
    // square, ragged last row, one row, one column
    int[][] grids = {{900, 30}, {1000, 32}, {50, 50}, {40, 1}, {10_000, 100}};
    for (int[] g : grids) {
      int n = g[0];
      int cols = g[1];
      // about a third of the cells in clusters
      int count = Math.max(1, n / 100);
      int min = 3;
      int max = Math.min(n, 60);
      int[][] sets = RandomConnectedSets.grow(n, cols, count, min, max, 11);
      assertEquals(count, sets.length);
      Set<Integer> seen = new HashSet<>();
      for (int[] set : sets) {
        assertTrue(set.length >= min && set.length <= max, "size " + set.length);
        for (int c : set) {
          assertTrue(c >= 0 && c < n);
          assertTrue(seen.add(c), "cell " + c + " in two clusters");
        }
        assertTrue(connected(set, n, cols), "n " + n + ": " + Arrays.toString(set));
      }
      for (int k = 0; k < sets.length; k++) {
        assertArrayEquals(sets[k], RandomConnectedSets.grow(n, cols, count, min, max, 11)[k]);
      }
      assertFalse(
          Arrays.deepEquals(sets, RandomConnectedSets.grow(n, cols, count, min, max, 12)),
          "another seed, other sets");
    }
    // sizes spread over the whole range
    int[][] many = RandomConnectedSets.grow(10_000, 100, 200, 5, 15, 3);
    int[] sizes = Arrays.stream(many).mapToInt(s -> s.length).sorted().toArray();
    assertEquals(5, sizes[0]);
    assertEquals(15, sizes[sizes.length - 1]);
  }

  @Test
  void aWholeGridIsOneClusterAndOverfullLayoutsAreRejected() {
    int[][] all = RandomConnectedSets.grow(100, 10, 1, 100, 100, 5);
    assertEquals(100, all[0].length);
    IllegalArgumentException tooMany =
        assertThrows(
            IllegalArgumentException.class, () -> RandomConnectedSets.grow(100, 10, 11, 10, 10, 5));
    assertTrue(tooMany.getMessage().contains("--clusters random:11:10-10"), tooMany.getMessage());
    // 1 x 4 grid, two clusters of 2: a first cluster in the middle (1, 2) boxes the second in,
    // whatever its seed; at either end it leaves room
    int failed = 0;
    for (long seed = 0; seed < 64; seed++) {
      try {
        int[][] sets = RandomConnectedSets.grow(4, 4, 2, 2, 2, seed);
        assertTrue(connected(sets[0], 4, 4) && connected(sets[1], 4, 4));
        assertNotEquals(Set.of(1, 2), Set.of(sets[0][0], sets[0][1]));
      } catch (IllegalArgumentException e) {
        assertTrue(e.getMessage().contains("could not grow cluster syn1"), e.getMessage());
        failed++;
      }
    }
    assertTrue(failed > 0 && failed < 64, "failed " + failed);
  }

  @Test
  void clustersFileListsTheRandomClustersCoreFirst(@TempDir Path dir) throws IOException {
    SyntheticTiling tiling = new SyntheticTiling(900, 4, false);
    SyntheticOptions o =
        SyntheticOptions.defaults().withClusters(new ClusterLayout.Random(20, 9, 16));
    SyntheticDataset data = new SyntheticDataset(tiling, 4, o);
    write(data, dir);
    Map<String, List<String[]>> rows = new LinkedHashMap<>();
    for (String[] r : rows(dir.resolve("stats/clusters.csv"))) {
      rows.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r);
    }
    assertEquals(20, rows.size());
    for (int k = 0; k < 20; k++) {
      List<String[]> cluster = rows.get("syn" + k);
      int[] cells = data.clusterCells(k);
      assertEquals(cells.length, cluster.size());
      for (int x = 0; x < cells.length; x++) {
        assertEquals(SyntheticTiling.adcode(cells[x]), cluster.get(x)[4]);
        assertEquals(x == 0 ? "core" : "member", cluster.get(x)[8]);
      }
      assertTrue(connected(cells, 900, 30));
    }
  }

  @Test
  void plantedTrainsCallOnlyAtStationsOfTheirClusterAndNumberRoundTM(@TempDir Path dir)
      throws IOException {
    // every cell a station (m = cluster size), and every 20th (m = station cells only)
    checkPlanted(dir.resolve("a"), 900, 1, new ClusterLayout.Random(20, 9, 16), 10, 3.0);
    checkPlanted(dir.resolve("b"), 1600, 0, new ClusterLayout.Blocks(), 19, 0.5);
    checkPlanted(dir.resolve("c"), 2500, 7, new ClusterLayout.Random(12, 40, 90), 12, 1.3);
  }

  private static void checkPlanted(
      Path dir, int n, int every, ClusterLayout layout, int planted, double t) throws IOException {
    SyntheticTiling tiling = new SyntheticTiling(n, 9, false);
    SyntheticOptions base = SyntheticOptions.defaults().withClusters(layout);
    if (every > 0) {
      base = base.withStationEvery(every);
    }
    SyntheticOptions o = base.withPlanted(planted, t);
    SyntheticDataset data = new SyntheticDataset(tiling, 9, o);
    write(data, dir.resolve("planted"));
    write(new SyntheticDataset(tiling, 9, base), dir.resolve("base"));
    int step = o.stationEvery(n);
    int stations = Math.max(1, n / step);

    // the pipeline's reader accepts the file; the base trains are those of the unplanted run
    List<Train> trains = readTrains(dir.resolve("planted").resolve(STOPS));
    List<Train> baseTrains = readTrains(dir.resolve("base").resolve(STOPS));
    assertEquals(baseTrains, trains.subList(0, baseTrains.size()));
    Map<String, List<Train>> byCluster = new TreeMap<>();
    for (Train tr : trains.subList(baseTrains.size(), trains.size())) {
      assertTrue(tr.code().matches("GP\\d+-\\d+"), tr.code());
      assertTrue(tr.isHighSpeed());
      byCluster
          .computeIfAbsent(tr.code().substring(2, tr.code().indexOf('-')), k -> new ArrayList<>())
          .add(tr);
    }
    int total = 0;
    for (int k = 0; k < planted; k++) {
      Set<String> own = new HashSet<>();
      for (int c : data.clusterCells(k)) {
        if (c % step == 0 && c / step < stations) {
          own.add("ST" + (c / step));
        }
      }
      int m = own.size();
      long expected = m < 2 ? 0 : Math.round(t * m);
      List<Train> got = byCluster.getOrDefault(Integer.toString(k), List.of());
      assertEquals(expected, got.size(), "cluster syn" + k + " with " + m + " stations");
      total += got.size();
      for (Train tr : got) {
        assertEquals(Math.min(6, m), tr.stations().size(), tr.code());
        assertEquals(Math.min(6, m), new HashSet<>(tr.stations()).size(), "distinct stops");
        assertTrue(own.containsAll(tr.stations()), tr.code() + " " + tr.stations());
      }
    }
    assertTrue(total > 0);
    assertEquals(total, trains.size() - baseTrains.size());
    // the timetable has one call per stop, and a valid origin/terminus per train
    try (InputStream in = Files.newInputStream(dir.resolve("planted").resolve(TIMETABLE))) {
      var calls = LinkageReaders.readTimetable(in, TIMETABLE);
      long plantedCalls = calls.stream().filter(c -> c.trainCode().startsWith("GP")).count();
      long plantedStops =
          trains.subList(baseTrains.size(), trains.size()).stream()
              .mapToLong(tr -> tr.stations().size())
              .sum();
      assertEquals(plantedStops, plantedCalls);
    }
  }

  @Test
  void withRegionsEveryBaseTrainStaysInOneRegion(@TempDir Path dir) throws IOException {
    // 30 x 30 cells, a station per cell, regions of 10 x 10; then ragged grid and spacing
    checkRegions(dir.resolve("a"), 900, 1, 10, true);
    // where a partial border region holds stations none of whose moves stay inside, its trains
    // stand still (a repeated stop, collapsed by the reader)
    checkRegions(dir.resolve("b"), 1000, 3, 7, false);
    checkRegions(dir.resolve("c"), 2500, 20, 25, false);
  }

  private static void checkRegions(Path dir, int n, int every, int side, boolean neverStuck)
      throws IOException {
    SyntheticTiling tiling = new SyntheticTiling(n, 5, false);
    SyntheticOptions o = SyntheticOptions.defaults().withStationEvery(every).withRegionSide(side);
    write(new SyntheticDataset(tiling, 5, o), dir.resolve("regions"));
    write(
        new SyntheticDataset(tiling, 5, SyntheticOptions.defaults().withStationEvery(every)),
        dir.resolve("free"));
    Map<String, String> regionOf = new HashMap<>();
    for (String[] r : rows(dir.resolve("regions").resolve(SyntheticDataset.TRUTH))) {
      regionOf.put(r[0], r[3]);
    }
    int cols = tiling.cols();
    List<Train> trains = readTrains(dir.resolve("regions").resolve(STOPS));
    assertEquals(Math.max(1, n / every) / 2, trains.size());
    int stuck = 0;
    for (Train tr : trains) {
      Set<String> regions = new HashSet<>();
      for (String st : tr.stations()) {
        int cell = Integer.parseInt(st.substring(2)) * every;
        String label = regionOf.get(SyntheticTiling.adcode(cell));
        assertEquals("r" + (cell / cols / side) + "_" + (cell % cols / side), label);
        regions.add(label);
      }
      assertEquals(1, regions.size(), tr.code() + " " + tr.stations());
      stuck += tr.collapsedStops();
    }
    if (neverStuck) {
      assertEquals(0, stuck, "a station per cell: never a repeated stop");
    }
    // without regions, trains do cross region borders (the check above is not vacuous)
    long crossing =
        readTrains(dir.resolve("free").resolve(STOPS)).stream()
            .filter(
                tr ->
                    tr.stations().stream()
                            .map(st -> Integer.parseInt(st.substring(2)) * every)
                            .map(c -> c / cols / side + "_" + c % cols / side)
                            .distinct()
                            .count()
                        > 1)
            .count();
    assertTrue(crossing > 0);
  }

  @Test
  void truthFileMatchesTheClustersPlantingAndRegions(@TempDir Path dir) throws IOException {
    SyntheticTiling tiling = new SyntheticTiling(1000, 8, false);
    SyntheticOptions o =
        SyntheticOptions.defaults()
            .withStationEvery(1)
            .withClusters(new ClusterLayout.Random(15, 10, 30))
            .withPlanted(6, 2.0)
            .withRegionSide(8);
    write(new SyntheticDataset(tiling, 8, o), dir);
    Map<String, String> clusterOf = new HashMap<>();
    for (String[] r : rows(dir.resolve("stats/clusters.csv"))) {
      clusterOf.put(r[4], r[0]);
    }
    List<String[]> truth = rows(dir.resolve(SyntheticDataset.TRUTH));
    assertEquals(
        "adcode,cluster_id,planted,region",
        Files.readAllLines(dir.resolve(SyntheticDataset.TRUTH)).get(0));
    assertEquals(1000, truth.size());
    Set<String> regions = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String[] r = truth.get(i);
      assertEquals(4, r.length);
      assertEquals(SyntheticTiling.adcode(i), r[0]);
      String cluster = clusterOf.getOrDefault(r[0], "");
      assertEquals(cluster, r[1]);
      boolean planted = !cluster.isEmpty() && Integer.parseInt(cluster.substring(3)) < 6;
      assertEquals(Boolean.toString(planted), r[2]);
      assertEquals("r" + (i / 32 / 8) + "_" + (i % 32 / 8), r[3]);
      regions.add(r[3]);
    }
    assertEquals(4 * 4, regions.size()); // 32 columns, 32 rows (the last partly filled)

    // no regions: the region column is empty
    Path other = dir.resolve("other");
    write(new SyntheticDataset(tiling, 8, SyntheticOptions.defaults().withPlanted(2, 1)), other);
    List<String> lines = Files.readAllLines(other.resolve(SyntheticDataset.TRUTH));
    assertTrue(lines.stream().skip(1).allMatch(l -> l.endsWith(",")), lines.get(1));
    assertTrue(lines.contains(SyntheticTiling.adcode(0) + ",syn0,true,"), lines.get(1));
  }

  @Test
  void scaledLayoutCoversAboutAThirdWithClustersOfAFewPercent() {
    int n = 40_000;
    ClusterLayout.Random r = ClusterLayout.scaled(n);
    assertEquals(new ClusterLayout.Random(19, 333, 1111), r);
    int[][] sets = RandomConnectedSets.grow(n, 200, r.count(), r.minSize(), r.maxSize(), 1);
    long covered = Arrays.stream(sets).mapToLong(s -> s.length).sum();
    assertTrue(covered > 0.25 * n && covered < 0.45 * n, "covered " + covered);
    assertEquals(new ClusterLayout.Random(19, 1, 1), ClusterLayout.scaled(30));
  }

  @Test
  void optionsAreValidatedNamingTheOption() {
    SyntheticOptions d = SyntheticOptions.defaults();
    assertTrue(d.isDefault());
    assertEquals(20, d.stationEvery(40));
    assertEquals(1, d.stationEvery(39));
    assertEquals(7, d.withStationEvery(7).stationEvery(40));
    assertNotEquals(d, d.withRegionSide(3));
    assertBad("stationEvery (--stations-every)", () -> d.withStationEvery(-1));
    assertBad("regionSide (--region-side)", () -> d.withRegionSide(-2));
    assertBad("plantedClusters (--plant)", () -> d.withPlanted(-1, 1));
    assertBad("plantedTrainsPerMember (--plant-trains)", () -> d.withPlanted(1, -0.5));
    assertBad("plantedTrainsPerMember (--plant-trains)", () -> d.withPlanted(1, Double.NaN));
    assertBad(
        "plantedTrainsPerMember (--plant-trains)",
        () -> d.withPlanted(1, Double.POSITIVE_INFINITY));
    assertBad("clusters (--clusters)", () -> d.withClusters(null));
    assertBad("COUNT must be >= 1", () -> new ClusterLayout.Random(0, 1, 2));
    assertBad("need 1 <= MIN <= MAX", () -> new ClusterLayout.Random(3, 5, 4));
    assertBad("need 1 <= MIN <= MAX", () -> new ClusterLayout.Random(3, 0, 4));
    assertBad(
        "plantedClusters (--plant) must be <= the 3 clusters",
        () -> d.withClusters(new ClusterLayout.Random(3, 1, 2)).withPlanted(4, 1));
    // n-dependent: a 30 x 30 grid has 19 blocks
    assertBad(
        "plantedClusters (--plant) must be <= the 19 clusters",
        () -> new SyntheticDataset(new SyntheticTiling(900, 1, false), 1, d.withPlanted(20, 1)));
    assertEquals(new ClusterLayout.Blocks(), ClusterLayout.parse("blocks", 10));
    assertEquals(new ClusterLayout.Random(20, 9, 16), ClusterLayout.parse("random:20:9-16", 10));
    for (String bad : List.of("random", "random:3", "random:3:4", "rand:3:4-5", "random:a:1-2")) {
      assertBad("clusters (--clusters)", () -> ClusterLayout.parse(bad, 10));
    }
  }

  @Test
  void commandLineFlagsBuildTheOptionsAndUsageErrorsExitTwo(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("root");
    String[] ok = {
      "--n",
      "400",
      "--out",
      out.toString(),
      "--format",
      "geojson",
      "--seed",
      "3",
      "--stations-every",
      "2",
      "--clusters",
      "random:5:4-9",
      "--plant",
      "2",
      "--plant-trains",
      "1.5",
      "--region-side",
      "5"
    };
    assertEquals(0, GenerateCommand.run(ok));
    SyntheticOptions expected =
        new SyntheticOptions(2, new ClusterLayout.Random(5, 4, 9), 2, 1.5, 5, 0);
    Path direct = dir.resolve("direct");
    SyntheticDataset data = new SyntheticDataset(new SyntheticTiling(400, 3, false), 3, expected);
    write(data, direct);
    assertEquals(digests(direct), digests(out));

    assertUsage("--stations-every must be >= 1", "--stations-every", "0");
    assertUsage("Invalid value for option '--stations-every'", "--stations-every", "x");
    assertUsage("--region-side must be >= 1", "--region-side", "0");
    assertUsage("clusters (--clusters)", "--clusters", "random:3");
    assertUsage("--plant-trains needs --plant", "--plant-trains", "2");
    assertUsage(
        "Invalid value for option '--plant-trains'", "--plant", "1", "--plant-trains", "lots");
    assertUsage("plantedClusters (--plant) must be <= the 19", "--plant", "20");
    assertUsage("--clusters random:50:20-40", "--clusters", "random:50:20-40");
    assertUsage("Missing required parameter for option '--plant'", "--plant");
    assertUsage("Invalid value for option '--seed': 'abc'", "--seed=abc");
  }

  private static void assertUsage(String message, String... flags) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("--n", "900", "--out", "/nonexistent/x", "--format", "geojson"));
    args.addAll(List.of(flags));
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
      code = GenerateCommand.run(args.toArray(String[]::new));
    } finally {
      System.setErr(err);
    }
    String text = buf.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, text);
    assertTrue(text.startsWith("citycluster synthetic: "), text);
    assertTrue(text.lines().findFirst().orElse("").contains(message), text);
    assertFalse(Files.exists(Path.of("/nonexistent/x")));
  }

  private static void assertBad(String message, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  /** BFS over rook neighbours inside the set. */
  private static boolean connected(int[] set, int n, int cols) {
    Set<Integer> in = new HashSet<>();
    for (int c : set) {
      in.add(c);
    }
    Set<Integer> reached = new HashSet<>(List.of(set[0]));
    ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(set[0]));
    while (!queue.isEmpty()) {
      int c = queue.poll();
      int r = c / cols;
      int col = c % cols;
      int[][] nb = {{r, col - 1}, {r, col + 1}, {r - 1, col}, {r + 1, col}};
      for (int[] p : nb) {
        int d = p[0] * cols + p[1];
        if (p[0] >= 0 && p[1] >= 0 && p[1] < cols && d < n && in.contains(d) && reached.add(d)) {
          queue.add(d);
        }
      }
    }
    return reached.size() == in.size();
  }

  private static List<Train> readTrains(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return LinkageReaders.readTrainStops(in, file.toString()).trains();
    }
  }

  /** Data rows split on commas (synthetic files have no quoted fields). */
  private static List<String[]> rows(Path file) throws IOException {
    return Files.readAllLines(file).stream().skip(1).map(l -> l.split(",", -1)).toList();
  }

  private static void write(SyntheticDataset d, Path root) throws IOException {
    d.writeTables(root);
    d.writeGeoJson(root);
  }

  private static Map<String, String> digests(Path root) throws IOException {
    Map<String, String> sums = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        sums.put(root.relativize(f).toString().replace('\\', '/'), sha256(f));
      }
    }
    return sums;
  }

  private static String sha256(Path f) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
