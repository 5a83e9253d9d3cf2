package org.citycluster.stages.adjacency;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.metrics.ScopeMoran;
import org.citycluster.metrics.SpatialAutocorrelation;

/** The rows of the {@code autocorrelation} and {@code lisa} tables and their schemas. */
public final class MoranRows {

  /** Global Moran's I per scope (national, each cluster) and attribute. */
  public static final StructType AUTOCORRELATION =
      new StructType()
          .add("scope", DataTypes.StringType, false)
          .add("cluster_id", DataTypes.StringType, true)
          .add("attribute", DataTypes.StringType, false)
          .add("n", DataTypes.IntegerType, false)
          .add("n_islands_dropped", DataTypes.IntegerType, false)
          .add("moran_i", DataTypes.DoubleType, true)
          .add("expected_i", DataTypes.DoubleType, true)
          .add("z_normal", DataTypes.DoubleType, true)
          .add("p_value", DataTypes.DoubleType, true)
          .add("permutations", DataTypes.LongType, true)
          .add("exact", DataTypes.BooleanType, true)
          .add("seed", DataTypes.LongType, false);

  /** Local Moran per scope (national or a cluster), unit and attribute. */
  public static final StructType LISA =
      new StructType()
          .add("scope", DataTypes.StringType, false)
          .add("cluster_id", DataTypes.StringType, true)
          .add("adcode", DataTypes.StringType, false)
          .add("attribute", DataTypes.StringType, false)
          .add("lisa_i", DataTypes.DoubleType, true)
          .add("lisa_p", DataTypes.DoubleType, true)
          .add("quadrant", DataTypes.StringType, true)
          .add("seed", DataTypes.LongType, false);

  private MoranRows() {}

  /** An {@link #AUTOCORRELATION} row; {@code global} and {@code test} null without statistics. */
  static Row global(
      String scope,
      String clusterId,
      String attribute,
      int n,
      int islandsDropped,
      SpatialAutocorrelation.GlobalMoran global,
      SpatialAutocorrelation.PermutationTest test,
      long seed) {
    return RowFactory.create(
        scope,
        clusterId,
        attribute,
        n,
        islandsDropped,
        global == null ? null : finite(global.i()),
        global == null ? null : finite(global.expected()),
        global == null ? null : finite(global.zNormal()),
        test == null ? null : finite(test.p()),
        test == null ? null : test.permutations(),
        test == null ? null : test.exact(),
        seed);
  }

  /** A {@link #LISA} row from local I, p, the unit's deviation z and its spatial lag. */
  static Row local(
      String scope,
      String clusterId,
      String adcode,
      String attribute,
      double i,
      double p,
      double z,
      double lag,
      long seed) {
    return RowFactory.create(
        scope,
        clusterId,
        adcode,
        attribute,
        finite(i),
        finite(p),
        Double.isNaN(i) ? null : quadrant(z, lag),
        seed);
  }

  /** The {@link #AUTOCORRELATION} row and {@link #LISA} rows of one in-task scope. */
  static List<Row> localRows(
      String scope, String clusterId, String attribute, ScopeMoran m, long seed) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, double[]> e : m.local().entrySet()) {
      double[] l = e.getValue();
      rows.add(local(scope, clusterId, e.getKey(), attribute, l[0], l[1], l[2], l[3], seed));
    }
    return rows;
  }

  /** Units of {@code m} dropped because they lack a rook neighbour with a value. */
  static int islandsDropped(ScopeMoran m) {
    return (int) m.dropped().values().stream().filter(ScopeMoran.NO_NEIGHBOUR::equals).count();
  }

  /** HH, LH, LL or HL from the unit's deviation and its spatial lag (zero counts as high). */
  public static String quadrant(double z, double lag) {
    return (z >= 0 ? "H" : "L") + (lag >= 0 ? "H" : "L");
  }

  /** A Java list as the Scala sequence a Row encoder expects for an array column. */
  static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return scala.jdk.javaapi.CollectionConverters.asScala(list).toList();
  }

  static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
