package org.citycluster.stages.linkage;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.dq.DqIssue;
import org.citycluster.linkage.AirPairCounts;
import org.citycluster.linkage.AirRoute;
import org.citycluster.linkage.RailPairCounts;
import org.citycluster.linkage.TimetableCall;
import org.citycluster.linkage.Train;
import org.citycluster.linkage.TravelTimes;
import org.citycluster.linkage.UnitPair;
import org.citycluster.spark.PlanCut;

/**
 * The rail, timetable and air counters of {@code org.citycluster.linkage} run per train and per
 * unit pair in tasks, their results summed (or minimised) with Spark aggregates: the same counts as
 * {@link RailPairCounts}, {@link TravelTimes} and {@link AirPairCounts} over the whole input, with
 * nothing collected. The station → unit and airport → unit maps are Datasets joined to the stops,
 * calls and routes. Counts are integers, so the sums do not depend on the partitioning.
 */
public final class LinkageCounters {

  /**
   * Rail counts.
   *
   * @param pairs {@code adcode_a < adcode_b}, {@code trains_all}, {@code trains_hsr} (int): pairs
   *     sharing at least one train
   * @param units {@code adcode}, {@code rail_strength}, {@code rail_hsr_strength}, {@code
   *     rail_degree}, {@code rail_hsr_degree} (int), {@code rail_connectivity} (long): units called
   *     at by at least one train ({@link RailPairCounts#units()})
   */
  public record Rail(Dataset<Row> pairs, Dataset<Row> units) {}

  /**
   * Timetable travel times.
   *
   * @param pairs {@code adcode_a < adcode_b}, {@code min_travel_minutes} (int)
   * @param issues {@code ReferenceFrames.ISSUES} rows of {@link TravelTimes#issues()}
   */
  public record Travel(Dataset<Row> pairs, Dataset<Row> issues) {}

  /**
   * Air counts.
   *
   * @param pairs {@code adcode_a < adcode_b}, {@code air_routes}, {@code air_airlines} (int)
   * @param units {@code adcode}, {@code air_degree}, {@code air_strength}, {@code air_routes} (int)
   */
  public record Air(Dataset<Row> pairs, Dataset<Row> units) {}

  /** One train's contribution: a unit (adcode_b null) or a pair, with the train's G/D/C flag. */
  private static final StructType TRAIN_PARTS =
      new StructType()
          .add("adcode_a", DataTypes.StringType, false)
          .add("adcode_b", DataTypes.StringType, true)
          .add("hsr", DataTypes.IntegerType, false);

  /** One train's timetable output: a pair time, or (adcode_a null) a dq row. */
  private static final StructType TRAVEL_PARTS =
      new StructType()
          .add("adcode_a", DataTypes.StringType, true)
          .add("adcode_b", DataTypes.StringType, true)
          .add("minutes", DataTypes.IntegerType, true)
          .add("source", DataTypes.StringType, true)
          .add("record_id", DataTypes.StringType, true)
          .add("field", DataTypes.StringType, true)
          .add("problem", DataTypes.StringType, true)
          .add("action", DataTypes.StringType, true)
          .add("value", DataTypes.StringType, true);

  private static final StructType AIR_PAIR =
      new StructType()
          .add("adcode_a", DataTypes.StringType, false)
          .add("adcode_b", DataTypes.StringType, false)
          .add("air_routes", DataTypes.IntegerType, false)
          .add("air_airlines", DataTypes.IntegerType, false);

  private LinkageCounters() {}

