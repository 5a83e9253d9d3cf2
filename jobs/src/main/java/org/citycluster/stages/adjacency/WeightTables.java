package org.citycluster.stages.adjacency;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The {@code spatial_weights} table in long format, built with DataFrame operations: the rows of
 * {@link org.citycluster.adjacency.SpatialWeights}' rook, queen, knn and distance-band weights
 * (non-zero entries only; binary w = 1, row-standardised w = 1/|N(i)|, the count over a window by
 * {@code adcode_i}). Rook weights keep the rook pairs, queen weights rook and queen pairs
 * (libpysal's queen); both are symmetric. knn weights are directed (i's k nearest). Units without a
 * neighbour (islands) have no rows. Columns: {@code scheme} ({@code rook_binary}, {@code rook_row},
 * ...), {@code adcode_i}, {@code adcode_j}, {@code weight}; row order is not defined.
 */
public final class WeightTables {

  private WeightTables() {}

  /**
   * @param contiguity touching pairs ({@code adcode_a < adcode_b}, {@code relation} "rook" or
   *     "queen")
   * @param knn {@link NearestUnits#knn} rows ({@code adcode_i}, {@code adcode_j})
   * @param band distance-band pairs ({@code adcode_a}, {@code adcode_b}), each once
   */
  public static Dataset<Row> weights(Dataset<Row> contiguity, Dataset<Row> knn, Dataset<Row> band) {
    Dataset<Row> rook = symmetric(contiguity.filter(col("relation").equalTo("rook"))).distinct();
    Dataset<Row> queen = symmetric(contiguity).distinct();
    Dataset<Row> nearest = knn.select(col("adcode_i"), col("adcode_j")).distinct();
    // the band pairs are unique (one per unordered pair): no distinct, as before
    Dataset<Row> directed = symmetric(band);
    return schemes("rook", rook)
        .unionByName(schemes("queen", queen))
        .unionByName(schemes("knn", nearest))
        .unionByName(schemes("distance_band", directed));
  }

  /** Both directions of unordered pairs: adcode_i, adcode_j. */
  private static Dataset<Row> symmetric(Dataset<Row> pairs) {
    return pairs
        .select(col("adcode_a").as("adcode_i"), col("adcode_b").as("adcode_j"))
        .union(pairs.select(col("adcode_b").as("adcode_i"), col("adcode_a").as("adcode_j")));
  }

  /** The binary and row-standardised rows of one neighbour relation (adcode_i, adcode_j). */
  private static Dataset<Row> schemes(String scheme, Dataset<Row> directed) {
    Dataset<Row> binary =
        directed.select(
            lit(scheme + "_binary").as("scheme"),
            col("adcode_i"),
            col("adcode_j"),
            lit(1.0).as("weight"));
    Dataset<Row> row =
        directed.select(
            lit(scheme + "_row").as("scheme"),
            col("adcode_i"),
            col("adcode_j"),
            lit(1.0).divide(count(lit(1)).over(Window.partitionBy("adcode_i"))).as("weight"));
    return binary.unionByName(row);
  }
}
