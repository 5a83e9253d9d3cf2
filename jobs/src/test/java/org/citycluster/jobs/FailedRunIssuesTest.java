package org.citycluster.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The console line of one problem of a run a quality gate stopped. */
class FailedRunIssuesTest {

  @Test
  void namesCountSourceFieldProblemActionAndTheFirstRecords() {
    assertEquals(
        "1 × stats/clusters.csv, adcode: plan member X matches no unit [unmatched]: cluster tst"
            + " member 329999 (line 3) = 329999",
        FailedRunIssues.line(
            1,
            "stats/clusters.csv",
            "adcode",
            "plan member X matches no unit",
            "unmatched",
            List.of("cluster tst member 329999 (line 3) = 329999")));
  }

  @Test
  void moreRecordsThanExamplesEndInAnEllipsisAndAWholeRecordHasNoField() {
    assertEquals(
        "7 × boundaries/a.geojson: empty geometry [quarantined]: feature 1; feature 2; …",
        FailedRunIssues.line(
            7,
            "boundaries/a.geojson",
            null,
            "empty geometry",
            "quarantined",
            List.of("feature 1", "feature 2")));
  }
}
