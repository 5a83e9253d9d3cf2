package org.citycluster.stages.linkage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.linkage.AirRoute;
import org.citycluster.linkage.Airport;
import org.citycluster.linkage.Station;
import org.citycluster.linkage.TimetableCall;
import org.citycluster.linkage.Train;
import org.citycluster.spark.PlanCut;

/**
 * The parsed linkage records as Datasets, so that everything after parsing runs in tasks. The
 * records are sliced ({@code parallelize}; at least {@code spark.sql.shuffle.partitions} slices,
 * about 20,000 rows or stops each) and materialised once: each task receives its slice only, and no
 * plan carries the records as a local relation. The lists themselves are the readers' output,
 * O(input file) on the driver until this copy; see {@code LinkageInputs}.
 */
public final class LinkageFrames {

  /** Stations: name, WGS84 lon/lat (degrees), coord_method, qa_min_neighbour_km, file order. */
  public static final StructType STATIONS =
      new StructType()
          .add("name", DataTypes.StringType, false)
          .add("lon", DataTypes.DoubleType, false)
          .add("lat", DataTypes.DoubleType, false)
          .add("raw_lon", DataTypes.DoubleType, false)
          .add("raw_lat", DataTypes.DoubleType, false)
          .add("coord_method", DataTypes.StringType, false)
          .add("qa_min_neighbour_km", DataTypes.DoubleType, true);

  /** Trains: a running id, the code, the collapsed stop list, the collapsed row count. */
  public static final StructType TRAINS =
      new StructType()
          .add("train_id", DataTypes.IntegerType, false)
          .add("code", DataTypes.StringType, false)
          .add("stations", DataTypes.createArrayType(DataTypes.StringType, false), false)
          .add("collapsed_stops", DataTypes.IntegerType, false);

  /** Timetable rows with their position in the file ({@code ord}, 0-based). */
  public static final StructType TIMETABLE =
      new StructType()
          .add("ord", DataTypes.IntegerType, false)
          .add("station", DataTypes.StringType, false)
          .add("train_code", DataTypes.StringType, false)
          .add("train_type", DataTypes.StringType, true)
          .add("call_type", DataTypes.StringType, true)
          .add("arr", DataTypes.IntegerType, true)
          .add("dep", DataTypes.IntegerType, true);

  /** OpenFlights places: id, IATA (nullable), name, WGS84 lon/lat, type. */
  public static final StructType AIRPORTS =
      new StructType()
          .add("id", DataTypes.IntegerType, false)
          .add("iata", DataTypes.StringType, true)
          .add("name", DataTypes.StringType, true)
          .add("lon", DataTypes.DoubleType, false)
          .add("lat", DataTypes.DoubleType, false)
          .add("type", DataTypes.StringType, true);

  /** Route records: airline, origin and destination ids, codeshare flag. */
  public static final StructType ROUTES =
      new StructType()
          .add("airline", DataTypes.StringType, true)
          .add("src_id", DataTypes.IntegerType, false)
          .add("dst_id", DataTypes.IntegerType, false)
          .add("codeshare", DataTypes.BooleanType, false);

  private LinkageFrames() {}

  /** The stations as {@link #STATIONS} rows. */
  public static Dataset<Row> stations(SparkSession spark, List<Station> stations) {
    return frame(
        spark,
        stations,
        s ->
            RowFactory.create(
                s.name(),
                s.lon(),
                s.lat(),
                s.rawLon(),
                s.rawLat(),
                s.coordMethod(),
                s.qaMinNeighbourKm()),
        STATIONS);
  }

  /** The trains as {@link #TRAINS} rows, {@code train_id} = position in the list. */
  public static Dataset<Row> trains(SparkSession spark, List<Train> trains) {
    List<Row> rows = new ArrayList<>(trains.size());
    for (int i = 0; i < trains.size(); i++) {
      Train t = trains.get(i);
      rows.add(
          RowFactory.create(i, t.code(), t.stations().toArray(String[]::new), t.collapsedStops()));
    }
    long stops = 0;
    for (Train t : trains) {
      stops += t.stations().size();
    }
    return frame(spark, rows, r -> r, TRAINS, stops);
  }

  /** The timetable rows as {@link #TIMETABLE} rows, {@code ord} = position in the list. */
  public static Dataset<Row> timetable(SparkSession spark, List<TimetableCall> calls) {
    List<Row> rows = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      TimetableCall c = calls.get(i);
      rows.add(
          RowFactory.create(
              i,
              c.station(),
              c.trainCode(),
              c.trainType(),
              c.callType() == null ? null : c.callType().name(),
              c.arr(),
              c.dep()));
    }
    return frame(spark, rows, r -> r, TIMETABLE);
  }

  /** One {@link #TIMETABLE} row back as a call. */
  public static TimetableCall call(Row r) {
    return new TimetableCall(
        r.getAs("station"),
        r.getAs("train_code"),
        r.getAs("train_type"),
        r.isNullAt(r.fieldIndex("call_type"))
            ? null
            : TimetableCall.CallType.valueOf(r.getAs("call_type")),
        r.getAs("arr"),
        r.getAs("dep"));
  }

  /** The OpenFlights places as {@link #AIRPORTS} rows. */
  public static Dataset<Row> airports(SparkSession spark, List<Airport> airports) {
    return frame(
        spark,
        airports,
        a -> RowFactory.create(a.id(), a.iata(), a.name(), a.lon(), a.lat(), a.type()),
        AIRPORTS);
  }

  /** The routes as {@link #ROUTES} rows. */
  public static Dataset<Row> routes(SparkSession spark, List<AirRoute> routes) {
    return frame(
        spark,
        routes,
        r -> RowFactory.create(r.airline(), r.srcId(), r.dstId(), r.codeshare()),
        ROUTES);
  }

  private static <T> Dataset<Row> frame(
      SparkSession spark, List<T> items, Function<T, Row> row, StructType schema) {
    return frame(spark, items, row, schema, items.size());
  }

  /**
   * The rows sliced so that a slice holds about {@link #SLICE_WEIGHT} units of {@code weight}
   * (rows, or stops for the trains) and there are at least {@code spark.sql.shuffle.partitions}
   * slices, materialised once ({@code PlanCut}): the tasks that read them later read executor
   * blocks, and no task carries more than a slice.
   */
  private static <T> Dataset<Row> frame(
      SparkSession spark, List<T> items, Function<T, Row> row, StructType schema, long weight) {
    List<Row> rows = new ArrayList<>(items.size());
    for (T item : items) {
      rows.add(row.apply(item));
    }
    long bySize = (weight + SLICE_WEIGHT - 1) / SLICE_WEIGHT;
    int partitions = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
    int slices =
        (int) Math.max(1, Math.min(Math.max(partitions, bySize), Math.max(1, rows.size())));
    return PlanCut.of(
        spark.createDataFrame(
            JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, slices),
            schema));
  }

  /** Rows (or stops) per slice of a frame. */
  private static final long SLICE_WEIGHT = 20_000;
}
