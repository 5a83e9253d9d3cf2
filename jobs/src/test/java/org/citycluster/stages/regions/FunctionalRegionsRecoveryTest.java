package org.citycluster.stages.regions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.synthetic.SyntheticDataset;
import org.citycluster.synthetic.SyntheticOptions;
import org.citycluster.synthetic.SyntheticTiling;
import org.citycluster.testing.SyntheticRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A planted partition recovered exactly (issue #14): a 20 × 20 tiling whose 1,200 trains (3 per
 * station, one in every cell) run only inside 16 square regions of 5 × 5 cells. Leiden must return
 * exactly those 16 regions in both variants, and the generator's 16 plan clusters of 5 × 5 blocks
 * (the same blocks) must match their regions with Jaccard 1, adjusted Rand index 1 and normalised
 * mutual information 1.
 */
class FunctionalRegionsRecoveryTest extends SparkTestBase {

  @Test
  void plantedRegionsAreRecoveredExactly(@TempDir Path dir) throws Exception {
    SyntheticOptions options =
        SyntheticOptions.defaults().withStationEvery(1).withRegionSide(5).withTrainsPerStation(3);
    SyntheticDataset data = new SyntheticDataset(new SyntheticTiling(400, 5, false), 5, options);
    Path warehouse = SyntheticRuns.run(spark, data, dir, Map.of("verdict.null_samples", "99"));

    Map<String, String> truth = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve("data/stats/synthetic_truth.csv"))) {
      String[] f = line.split(",", -1);
      if (!f[0].equals("adcode")) {
        truth.put(f[0], f[3]);
      }
    }
    assertEquals(16, new TreeSet<>(truth.values()).size());
    Dataset<Row> regions = SyntheticRuns.table(spark, warehouse, "functional_regions");
    for (String variant : List.of("unconstrained", "contiguous")) {
      Map<String, String> regionOf = new HashMap<>();
      for (Row r :
          regions
              .where("variant = '" + variant + "'")
              .select("adcode", "region_id")
              .collectAsList()) {
        regionOf.put(r.getString(0), r.getString(1));
      }
      assertEquals(truth.keySet(), new TreeSet<>(regionOf.keySet()));
      // the same grouping: each found region is exactly one planted region and vice versa
      Map<String, String> foundToTruth = new HashMap<>();
      Map<String, String> truthToFound = new HashMap<>();
      for (var e : truth.entrySet()) {
        String found = regionOf.get(e.getKey());
        assertEquals(e.getValue(), foundToTruth.computeIfAbsent(found, k -> e.getValue()), variant);
        assertEquals(found, truthToFound.computeIfAbsent(e.getValue(), k -> found), variant);
      }
      assertEquals(16, foundToTruth.size(), variant);
    }
    Dataset<Row> match = SyntheticRuns.table(spark, warehouse, "plan_region_match");
    assertEquals(32, match.where("scope = 'cluster'").count());
    for (Row r : match.where("scope = 'cluster'").select("jaccard").collectAsList()) {
      assertEquals(1.0, r.getDouble(0), 1e-15);
    }
    for (Row r :
        match.where("scope = 'national'").select("ari", "nmi", "n_units").collectAsList()) {
      assertEquals(1.0, r.getDouble(0), 1e-12);
      assertEquals(1.0, r.getDouble(1), 1e-12);
      assertEquals(400, r.getInt(2));
    }
  }
}
