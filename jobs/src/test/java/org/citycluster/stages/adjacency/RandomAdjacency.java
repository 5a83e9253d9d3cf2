package org.citycluster.stages.adjacency;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.adjacency.ContiguityPair;
import org.citycluster.adjacency.ContiguityRelation;

/** Random test inputs of the adjacency stage: contiguity pairs on a grid, centroids with ties. */
final class RandomAdjacency {

  static final StructType CONTIGUITY =
      new StructType()
          .add("adcode_a", DataTypes.StringType, false)
          .add("adcode_b", DataTypes.StringType, false)
          .add("relation", DataTypes.StringType, false)
          .add("shared_border_km", DataTypes.DoubleType, false);

  static final StructType CENTROIDS =
      new StructType()
          .add("adcode", DataTypes.StringType, false)
          .add("centroid_lon", DataTypes.DoubleType, true)
          .add("centroid_lat", DataTypes.DoubleType, true);

  private RandomAdjacency() {}

  static String id(int r, int c) {
    return String.format("%03d%03d", r, c);
  }

  static List<String> ids(int g) {
    List<String> ids = new ArrayList<>();
    for (int r = 0; r < g; r++) {
      for (int c = 0; c < g; c++) {
        ids.add(id(r, c));
      }
    }
    return ids;
  }

  /**
   * Pairs of a g×g grid: each edge neighbour rook with probability {@code pRook}, else queen with
   * probability {@code pQueen}; each diagonal neighbour queen with probability {@code pQueen}.
   */
  static List<ContiguityPair> pairs(int g, double pRook, double pQueen, long seed) {
    Random random = new Random(seed);
    List<ContiguityPair> pairs = new ArrayList<>();
    for (int r = 0; r < g; r++) {
      for (int c = 0; c < g; c++) {
        int[][] next = {{r, c + 1}, {r + 1, c}};
        for (int[] n : next) {
          if (n[0] < g && n[1] < g) {
            double u = random.nextDouble();
            if (u < pRook) {
              pairs.add(new ContiguityPair(id(r, c), id(n[0], n[1]), ContiguityRelation.ROOK, 1.5));
            } else if (u < pRook + pQueen) {
              pairs.add(
                  new ContiguityPair(id(r, c), id(n[0], n[1]), ContiguityRelation.QUEEN, 0.0));
            }
          }
        }
        int[][] diagonal = {{r + 1, c + 1}, {r + 1, c - 1}};
        for (int[] n : diagonal) {
          if (n[0] < g && n[1] >= 0 && n[1] < g && random.nextDouble() < pQueen) {
            String a = id(r, c);
            String b = id(n[0], n[1]);
            pairs.add(
                a.compareTo(b) < 0
                    ? new ContiguityPair(a, b, ContiguityRelation.QUEEN, 0.0)
                    : new ContiguityPair(b, a, ContiguityRelation.QUEEN, 0.0));
          }
        }
      }
    }
    return pairs;
  }

  static Dataset<Row> contiguity(SparkSession spark, List<ContiguityPair> pairs) {
    List<Row> rows = new ArrayList<>();
    for (ContiguityPair p : pairs) {
      rows.add(
          RowFactory.create(p.idA(), p.idB(), p.isRook() ? "rook" : "queen", p.sharedBorderKm()));
    }
    return spark.createDataFrame(rows, CONTIGUITY);
  }
}
