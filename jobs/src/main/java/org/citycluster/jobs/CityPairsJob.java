package org.citycluster.jobs;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.types.DataTypes;
import org.citycluster.metrics.Gravity;
import org.citycluster.metrics.Specialisation;

/**
 * Assembles the published {@code city_pairs} table from the adjacency columns ({@link
 * AdjacencyJob}: every pair that touches, lies within the distance band, shares a cluster or has a
 * link — the caller passes the linked pairs as extra pairs) and the linkage columns ({@link
 * LinkageJob}).
 *
 * <p>Missing service means none: {@code trains_all}, {@code trains_hsr}, {@code air_routes}, {@code
 * air_airlines} and {@code linkage_index} become 0 for pairs without a link. {@code
 * min_travel_minutes} and {@code rail_gravity_residual} stay null where they were not measured.
 * {@code gravity} and {@code complementarity} are computed here for every pair from the two units'
 * statistics and the adjacency stage's centroid distance (so there is one definition for all rows):
 * {@link Gravity#cityCluster} with the configured beta, and {@link Specialisation}'s dissimilarity
 * of the sector shares (and of the employment shares); null where a side lacks the statistics.
 */
public final class CityPairsJob {

  private CityPairsJob() {}

  public static Dataset<Row> build(
      Dataset<Row> adjacencyPairs, Dataset<Row> linkagePairs, Dataset<Row> cities, double beta) {
    register(cities.sparkSession(), beta);
    Dataset<Row> linkage =
        linkagePairs.select(
            col("adcode_a"),
            col("adcode_b"),
            col("trains_all"),
            col("trains_hsr"),
            col("min_travel_minutes"),
            col("air_routes"),
            col("air_airlines"),
            col("rail_gravity_residual"),
            col("linkage_index"));
    Dataset<Row> side =
        cities.select(
            col("adcode"),
            col("population").cast("double").as("p"),
            col("gdp_cny").as("g"),
            col("primary_share").as("s1"),
            col("secondary_share").as("s2"),
            col("tertiary_share").as("s3"),
            col("emp_primary_share").as("e1"),
            col("emp_secondary_share").as("e2"),
            col("emp_tertiary_share").as("e3"));
    Dataset<Row> a = suffixed(side, "_a");
    Dataset<Row> b = suffixed(side, "_b");
    return adjacencyPairs
        .join(linkage, new String[] {"adcode_a", "adcode_b"}, "left")
        .join(a, "adcode_a")
        .join(b, "adcode_b")
        .withColumn("trains_all", coalesce(col("trains_all"), lit(0)))
        .withColumn("trains_hsr", coalesce(col("trains_hsr"), lit(0)))
        .withColumn("air_routes", coalesce(col("air_routes"), lit(0)))
        .withColumn("air_airlines", coalesce(col("air_airlines"), lit(0)))
        .withColumn("linkage_index", coalesce(col("linkage_index"), lit(0.0)))
        .withColumn(
            "gravity",
            call_udf(
                "cc_pair_gravity",
                col("p_a"),
                col("g_a"),
                col("p_b"),
                col("g_b"),
                col("centroid_distance_km"),
                lit(beta)))
        .withColumn(
            "complementarity",
            call_udf(
                "cc_pair_dissimilarity",
                col("s1_a"),
                col("s2_a"),
                col("s3_a"),
                col("s1_b"),
                col("s2_b"),
                col("s3_b")))
        .withColumn(
            "complementarity_employment",
            call_udf(
                "cc_pair_dissimilarity",
                col("e1_a"),
                col("e2_a"),
                col("e3_a"),
                col("e1_b"),
                col("e2_b"),
                col("e3_b")))
        .drop(
            "p_a", "g_a", "s1_a", "s2_a", "s3_a", "e1_a", "e2_a", "e3_a", "p_b", "g_b", "s1_b",
            "s2_b", "s3_b", "e1_b", "e2_b", "e3_b");
  }

  private static Dataset<Row> suffixed(Dataset<Row> side, String suffix) {
    Dataset<Row> out = side;
    for (String c : side.columns()) {
      out = out.withColumnRenamed(c, c.equals("adcode") ? "adcode" + suffix : c + suffix);
    }
    return out;
  }

  private static void register(SparkSession spark, double beta) {
    spark
        .udf()
        .register(
            "cc_pair_gravity",
            (UDF6<Double, Double, Double, Double, Double, Double, Double>)
                (pa, ga, pb, gb, km, b) ->
                    pa == null || ga == null || pb == null || gb == null || km == null || km <= 0
                        ? null
                        : Gravity.cityCluster(pa, ga, pb, gb, km, 1.0, b),
            DataTypes.DoubleType);
    spark
        .udf()
        .register(
            "cc_pair_dissimilarity",
            (UDF6<Double, Double, Double, Double, Double, Double, Double>)
                (a1, a2, a3, b1, b2, b3) -> {
                  if (a1 == null
                      || a2 == null
                      || a3 == null
                      || b1 == null
                      || b2 == null
                      || b3 == null) {
                    return null;
                  }
                  return Specialisation.ofShares(new double[][] {{a1, a2, a3}, {b1, b2, b3}})
                      .dissimilarity(0, 1);
                },
            DataTypes.DoubleType);
  }
}
