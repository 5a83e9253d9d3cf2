package org.citycluster.jobs;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.dq.DqIssue;
import org.citycluster.linkage.Station;
import org.citycluster.linkage.StationReliability;
import org.citycluster.spark.PlanCut;

/**
 * The {@code point_assignments} table of the linkage stage as a Dataset: every station and airport
 * with the unit {@link PointAssignment} gave it (a left join of the points with the assignments;
 * nothing collected), its dq rows (computed per row in tasks), the per-unit station and airport
 * counts (an aggregate) and the counts per kind and outcome (at most 8 rows to the driver).
 */
final class LinkageAssignments {

  /** Points: kind, point_id, name (label), WGS84 lon/lat, reliable (false: excluded station). */
  static final StructType POINTS =
      new StructType()
          .add("kind", DataTypes.StringType, false)
          .add("point_id", DataTypes.StringType, false)
          .add("name", DataTypes.StringType, true)
          .add("lon", DataTypes.DoubleType, false)
          .add("lat", DataTypes.DoubleType, false)
          .add("reliable", DataTypes.BooleanType, false);

  private LinkageAssignments() {}

  /**
   * The assignment table.
   *
   * @param stations station {@link #POINTS}
   * @param airports airport {@link #POINTS}
   * @param polygons units: {@code adcode}, {@code geometry} (WGS84)
   * @param snapKm largest snapping distance, km
   * @return {@code LinkageJob.ASSIGNMENTS} columns (materialised), one row per point
   */
  static Dataset<Row> of(
      Dataset<Row> stations, Dataset<Row> airports, Dataset<Row> polygons, double snapKm) {
    Dataset<Row> points = PlanCut.of(stations.unionByName(airports));
    Dataset<Row> reliable = points.where(col("reliable"));
    Row lat = reliable.agg(max(abs(col("lat")))).first();
    double maxAbsLat = lat.isNullAt(0) ? 0 : lat.getDouble(0);
    Dataset<Row> assigned =
        PointAssignment.assign(
            reliable.select("kind", "point_id", "lon", "lat"), polygons, snapKm, maxAbsLat);
    return PlanCut.of(
        points
            .join(assigned, new String[] {"kind", "point_id"}, "left")
            .select(
                col("kind"),
                col("point_id"),
                col("name"),
                col("lon"),
                col("lat"),
                col("adcode"),
                when(col("reliable"), coalesce(col("how"), lit(PointAssignment.UNASSIGNED)))
                    .otherwise(lit(PointAssignment.EXCLUDED))
                    .as("how"),
                col("distance_km")));
  }

  /** Points per kind and outcome: "kind|how" → count (at most 8 entries). */
  static Map<String, Long> counts(Dataset<Row> assignments) {
    Map<String, Long> out = new HashMap<>();
    for (Row r : assignments.groupBy("kind", "how").count().collectAsList()) {
      out.put(r.getString(0) + "|" + r.getString(1), r.getLong(2));
    }
    return out;
  }

  /** {@code adcode}, {@code stations}, {@code airports}: assigned points per unit. */
  static Dataset<Row> perUnit(Dataset<Row> assignments) {
    return assignments
        .where(col("adcode").isNotNull())
        .groupBy("adcode")
        .agg(
            sum(when(col("kind").equalTo(LinkageJob.STATION), 1).otherwise(0))
                .cast("int")
                .as("stations"),
            sum(when(col("kind").equalTo(LinkageJob.AIRPORT), 1).otherwise(0))
                .cast("int")
                .as("airports"));
  }

  /**
   * dq_issues rows of one assignment row: snapped points (fallback) and unassigned ones
   * (unmatched); record id = station name, or "airport &lt;id&gt;".
   */
  static final class Issues implements FlatMapFunction<Row, Row> {
    private final String stationsPath;
    private final String airportsPath;
    private final double snapKm;

    Issues(String stationsPath, String airportsPath, double snapKm) {
      this.stationsPath = stationsPath;
      this.airportsPath = airportsPath;
      this.snapKm = snapKm;
    }

    @Override
    public Iterator<Row> call(Row r) {
      String how = r.getAs("how");
      boolean station = LinkageJob.STATION.equals(r.getAs("kind"));
      String source = station ? stationsPath : airportsPath;
      String pointId = r.getAs("point_id");
      String recordId = station ? pointId : "airport " + pointId;
      double lon = r.getAs("lon");
      double lat = r.getAs("lat");
      String value = String.format(Locale.ROOT, "%.6f %.6f", lon, lat);
      if (PointAssignment.SNAPPED.equals(how)) {
        return List.of(
                RowFactory.create(
                    source,
                    recordId,
                    "lon/lat",
                    String.format(
                        Locale.ROOT,
                        "outside every unit polygon; assigned to the nearest unit %s at %.3f km"
                            + " (<= %s km)",
                        r.<String>getAs("adcode"),
                        r.<Double>getAs("distance_km"),
                        snapKm),
                    "fallback",
                    value))
            .iterator();
      }
      if (PointAssignment.UNASSIGNED.equals(how)) {
        return List.of(
                RowFactory.create(
                    source,
                    recordId,
                    "lon/lat",
                    "outside every unit polygon and more than "
                        + snapKm
                        + " km from any; not"
                        + " assigned",
                    "unmatched",
                    value))
            .iterator();
      }
      return java.util.Collections.emptyIterator();
    }
  }

  /** A station as a point of {@link LinkageAssignments#POINTS}, reliable or not. */
  static final class StationPoint implements MapFunction<Row, Row> {
    private final StationReliability rule;

    StationPoint(StationReliability rule) {
      this.rule = rule;
    }

    @Override
    public Row call(Row r) {
      Station s = station(r);
      return RowFactory.create(
          LinkageJob.STATION, s.name(), s.name(), s.lon(), s.lat(), rule.isReliable(s));
    }
  }

  /** An OpenFlights place as a point; the label is "IATA name" where it has an IATA code. */
  static final class AirportPoint implements MapFunction<Row, Row> {
    @Override
    public Row call(Row r) {
      String iata = r.getAs("iata");
      String name = r.getAs("name");
      return RowFactory.create(
          LinkageJob.AIRPORT,
          String.valueOf(r.<Integer>getAs("id")),
          iata == null ? name : iata + " " + name,
          r.<Double>getAs("lon"),
          r.<Double>getAs("lat"),
          true);
    }
  }

  /** {@link StationReliability#exclusions} of one station, as dq rows. */
  static final class Exclusions implements FlatMapFunction<Row, Row> {
    private final StationReliability rule;
    private final String source;

    Exclusions(StationReliability rule, String source) {
      this.rule = rule;
      this.source = source;
    }

    @Override
    public Iterator<Row> call(Row r) {
      List<Row> out = new ArrayList<>(1);
      for (DqIssue i : rule.exclusions(List.of(station(r)), source)) {
        out.add(
            RowFactory.create(
                i.source(), i.recordId(), i.field(), i.problem(), i.action(), i.value()));
      }
      return out.iterator();
    }
  }

  private static Station station(Row r) {
    return new Station(
        r.getAs("name"),
        r.<Double>getAs("lon"),
        r.<Double>getAs("lat"),
        r.<Double>getAs("raw_lon"),
        r.<Double>getAs("raw_lat"),
        r.getAs("coord_method"),
        r.getAs("qa_min_neighbour_km"));
  }
}
