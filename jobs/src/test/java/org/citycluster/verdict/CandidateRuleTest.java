package org.citycluster.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CandidateRuleTest {

  @Test
  void quartilesFenceAndRules() {
    // type-7 quartiles of (-1, 0, 1, 2, 10): Q1 = 0, median = 1, Q3 = 2
    CandidateRule.MemberDistribution d =
        CandidateRule.distribution(
            new double[] {2, -1, Double.NaN, 10, 0, 1},
            new double[] {0.5, 0.1, 0.3, Double.NaN, 0.7, 0.9});
    assertEquals(5, d.members());
    assertEquals(0.0, d.q1(), 1e-15);
    assertEquals(1.0, d.median(), 1e-15);
    assertEquals(2.0, d.q3(), 1e-15);
    assertEquals(-3.0, d.lowerFence(1.5), 1e-15);
    assertTrue(CandidateRule.isWeakMember(-3.5, d, 1.5));
    assertFalse(CandidateRule.isWeakMember(-3.0, d, 1.5));
    // shares (0.1, 0.3, 0.5, 0.7, 0.9): Q1 = 0.3
    assertEquals(0.3, d.shareQ1(), 1e-15);
    assertTrue(CandidateRule.isOutsiderCandidate(1.2, 0.3, 0.01, d, 0.05));
    assertFalse(CandidateRule.isOutsiderCandidate(1.2, 0.3, 0.2, d, 0.05));
    assertFalse(CandidateRule.isOutsiderCandidate(1.0, 0.9, 0.001, d, 0.05));
    // a hub: linked above the median, but most of its linkage goes elsewhere
    assertFalse(CandidateRule.isOutsiderCandidate(5.0, 0.05, 0.001, d, 0.05));
    assertFalse(CandidateRule.worthTesting(5.0, 0.05, d));
    assertFalse(CandidateRule.worthTesting(Double.NaN, 0.5, d));
    CandidateRule.MemberDistribution noShares =
        CandidateRule.distribution(new double[] {0, 1, 2}, new double[] {Double.NaN});
    assertTrue(Double.isNaN(noShares.shareQ1()));
    assertTrue(CandidateRule.worthTesting(1.5, Double.NaN, noShares));
    assertNull(CandidateRule.distribution(new double[] {Double.NaN}, new double[0]));
  }
}
