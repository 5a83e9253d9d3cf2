package org.citycluster.stages.verdict;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.config.VerdictOptions;
import org.citycluster.geo.GeodesicMeasures;
import org.citycluster.spark.DeterministicSum;
import org.citycluster.spark.Projection;
import org.citycluster.verdict.GravityCoefficients;
import org.citycluster.verdict.GravitySums;
import org.citycluster.verdict.Linkage;

/**
 * The national fitted gravity model of each {@link Linkage}, from normal-equation sums aggregated
 * over the pairs ({@link GravitySums}): one row of sums per task, summed in a fixed order, reaches
 * the driver, which solves three 3×3 systems.
 *
 * <p>A pair enters the fit of linkage {@code l} when both units have a mass and are on {@code l}'s
 * network, and their centroids are apart (geodesic km, GeographicLib, from the unit with the
 * smaller adcode). The scope ({@link VerdictOptions#fitScope}):
 *
 * <ul>
 *   <li>{@code all_pairs}: every such pair (the residuals then match {@code
 *       city_pairs.rail_gravity_residual}, whose fit has the same scope). The eligible units are
 *       hashed into B blocks (B ≈ units / {@value #UNITS_PER_BLOCK}); each of the B(B+1)/2 block
 *       pairs is one task that loops over its pairs in adcode order and sums their moments. No n×n
 *       table is materialised and no unit list is broadcast.
 *   <li>{@code city_pairs}: the rows of {@code city_pairs} only (linear in n with a bounded
 *       distance band); each moment summed as a decimal (exact addition).
 * </ul>
 *
 * Both are independent of partitioning: local and cluster runs write identical tables.
 */
public final class GravityFit {

  /** Eligible units per block of the all-pairs fit. */
  static final int UNITS_PER_BLOCK = 500;

  private static final String[] MOMENTS = {"s", "z", "y", "ss", "sz", "zz", "sy", "zy", "yy"};

  private static final StructType BLOCK_INPUT =
      new StructType()
          .add("key", DataTypes.StringType, false)
          .add("kind", DataTypes.StringType, false)
          .add("block", DataTypes.IntegerType, true)
          .add("a", DataTypes.StringType, false)
          .add("b", DataTypes.StringType, true)
          .add("lon", DataTypes.DoubleType, true)
          .add("lat", DataTypes.DoubleType, true)
          .add("log_mass", DataTypes.DoubleType, true)
          .add("on_trains_all", DataTypes.BooleanType, true)
          .add("on_trains_hsr", DataTypes.BooleanType, true)
          .add("on_air", DataTypes.BooleanType, true)
          .add("f_trains_all", DataTypes.DoubleType, true)
          .add("f_trains_hsr", DataTypes.DoubleType, true)
          .add("f_air", DataTypes.DoubleType, true);

  private static final StructType SUMS = sumsSchema();

  private GravityFit() {}

  private static StructType sumsSchema() {
    StructType t = new StructType().add("key", DataTypes.StringType, false);
    for (Linkage l : Linkage.values()) {
      t = t.add(l.code() + "_n", DataTypes.LongType, false);
      for (String m : MOMENTS) {
        t = t.add(l.code() + "_" + m, DataTypes.DoubleType, false);
      }
    }
    return t;
  }

  /**
   * The fit per linkage (by ordinal; null where fewer than 4 pairs qualify or the design is
   * degenerate).
   *
   * @param units {@link VerdictUnits#build} rows, or any rows with {@code adcode}, {@code lon},
   *     {@code lat} (degrees), {@code log_mass} (ln √(P·G), null = no mass) and the boolean {@link
   *     VerdictUnits#on} column of every linkage
   * @param cityPairs {@code city_pairs} ({@code adcode_a < adcode_b}, the count columns {@code
   *     trains_all}, {@code trains_hsr}, {@code air_airlines})
   */
  public static GravityCoefficients[] fit(
      Dataset<Row> units, Dataset<Row> cityPairs, String scope) {
    return fit(units, cityPairs, scope, UNITS_PER_BLOCK);
  }

  /** As {@link #fit(Dataset, Dataset, String)} with another block size (tests). */
  static GravityCoefficients[] fit(
      Dataset<Row> units, Dataset<Row> cityPairs, String scope, int unitsPerBlock) {
    GravitySums[] sums = sums(units, cityPairs, scope, unitsPerBlock);
    GravityCoefficients[] fits = new GravityCoefficients[sums.length];
    for (int l = 0; l < sums.length; l++) {
      fits[l] = sums[l].fit();
    }
    return fits;
  }

  /**
   * The normal-equation sums per linkage (by ordinal) behind {@link #fit(Dataset, Dataset,
   * String)}, for callers that solve them with another rule; same arguments.
   */
  public static GravitySums[] sums(Dataset<Row> units, Dataset<Row> cityPairs, String scope) {
    return sums(units, cityPairs, scope, UNITS_PER_BLOCK);
  }

