package org.citycluster.stages.adjacency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.metrics.SparseMoran;

/**
 * The deviations z and the row-standardised rook weights of one attribute's national scope as one
 * row ({@link #SCHEMA}): ids sorted, z in the same order, weights in compressed sparse rows. Built
 * in one task from the kept units' rows and replicated, by a shuffle, to the tasks that permute
 * (O(n + non-zeros) per copy, never through the driver).
 */
final class ScopeVector {

  /** One kept unit: attribute, adcode, z, rook neighbours (adcodes, all kept). */
  static final StructType UNIT =
      new StructType()
          .add("attribute", DataTypes.StringType, false)
          .add("adcode", DataTypes.StringType, false)
          .add("z", DataTypes.DoubleType, false)
          .add("neighbours", DataTypes.createArrayType(DataTypes.StringType, false), false);

  /** The vector of one attribute (plus the task it is replicated to). */
  static final StructType SCHEMA =
      new StructType()
          .add("attribute", DataTypes.StringType, false)
          .add("task", DataTypes.IntegerType, false)
          .add("ids", DataTypes.createArrayType(DataTypes.StringType, false), false)
          .add("z", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
          .add("row_start", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
          .add("columns", DataTypes.createArrayType(DataTypes.IntegerType, false), false);

  final String[] ids;
  final double[] z;
  final SparseMoran.Weights weights;

  private ScopeVector(String[] ids, double[] z, SparseMoran.Weights weights) {
    this.ids = ids;
    this.z = z;
    this.weights = weights;
  }

  /** The vector row (task 0) of one attribute's {@link #UNIT} rows. */
  static Row build(String attribute, Iterator<Row> units) {
    List<Row> rows = new ArrayList<>();
    units.forEachRemaining(rows::add);
    rows.sort((a, b) -> a.getString(1).compareTo(b.getString(1)));
    int n = rows.size();
    String[] ids = new String[n];
    Double[] z = new Double[n];
    for (int i = 0; i < n; i++) {
      ids[i] = rows.get(i).getString(1);
      z[i] = rows.get(i).getDouble(2);
    }
    Integer[] start = new Integer[n + 1];
    start[0] = 0;
    List<Integer> columns = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> nb = rows.get(i).getList(3);
      int[] idx = new int[nb.size()];
      for (int k = 0; k < idx.length; k++) {
        idx[k] = Arrays.binarySearch(ids, nb.get(k));
        if (idx[k] < 0) {
          throw new IllegalStateException(
              "neighbour " + nb.get(k) + " of " + ids[i] + " is not a kept unit of " + attribute);
        }
      }
      Arrays.sort(idx);
      for (int j : idx) {
        columns.add(j);
      }
      start[i + 1] = columns.size();
    }
    return RowFactory.create(
        attribute,
        0,
        MoranRows.seq(Arrays.asList(ids)),
        MoranRows.seq(Arrays.asList(z)),
        MoranRows.seq(Arrays.asList(start)),
        MoranRows.seq(columns));
  }

  /** {@code vector} as the copy for {@code task}. */
  static Row forTask(Row vector, int task) {
    return RowFactory.create(
        vector.getString(0), task, vector.get(2), vector.get(3), vector.get(4), vector.get(5));
  }

  /** The arrays of a {@link #SCHEMA} row. */
  static ScopeVector of(Row r) {
    List<String> idList = r.getList(2);
    List<Double> zList = r.getList(3);
    List<Integer> startList = r.getList(4);
    List<Integer> columnList = r.getList(5);
    String[] ids = idList.toArray(String[]::new);
    double[] z = zList.stream().mapToDouble(Double::doubleValue).toArray();
    int[] start = startList.stream().mapToInt(Integer::intValue).toArray();
    int[] columns = columnList.stream().mapToInt(Integer::intValue).toArray();
    double[] values = new double[columns.length];
    for (int i = 0; i < ids.length; i++) {
      Arrays.fill(values, start[i], start[i + 1], 1.0 / (start[i + 1] - start[i]));
    }
    return new ScopeVector(ids, z, new SparseMoran.Weights(start, columns, values));
  }

  /** Index of {@code id} in the sorted ids. */
  int index(String id) {
    int i = Arrays.binarySearch(ids, id);
    if (i < 0) {
      throw new IllegalStateException("unit " + id + " is not in the scope vector");
    }
    return i;
  }
}
