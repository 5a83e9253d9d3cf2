package org.citycluster.stages.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.synthetic.SyntheticDataset;
import org.citycluster.synthetic.SyntheticOptions;
import org.citycluster.synthetic.SyntheticTiling;
import org.citycluster.testing.SyntheticRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibration of the verdict on synthetic data (issue #14): a 50 × 50 tiling with a station in
 * every cell and 1,250 random local trains; 60 disjoint random connected clusters of 9 to 16 cells
 * (a third of the units); the first 30 get the documented effect size of planted linkage, 0.5 extra
 * trains per member station (each calling at 6 random members: about 6 extra trains for a cluster
 * of 12), the other 30 none. With the default rule (α = 0.05), planted clusters must be called
 * {@code functionally_linked} in at least 90 % of cases and the others in at most 5 % plus two
 * binomial standard errors of 30 draws (13 %, i.e. at most 3 of 30).
 */
class VerdictCalibrationTest extends SparkTestBase {

  static final double EFFECT_TRAINS_PER_MEMBER_STATION = 0.5;

  @Test
  void plantedClustersAreCalledLinkedAndRandomOnesAreNot(@TempDir Path dir) throws Exception {
    SyntheticOptions options =
        SyntheticOptions.defaults()
            .withStationEvery(1)
            .withClusters(new SyntheticOptions.ClusterLayout.Random(60, 9, 16))
            .withPlanted(30, EFFECT_TRAINS_PER_MEMBER_STATION);
    SyntheticDataset data = new SyntheticDataset(new SyntheticTiling(2500, 11, false), 11, options);
    Path warehouse = SyntheticRuns.run(spark, data, dir, Map.of("verdict.null_samples", "199"));

    Set<String> planted = new HashSet<>();
    for (String line : Files.readAllLines(dir.resolve("data/stats/synthetic_truth.csv"))) {
      String[] f = line.split(",", -1);
      if (f.length >= 3 && f[2].equals("true")) {
        planted.add(f[1]);
      }
    }
    assertEquals(30, planted.size());
    List<Row> verdicts =
        SyntheticRuns.table(spark, warehouse, "cluster_verdicts")
            .where("is_verdict_linkage")
            .select("cluster_id", "verdict", "p", "null_samples")
            .collectAsList();
    assertEquals(60, verdicts.size());
    int plantedLinked = 0;
    int otherLinked = 0;
    for (Row r : verdicts) {
      assertEquals(199, r.getInt(3), "every null sample has pairs that count: " + r);
      boolean linked = r.getString(1).equals("functionally_linked");
      if (planted.contains(r.getString(0))) {
        plantedLinked += linked ? 1 : 0;
      } else {
        otherLinked += linked ? 1 : 0;
      }
    }
    double power = plantedLinked / 30.0;
    double falsePositives = otherLinked / 30.0;
    double allowance = 0.05 + 2 * Math.sqrt(0.05 * 0.95 / 30);
    System.out.printf(
        "verdict calibration: planted clusters called linked %d/30 (%.3f), unplanted %d/30 (%.3f,"
            + " allowed %.3f)%n",
        plantedLinked, power, otherLinked, falsePositives, allowance);
    assertTrue(power >= 0.9, "planted clusters called linked: " + plantedLinked + "/30");
    assertTrue(
        falsePositives <= allowance, "unplanted clusters called linked: " + otherLinked + "/30");
  }
}
