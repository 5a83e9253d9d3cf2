package org.citycluster.stages.adjacency;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.citycluster.metrics.ScopeMoran;

/**
 * Moran's I, LISA, the per-cluster morphology and the contiguity counts per unit, all as Spark work
 * over Datasets ({@link NationalMoran} for the national scope, {@link ClusterScopes} for one task
 * per cluster, joins for the counts). What reaches the driver: a few sums per attribute and one
 * count per permutation block. Spark-free maths: {@link org.citycluster.metrics.SparseMoran},
 * {@link ScopeMoran}.
 */
public final class MoranStage {

  /**
   * @param autocorrelation {@link MoranRows#AUTOCORRELATION}: national and per-cluster rows
   * @param lisa {@link MoranRows#LISA}: national and per-cluster rows
   * @param clusterMetrics morphology and Moran's I per cluster ({@code cluster_metrics} columns)
   * @param unitMetrics per unit: {@code adcode}, {@code is_island}, {@code rook_neighbours}, {@code
   *     queen_neighbours} and the national {@code lisa_<attribute>_i/_p/_quadrant}
   * @param dropped units left out of the national Moran's I: {@code adcode}, {@code attribute},
   *     {@code reason}
   */
  public record Output(
      Dataset<Row> autocorrelation,
      Dataset<Row> lisa,
      Dataset<Row> clusterMetrics,
      Dataset<Row> unitMetrics,
      Dataset<Row> dropped) {}

  private MoranStage() {}

  /**
   * @param cities {@code adcode}, {@code perimeter_km} and the attributes (numeric, nullable)
   * @param touching the contiguity pairs: {@code adcode_a < adcode_b}, {@code relation} ({@code
   *     rook} or {@code queen}), {@code shared_border_km}
   * @param clusterMembers {@code cluster_id}, {@code adcode}
   * @param tasks tasks the national permutations and LISA are spread over, ≥ 1
   */
  public static Output build(
      Dataset<Row> cities,
      Dataset<Row> touching,
      Dataset<Row> clusterMembers,
      List<String> attributes,
      int permutations,
      long seed,
      int tasks) {
    if (tasks < 1) {
      throw new IllegalArgumentException("tasks must be at least 1, got " + tasks);
    }
    Dataset<Row> directed =
        touching
            .select(col("adcode_a").as("i"), col("adcode_b").as("j"), col("relation"))
            .unionByName(
                touching.select(col("adcode_b").as("i"), col("adcode_a").as("j"), col("relation")));
    Dataset<Row> rook = directed.filter(col("relation").equalTo("rook")).select("i", "j");
    NationalMoran.Result national =
        NationalMoran.build(cities, rook, attributes, permutations, seed, tasks);
    ClusterScopes.Result clusters =
        ClusterScopes.build(cities, touching, clusterMembers, attributes, permutations, seed);

    Dataset<Row> counts =
        directed
            .groupBy(col("i").as("adcode"))
            .agg(
                count(when(col("relation").equalTo("rook"), lit(1))).cast("int").as("rook_n"),
                count(lit(1)).cast("int").as("queen_n"));
    Dataset<Row> units =
        cities
            .select("adcode")
            .join(counts, new String[] {"adcode"}, "left")
            .select(
                col("adcode"),
                coalesce(col("rook_n"), lit(0)).equalTo(0).as("is_island"),
                coalesce(col("rook_n"), lit(0)).as("rook_neighbours"),
                coalesce(col("queen_n"), lit(0)).as("queen_neighbours"));
    if (!attributes.isEmpty()) {
      List<Column> wide = new ArrayList<>();
      for (String a : attributes) {
        Column mine = col("attribute").equalTo(a);
        wide.add(first(when(mine, col("lisa_i")), true).as("lisa_" + a + "_i"));
        wide.add(first(when(mine, col("lisa_p")), true).as("lisa_" + a + "_p"));
        wide.add(first(when(mine, col("quadrant")), true).as("lisa_" + a + "_quadrant"));
      }
      Dataset<Row> lisaWide =
          national
              .lisa()
              .groupBy("adcode")
              .agg(wide.get(0), wide.subList(1, wide.size()).toArray(Column[]::new));
      units = units.join(lisaWide, new String[] {"adcode"}, "left");
    }
    return new Output(
        national.autocorrelation().unionByName(clusters.autocorrelation()),
        national.lisa().unionByName(clusters.lisa()),
        clusters.metrics(),
        units,
        national.dropped());
  }

  /** The {@code dq_issues} problem text of a unit dropped for {@code reason}. */
  public static Column problem(Column reason) {
    return concat(reason, lit(": left out of the national rook-based Moran's I and LISA"));
  }
}
