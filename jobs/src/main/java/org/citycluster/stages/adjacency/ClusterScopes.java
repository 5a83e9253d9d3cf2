package org.citycluster.stages.adjacency;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.adjacency.ContiguityGraph;
import org.citycluster.adjacency.ContiguityPair;
import org.citycluster.adjacency.ContiguityRelation;
import org.citycluster.metrics.ScopeMoran;
import org.citycluster.spark.Projection;

/**
 * Morphology and Moran's I per cluster, one task per cluster (issue #16): the members' rows and the
 * touching pairs among them are grouped by {@code cluster_id}; the task builds the cluster's rook
 * and queen graphs ({@link ContiguityGraph}) and runs {@link ScopeMoran} per attribute. Only
 * per-cluster results leave a task: the {@code cluster_metrics} columns, the cluster's {@code
 * autocorrelation} rows and its members' {@code lisa} rows.
 */
final class ClusterScopes {

  static final String UNIT = "unit";
  static final String EDGE = "edge";

  /** A member (perimeter, attribute values; NaN = none) or a touching pair within a cluster. */
  static final StructType CONTEXT =
      new StructType()
          .add("cluster_id", DataTypes.StringType, false)
          .add("kind", DataTypes.StringType, false)
          .add("a", DataTypes.StringType, false)
          .add("b", DataTypes.StringType, true)
          .add("relation", DataTypes.StringType, true)
          .add("shared_border_km", DataTypes.DoubleType, true)
          .add("perimeter_km", DataTypes.DoubleType, true)
          .add("values", DataTypes.createArrayType(DataTypes.DoubleType, true), true);

  private ClusterScopes() {}

  /** The {@code cluster_metrics} columns of this job (Polsby–Popper comes separately). */
  static StructType metricsSchema(List<String> attrs) {
    StructType s =
        new StructType()
            .add("cluster_id", DataTypes.StringType, false)
            .add("n_units", DataTypes.IntegerType, false)
            .add("rook_components", DataTypes.IntegerType, false)
            .add("queen_components", DataTypes.IntegerType, false)
            .add("internal_rook_pairs", DataTypes.IntegerType, false)
            .add("internal_border_share", DataTypes.DoubleType, true)
            .add("adjacency_density", DataTypes.DoubleType, true);
    for (String a : attrs) {
      s =
          s.add("moran_" + a + "_i", DataTypes.DoubleType, true)
              .add("moran_" + a + "_p", DataTypes.DoubleType, true)
              .add("moran_" + a + "_n", DataTypes.IntegerType, false);
    }
    return s;
  }

  private static StructType outSchema(List<String> attrs) {
    return metricsSchema(attrs)
        .add("autocorrelation", DataTypes.createArrayType(MoranRows.AUTOCORRELATION, false), false)
        .add("lisa", DataTypes.createArrayType(MoranRows.LISA, false), false);
  }

  /**
   * @param metrics one row per cluster ({@link #metricsSchema})
   * @param autocorrelation {@link MoranRows#AUTOCORRELATION} rows of scope {@code cluster}
   * @param lisa {@link MoranRows#LISA} rows of scope {@code cluster}
   */
  record Result(Dataset<Row> metrics, Dataset<Row> autocorrelation, Dataset<Row> lisa) {}

  /**
   * @param cities {@code adcode}, {@code perimeter_km} and the attributes
   * @param touching {@code adcode_a < adcode_b}, {@code relation}, {@code shared_border_km}
   * @param clusterMembers {@code cluster_id}, {@code adcode} (members not in cities are ignored)
   */
  static Result build(
      Dataset<Row> cities,
      Dataset<Row> touching,
      Dataset<Row> clusterMembers,
      List<String> attrs,
      int permutations,
      long seed) {
    Column[] values = attrs.stream().map(a -> col(a).cast("double")).toArray(Column[]::new);
    Dataset<Row> members =
        clusterMembers
            .select(col("cluster_id"), col("adcode"))
            .distinct()
            .join(
                cities.select(
                    col("adcode"),
                    col("perimeter_km"),
                    (values.length == 0 ? lit(null).cast("array<double>") : array(values))
                        .as("values")),
                "adcode");
    Dataset<Row> memberKeys = members.select(col("cluster_id"), col("adcode"));
    Dataset<Row> edges =
        touching
            .join(memberKeys.withColumnRenamed("adcode", "adcode_a"), "adcode_a")
            .join(
                memberKeys.withColumnRenamed("adcode", "adcode_b"),
                new String[] {"adcode_b", "cluster_id"});
    Dataset<Row> context =
        members
            .select(
                Projection.onto(
                    CONTEXT,
                    Map.of(
                        "cluster_id", col("cluster_id"),
                        "kind", lit(UNIT),
                        "a", col("adcode"),
                        "perimeter_km", col("perimeter_km"),
                        "values", col("values"))))
            .unionByName(
                edges.select(
                    Projection.onto(
                        CONTEXT,
                        Map.of(
                            "cluster_id", col("cluster_id"),
                            "kind", lit(EDGE),
                            "a", col("adcode_a"),
                            "b", col("adcode_b"),
                            "relation", col("relation"),
                            "shared_border_km", col("shared_border_km")))));
    StructType out = outSchema(attrs);
    Dataset<Row> perCluster =
        context
            .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
            .flatMapGroups(
                (FlatMapGroupsFunction<String, Row, Row>)
                    (id, rows) -> List.of(cluster(id, rows, attrs, permutations, seed)).iterator(),
                Encoders.row(out))
            .persist();
    List<Column> metricColumns = new ArrayList<>();
    for (String f : metricsSchema(attrs).fieldNames()) {
      metricColumns.add(col(f));
    }
    return new Result(
        perCluster.select(metricColumns.toArray(Column[]::new)),
        perCluster.select(explode(col("autocorrelation")).as("r")).select("r.*"),
        perCluster.select(explode(col("lisa")).as("r")).select("r.*"));
  }

