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
        CandidateRule.distribution(new double[] {2, -1, Double.NaN, 10, 0, 1});
    assertEquals(5, d.members());
    assertEquals(0.0, d.q1(), 1e-15);
    assertEquals(1.0, d.median(), 1e-15);
    assertEquals(2.0, d.q3(), 1e-15);
    assertEquals(-3.0, d.lowerFence(1.5), 1e-15);
    assertTrue(CandidateRule.isWeakMember(-3.5, d, 1.5));
    assertFalse(CandidateRule.isWeakMember(-3.0, d, 1.5));
    assertTrue(CandidateRule.isOutsiderCandidate(1.2, 0.01, d, 0.05));
    assertFalse(CandidateRule.isOutsiderCandidate(1.2, 0.2, d, 0.05));
    assertFalse(CandidateRule.isOutsiderCandidate(1.0, 0.001, d, 0.05));
    assertFalse(CandidateRule.aboveMedian(Double.NaN, d));
    assertNull(CandidateRule.distribution(new double[] {Double.NaN}));
  }
}
