package org.citycluster.stages.adjacency;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.metrics.ScopeMoran;
import org.citycluster.metrics.SparseMoran;
import org.citycluster.metrics.SpatialAutocorrelation;
import org.citycluster.spark.DeterministicSum;

/**
 * National Moran's I and LISA on sparse rook weights held as Datasets (issue #16). Per attribute:
 * the units with a finite value and a rook neighbour with a value are kept (the others are {@link
 * Result#dropped}); the mean, Σz², S0, S1, S2 and Σ w_ij z_i z_j are aggregates over the kept units
 * and a join over their rook edges (order-independent sums, {@link DeterministicSum}); the
 * permutation test is a Dataset of {@link SparseMoran} blocks, each task permuting its own copy of
 * the {@link ScopeVector} (z and the sparse weights, replicated by a shuffle); LISA's conditional
 * permutations run per unit in tasks against the same copies, seeded per unit. The driver receives
 * a handful of sums per attribute and one count per block.
 */
final class NationalMoran {

  /**
   * @param autocorrelation one {@link MoranRows#AUTOCORRELATION} row per attribute (scope {@code
   *     national})
   * @param lisa {@link MoranRows#LISA} rows, one per kept unit and attribute
   * @param dropped units left out: {@code adcode}, {@code attribute}, {@code reason} ({@link
   *     ScopeMoran#NO_VALUE} or {@link ScopeMoran#NO_NEIGHBOUR})
   */
  record Result(Dataset<Row> autocorrelation, Dataset<Row> lisa, Dataset<Row> dropped) {}

  static final StructType BLOCK =
      new StructType()
          .add("attribute", DataTypes.StringType, false)
          .add("task", DataTypes.IntegerType, false)
          .add("block", DataTypes.IntegerType, false);

  static final StructType COUNT =
      new StructType()
          .add("attribute", DataTypes.StringType, false)
          .add("count", DataTypes.LongType, false)
          .add("total", DataTypes.LongType, false);

  static final StructType DROPPED =
      new StructType()
          .add("adcode", DataTypes.StringType, false)
          .add("attribute", DataTypes.StringType, false)
          .add("reason", DataTypes.StringType, false);

  private NationalMoran() {}

