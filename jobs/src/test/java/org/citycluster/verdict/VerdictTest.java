package org.citycluster.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VerdictTest {

  @Test
  void rule() {
    assertEquals(Verdict.FUNCTIONALLY_LINKED, Verdict.decide(0.05, 0.05, 3));
    assertEquals(Verdict.FUNCTIONALLY_LINKED, Verdict.decide(0.001, 0.05, 1));
    assertEquals(Verdict.ADJACENT_ONLY, Verdict.decide(0.051, 0.05, 1));
    assertEquals(Verdict.NEITHER, Verdict.decide(0.5, 0.05, 2));
    assertEquals(Verdict.NEITHER, Verdict.decide(0.5, 0.05, 0));
    assertEquals(Verdict.ADJACENT_ONLY, Verdict.decide(Double.NaN, 0.05, 1));
    assertEquals("functionally_linked", Verdict.FUNCTIONALLY_LINKED.code());
    assertThrows(IllegalArgumentException.class, () -> Verdict.decide(0.1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> Verdict.decide(0.1, 0.05, -1));
  }
}