  /** The output row of one cluster from its {@link #CONTEXT} rows. */
  static Row cluster(
      String clusterId, Iterator<Row> rows, List<String> attrs, int permutations, long seed) {
    Set<String> memberIds = new TreeSet<>();
    Map<String, Double> perimeter = new HashMap<>();
    List<Map<String, Double>> values = new ArrayList<>();
    for (int a = 0; a < attrs.size(); a++) {
      values.add(new HashMap<>());
    }
    List<ContiguityPair> pairs = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      if (UNIT.equals(r.getString(1))) {
        String id = r.getString(2);
        memberIds.add(id);
        perimeter.put(id, r.getDouble(6));
        List<Double> v = r.isNullAt(7) ? List.of() : r.getList(7);
        for (int a = 0; a < attrs.size(); a++) {
          Double x = v.get(a);
          if (x != null && Double.isFinite(x)) {
            values.get(a).put(id, x);
          }
        }
      } else {
        pairs.add(
            new ContiguityPair(
                r.getString(2),
                r.getString(3),
                ContiguityRelation.valueOf(r.getString(4).toUpperCase(java.util.Locale.ROOT)),
                r.getDouble(5)));
      }
    }
    // the group's rows arrive in an order that follows the partitioning: sort the pairs so the
    // sums below (shared border km) are the same bits on any cluster layout
    pairs.sort(
        java.util.Comparator.comparing(ContiguityPair::idA).thenComparing(ContiguityPair::idB));
    List<String> members = new ArrayList<>(memberIds);
    ContiguityGraph rook = ContiguityGraph.rook(members, pairs);
    ContiguityGraph queen = ContiguityGraph.queen(members, pairs);
    int n = members.size();
    int rookPairs = 0;
    double internalKm = 0;
    for (ContiguityPair p : pairs) {
      if (p.isRook()) {
        rookPairs++;
        internalKm += p.sharedBorderKm();
      }
    }
    double perimeterKm = 0;
    for (String m : members) {
      perimeterKm += perimeter.get(m);
    }
    List<Object> row = new ArrayList<>();
    row.add(clusterId);
    row.add(n);
    row.add(rook.componentCount(members));
    row.add(queen.componentCount(members));
    row.add(rookPairs);
    row.add(perimeterKm > 0 ? 2 * internalKm / perimeterKm : null);
    row.add(n > 1 ? rookPairs / ((double) n * (n - 1) / 2.0) : null);
    Map<String, java.util.SortedSet<String>> rookNeighbours = new HashMap<>();
    for (String m : members) {
      rookNeighbours.put(m, rook.neighbours(m));
    }
    List<Row> globals = new ArrayList<>();
    List<Row> lisa = new ArrayList<>();
    for (int a = 0; a < attrs.size(); a++) {
      ScopeMoran m = ScopeMoran.of(members, values.get(a), rookNeighbours, permutations, seed);
      Row g =
          MoranRows.global(
              "cluster",
              clusterId,
              attrs.get(a),
              m.kept().size(),
              MoranRows.islandsDropped(m),
              m.global(),
              m.test(),
              seed);
      row.add(g.get(5));
      row.add(g.get(8));
      row.add(m.kept().size());
      globals.add(g);
      lisa.addAll(MoranRows.localRows("cluster", clusterId, attrs.get(a), m, seed));
    }
    row.add(MoranRows.seq(globals));
    row.add(MoranRows.seq(lisa));
    return RowFactory.create(row.toArray());
  }
}