  /**
   * Rail counts: the stops of {@code trains} ({@code LinkageFrames.TRAINS}) joined to {@code
   * stationUnit}, grouped by train; {@link RailPairCounts#trainUnits} per train in a task; sums per
   * pair and per unit.
   *
   * @param stationUnit {@code station}, {@code adcode}: reliable assigned stations only
   */
  public static Rail rail(Dataset<Row> trains, Dataset<Row> stationUnit) {
    Dataset<Row> called =
        trains
            .select(col("train_id"), col("code"), explode(col("stations")).as("station"))
            .join(stationUnit, "station")
            .groupBy("train_id", "code")
            .agg(collect_list("adcode").as("units"));
    // one aggregate for both: unit rows (adcode_b null) and pair rows
    Dataset<Row> sums =
        PlanCut.of(
            called
                .select("code", "units")
                .flatMap(new TrainParts(), Encoders.row(TRAIN_PARTS))
                .groupBy("adcode_a", "adcode_b")
                .agg(count(lit(1)).cast("int").as("trains"), sum("hsr").cast("int").as("hsr")));
    Dataset<Row> pairs =
        sums.where(col("adcode_b").isNotNull())
            .select(
                col("adcode_a"),
                col("adcode_b"),
                col("trains").as("trains_all"),
                col("hsr").as("trains_hsr"));
    Dataset<Row> strength =
        sums.where(col("adcode_b").isNull())
            .select(
                col("adcode_a").as("adcode"),
                col("trains").as("rail_strength"),
                col("hsr").as("rail_hsr_strength"));
    Dataset<Row> ends =
        pairs
            .select(col("adcode_a").as("adcode"), col("trains_all"), col("trains_hsr"))
            .unionByName(
                pairs.select(col("adcode_b").as("adcode"), col("trains_all"), col("trains_hsr")));
    Dataset<Row> degree =
        ends.groupBy("adcode")
            .agg(
                count(lit(1)).cast("int").as("rail_degree"),
                sum(when(col("trains_hsr").gt(0), 1).otherwise(0))
                    .cast("int")
                    .as("rail_hsr_degree"),
                sum(col("trains_all").cast("long")).as("rail_connectivity"));
    Dataset<Row> units =
        PlanCut.of(
            strength
                .join(degree, new String[] {"adcode"}, "left")
                .select(
                    col("adcode"),
                    col("rail_strength"),
                    col("rail_hsr_strength"),
                    coalesce(col("rail_degree"), lit(0)).as("rail_degree"),
                    coalesce(col("rail_hsr_degree"), lit(0)).as("rail_hsr_degree"),
                    coalesce(col("rail_connectivity"), lit(0L)).as("rail_connectivity")));
    return new Rail(pairs, units);
  }

  /**
   * Travel times: the calls of {@code timetable} ({@code LinkageFrames.TIMETABLE}) with their
   * station's unit, grouped by train code; {@link TravelTimes#train} per train in a task (calls in
   * file order); the minimum per pair.
   *
   * @param stationUnit {@code station}, {@code adcode}
   * @param source file name for the dq rows
   */
  public static Travel travel(Dataset<Row> timetable, Dataset<Row> stationUnit, String source) {
    Dataset<Row> grouped =
        timetable
            .join(stationUnit, new String[] {"station"}, "left")
            .groupBy("train_code")
            .agg(
                collect_list(
                        struct(
                            "ord",
                            "station",
                            "train_code",
                            "train_type",
                            "call_type",
                            "arr",
                            "dep",
                            "adcode"))
                    .as("calls"));
    Dataset<Row> parts =
        PlanCut.of(
            grouped.select("calls").flatMap(new TrainTimes(source), Encoders.row(TRAVEL_PARTS)));
    Dataset<Row> pairs =
        parts
            .where(col("adcode_a").isNotNull())
            .groupBy("adcode_a", "adcode_b")
            .agg(min("minutes").as("min_travel_minutes"));
    Dataset<Row> issues =
        parts
            .where(col("adcode_a").isNull())
            .select("source", "record_id", "field", "problem", "action", "value");
    return new Travel(PlanCut.of(pairs), issues);
  }

