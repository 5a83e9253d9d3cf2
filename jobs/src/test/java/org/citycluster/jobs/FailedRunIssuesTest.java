package org.citycluster.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.citycluster.dq.DqIssue;
import org.citycluster.spark.ReferenceFrames;
import org.citycluster.spark.SparkTestBase;
import org.junit.jupiter.api.Test;

/** The console lines of the problems of a run a quality gate stopped. */
class FailedRunIssuesTest extends SparkTestBase {

  @Test
  void whatTheGatesCountComesFirstThenTheLargestGroups() {
    List<DqIssue> issues = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      issues.add(new DqIssue("rail.csv", "station " + i, "coord", "imputed", "excluded", null));
    }
    for (int i = 0; i < 3; i++) {
      issues.add(new DqIssue("stats.csv", "adcode " + i, "gdp", "no value", "excluded", "x"));
    }
    issues.add(
        new DqIssue("timetable.csv", "s1", "station_name", "not a station", "unmatched", "s1"));
    issues.add(
        new DqIssue("timetable.csv", "s2", "station_name", "not a station", "unmatched", "s2"));
    issues.add(
        new DqIssue(
            "plan.csv", "cluster c member 1 (line 9)", "adcode", "no unit", "unmatched", "1"));
    List<String> lines =
        FailedRunIssues.topProblems(ReferenceFrames.issues(spark, issues), 3, List.of("plan.csv"));
    assertEquals(
        List.of(
            "1 × plan.csv, adcode: no unit [unmatched]: cluster c member 1 (line 9) = 1",
            "2 × timetable.csv, station_name: not a station [unmatched]: s1 = s1; s2 = s2",
            "12 × rail.csv, coord: imputed [excluded]: station 0; station 1; station 10; …"),
        lines);
  }

  @Test
  void problemsThatNameEachRecordsFiguresGroupByTheirKind() {
    // a (lat, lon) layer: every feature's problem names its own extent after the ':'
    List<DqIssue> issues = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      issues.add(
          new DqIssue(
              "layer.geojson",
              "feature " + i,
              "geometry",
              "coordinates look like (lat, lon) instead of (lon, lat): extent Env[" + i + "]",
              "quarantined",
              null));
    }
    issues.add(
        new DqIssue("plan.csv", "m1", "adcode", "member A matches no unit", "unmatched", "1"));
    issues.add(
        new DqIssue("plan.csv", "m2", "adcode", "member A matches no unit", "unmatched", "1"));
    List<String> lines =
        FailedRunIssues.topProblems(
            ReferenceFrames.issues(spark, issues), 2, List.of("plan.csv", "layer.geojson"));
    assertEquals(
        List.of(
            "4 × layer.geojson, geometry: coordinates look like (lat, lon) instead of (lon, lat)"
                + " [quarantined]: feature 0; feature 1; feature 2; …",
            "2 × plan.csv, adcode: member A matches no unit [unmatched]: m1 = 1; m2 = 1"),
        lines);
  }

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
  void aLongRecordIsCut() {
    String line = FailedRunIssues.line(1, "s", "f", "p", "excluded", List.of("x".repeat(200)));
    assertEquals("1 × s, f: p [excluded]: " + "x".repeat(79) + "…", line);
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
