package org.citycluster.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.citycluster.diagnostics.MismatchLabeler.Label;
import org.junit.jupiter.api.Test;

/** {@link MismatchLabeler} and {@link BoundaryCandidateFinder} on hand-made values. */
class DiagnosticsLabelsAndCandidatesTest {

  @Test
  void quantilesInterpolateLinearly() {
    double[] v = {0.8, 0, 0.6, 0.05, 0.5, 0};
    assertEquals(0.275, MismatchLabeler.quantile(v, 0.5), 1e-12);
    assertEquals(0.575, MismatchLabeler.quantile(v, 0.75), 1e-12);
    assertEquals(0.8, MismatchLabeler.quantile(v, 1.0), 0);
    assertEquals(0.0, MismatchLabeler.quantile(v, 0.0), 0);
    assertEquals(7.0, MismatchLabeler.quantile(new double[] {7}, 0.75), 0);
    assertThrows(IllegalArgumentException.class, () -> MismatchLabeler.quantile(new double[0], .5));
    assertThrows(
        IllegalArgumentException.class, () -> MismatchLabeler.thresholds(new double[] {1}, 1.0));
  }

  @Test
  void labels() {
    MismatchLabeler.Thresholds t =
        MismatchLabeler.thresholds(new double[] {0.8, 0, 0.6, 0.05, 0.5, 0}, 0.75);
    assertEquals(Label.ADJACENT_LINKED, MismatchLabeler.label(true, 0.8, t));
    assertEquals(Label.ADJACENT_LINKED, MismatchLabeler.label(true, 0.5, t)); // between
    assertEquals(Label.ADJACENT_WEAK, MismatchLabeler.label(true, 0.05, t));
    assertEquals(Label.ADJACENT_WEAK, MismatchLabeler.label(true, 0, t));
    assertEquals(Label.NONADJACENT_STRONG, MismatchLabeler.label(false, 0.6, t));
    assertEquals(Label.NEITHER, MismatchLabeler.label(false, 0.5, t));
    assertEquals(Label.NEITHER, MismatchLabeler.label(false, 0, t));
    assertEquals("nonadjacent_strong", Label.NONADJACENT_STRONG.code());
    // all zero: zero is weak, never strong
    MismatchLabeler.Thresholds z = MismatchLabeler.thresholds(new double[] {0, 0, 0}, 0.75);
    assertEquals(Label.ADJACENT_WEAK, MismatchLabeler.label(true, 0, z));
    assertEquals(Label.NEITHER, MismatchLabeler.label(false, 0, z));
  }

  @Test
  void outsidersAboveTheMedianMemberAndWeakMembersBelowTheFraction() {
    // members K1..K4: L = (1.45, 1.3, 1.1, 0.05), median M = 1.2
    List<String> members = List.of("130001", "130002", "130003", "130004");
    double[][] w = new double[4][4];
    double[][] values = {{0, 1, .8}, {0, 2, .6}, {1, 2, .5}, {0, 3, .05}};
    for (double[] v : values) {
      w[(int) v[0]][(int) v[1]] = w[(int) v[1]][(int) v[0]] = v[2];
    }
    boolean[][] rook = new boolean[4][4];
    rook[0][1] = rook[1][0] = rook[1][2] = rook[2][1] = rook[2][3] = rook[3][2] = true;
    List<BoundaryCandidateFinder.Outsider> outsiders =
        List.of(
            new BoundaryCandidateFinder.Outsider("130006", 0.3, 1, 0, 2),
            new BoundaryCandidateFinder.Outsider("130005", 1.3, 2, 1, 1),
            new BoundaryCandidateFinder.Outsider("130007", 1.2, 2, 0, 3)); // = M: not above
    List<BoundaryCandidateFinder.Candidate> c =
        BoundaryCandidateFinder.find(members, w, rook, outsiders, 0.5);
    assertEquals(2, c.size(), c.toString());
    BoundaryCandidateFinder.Candidate out = c.get(0);
    assertEquals("130005", out.adcode());
    assertEquals(BoundaryCandidateFinder.OUTSIDER, out.type());
    assertEquals(1.3, out.linkage(), 1e-12);
    assertEquals(1.2, out.medianMemberLinkage(), 1e-12);
    assertEquals(1.3 / 1.2, out.ratioToMedian(), 1e-12);
    assertEquals(1, out.rank());
    assertEquals(1, out.minContiguityOrder());
    BoundaryCandidateFinder.Candidate weak = c.get(1);
    assertEquals("130004", weak.adcode());
    assertEquals(BoundaryCandidateFinder.WEAK_MEMBER, weak.type());
    assertEquals(0.05, weak.linkage(), 1e-12);
    assertEquals(1, weak.linkedMembers());
    assertEquals(1, weak.rookNeighbours());
    assertNull(weak.minContiguityOrder());
    // a stricter fraction keeps K4 (0.05 < 0.01 · 1.2 is false → none)
    assertTrue(
        BoundaryCandidateFinder.find(members, w, rook, List.of(), 0.01).isEmpty(),
        "0.05 is not below 0.012");
  }

  @Test
  void noLinkageAtAllGivesNoWeakMembersAndNullRatios() {
    List<String> members = List.of("1", "2", "3");
    double[][] w = new double[3][3];
    List<BoundaryCandidateFinder.Candidate> c =
        BoundaryCandidateFinder.find(
            members,
            w,
            new boolean[3][3],
            List.of(new BoundaryCandidateFinder.Outsider("9", 0.5, 1, 0, null)),
            0.5);
    assertEquals(1, c.size());
    assertNull(c.get(0).ratioToMedian());
    assertTrue(
        BoundaryCandidateFinder.find(
                List.of("1"), new double[1][1], new boolean[1][1], List.of(), 1)
            .isEmpty());
  }
}
