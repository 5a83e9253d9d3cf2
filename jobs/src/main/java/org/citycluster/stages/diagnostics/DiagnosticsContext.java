package org.citycluster.stages.diagnostics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.spark.Projection;

/**
 * The rows each cluster's diagnostics task receives, built by joins and aggregates in Spark: one
 * {@link #MEMBER} row per member (name, core, population, whether {@code cities} has it), one
 * {@link #PAIR} row per member pair of {@code city_pairs}, and one {@link #OUTSIDER} row per unit
 * outside the cluster with a positive link to it (summed candidate measure, linked members, rook
 * neighbours, smallest contiguity order). Tagged by {@code kind} onto one schema, {@link #CONTEXT}.
 */
public final class DiagnosticsContext {

  public static final String MEMBER = "member";
  public static final String PAIR = "pair";
  public static final String OUTSIDER = "outsider";

  /**
   * One context row. {@code a}: the member (member rows), {@code adcode_a} (pairs) or the outside
   * unit (outsiders); {@code b}: {@code adcode_b} of a pair; {@code w}: the candidate measure of a
   * pair (0 when null); {@code linkage}: an outsider's summed candidate measure.
   */
  public static final StructType CONTEXT =
      new StructType()
          .add("cluster_id", DataTypes.StringType, false)
          .add("kind", DataTypes.StringType, false)
          .add("a", DataTypes.StringType, false)
          .add("b", DataTypes.StringType, true)
          .add("name", DataTypes.StringType, true)
          .add("core", DataTypes.BooleanType, true)
          .add("population", DataTypes.DoubleType, true)
          .add("in_cities", DataTypes.BooleanType, true)
          .add("relation", DataTypes.StringType, true)
          .add("contiguity_order", DataTypes.IntegerType, true)
          .add("centroid_distance_km", DataTypes.DoubleType, true)
          .add("trains_all", DataTypes.IntegerType, true)
          .add("trains_hsr", DataTypes.IntegerType, true)
          .add("air_airlines", DataTypes.IntegerType, true)
          .add("gravity", DataTypes.DoubleType, true)
          .add("linkage_index", DataTypes.DoubleType, true)
          .add("w", DataTypes.DoubleType, true)
          .add("linkage", DataTypes.DoubleType, true)
          .add("linked_members", DataTypes.IntegerType, true)
          .add("rook_neighbours", DataTypes.IntegerType, true)
          .add("min_contiguity_order", DataTypes.IntegerType, true);

  private DiagnosticsContext() {}

  /**
   * The {@link #CONTEXT} rows of every cluster of {@code clusterMembers}; {@code measure} is the
   * {@code city_pairs} column of the candidate linkage. A member listed twice counts once (core if
   * either row says so).
   */
  public static Dataset<Row> rows(
      Dataset<Row> cityPairs, Dataset<Row> cities, Dataset<Row> clusterMembers, String measure) {
    Dataset<Row> units =
        cities.select(
            col("adcode"),
            col("name"),
            col("population").cast("double").as("population"),
            lit(true).as("in_cities"));
    Dataset<Row> members =
        clusterMembers
            .groupBy("cluster_id", "adcode")
            .agg(max(when(col("role").equalTo("core"), true).otherwise(false)).as("core"));
    Dataset<Row> pairs =
        cityPairs.select(
            col("adcode_a"),
            col("adcode_b"),
            col("relation"),
            col("contiguity_order"),
            col("centroid_distance_km"),
            col("trains_all"),
            col("trains_hsr"),
            col("air_airlines"),
            col("gravity"),
            col("linkage_index"),
            coalesce(col(measure).cast("double"), lit(0.0)).as("w"));

    Dataset<Row> memberRows =
        members
            .join(units, new String[] {"adcode"}, "left")
            .select(
                Projection.onto(
                    CONTEXT,
                    Map.of(
                        "cluster_id", col("cluster_id"),
                        "kind", lit(MEMBER),
                        "a", col("adcode"),
                        "name", col("name"),
                        "core", col("core"),
                        "population", col("population"),
                        "in_cities", col("in_cities"))));

    Dataset<Row> ma = members.select(col("cluster_id"), col("adcode").as("adcode_a"));
    Dataset<Row> mb = members.select(col("cluster_id"), col("adcode").as("adcode_b"));
    Dataset<Row> pairRows =
        pairs
            .join(ma, "adcode_a")
            .join(mb, new String[] {"cluster_id", "adcode_b"})
            .select(
                Projection.onto(
                    CONTEXT,
                    Map.ofEntries(
                        Map.entry("cluster_id", col("cluster_id")),
                        Map.entry("kind", lit(PAIR)),
                        Map.entry("a", col("adcode_a")),
                        Map.entry("b", col("adcode_b")),
                        Map.entry("relation", col("relation")),
                        Map.entry("contiguity_order", col("contiguity_order")),
                        Map.entry("centroid_distance_km", col("centroid_distance_km")),
                        Map.entry("trains_all", col("trains_all")),
                        Map.entry("trains_hsr", col("trains_hsr")),
                        Map.entry("air_airlines", col("air_airlines")),
                        Map.entry("gravity", col("gravity")),
                        Map.entry("linkage_index", col("linkage_index")),
                        Map.entry("w", col("w")))));

    Dataset<Row> oriented =
        pairs
            .select(
                col("adcode_a").as("member"),
                col("adcode_b").as("other"),
                col("relation"),
                col("contiguity_order"),
                col("w"))
            .unionByName(
                pairs.select(
                    col("adcode_b").as("member"),
                    col("adcode_a").as("other"),
                    col("relation"),
                    col("contiguity_order"),
                    col("w")));
    Dataset<Row> outsiderRows =
        oriented
            .join(members.select(col("cluster_id"), col("adcode").as("member")), "member")
            .join(
                members.select(col("cluster_id"), col("adcode").as("other")),
                new String[] {"cluster_id", "other"},
                "left_anti")
            .groupBy("cluster_id", "other")
            .agg(
                // summed over the sorted values: the same double whatever the partitioning
                expr("aggregate(array_sort(collect_list(w)), CAST(0 AS DOUBLE), (s, x) -> s + x)")
                    .as("linkage"),
                sum(when(col("w").gt(0), 1).otherwise(0)).cast("int").as("linked_members"),
                sum(when(col("relation").equalTo("rook"), 1).otherwise(0))
                    .cast("int")
                    .as("rook_neighbours"),
                min("contiguity_order").as("min_contiguity_order"))
            .where(col("linkage").gt(0))
            .join(
                units.select(col("adcode").as("other"), col("name")),
                new String[] {"other"},
                "left")
            .select(
                Projection.onto(
                    CONTEXT,
                    Map.of(
                        "cluster_id", col("cluster_id"),
                        "kind", lit(OUTSIDER),
                        "a", col("other"),
                        "name", col("name"),
                        "linkage", col("linkage"),
                        "linked_members", col("linked_members"),
                        "rook_neighbours", col("rook_neighbours"),
                        "min_contiguity_order", col("min_contiguity_order"))));
    return memberRows.unionByName(pairRows).unionByName(outsiderRows);
  }
}
