package org.citycluster.stages.adjacency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.adjacency.CentroidDistance;
import org.citycluster.adjacency.ContiguityPair;
import org.citycluster.adjacency.SpatialWeights;
import org.citycluster.adjacency.WeightRow;
import org.citycluster.spark.SparkTestBase;
import org.junit.jupiter.api.Test;

/**
 * {@link WeightTables} gives exactly the rows of {@link SpatialWeights} (the former driver-side
 * weights): rook (rook pairs), queen (rook and queen pairs), knn (directed) and distance band,
 * binary and row-standardised, on a random grid graph with islands.
 */
class WeightTablesTest extends SparkTestBase {

  private static final StructType DIRECTED =
      new StructType()
          .add("adcode_i", DataTypes.StringType, false)
          .add("adcode_j", DataTypes.StringType, false);
  private static final StructType UNORDERED =
      new StructType()
          .add("adcode_a", DataTypes.StringType, false)
          .add("adcode_b", DataTypes.StringType, false);

  private static String key(String scheme, String i, String j, double w) {
    return scheme + "|" + i + "|" + j + "|" + Double.doubleToLongBits(w);
  }

  @Test
  void rowsEqualSpatialWeights() {
    List<ContiguityPair> pairs = RandomAdjacency.pairs(12, 0.6, 0.3, 5);
    // knn: each unit's next three in id order (directed, not symmetric)
    List<String> ids = RandomAdjacency.ids(12);
    List<CentroidDistance> knn = new ArrayList<>();
    List<Row> knnRows = new ArrayList<>();
    for (int u = 0; u < ids.size(); u++) {
      for (int d = 1; d <= 3; d++) {
        String j = ids.get((u + d * 7) % ids.size());
        knn.add(new CentroidDistance(ids.get(u), j, d));
        knnRows.add(RowFactory.create(ids.get(u), j));
      }
    }
    // band: pairs of units within two rows of each other in the same column
    List<CentroidDistance> band = new ArrayList<>();
    List<Row> bandRows = new ArrayList<>();
    for (int r = 0; r < 12; r++) {
      for (int c = 0; c < 12; c++) {
        for (int d = 1; d <= 2 && r + d < 12; d++) {
          String a = RandomAdjacency.id(r, c);
          String b = RandomAdjacency.id(r + d, c);
          band.add(new CentroidDistance(a, b, d));
          bandRows.add(RowFactory.create(a, b));
        }
      }
    }
    TreeSet<String> expected = new TreeSet<>();
    for (SpatialWeights.Transform t : SpatialWeights.Transform.values()) {
      String suffix = t == SpatialWeights.Transform.BINARY ? "_binary" : "_row";
      for (WeightRow w : SpatialWeights.rook(pairs, t)) {
        expected.add(key("rook" + suffix, w.i(), w.j(), w.weight()));
      }
      for (WeightRow w : SpatialWeights.queen(pairs, t)) {
        expected.add(key("queen" + suffix, w.i(), w.j(), w.weight()));
      }
      for (WeightRow w : SpatialWeights.knn(knn, t)) {
        expected.add(key("knn" + suffix, w.i(), w.j(), w.weight()));
      }
      for (WeightRow w : SpatialWeights.distanceBand(band, t)) {
        expected.add(key("distance_band" + suffix, w.i(), w.j(), w.weight()));
      }
    }
    Dataset<Row> weights =
        WeightTables.weights(
            RandomAdjacency.contiguity(spark, pairs),
            spark.createDataFrame(knnRows, DIRECTED),
            spark.createDataFrame(bandRows, UNORDERED));
    List<String> actual = new ArrayList<>();
    for (Row r : weights.collectAsList()) {
      actual.add(key(r.getString(0), r.getString(1), r.getString(2), r.getDouble(3)));
    }
    assertEquals(expected.size(), actual.size(), "rows (duplicates?)");
    assertEquals(expected, new TreeSet<>(actual));
  }
}