  private static GravitySums[] sums(
      Dataset<Row> units, Dataset<Row> cityPairs, String scope, int unitsPerBlock) {
    Column anyNetwork = lit(false);
    for (Linkage l : Linkage.values()) {
      anyNetwork = anyNetwork.or(col(VerdictUnits.on(l)));
    }
    Dataset<Row> eligible =
        units
            .where(col("log_mass").isNotNull().and(anyNetwork))
            .select(
                col("adcode"),
                col("lon"),
                col("lat"),
                col("log_mass"),
                col(VerdictUnits.on(Linkage.TRAINS_ALL)),
                col(VerdictUnits.on(Linkage.TRAINS_HSR)),
                col(VerdictUnits.on(Linkage.AIR)));
    Dataset<Row> flows =
        cityPairs
            .where(
                col("trains_all").gt(0).or(col("trains_hsr").gt(0)).or(col("air_airlines").gt(0)))
            .select(
                col("adcode_a"),
                col("adcode_b"),
                col("trains_all").cast("double").as("f_trains_all"),
                col("trains_hsr").cast("double").as("f_trains_hsr"),
                col("air_airlines").cast("double").as("f_air"));
    Dataset<Row> sums =
        scope.equals(VerdictOptions.ALL_PAIRS)
            ? allPairsSums(eligible, flows, unitsPerBlock)
            : cityPairsSums(eligible, cityPairs);
    List<Column> total = new ArrayList<>();
    for (Linkage l : Linkage.values()) {
      total.add(sum(l.code() + "_n").as(l.code() + "_n"));
      for (String m : MOMENTS) {
        total.add(DeterministicSum.of(l.code() + "_" + m).as(l.code() + "_" + m));
      }
    }
    Row r = sums.agg(total.get(0), total.subList(1, total.size()).toArray(Column[]::new)).first();
    GravitySums[] out = new GravitySums[Linkage.values().length];
    for (Linkage l : Linkage.values()) {
      double[] m = new double[MOMENTS.length];
      for (int k = 0; k < MOMENTS.length; k++) {
        m[k] =
            r.isNullAt(r.fieldIndex(l.code() + "_" + MOMENTS[k]))
                ? 0
                : r.getDouble(r.fieldIndex(l.code() + "_" + MOMENTS[k]));
      }
      long n =
          r.isNullAt(r.fieldIndex(l.code() + "_n")) ? 0 : r.getLong(r.fieldIndex(l.code() + "_n"));
      out[l.ordinal()] = new GravitySums(n, m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
    }
    return out;
  }

  /** One row of sums per block pair. */
  private static Dataset<Row> allPairsSums(
      Dataset<Row> eligible, Dataset<Row> flows, int unitsPerBlock) {
    long count = eligible.count();
    int blocks = (int) Math.max(1, Math.min(64, (count + unitsPerBlock - 1) / unitsPerBlock));
    Column block = pmod(xxhash64(col("adcode")), lit(blocks)).cast("int");
    Dataset<Row> withBlock = eligible.withColumn("block", block);
    Column[] keys = new Column[blocks];
    for (int q = 0; q < blocks; q++) {
      keys[q] =
          concat_ws(
              "|",
              least(col("block"), lit(q)).cast("string"),
              greatest(col("block"), lit(q)).cast("string"));
    }
    Dataset<Row> unitRows =
        withBlock
            .withColumn("key", explode(array(keys)))
            .select(
                Projection.onto(
                    BLOCK_INPUT,
                    Map.of(
                        "key", col("key"),
                        "kind", lit("unit"),
                        "block", col("block"),
                        "a", col("adcode"),
                        "lon", col("lon"),
                        "lat", col("lat"),
                        "log_mass", col("log_mass"),
                        "on_trains_all", col(VerdictUnits.on(Linkage.TRAINS_ALL)),
                        "on_trains_hsr", col(VerdictUnits.on(Linkage.TRAINS_HSR)),
                        "on_air", col(VerdictUnits.on(Linkage.AIR)))));
    Dataset<Row> blockOf = withBlock.select("adcode", "block");
    Dataset<Row> flowRows =
        flows
            .join(
                blockOf.withColumnRenamed("adcode", "adcode_a").withColumnRenamed("block", "pa"),
                "adcode_a")
            .join(
                blockOf.withColumnRenamed("adcode", "adcode_b").withColumnRenamed("block", "pb"),
                "adcode_b")
            .select(
                Projection.onto(
                    BLOCK_INPUT,
                    Map.of(
                        "key",
                        concat_ws(
                            "|",
                            least(col("pa"), col("pb")).cast("string"),
                            greatest(col("pa"), col("pb")).cast("string")),
                        "kind",
                        lit("flow"),
                        "a",
                        col("adcode_a"),
                        "b",
                        col("adcode_b"),
                        "f_trains_all",
                        col("f_trains_all"),
                        "f_trains_hsr",
                        col("f_trains_hsr"),
                        "f_air",
                        col("f_air"))));
    return unitRows
        .unionByName(flowRows)
        .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
        .flatMapGroups(new BlockPairSums(), Encoders.row(SUMS));
  }

  /** The moments of every eligible pair of one block pair, in adcode order. */
  static final class BlockPairSums implements FlatMapGroupsFunction<String, Row, Row> {
    @Override
    public Iterator<Row> call(String key, Iterator<Row> rows) {
      String[] parts = key.split("\\|");
      int p = Integer.parseInt(parts[0]);
      int q = Integer.parseInt(parts[1]);
      List<Row> left = new ArrayList<>();
      List<Row> right = new ArrayList<>();
      Map<String, double[]> flows = new HashMap<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        if (r.getString(1).equals("flow")) {
          flows.put(
              r.getString(3) + "|" + r.getString(4),
              new double[] {r.getDouble(11), r.getDouble(12), r.getDouble(13)});
        } else {
          if (r.getInt(2) == p) {
            left.add(r);
          }
          if (r.getInt(2) == q && p != q) {
            right.add(r);
          }
        }
      }
      Comparator<Row> byAdcode = Comparator.comparing(r -> r.getString(3));
      left.sort(byAdcode);
      right.sort(byAdcode);
      Linkage[] linkages = Linkage.values();
      GravitySums.Accumulator[] acc = new GravitySums.Accumulator[linkages.length];
      for (int l = 0; l < acc.length; l++) {
        acc[l] = new GravitySums.Accumulator();
      }
      if (p == q) {
        for (int x = 0; x < left.size(); x++) {
          for (int y = x + 1; y < left.size(); y++) {
            addPair(left.get(x), left.get(y), flows, acc);
          }
        }
      } else {
        for (Row a : left) {
          for (Row b : right) {
            addPair(a, b, flows, acc);
          }
        }
      }
      List<Object> out = new ArrayList<>();
      out.add(key);
      for (GravitySums.Accumulator a : acc) {
        GravitySums s = a.sums();
        out.add(s.n());
        for (double m : s.moments()) {
          out.add(m);
        }
      }
      return List.of(RowFactory.create(out.toArray())).iterator();
    }

    private static void addPair(
        Row x, Row y, Map<String, double[]> flows, GravitySums.Accumulator[] acc) {
      Row a = x.getString(3).compareTo(y.getString(3)) < 0 ? x : y;
      Row b = a == x ? y : x;
      double km =
          GeodesicMeasures.distanceKm(
              a.getDouble(5), a.getDouble(6), b.getDouble(5), b.getDouble(6));
      if (!(km > 0)) {
        return;
      }
      double s = a.getDouble(7) + b.getDouble(7);
      double z = Math.log(km);
      double[] f = flows.get(a.getString(3) + "|" + b.getString(3));
      for (int l = 0; l < acc.length; l++) {
        if (a.getBoolean(8 + l) && b.getBoolean(8 + l)) {
          acc[l].add(s, z, Math.log1p(f == null ? 0.0 : f[l]));
        }
      }
    }
  }

