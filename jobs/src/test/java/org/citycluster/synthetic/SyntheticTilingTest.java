package org.citycluster.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.citycluster.adjacency.BruteForceContiguity;
import org.citycluster.adjacency.ContiguityBuilder;
import org.citycluster.adjacency.ContiguityPair;
import org.citycluster.adjacency.ContiguityRelation;
import org.citycluster.adjacency.Unit;
import org.citycluster.io.GeoJsonFeatureReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

class SyntheticTilingTest {

  @Test
  void codesStayDistinctWhenThePipelineResolvesAliases() {
    // 110100 and the other municipality codes read as 110000...: a tiling past 10,100 cells
    // once gave two cells the same code in the pipeline's eyes
    org.citycluster.stats.AdcodeAliases aliases =
        org.citycluster.stats.AdcodeAliases.municipalitiesOnly();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 500_000; i++) {
      String code = SyntheticTiling.adcode(i);
      assertTrue(seen.add(aliases.canonical(code)), "cell " + i + " code " + code);
    }
    assertEquals("100000", SyntheticTiling.adcode(0));
    assertEquals("110099", SyntheticTiling.adcode(10_099));
    assertEquals("110101", SyntheticTiling.adcode(10_100));
  }

  @Test
  void sameSeedWritesSameBytesAndAnotherSeedDoesNot(@TempDir Path dir) throws IOException {
    Map<String, String> a = write(dir.resolve("a"), 150, 7);
    Map<String, String> b = write(dir.resolve("b"), 150, 7);
    Map<String, String> c = write(dir.resolve("c"), 150, 8);
    assertEquals(9, a.size(), a.keySet().toString());
    assertEquals(a, b);
    assertNotEquals(a.get(SyntheticDataset.GEOJSON), c.get(SyntheticDataset.GEOJSON));
    assertNotEquals(a.get("stats/city_stats.csv"), c.get("stats/city_stats.csv"));
  }

  @Test
  void polygonsAreValidWithFortyToOneHundredFiftyVertices() {
    for (boolean mismatched : new boolean[] {false, true}) {
      SyntheticTiling t = new SyntheticTiling(2_000, 3, mismatched);
      int min = Integer.MAX_VALUE;
      int max = 0;
      for (int i = 0; i < t.size(); i++) {
        Polygon p = t.polygon(i);
        assertTrue(p.isValid(), "cell " + i);
        assertTrue(isCcw(p), "cell " + i + " counter-clockwise");
        Set<Coordinate> distinct = new HashSet<>(List.of(p.getCoordinates()));
        min = Math.min(min, distinct.size());
        max = Math.max(max, distinct.size());
        assertTrue(p.getEnvelopeInternal().getMinX() >= SyntheticTiling.WEST);
        assertTrue(p.getEnvelopeInternal().getMaxY() <= SyntheticTiling.NORTH);
      }
      assertTrue(min >= 40 && max <= 150, "vertex counts " + min + ".." + max);
    }
  }

  @Test
  void neighboursShareIdenticalEdges() {
    // 20 x 20 cells: 2*20*19 rook pairs (shared edges) and 2*19*19 diagonal queen pairs.
    List<Unit> units = units(new SyntheticTiling(400, 11, false));
    List<ContiguityPair> hashed = new ContiguityBuilder().build(units);
    List<ContiguityPair> brute = new BruteForceContiguity().build(units);
    assertEquals(760, hashed.stream().filter(ContiguityPair::isRook).count());
    assertEquals(722, hashed.stream().filter(p -> !p.isRook()).count());
    assertSame(brute, hashed);
  }

  /** Same pairs and relations, lengths equal to 1e-9 relative (summation order differs). */
  private static void assertSame(List<ContiguityPair> expected, List<ContiguityPair> actual) {
    assertEquals(expected.size(), actual.size());
    for (int k = 0; k < expected.size(); k++) {
      ContiguityPair e = expected.get(k);
      ContiguityPair h = actual.get(k);
      assertEquals(e.idA() + e.idB() + e.relation(), h.idA() + h.idB() + h.relation());
      assertEquals(e.sharedBorderKm(), h.sharedBorderKm(), 1e-9 * e.sharedBorderKm() + 1e-12);
    }
  }

  @Test
  void partlyFilledLastRowStillTiles() {
    // 10 cells: 4 columns, rows of 4, 4, 2.
    List<Unit> units = units(new SyntheticTiling(10, 5, false));
    List<ContiguityPair> hashed = new ContiguityBuilder().build(units);
    assertSame(new BruteForceContiguity().build(units), hashed);
    assertEquals(3 + 3 + 1 + 4 + 2, hashed.stream().filter(ContiguityPair::isRook).count());
  }

  @Test
  void mismatchedVertexSetsStillGiveTheRookPairsAndLengthsWithinATenthOfAPercent() {
    SyntheticTiling exact = new SyntheticTiling(400, 11, false);
    SyntheticTiling mismatched = new SyntheticTiling(400, 11, true);
    // The two sides really differ: in exact arithmetic no border has a common line (longer
    // than floating-point noise, 1 mm).
    assertTrue(
        new BruteForceContiguity()
            .build(units(mismatched)).stream().allMatch(p -> p.sharedBorderKm() < 1e-6));
    Map<String, Double> expected = rook(new ContiguityBuilder().build(units(exact)));
    Map<String, Double> actual = rook(new ContiguityBuilder().build(units(mismatched)));
    assertEquals(expected.keySet(), actual.keySet());
    for (var e : expected.entrySet()) {
      double got = actual.get(e.getKey());
      assertEquals(e.getValue(), got, 1e-3 * e.getValue(), e.getKey());
    }
  }

  @Test
  void geoJsonReadsBackAsTheSamePolygons(@TempDir Path dir) throws IOException {
    SyntheticTiling t = new SyntheticTiling(30, 2, true);
    new SyntheticDataset(t, 2).writeGeoJson(dir);
    List<Polygon> read = new ArrayList<>();
    new GeoJsonFeatureReader()
        .read(dir.resolve(SyntheticDataset.GEOJSON))
        .forEach(f -> read.add((Polygon) f.geometry()));
    assertEquals(30, read.size());
    for (int i = 0; i < 30; i++) {
      assertTrue(t.polygon(i).equalsExact(read.get(i)), "cell " + i);
    }
  }

  private static boolean isCcw(Polygon p) {
    return org.locationtech.jts.algorithm.Orientation.isCCW(p.getExteriorRing().getCoordinates());
  }

  private static Map<String, Double> rook(List<ContiguityPair> pairs) {
    return pairs.stream()
        .filter(p -> p.relation() == ContiguityRelation.ROOK)
        .collect(
            Collectors.toMap(
                p -> p.idA() + "-" + p.idB(),
                ContiguityPair::sharedBorderKm,
                (x, y) -> x,
                TreeMap::new));
  }

  private static List<Unit> units(SyntheticTiling t) {
    List<Unit> units = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      units.add(new Unit(SyntheticTiling.adcode(i), t.polygon(i)));
    }
    return units;
  }

  private static Map<String, String> write(Path root, int n, long seed) throws IOException {
    SyntheticDataset d = new SyntheticDataset(new SyntheticTiling(n, seed, false), seed);
    d.writeTables(root);
    d.writeGeoJson(root);
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
