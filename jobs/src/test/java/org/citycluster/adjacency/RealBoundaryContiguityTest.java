package org.citycluster.adjacency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.citycluster.io.Feature;
import org.citycluster.testdata.RealBoundaryData;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * The engine against the brute-force reference on the real Tianditu layers (README: 979 prefecture
 * and 8,186 county pairs share an edge), and its robustness to a densified, jittered border.
 */
class RealBoundaryContiguityTest {

  static List<Unit> units(String file) {
    List<Unit> units = new ArrayList<>();
    for (Feature f : RealBoundaryData.features(file)) {
      units.add(new Unit(f.id(), f.geometry()));
    }
    return units;
  }

  @Test
  void prefecturesEngineAgreesWithBruteForce() {
    checkAgainstBruteForce("china_prefectures.geojson", 979);
  }

  @Test
  void countiesEngineAgreesWithBruteForce() {
    checkAgainstBruteForce("china_counties.geojson", 8186);
  }

  private static void checkAgainstBruteForce(String file, int expectedRookPairs) {
    List<Unit> units = units(file);
    long t0 = System.nanoTime();
    List<ContiguityPair> engine = new ContiguityBuilder().build(units);
    long t1 = System.nanoTime();
    List<ContiguityPair> reference = new BruteForceContiguity().build(units);
    long t2 = System.nanoTime();

    Map<String, ContiguityPair> engineByKey = byKey(engine);
    Map<String, ContiguityPair> referenceByKey = byKey(reference);
    Set<String> engineRook = rookKeys(engine);
    Set<String> referenceRook = rookKeys(reference);
    assertEquals(referenceRook, engineRook, "rook pairs differ");
    assertEquals(expectedRookPairs, engineRook.size());
    double worst = 0;
    for (String key : referenceRook) {
      double ref = referenceByKey.get(key).sharedBorderKm();
      double got = engineByKey.get(key).sharedBorderKm();
      assertTrue(ref > 0, key);
      worst = Math.max(worst, Math.abs(got - ref) / ref);
      assertEquals(ref, got, 1e-6 * ref, "shared border of " + key);
    }
    assertEquals(referenceByKey.keySet(), engineByKey.keySet(), "touching (queen) pairs differ");

    List<String> ids = units.stream().map(Unit::id).toList();
    ContiguityGraph rook = ContiguityGraph.rook(ids, engine);
    ContiguityGraph queen = ContiguityGraph.queen(ids, engine);
    System.out.printf(
        "%s: %d units, rook %d, queen-only %d, rook islands %d, queen islands %d, rook"
            + " components %d; engine %.2f s, brute force %.2f s, worst relative length"
            + " difference %.2e%n  rook islands: %s%n",
        file,
        units.size(),
        engineRook.size(),
        engine.size() - engineRook.size(),
        rook.islands().size(),
        queen.islands().size(),
        rook.componentCount(ids),
        (t1 - t0) / 1e9,
        (t2 - t1) / 1e9,
        worst,
        rook.islands());
  }

  @Test
  void densifiedJitteredBorderOfSuzhouAndShanghaiStaysRook() {
    List<Unit> units = units("china_prefectures.geojson");
    ContiguityBuilder builder = new ContiguityBuilder();
    List<ContiguityPair> before = builder.build(units);
    ContiguityPair original = byKey(before).get("310000|320500");
    assertNotNull(original, "Shanghai and Suzhou should touch");
    assertTrue(original.isRook());

    Unit shanghai = units.stream().filter(u -> u.id().equals("310000")).findFirst().orElseThrow();
    int suzhouIndex = -1;
    for (int i = 0; i < units.size(); i++) {
      if (units.get(i).id().equals("320500")) {
        suzhouIndex = i;
      }
    }
    Set<String> shanghaiSegments = segmentKeys(shanghai.geometry());
    Random random = new Random(42);
    int[] inserted = new int[1];
    Geometry jittered =
        densifySharedSegments(
            units.get(suzhouIndex).geometry(), shanghaiSegments, random, inserted);
    List<Unit> modified = new ArrayList<>(units);
    modified.set(suzhouIndex, new Unit("320500", jittered));

    long t0 = System.nanoTime();
    List<ContiguityPair> after = builder.build(modified);
    long t1 = System.nanoTime();
    ContiguityPair moved = byKey(after).get("310000|320500");
    assertNotNull(moved, "pair lost after jitter");
    assertEquals(ContiguityRelation.ROOK, moved.relation());
    assertEquals(
        original.sharedBorderKm(), moved.sharedBorderKm(), 1e-3 * original.sharedBorderKm());
    assertEquals(rookKeys(before), rookKeys(after), "other rook pairs changed");
    assertTrue(inserted[0] > 100, "too few vertices inserted: " + inserted[0]);
    System.out.printf(
        "Suzhou-Shanghai: %d jittered vertices inserted; shared border %.4f km before, %.4f km"
            + " after (%.2e relative); rebuild %.2f s%n",
        inserted[0],
        original.sharedBorderKm(),
        moved.sharedBorderKm(),
        (moved.sharedBorderKm() - original.sharedBorderKm()) / original.sharedBorderKm(),
        (t1 - t0) / 1e9);
  }

