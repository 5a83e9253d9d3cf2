package org.citycluster.jobs;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.geo.GeodesicMeasures;
import org.citycluster.spark.PlanCut;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.distance.DistanceOp;

/**
 * Assigns WGS84 points (stations, airports) to unit polygons: a Sedona spatial join {@code
 * ST_Contains(polygon, point)} (partitioned: the points are spread over the shuffle partitions and
 * the polygons are not forced into a broadcast) (a point in two polygons goes to the lower adcode,
 * as in {@link PrefectureAssignment}); a point in no polygon but within {@code snapKm} (geodesic km
 * to the nearest point of a polygon) of one is snapped to the nearest such unit (ties: lower
 * adcode). Candidates for snapping come from an {@code ST_DWithin} join in degrees with a margin
 * that is safe for every latitude of the points ({@link #marginDegrees}); the exact distance is
 * then {@link #distanceKm}. A point on a polygon's boundary (not contained) snaps at distance 0.
 */
final class PointAssignment {

  /** How a point was assigned. */
  static final String INSIDE = "inside";

  static final String SNAPPED = "snapped";
  static final String EXCLUDED = "excluded";
  static final String UNASSIGNED = "unassigned";

  /** Points to assign: kind (station|airport), point_id, lon, lat (WGS84 degrees). */
  static final StructType POINTS =
      new StructType()
          .add("kind", DataTypes.StringType, false)
          .add("point_id", DataTypes.StringType, false)
          .add("lon", DataTypes.DoubleType, false)
          .add("lat", DataTypes.DoubleType, false);

  /**
   * Assignments: kind, point_id, adcode, how ({@link #INSIDE} or {@link #SNAPPED}), distance_km.
   */
  static final StructType ASSIGNED =
      new StructType()
          .add("kind", DataTypes.StringType, false)
          .add("point_id", DataTypes.StringType, false)
          .add("adcode", DataTypes.StringType, false)
          .add("how", DataTypes.StringType, false)
          .add("distance_km", DataTypes.DoubleType, false);

  private static final GeometryFactory FACTORY = new GeometryFactory();

  private PointAssignment() {}

  /**
   * Assigns the points, in Spark: nothing is collected.
   *
   * @param points rows of {@link #POINTS}
   * @param polygons units: {@code adcode}, {@code geometry} (WGS84 lon/lat)
   * @param snapKm largest snapping distance, km (0 snaps only points on a boundary)
   * @param maxAbsLat largest |latitude| among the points, degrees (for the degree margin)
   * @return {@link #ASSIGNED} rows, one per inside or snapped point (materialised: {@code PlanCut})
   */
  static Dataset<Row> assign(
      Dataset<Row> points, Dataset<Row> polygons, double snapKm, double maxAbsLat) {
    SparkSession spark = points.sparkSession();
    register(spark);
    Dataset<Row> pts =
        points
            .repartition(Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")))
            .withColumn("pos", expr("ST_Point(lon, lat)"));
    Dataset<Row> polys =
        polygons.select(col("adcode").as("poly_adcode"), col("geometry").as("poly_geometry"));

    // no broadcast hint: Sedona plans a spatially partitioned join (or broadcasts the polygons on
    // its own when they are under the broadcast threshold); either way each candidate is an
    // indexed point-in-polygon test, and the points are spread over the shuffle partitions
    Dataset<Row> inside =
        PlanCut.of(
            pts.join(polys, expr("ST_Contains(poly_geometry, pos)"))
                .groupBy("kind", "point_id")
                .agg(min("poly_adcode").as("adcode"))
                .select(
                    col("kind"),
                    col("point_id"),
                    col("adcode"),
                    lit(INSIDE).as("how"),
                    lit(0.0).as("distance_km")));
    Dataset<Row> insideKeys =
        inside.select(col("kind").as("inside_kind"), col("point_id").as("inside_point_id"));
    Dataset<Row> outside =
        pts.join(
            insideKeys,
            col("kind")
                .equalTo(col("inside_kind"))
                .and(col("point_id").equalTo(col("inside_point_id"))),
            "left_anti");
    double margin = marginDegrees(snapKm, maxAbsLat);
    Dataset<Row> snapped =
        outside
            .join(polys, expr("ST_DWithin(poly_geometry, pos, " + margin + ")"))
            .withColumn(
                "distance_km",
                call_udf("cc_point_polygon_km", col("poly_geometry"), col("lon"), col("lat")))
            .filter(col("distance_km").leq(snapKm))
            .withColumn(
                "rank",
                row_number()
                    .over(
                        Window.partitionBy("kind", "point_id")
                            .orderBy(col("distance_km"), col("poly_adcode"))))
            .filter(col("rank").equalTo(1))
            .select(
                col("kind"),
                col("point_id"),
                col("poly_adcode").as("adcode"),
                lit(SNAPPED).as("how"),
                col("distance_km"));
    return PlanCut.of(inside.unionByName(snapped));
  }

  /**
   * A distance in degrees no smaller than the planar lon/lat distance of any pair of points at most
   * {@code km} apart whose latitudes are within 1° of {@code maxAbsLat} or below: a degree of
   * latitude is at least 110 km and one of longitude at least {@code 110 cos φ} km.
   */
  static double marginDegrees(double km, double maxAbsLat) {
    double phi = Math.toRadians(Math.min(Math.abs(maxAbsLat) + 1.0, 89.0));
    return km / (110.0 * Math.cos(phi));
  }

  /**
   * Geodesic distance in km from the point (lon, lat) to the nearest point of {@code polygon} (0
   * inside). The nearest point is found by JTS {@link DistanceOp} in a local equirectangular frame
   * centred on the point (longitudes scaled by cos φ), which is accurate to well under 1% within a
   * few tens of km.
   */
  static double distanceKm(Geometry polygon, double lon, double lat) {
    double scale = Math.cos(Math.toRadians(lat));
    Geometry local = polygon.copy();
    local.apply(
        (org.locationtech.jts.geom.CoordinateFilter)
            c -> {
              c.x = (c.x - lon) * scale;
              c.y = c.y - lat;
            });
    local.geometryChanged();
    Coordinate[] nearest =
        DistanceOp.nearestPoints(local, FACTORY.createPoint(new Coordinate(0, 0)));
    Coordinate p = nearest[0];
    return GeodesicMeasures.distanceKm(lon, lat, lon + p.x / scale, lat + p.y);
  }

  private static void register(SparkSession spark) {
    if (spark.catalog().functionExists("cc_point_polygon_km")) {
      return;
    }
    spark
        .udf()
        .register(
            "cc_point_polygon_km",
            (UDF3<Geometry, Double, Double, Double>)
                (g, lon, lat) -> g == null ? null : distanceKm(g, lon, lat),
            DataTypes.DoubleType);
  }
}