  /**
   * Air counts: the routes ({@code LinkageFrames.ROUTES}) joined to the units of both airports,
   * grouped by unit pair; {@link AirPairCounts#of} per pair in a task; sums per unit.
   *
   * @param airportUnit {@code airport_id} (int), {@code adcode}
   */
  public static Air air(Dataset<Row> routes, Dataset<Row> airportUnit) {
    Dataset<Row> grouped =
        routes
            .join(
                airportUnit.select(col("airport_id").as("src_id"), col("adcode").as("unit_src")),
                "src_id")
            .join(
                airportUnit.select(col("airport_id").as("dst_id"), col("adcode").as("unit_dst")),
                "dst_id")
            .where(col("unit_src").notEqual(col("unit_dst")))
            .groupBy(
                least(col("unit_src"), col("unit_dst")).as("adcode_a"),
                greatest(col("unit_src"), col("unit_dst")).as("adcode_b"))
            .agg(
                collect_list(
                        struct("airline", "src_id", "dst_id", "codeshare", "unit_src", "unit_dst"))
                    .as("routes"));
    Dataset<Row> pairs = PlanCut.of(grouped.map(new AirPair(), Encoders.row(AIR_PAIR)));
    Dataset<Row> ends =
        pairs
            .select(col("adcode_a").as("adcode"), col("air_routes"), col("air_airlines"))
            .unionByName(
                pairs.select(col("adcode_b").as("adcode"), col("air_routes"), col("air_airlines")));
    Dataset<Row> units =
        PlanCut.of(
            ends.groupBy("adcode")
                .agg(
                    count(lit(1)).cast("int").as("air_degree"),
                    sum("air_airlines").cast("int").as("air_strength"),
                    sum("air_routes").cast("int").as("air_routes")));
    return new Air(pairs, units);
  }

  /** {@link RailPairCounts#trainUnits} of one train, as unit and pair rows. */
  private static final class TrainParts implements FlatMapFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Row r) {
      String code = r.getString(0);
      int hsr = Train.isHighSpeed(code) ? 1 : 0;
      String[] units = RailPairCounts.trainUnits(r.<String>getList(1));
      List<Row> out = new ArrayList<>(units.length * (units.length + 1) / 2);
      for (int x = 0; x < units.length; x++) {
        out.add(RowFactory.create(units[x], null, hsr));
        for (int y = x + 1; y < units.length; y++) {
          out.add(RowFactory.create(units[x], units[y], hsr));
        }
      }
      return out.iterator();
    }
  }

  /** {@link TravelTimes#train} of one train, as pair and dq rows. */
  private static final class TrainTimes implements FlatMapFunction<Row, Row> {
    private final String source;

    TrainTimes(String source) {
      this.source = source;
    }

    @Override
    public Iterator<Row> call(Row r) {
      List<Row> calls = new ArrayList<>(r.<Row>getList(0));
      calls.sort(Comparator.comparingInt(c -> c.<Integer>getAs("ord")));
      List<TimetableCall> train = new ArrayList<>(calls.size());
      Map<String, String> unit = new HashMap<>();
      for (Row c : calls) {
        train.add(LinkageFrames.call(c));
        String adcode = c.getAs("adcode");
        if (adcode != null) {
          unit.put(c.getAs("station"), adcode);
        }
      }
      TravelTimes.TrainTimes times = TravelTimes.train(train, unit::get, source);
      List<Row> out = new ArrayList<>();
      for (Map.Entry<UnitPair, Integer> e : times.minutes().entrySet()) {
        out.add(
            RowFactory.create(
                e.getKey().a(), e.getKey().b(), e.getValue(), null, null, null, null, null, null));
      }
      for (DqIssue i : times.issues()) {
        out.add(
            RowFactory.create(
                null,
                null,
                null,
                i.source(),
                i.recordId(),
                i.field(),
                i.problem(),
                i.action(),
                i.value()));
      }
      return out.iterator();
    }
  }

  /** {@link AirPairCounts#of} over one unit pair's routes. */
  private static final class AirPair implements MapFunction<Row, Row> {
    @Override
    public Row call(Row r) {
      List<AirRoute> routes = new ArrayList<>();
      Map<Integer, String> unit = new HashMap<>();
      for (Row x : r.<Row>getList(2)) {
        routes.add(
            new AirRoute(
                x.getAs("airline"), x.getAs("src_id"), x.getAs("dst_id"), x.getAs("codeshare")));
        unit.put(x.getAs("src_id"), x.getAs("unit_src"));
        unit.put(x.getAs("dst_id"), x.getAs("unit_dst"));
      }
      List<AirPairCounts.Pair> pairs = AirPairCounts.of(routes, unit).pairs();
      if (pairs.size() != 1) {
        throw new IllegalStateException(
            "routes of "
                + r.getString(0)
                + "-"
                + r.getString(1)
                + " gave "
                + pairs.size()
                + " unit pairs");
      }
      AirPairCounts.Pair p = pairs.get(0);
      return RowFactory.create(p.adcodeA(), p.adcodeB(), p.airRoutes(), p.airAirlines());
    }
  }
}