  /**
   * Inserts three vertices into every segment of {@code g} that {@code shared} contains, each
   * jittered by up to ±0.4 tolerance in x and y (at most 0.57 tolerance away from the line).
   */
  private static Geometry densifySharedSegments(
      Geometry g, Set<String> shared, Random random, int[] inserted) {
    GeometryFactory f = g.getFactory();
    double tol = ContiguityBuilder.DEFAULT_TOLERANCE_DEG;
    Polygon[] parts = new Polygon[g.getNumGeometries()];
    for (int i = 0; i < parts.length; i++) {
      Polygon p = (Polygon) g.getGeometryN(i);
      LinearRing[] rings = new LinearRing[p.getNumInteriorRing() + 1];
      for (int r = 0; r < rings.length; r++) {
        Coordinate[] cs =
            (r == 0 ? p.getExteriorRing() : p.getInteriorRingN(r - 1)).getCoordinates();
        List<Coordinate> out = new ArrayList<>();
        for (int k = 0; k + 1 < cs.length; k++) {
          out.add(cs[k]);
          if (shared.contains(segmentKey(cs[k], cs[k + 1]))) {
            for (int m = 1; m <= 3; m++) {
              double t = m / 4.0;
              out.add(
                  new Coordinate(
                      cs[k].x
                          + t * (cs[k + 1].x - cs[k].x)
                          + (random.nextDouble() - 0.5) * 0.8 * tol,
                      cs[k].y
                          + t * (cs[k + 1].y - cs[k].y)
                          + (random.nextDouble() - 0.5) * 0.8 * tol));
              inserted[0]++;
            }
          }
        }
        out.add(cs[cs.length - 1]);
        rings[r] = f.createLinearRing(out.toArray(Coordinate[]::new));
      }
      parts[i] = f.createPolygon(rings[0], java.util.Arrays.copyOfRange(rings, 1, rings.length));
    }
    return parts.length == 1 ? parts[0] : f.createMultiPolygon(parts);
  }

  private static Set<String> segmentKeys(Geometry g) {
    Set<String> keys = new java.util.HashSet<>();
    for (int i = 0; i < g.getNumGeometries(); i++) {
      Polygon p = (Polygon) g.getGeometryN(i);
      for (int r = 0; r <= p.getNumInteriorRing(); r++) {
        Coordinate[] cs =
            (r == 0 ? p.getExteriorRing() : p.getInteriorRingN(r - 1)).getCoordinates();
        for (int k = 0; k + 1 < cs.length; k++) {
          keys.add(segmentKey(cs[k], cs[k + 1]));
        }
      }
    }
    return keys;
  }

  private static String segmentKey(Coordinate a, Coordinate b) {
    String s = a.x + " " + a.y;
    String t = b.x + " " + b.y;
    return s.compareTo(t) < 0 ? s + "|" + t : t + "|" + s;
  }

  private static Map<String, ContiguityPair> byKey(List<ContiguityPair> pairs) {
    Map<String, ContiguityPair> map = new HashMap<>();
    for (ContiguityPair p : pairs) {
      map.put(p.idA() + "|" + p.idB(), p);
    }
    return map;
  }

  private static Set<String> rookKeys(List<ContiguityPair> pairs) {
    Set<String> keys = new TreeSet<>();
    for (ContiguityPair p : pairs) {
      if (p.isRook()) {
        keys.add(p.idA() + "|" + p.idB());
      }
    }
    return keys;
  }
}
