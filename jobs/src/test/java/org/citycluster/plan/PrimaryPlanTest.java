package org.citycluster.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrimaryPlanTest {

  @Test
  void coreFirstThenEarliestPlanThenClusterId() {
    Map<String, String> a =
        PrimaryPlan.assign(
            List.of(
                // 邯郸 in jjj (2015) and zy (2016): the earlier plan
                new PrimaryPlan.Membership("zy", "130400", false, 2016),
                new PrimaryPlan.Membership("jjj", "130400", false, 2015),
                // a core of the later plan wins over a membership of the earlier one
                new PrimaryPlan.Membership("jjj", "410100", false, 2015),
                new PrimaryPlan.Membership("zy", "410100", true, 2016),
                // same year: the smaller id; unknown year last
                new PrimaryPlan.Membership("myr", "361100", false, 2015),
                new PrimaryPlan.Membership("hxxa", "361100", false, 2015),
                new PrimaryPlan.Membership("lzn", "211200", false, null),
                new PrimaryPlan.Membership("hc", "211200", false, 2016)));
    assertEquals("jjj", a.get("130400"));
    assertEquals("zy", a.get("410100"));
    assertEquals("hxxa", a.get("361100"));
    assertEquals("hc", a.get("211200"));
    assertEquals(4, a.size());
  }
}
