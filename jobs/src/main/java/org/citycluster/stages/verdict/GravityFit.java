package org.citycluster.stages.verdict;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.citycluster.config.VerdictOptions;
import org.citycluster.verdict.GravityCoefficients;
import org.citycluster.verdict.GravitySums;
import org.citycluster.verdict.Linkage;

/**
 * The national fitted gravity model of each {@link Linkage}, from normal-equation sums aggregated
 * over a Dataset of pairs ({@link GravitySums}): one row of sums reaches the driver, which solves
 * three 3×3 systems.
 *
 * <p>A pair enters the fit of linkage {@code l} when both units have a mass and are on {@code l}'s
 * network, and their centroids are apart. The scope ({@link VerdictOptions#fitScope}): {@code
 * all_pairs} = every such pair of units (a cross join; the residuals then match {@code
 * city_pairs.rail_gravity_residual}, whose fit has the same scope), or {@code city_pairs} = the
 * rows of {@code city_pairs} only. Each moment is summed as {@code decimal(38,18)}: exact addition,
 * so the result does not depend on partitioning (local and cluster runs write identical tables).
 */
final class GravityFit {

  private static final String[] MOMENTS = {"s", "z", "y", "ss", "sz", "zz", "sy", "zy", "yy"};

  private GravityFit() {}

  /**
   * The fit per linkage (by ordinal; null where fewer than 4 pairs qualify or the design is
   * degenerate).
   *
   * @param units {@link VerdictUnits#build} rows
   * @param cityPairs {@code city_pairs} ({@code adcode_a < adcode_b}, the count columns)
   */
  static GravityCoefficients[] fit(Dataset<Row> units, Dataset<Row> cityPairs, String scope) {
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
    Dataset<Row> a = suffixed(eligible, "_a");
    Dataset<Row> b = suffixed(eligible, "_b");
    Dataset<Row> flows =
        cityPairs.select(
            col("adcode_a"),
            col("adcode_b"),
            col("trains_all"),
            col("trains_hsr"),
            col("air_airlines"));
    Dataset<Row> pairs;
    if (scope.equals(VerdictOptions.ALL_PAIRS)) {
      pairs =
          a.crossJoin(b)
              .where(col("adcode_a").lt(col("adcode_b")))
              .join(flows, new String[] {"adcode_a", "adcode_b"}, "left");
    } else {
      pairs = flows.join(a, "adcode_a").join(b, "adcode_b");
    }
    pairs =
        pairs.withColumn(
            "km",
            call_udf("cc_geodesic_km", col("lon_a"), col("lat_a"), col("lon_b"), col("lat_b")));
    List<Column> aggregates = new ArrayList<>();
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
            coalesce(sum(when(in, values[k].cast("decimal(38,18)"))), lit(0))
                .cast("double")
                .as(l.code() + "_" + MOMENTS[k]));
      }
    }
    Row r =
        pairs
            .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
            .first();
    GravityCoefficients[] fits = new GravityCoefficients[Linkage.values().length];
    for (Linkage l : Linkage.values()) {
      double[] m = new double[MOMENTS.length];
      for (int k = 0; k < MOMENTS.length; k++) {
        m[k] = r.getDouble(r.fieldIndex(l.code() + "_" + MOMENTS[k]));
      }
      GravitySums sums =
          new GravitySums(
              r.getLong(r.fieldIndex(l.code() + "_n")),
              m[0],
              m[1],
              m[2],
              m[3],
              m[4],
              m[5],
              m[6],
              m[7],
              m[8]);
      fits[l.ordinal()] = sums.fit();
    }
    return fits;
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