  /**
   * @param cities {@code adcode} and the attribute columns (numeric, nullable)
   * @param rook directed rook edges {@code i}, {@code j} (both directions of every rook pair)
   * @param tasks tasks the permutations and LISA are spread over (copies of each scope vector)
   */
  static Result build(
      Dataset<Row> cities,
      Dataset<Row> rook,
      List<String> attributes,
      int permutations,
      long seed,
      int tasks) {
    SparkSession spark = cities.sparkSession();
    List<Row> globals = new ArrayList<>();
    Map<String, SpatialAutocorrelation.GlobalMoran> withStatistics = new HashMap<>();
    Map<String, double[]> sizes = new HashMap<>();
    Dataset<Row> units = null;
    Dataset<Row> dropped = spark.createDataFrame(List.of(), DROPPED);
    for (String a : attributes) {
      Dataset<Row> values = cities.select(col("adcode"), col(a).cast("double").as("x"));
      Column finite =
          col("x")
              .isNotNull()
              .and(not(isnan(col("x"))))
              .and(abs(col("x")).notEqual(lit(Double.POSITIVE_INFINITY)));
      Dataset<Row> valued = values.filter(finite);
      Dataset<Row> edges =
          rook.join(valued.select(col("adcode").as("i")), "i")
              .join(valued.select(col("adcode").as("j")), "j");
      Dataset<Row> degrees =
          edges.groupBy("i").agg(count(lit(1)).as("deg"), collect_list(col("j")).as("neighbours"));
      Dataset<Row> kept =
          valued.join(degrees, valued.col("adcode").equalTo(degrees.col("i"))).drop("i");
      Dataset<Row> noNeighbour =
          valued.join(degrees, valued.col("adcode").equalTo(degrees.col("i")), "left_anti");
      dropped =
          dropped
              .unionByName(
                  values
                      .filter(not(finite))
                      .select(
                          col("adcode"),
                          lit(a).as("attribute"),
                          lit(ScopeMoran.NO_VALUE).as("reason")))
              .unionByName(
                  noNeighbour.select(
                      col("adcode"),
                      lit(a).as("attribute"),
                      lit(ScopeMoran.NO_NEIGHBOUR).as("reason")));

      Row first = kept.agg(count(lit(1)), DeterministicSum.of("x")).first();
      int n = (int) first.getLong(0);
      int islands = (int) noNeighbour.count();
      if (n < 3) {
        globals.add(MoranRows.global("national", null, a, n, islands, null, null, seed));
        continue;
      }
      double mean = first.getDouble(1) / n;
      Dataset<Row> z = kept.withColumn("z", col("x").minus(lit(mean))).persist();
      Dataset<Row> zi = z.select(col("adcode").as("i"), col("z").as("z_i"), col("deg").as("deg_i"));
      Dataset<Row> zj = z.select(col("adcode").as("j"), col("z").as("z_j"), col("deg").as("deg_j"));
      Dataset<Row> weighted = edges.join(zi, "i").join(zj, "j");
      // materialised once here: the five jobs below read it (and the first job to build a cache
      // sent the driver result bytes growing with the units, MoranStageDriverBoundTest)
      z.count();
      Row edgeSums =
          weighted
              .agg(
                  DeterministicSum.of("1.0D / deg_i"),
                  DeterministicSum.of("pow(1.0D / deg_i + 1.0D / deg_j, 2)"),
                  DeterministicSum.of("z_i * z_j / deg_i"))
              .first();
      Dataset<Row> rowSums =
          weighted.groupBy("i").agg(DeterministicSum.of("1.0D / deg_i").as("row_sum"));
      Dataset<Row> colSums =
          weighted.groupBy(col("j").as("i")).agg(DeterministicSum.of("1.0D / deg_i").as("col_sum"));
      double s2 =
          rowSums
              .join(colSums, "i")
              .agg(DeterministicSum.of("pow(row_sum + col_sum, 2)"))
              .first()
              .getDouble(0);
      double zz = z.agg(DeterministicSum.of("z * z")).first().getDouble(0);
      SpatialAutocorrelation.GlobalMoran g =
          SparseMoran.fromSums(
              n, edgeSums.getDouble(0), edgeSums.getDouble(1) / 2, s2, edgeSums.getDouble(2), zz);
      withStatistics.put(a, g);
      sizes.put(a, new double[] {n, islands, zz});
      Dataset<Row> unitRows =
          z.select(lit(a).as("attribute"), col("adcode"), col("z"), col("neighbours"));
      units = units == null ? unitRows : units.unionByName(unitRows);
    }
    if (units == null) {
      return new Result(
          spark.createDataFrame(globals, MoranRows.AUTOCORRELATION),
          spark.createDataFrame(List.of(), MoranRows.LISA),
          dropped);
    }

    Dataset<Row> vectors = replicated(units, tasks).persist();
    Map<String, long[]> counts =
        permutationCounts(vectors, withStatistics, permutations, seed, tasks);
    for (String a : attributes) {
      SpatialAutocorrelation.GlobalMoran g = withStatistics.get(a);
      if (g == null) {
        continue;
      }
      long[] c = counts.get(a);
      double[] size = sizes.get(a);
      int n = (int) size[0];
      SpatialAutocorrelation.PermutationTest t =
          SparseMoran.fromCounts(g.i(), c[0], c[1], n, size[2], seed);
      globals.add(MoranRows.global("national", null, a, n, (int) size[1], g, t, seed));
    }
    Dataset<Row> lisa = lisa(units, vectors, permutations, seed, tasks);
    return new Result(spark.createDataFrame(globals, MoranRows.AUTOCORRELATION), lisa, dropped);
  }

  /** One {@link ScopeVector} per attribute, as {@code tasks} copies keyed by task. */
  private static Dataset<Row> replicated(Dataset<Row> units, int tasks) {
    return units
        .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
        .mapGroups(
            (MapGroupsFunction<String, Row, Row>) ScopeVector::build,
            Encoders.row(ScopeVector.SCHEMA))
        .flatMap(
            (FlatMapFunction<Row, Row>)
                v -> {
                  List<Row> copies = new ArrayList<>(tasks);
                  for (int t = 0; t < tasks; t++) {
                    copies.add(ScopeVector.forTask(v, t));
                  }
                  return copies.iterator();
                },
            Encoders.row(ScopeVector.SCHEMA));
  }

