package org.citycluster.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.testing.DriverResultBytes;
import org.junit.jupiter.api.Test;

/**
 * Issue #16: the diagnostics send the driver per-cluster results only. Synthetic input built in
 * Spark: 4 clusters of 150 members (44,700 member pairs, each a {@code city_pairs} row) and 12,000
 * member–outsider pairs. Collecting the member pairs alone would send the driver megabytes in one
 * job; the bound is 256 KB per job, ample for counts and the per-cluster rows (4 clusters). A
 * collect of the member pairs under the same instrument must exceed it (the control).
 */
class DiagnosticsJobDriverBoundTest extends SparkTestBase {

  private static final int CLUSTERS = 4;
  private static final int MEMBERS = 150;
  private static final int OUTSIDERS_PER_MEMBER = 20;
  private static final long BOUND_BYTES = 256 * 1024;

  private static Column adcode(Column id) {
    return concat(lit("u"), lpad(id.cast("string"), 5, "0"));
  }

  @Test
  void noJobSendsTheDriverMoreThanPerClusterResults() {
    int memberUnits = CLUSTERS * MEMBERS;
    Dataset<Row> ids = spark.range(memberUnits + 2000).toDF("i");
    Dataset<Row> cities =
        ids.select(
            adcode(col("i")).as("adcode"),
            concat(lit("unit "), col("i").cast("string")).as("name"),
            expr("1000 + (i * 37) % 5000").cast("long").as("population"));
    Dataset<Row> members =
        ids.where(col("i").lt(memberUnits))
            .select(
                concat(lit("c"), expr("cast(i div " + MEMBERS + " as string)")).as("cluster_id"),
                adcode(col("i")).as("adcode"),
                expr("CASE WHEN i % " + MEMBERS + " = 0 THEN 'core' ELSE 'member' END").as("role"));
    Dataset<Row> m = ids.where(col("i").lt(memberUnits));
    Dataset<Row> memberPairs =
        m.as("x")
            .join(m.as("y"), expr("x.i < y.i AND x.i div " + MEMBERS + " = y.i div " + MEMBERS))
            .select(col("x.i").as("i"), col("y.i").as("j"));
    Dataset<Row> outsidePairs =
        m.crossJoin(spark.range(OUTSIDERS_PER_MEMBER).toDF("k"))
            .select(col("i"), expr(memberUnits + " + (i * 7 + k * 97) % 2000").as("j"))
            .distinct();
    Dataset<Row> cityPairs =
        memberPairs
            .unionByName(outsidePairs)
            .select(
                adcode(col("i")).as("adcode_a"),
                adcode(col("j")).as("adcode_b"),
                expr("CASE WHEN j = i + 1 THEN 'rook' ELSE 'none' END").as("relation"),
                expr("CAST(abs(j - i) AS DOUBLE)").as("centroid_distance_km"),
                expr("CAST(least(abs(j - i), 5) AS INT)").as("contiguity_order"),
                expr("CAST((i * j) % 7 AS INT)").as("trains_all"),
                expr("CAST((i * j) % 3 AS INT)").as("trains_hsr"),
                expr("CAST((i + j) % 2 AS INT)").as("air_routes"),
                expr("CAST((i + j) % 2 AS INT)").as("air_airlines"),
                expr("CAST(((i * 31 + j) % 101) / 101.0 AS DOUBLE)").as("gravity"),
                expr("CAST(((i * j) % 7) / 7.0 AS DOUBLE)").as("linkage_index"));
    long expectedMemberPairs = (long) CLUSTERS * MEMBERS * (MEMBERS - 1) / 2;
    assertEquals(expectedMemberPairs, memberPairs.count());

    DriverResultBytes received = DriverResultBytes.attach(spark.sparkContext(), "diagnostics");
    DiagnosticsJob.Output[] built = new DiagnosticsJob.Output[1];
    DriverResultBytes.withoutAutoBroadcast(
        spark,
        () ->
            built[0] =
                DiagnosticsJob.build(
                    cityPairs,
                    cities,
                    members,
                    new DiagnosticsJob.Options(9, 1L, 0.75, 0.5, "linkage_index")));
    received.settle(spark.sparkContext());
    DiagnosticsJob.Output out = built[0];

    assertTrue(received.jobs() > 0, "no job of the group ran: " + received);
    assertTrue(
        received.maxJobBytes() < BOUND_BYTES,
        "a diagnostics job sent the driver "
            + received.maxJobBytes()
            + " bytes (bound "
            + BOUND_BYTES
            + "): "
            + received);
    assertEquals(expectedMemberPairs, out.clusterPairs().count());
    assertEquals(CLUSTERS, out.clusterMetrics().count());

    // control: the same instrument sees a collect of the member pairs
    spark.sparkContext().setJobGroup("diagnostics-control", "collect the member pairs", false);
    DriverResultBytes control =
        DriverResultBytes.attach(spark.sparkContext(), "diagnostics-control");
    try {
      assertEquals(expectedMemberPairs, out.clusterPairs().collectAsList().size());
    } finally {
      spark.sparkContext().clearJobGroup();
    }
    control.settle(spark.sparkContext());
    assertTrue(control.maxJobBytes() > BOUND_BYTES, control.toString());
    System.out.println(
        "largest job result: diagnostics "
            + received.maxJobBytes()
            + " B, collect of the member pairs "
            + control.maxJobBytes()
            + " B (bound "
            + BOUND_BYTES
            + ")");
  }
}
