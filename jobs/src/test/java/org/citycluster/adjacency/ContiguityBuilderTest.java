package org.citycluster.adjacency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.citycluster.geo.GeodesicMeasures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ContiguityBuilderTest {

  static final String A = "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))";
  static final String B = "POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))";

  /** Meridian arc of one degree from the equator: the A–B border. */
  static final double ONE_DEGREE_MERIDIAN_KM = GeodesicMeasures.distanceKm(1, 0, 1, 1);

  /** Both implementations must agree on cases whose borders are exact. */
  static Stream<Function<List<Unit>, List<ContiguityPair>>> engines() {
    return Stream.of(new ContiguityBuilder()::build, new BruteForceContiguity()::build);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void squaresSharingAnEdgeAreRookWithTheMeridianLength(
      Function<List<Unit>, List<ContiguityPair>> engine) {
    List<ContiguityPair> pairs = engine.apply(Wkt.units("b", B, "a", A));
    assertEquals(1, pairs.size());
    ContiguityPair p = pairs.get(0);
    assertEquals("a", p.idA());
    assertEquals("b", p.idB());
    assertEquals(ContiguityRelation.ROOK, p.relation());
    assertEquals(110.574389, p.sharedBorderKm(), 1e-5);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void cornerTouchIsQueenAndGapIsNothing(Function<List<Unit>, List<ContiguityPair>> engine) {
    List<ContiguityPair> pairs =
        engine.apply(
            Wkt.units(
                "a", A,
                "corner", "POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1))",
                "far", "POLYGON ((1.01 -1, 2 -1, 2 -0.5, 1.01 -0.5, 1.01 -1))"));
    assertEquals(List.of(new ContiguityPair("a", "corner", ContiguityRelation.QUEEN, 0)), pairs);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void twoByTwoGridHasFourRookAndTwoQueenPairs(Function<List<Unit>, List<ContiguityPair>> engine) {
    List<ContiguityPair> pairs =
        engine.apply(
            Wkt.units(
                "sw",
                A,
                "se",
                B,
                "nw",
                "POLYGON ((0 1, 1 1, 1 2, 0 2, 0 1))",
                "ne",
                "POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1))"));
    assertEquals(6, pairs.size());
    assertEquals(4, pairs.stream().filter(ContiguityPair::isRook).count());
    assertTrue(
        pairs.contains(new ContiguityPair("ne", "sw", ContiguityRelation.QUEEN, 0)), "" + pairs);
    assertTrue(pairs.contains(new ContiguityPair("nw", "se", ContiguityRelation.QUEEN, 0)));
  }

  @Test
  void differentVertexSetsOnATiltedBorderAreStillRook() {
    // the border runs from (1 0) to (1.3 1); B carries 9 extra vertices on it, A does not
    StringBuilder b = new StringBuilder("POLYGON ((1 0, 2 0, 2 1, 1.3 1");
    for (int k = 1; k <= 9; k++) {
      double f = 1 - k / 10.0;
      b.append(", ").append(1 + 0.3 * f).append(' ').append(f);
    }
    b.append(", 1 0))");
    List<ContiguityPair> pairs =
        new ContiguityBuilder()
            .build(Wkt.units("a", "POLYGON ((0 0, 1 0, 1.3 1, 0 1, 0 0))", "b", b.toString()));
    assertEquals(1, pairs.size());
    assertEquals(ContiguityRelation.ROOK, pairs.get(0).relation());
    assertEquals(GeodesicMeasures.distanceKm(1, 0, 1.3, 1), pairs.get(0).sharedBorderKm(), 1e-3);
  }

  @Test
  void partialBorderWithoutAnySharedVertexIsRook() {
    List<ContiguityPair> pairs =
        new ContiguityBuilder()
            .build(Wkt.units("a", A, "b", "POLYGON ((1 0.2, 2 0.2, 2 0.8, 1 0.8, 1 0.2))"));
    assertEquals(1, pairs.size());
    assertEquals(ContiguityRelation.ROOK, pairs.get(0).relation());
    assertEquals(GeodesicMeasures.distanceKm(1, 0.2, 1, 0.8), pairs.get(0).sharedBorderKm(), 1e-4);
  }

  @Test
  void subToleranceOffsetIsRookButAGapOfThreeTolerancesIsNot() {
    String near = "POLYGON ((1.0000004 0, 2 0, 2 1, 1.0000004 1, 1.0000004 0))";
    List<ContiguityPair> pairs = new ContiguityBuilder().build(Wkt.units("a", A, "b", near));
    assertEquals(1, pairs.size());
    assertEquals(ContiguityRelation.ROOK, pairs.get(0).relation());
    assertEquals(ONE_DEGREE_MERIDIAN_KM, pairs.get(0).sharedBorderKm(), 1e-3);

    String gap = "POLYGON ((1.000003 0, 2 0, 2 1, 1.000003 1, 1.000003 0))";
    assertEquals(List.of(), new ContiguityBuilder().build(Wkt.units("a", A, "b", gap)));
    // with a coarser tolerance the same gap closes
    assertEquals(1, new ContiguityBuilder(1e-5).build(Wkt.units("a", A, "b", gap)).size());
  }

  @Test
  void vertexOnTheInteriorOfAnEdgeIsQueen() {
    // the triangle's apex (1 0.5) lies inside A's edge x = 1, where A has no vertex
    List<ContiguityPair> pairs =
        new ContiguityBuilder().build(Wkt.units("a", A, "t", "POLYGON ((1 0.5, 2 0, 2 1, 1 0.5))"));
    assertEquals(List.of(new ContiguityPair("a", "t", ContiguityRelation.QUEEN, 0)), pairs);
  }

  @Test
  void jitteredExtraVerticesOnOneSideKeepTheLength() {
    Random random = new Random(20240601L);
    double tol = ContiguityBuilder.DEFAULT_TOLERANCE_DEG;
    StringBuilder b = new StringBuilder("POLYGON ((1 0, 2 0, 2 1, 1 1");
    for (int k = 199; k >= 1; k--) {
      double x = 1 + (random.nextDouble() - 0.5) * 0.8 * tol;
      double y = k / 200.0 + (random.nextDouble() - 0.5) * 0.8 * tol;
      b.append(", ").append(x).append(' ').append(y);
    }
    b.append(", 1 0))");
    List<ContiguityPair> pairs =
        new ContiguityBuilder().build(Wkt.units("a", A, "b", b.toString()));
    assertEquals(1, pairs.size());
    assertEquals(ContiguityRelation.ROOK, pairs.get(0).relation());
    assertEquals(ONE_DEGREE_MERIDIAN_KM, pairs.get(0).sharedBorderKm(), 1e-3 * 110);
  }

  @Test
  void badInputIsRejected() {
    ContiguityBuilder builder = new ContiguityBuilder();
    assertThrows(IllegalArgumentException.class, () -> builder.build(Wkt.units("a", A, "a", B)));
    assertThrows(
        IllegalArgumentException.class,
        () -> builder.build(Wkt.units("a", A, "l", "LINESTRING (0 0, 1 1)")));
    assertThrows(IllegalArgumentException.class, () -> new ContiguityBuilder(0));
    assertThrows(IllegalArgumentException.class, () -> new ContiguityBuilder(Double.NaN));
    assertEquals(List.of(), builder.build(Wkt.units("a", A, "e", "POLYGON EMPTY")));
  }
}