  private static String key(String attribute, int task) {
    return attribute + "#" + task;
  }

  /** Summed {count, total} of every attribute's permutation blocks, run in tasks. */
  private static Map<String, long[]> permutationCounts(
      Dataset<Row> vectors,
      Map<String, SpatialAutocorrelation.GlobalMoran> attributes,
      int permutations,
      long seed,
      int tasks) {
    SparkSession spark = vectors.sparkSession();
    List<Row> blocks = new ArrayList<>();
    for (String a : attributes.keySet()) {
      for (int b = 0; b < SparseMoran.blocks(permutations); b++) {
        blocks.add(RowFactory.create(a, b % tasks, b));
      }
    }
    Dataset<Row> perBlock =
        spark
            .createDataFrame(blocks, BLOCK)
            .groupByKey(
                (MapFunction<Row, String>) r -> key(r.getString(0), r.getInt(1)), Encoders.STRING())
            .cogroup(
                vectors.groupByKey(
                    (MapFunction<Row, String>) r -> key(r.getString(0), r.getInt(1)),
                    Encoders.STRING()),
                (CoGroupFunction<String, Row, Row, Row>)
                    (k, blockRows, vector) -> {
                      List<Row> out = new ArrayList<>();
                      if (!vector.hasNext()) {
                        return out.iterator();
                      }
                      ScopeVector v = ScopeVector.of(vector.next());
                      while (blockRows.hasNext()) {
                        Row b = blockRows.next();
                        long[] c =
                            SparseMoran.blockCount(v.z, v.weights, permutations, seed, b.getInt(2));
                        out.add(RowFactory.create(b.getString(0), c[0], c[1]));
                      }
                      return out.iterator();
                    },
                Encoders.row(COUNT));
    Map<String, long[]> counts = new HashMap<>();
    for (Row r : perBlock.groupBy("attribute").agg(sum("count"), sum("total")).collectAsList()) {
      counts.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)});
    }
    return counts;
  }

  /** LISA of every kept unit, in tasks keyed by (attribute, a hash of the unit). */
  private static Dataset<Row> lisa(
      Dataset<Row> units, Dataset<Row> vectors, int permutations, long seed, int tasks) {
    return units
        .select(col("attribute"), col("adcode"))
        .groupByKey(
            (MapFunction<Row, String>)
                r -> key(r.getString(0), Math.floorMod(r.getString(1).hashCode(), tasks)),
            Encoders.STRING())
        .cogroup(
            vectors.groupByKey(
                (MapFunction<Row, String>) r -> key(r.getString(0), r.getInt(1)),
                Encoders.STRING()),
            (CoGroupFunction<String, Row, Row, Row>)
                (k, unitRows, vector) -> {
                  List<Row> out = new ArrayList<>();
                  if (!unitRows.hasNext()) {
                    return out.iterator();
                  }
                  ScopeVector v = ScopeVector.of(vector.next());
                  double m2 = SparseMoran.zz(v.z) / v.z.length;
                  int[] start = v.weights.rowStart();
                  while (unitRows.hasNext()) {
                    Row u = unitRows.next();
                    String id = u.getString(1);
                    int i = v.index(id);
                    double lag = 0;
                    for (int p = start[i]; p < start[i + 1]; p++) {
                      lag += v.weights.values()[p] * v.z[v.weights.columns()[p]];
                    }
                    double li = SparseMoran.localI(v.z[i], lag, m2);
                    double[] w =
                        java.util.Arrays.copyOfRange(v.weights.values(), start[i], start[i + 1]);
                    double p =
                        SparseMoran.localP(
                            v.z, i, w, m2, li, permutations, SparseMoran.unitSeed(seed, id));
                    out.add(
                        MoranRows.local(
                            "national", null, id, u.getString(0), li, p, v.z[i], lag, seed));
                  }
                  return out.iterator();
                },
            Encoders.row(MoranRows.LISA));
  }
}
