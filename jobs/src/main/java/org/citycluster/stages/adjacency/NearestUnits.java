package org.citycluster.stages.adjacency;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.adjacency.CentroidDistance;
import org.citycluster.adjacency.NearestNeighbours;
import org.citycluster.geo.GeodesicMeasures;
import org.locationtech.jts.geom.Envelope;

/**
 * The k nearest units of every unit by centroid distance, as a distributed join: the same neighbour
 * lists as {@link NearestNeighbours#kNearest} (WGS84 geodesic km between the centroids, ties broken
 * by adcode, {@code min(k, n − 1)} per unit), with nothing collected to the driver.
 *
 * <p>How: Sedona's {@code ST_KNN} join (k + 1 nearest in plane lon/lat degrees, so the unit itself
 * may be among them) only proposes candidates; its distance is not the geodesic one, and its ties
 * are arbitrary. Its k-th nearest candidate by geodesic distance gives each unit a radius that
 * holds its true k nearest (k units lie within it); a Sedona range join of each unit's {@link
 * NearestNeighbours#searchBox} for that radius with the centroids then finds every unit within the
 * radius, and {@link NearestNeighbours#kNearestOf} ranks them in a task with {@link
 * NearestNeighbours}'s distance and tie-break. A unit with fewer than k candidates (fewer than k +
 * 1 units, or a short {@code ST_KNN} answer) searches the whole globe. Work per unit is bounded by
 * the units in its box (about k).
 */
public final class NearestUnits {

  static final StructType RANKED =
      new StructType()
          .add("adcode_j", DataTypes.StringType, false)
          .add("km", DataTypes.DoubleType, false);

  private NearestUnits() {}

  /**
   * @param units {@code adcode} (distinct), {@code centroid_lon}, {@code centroid_lat} (WGS84
   *     degrees; units with a null coordinate take no part)
   * @param k neighbours per unit, ≥ 1
   * @return {@code adcode_i}, {@code adcode_j} (one of i's k nearest), {@code km} (geodesic
   *     centroid distance from i to j), {@code rank} (1 = nearest): one row per directed pair
   */
  public static Dataset<Row> knn(Dataset<Row> units, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1: " + k);
    }
    Dataset<Row> points =
        units
            .filter(col("centroid_lon").isNotNull().and(col("centroid_lat").isNotNull()))
            .select(
                col("adcode"),
                col("centroid_lon").as("lon"),
                col("centroid_lat").as("lat"),
                expr("ST_Point(centroid_lon, centroid_lat)").as("pt"));
    Dataset<Row> q = prefixed(points, "q_");
    Dataset<Row> o = prefixed(points, "o_");

    UserDefinedFunction km =
        udf(
            (UDF4<Double, Double, Double, Double, Double>) GeodesicMeasures::distanceKm,
            DataTypes.DoubleType);
    // Self-matches are dropped inside the aggregate, not by a filter: a filter above the join is
    // folded into Sedona's KNN join condition, which ignores it (Sedona 1.8.0; the unit itself then
    // comes back at distance 0). Distinct (unit, km) so a repeated answer cannot shrink the radius.
    Dataset<Row> radius =
        q.join(o, expr("ST_KNN(q_pt, o_pt, " + (k + 1) + ", false)"))
            .groupBy("q_adcode")
            .agg(
                array_sort(
                        collect_set(
                            when(
                                col("q_adcode").notEqual(col("o_adcode")),
                                struct(
                                    km.apply(col("q_lon"), col("q_lat"), col("o_lon"), col("o_lat"))
                                        .as("km"),
                                    col("o_adcode")))))
                    .as("proposed"))
            .select(
                col("q_adcode"),
                when(size(col("proposed")).geq(k), expr("try_element_at(proposed, " + k + ").km"))
                    .as("radius_km"));

    UserDefinedFunction box =
        udf(
            (UDF3<Double, Double, Double, Row>)
                (lon, lat, r) -> {
                  Envelope e =
                      NearestNeighbours.searchBox(
                          lon, lat, r == null ? Double.POSITIVE_INFINITY : r);
                  return RowFactory.create(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
                },
            new StructType()
                .add("x0", DataTypes.DoubleType)
                .add("y0", DataTypes.DoubleType)
                .add("x1", DataTypes.DoubleType)
                .add("y1", DataTypes.DoubleType));
    Dataset<Row> boxes =
        q.drop("q_pt")
            .join(radius, new String[] {"q_adcode"}, "left")
            .withColumn("b", box.apply(col("q_lon"), col("q_lat"), col("radius_km")))
            .select(
                col("q_adcode"),
                col("q_lon"),
                col("q_lat"),
                expr("ST_PolygonFromEnvelope(b.x0, b.y0, b.x1, b.y1)").as("q_box"));

    UserDefinedFunction rank =
        udf(
            (UDF4<String, Double, Double, scala.collection.Seq<Row>, List<Row>>)
                (id, lon, lat, candidates) -> ranked(id, lon, lat, candidates, k),
            DataTypes.createArrayType(RANKED, false));
    return boxes
        .join(o, expr("ST_Intersects(q_box, o_pt)"))
        .groupBy("q_adcode", "q_lon", "q_lat")
        .agg(collect_list(struct(col("o_adcode"), col("o_lon"), col("o_lat"))).as("candidates"))
        .select(
            col("q_adcode").as("adcode_i"),
            posexplode(rank.apply(col("q_adcode"), col("q_lon"), col("q_lat"), col("candidates"))))
        .select(
            col("adcode_i"),
            col("col.adcode_j").as("adcode_j"),
            col("col.km").as("km"),
            col("pos").plus(1).as("rank"));
  }

  /** The nearest neighbour of each unit, from {@link #knn}: adcode, nearest_adcode, km. */
  public static Dataset<Row> nearest(Dataset<Row> knn) {
    return knn.filter(col("rank").equalTo(1))
        .select(
            col("adcode_i").as("adcode"),
            col("adcode_j").as("nearest_adcode"),
            col("km").as("nearest_centroid_km"));
  }

  /** The ranking task: {@link NearestNeighbours#kNearestOf} over the collected candidates. */
  static List<Row> ranked(
      String id, double lon, double lat, scala.collection.Seq<Row> candidates, int k) {
    List<NearestNeighbours.Centroid> cs = new ArrayList<>();
    for (Row r : scala.jdk.javaapi.CollectionConverters.asJava(candidates)) {
      cs.add(new NearestNeighbours.Centroid(r.getString(0), r.getDouble(1), r.getDouble(2)));
    }
    List<Row> rows = new ArrayList<>();
    for (CentroidDistance d : NearestNeighbours.kNearestOf(id, lon, lat, cs, k)) {
      rows.add(RowFactory.create(d.to(), d.km()));
    }
    return rows;
  }

  private static Dataset<Row> prefixed(Dataset<Row> ds, String prefix) {
    List<Column> columns = new ArrayList<>();
    for (String c : ds.columns()) {
      columns.add(col(c).as(prefix + c));
    }
    return ds.select(columns.toArray(Column[]::new));
  }
}
