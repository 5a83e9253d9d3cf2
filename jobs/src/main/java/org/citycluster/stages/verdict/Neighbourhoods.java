package org.citycluster.stages.verdict;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.citycluster.config.VerdictOptions;
import org.citycluster.spark.PlanCut;

/**
 * The region each cluster's null sets are grown in, as a Dataset of {@code (cluster_id, adcode)}:
 * every unit ({@code national}), or ({@code provinces}) the units of the provinces the members
 * belong to, plus the members, widened by whole rook rings (the growth graph's neighbours of the
 * region) until it holds at least {@code nullRegionMinFactor × |C|} units or {@code
 * nullRegionMaxRings} rings were added. Eastern China has more trains than a national gravity fit
 * predicts: a national null would pass that regional density off as integration.
 *
 * <p>Each widening is one join; the driver receives only the per-cluster unit counts.
 */
final class Neighbourhoods {

  /** The regions and, per cluster, {units, rings added}. */
  record Plan(Dataset<Row> regions, Map<String, int[]> sizes) {}

  private Neighbourhoods() {}

  /**
   * @param units {@code adcode}, {@code province_adcode}
   * @param members {@code cluster_id}, {@code adcode} (units of {@code units} only, distinct)
   * @param edges the growth graph, both orientations: {@code adcode_a}, {@code adcode_b}
   */
  static Plan plan(
      Dataset<Row> units, Dataset<Row> members, Dataset<Row> edges, VerdictOptions options) {
    Map<String, Long> memberCounts = counts(members);
    Dataset<Row> region;
    if (options.nullRegion().equals(VerdictOptions.NATIONAL)) {
      region = members.select("cluster_id").distinct().crossJoin(units.select("adcode")).distinct();
    } else {
      Dataset<Row> provinces =
          members
              .join(units.select("adcode", "province_adcode"), "adcode")
              .where(col("province_adcode").isNotNull())
              .select("cluster_id", "province_adcode")
              .distinct();
      region =
          provinces
              .join(units.select("adcode", "province_adcode"), "province_adcode")
              .select("cluster_id", "adcode")
              .unionByName(members.select("cluster_id", "adcode"))
              .distinct();
    }
    region = PlanCut.of(region);
    Map<String, Long> sizes = counts(region);
    Map<String, Integer> rings = new HashMap<>();
    for (int ring = 1; ring <= options.nullRegionMaxRings(); ring++) {
      List<String> small = new ArrayList<>();
      for (var e : memberCounts.entrySet()) {
        long target = (long) Math.ceil(options.nullRegionMinFactor() * e.getValue());
        if (sizes.getOrDefault(e.getKey(), 0L) < target) {
          small.add(e.getKey());
        }
      }
      if (small.isEmpty()) {
        break;
      }
      Dataset<Row> grow = region.where(col("cluster_id").isin(small.toArray()));
      Dataset<Row> ringUnits =
          grow.join(edges.select(col("adcode_a").as("adcode"), col("adcode_b")), "adcode")
              .select(col("cluster_id"), col("adcode_b").as("adcode"));
      // checkpointed: each widening refers to the region twice, so an uncut plan doubles per ring
      Dataset<Row> widened = PlanCut.of(region.unionByName(ringUnits).distinct());
      Map<String, Long> after = counts(widened);
      region = widened;
      boolean grew = false;
      for (String c : small) {
        if (after.getOrDefault(c, 0L) > sizes.getOrDefault(c, 0L)) {
          rings.merge(c, 1, Integer::sum);
          grew = true;
        }
      }
      sizes = after;
      if (!grew) {
        break; // the small regions fill their connected components
      }
    }
    Map<String, int[]> out = new TreeMap<>();
    for (String c : memberCounts.keySet()) {
      out.put(c, new int[] {sizes.getOrDefault(c, 0L).intValue(), rings.getOrDefault(c, 0)});
    }
    return new Plan(region.withColumn("in_region", lit(true)), out);
  }

  /** Rows per cluster (at most one entry per cluster reaches the driver). */
  private static Map<String, Long> counts(Dataset<Row> byCluster) {
    Map<String, Long> m = new TreeMap<>();
    for (Row r : byCluster.groupBy("cluster_id").count().collectAsList()) {
      m.put(r.getString(0), r.getLong(1));
    }
    return m;
  }
}