  /** One row of sums over the rows of {@code city_pairs} (decimal sums: exact addition). */
  private static Dataset<Row> cityPairsSums(Dataset<Row> eligible, Dataset<Row> cityPairs) {
    Dataset<Row> a = suffixed(eligible, "_a");
    Dataset<Row> b = suffixed(eligible, "_b");
    Dataset<Row> pairs =
        cityPairs
            .select(
                col("adcode_a"),
                col("adcode_b"),
                col("trains_all"),
                col("trains_hsr"),
                col("air_airlines"))
            .join(a, "adcode_a")
            .join(b, "adcode_b")
            .withColumn(
                "km",
                call_udf("cc_geodesic_km", col("lon_a"), col("lat_a"), col("lon_b"), col("lat_b")));
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(lit("city_pairs").as("key"));
    for (Linkage l : Linkage.values()) {
      Column in =
          col(VerdictUnits.on(l) + "_a").and(col(VerdictUnits.on(l) + "_b")).and(col("km").gt(0));
      Column s = col("log_mass_a").plus(col("log_mass_b"));
      Column z = log(col("km"));
      Column y = log1p(coalesce(col(l.pairColumn()), lit(0)).cast("double"));
      Column[] values = {
        s,
        z,
        y,
        s.multiply(s),
        s.multiply(z),
        z.multiply(z),
        s.multiply(y),
        z.multiply(y),
        y.multiply(y)
      };
      aggregates.add(count_if(in).as(l.code() + "_n"));
      for (int k = 0; k < MOMENTS.length; k++) {
        aggregates.add(
            coalesce(sum(when(in, values[k].cast("decimal(30,12)"))), lit(0))
                .cast("double")
                .as(l.code() + "_" + MOMENTS[k]));
      }
    }
    return pairs.agg(
        aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
  }

  private static Dataset<Row> suffixed(Dataset<Row> ds, String suffix) {
    Column[] columns = new Column[ds.columns().length];
    for (int i = 0; i < columns.length; i++) {
      String c = ds.columns()[i];
      columns[i] = col(c).as(c + suffix);
    }
    return ds.select(columns);
  }
}
