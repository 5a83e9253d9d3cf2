package org.citycluster.stages.verdict;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.citycluster.verdict.Linkage;

/**
 * The per-unit inputs of the verdict: one row per unit of {@code cities} with
 *
 * <ul>
 *   <li>{@code adcode}, {@code province_adcode}, {@code lon}/{@code lat} (the centroid, WGS84);
 *   <li>{@code log_mass} = {@code ln √(P·G)} (P persons, G CNY), null without both; {@code
 *       mass_source}: {@code observed} (the unit's own statistics), {@code apportioned} (its
 *       prefecture's P and G times its share of the prefecture's area, summed over the layer's
 *       units of that prefecture: areal weighting, used only where the unit has no statistics of
 *       its own) or {@code none};
 *   <li>{@code on_<linkage>}: on that network (a train, a G/D/C train, an air route calls);
 *   <li>{@code total_<linkage>}: its flows summed over every partner in {@code city_pairs};
 *   <li>{@code island}: no rook neighbour ({@code city_metrics.is_island}).
 * </ul>
 *
 * All of it by joins and aggregates; nothing reaches the driver.
 */
public final class VerdictUnits {

  static final String OBSERVED = "observed";
  static final String APPORTIONED = "apportioned";
  static final String NONE = "none";

  private VerdictUnits() {}

  /** Column holding whether a unit is on {@code l}'s network. */
  public static String on(Linkage l) {
    return "on_" + l.code();
  }

  /** Column holding a unit's total flow for {@code l}. */
  static String total(Linkage l) {
    return "total_" + l.code();
  }

  /**
   * @param cities {@code adcode}, {@code province_adcode}, {@code prefecture_adcode}, {@code
   *     centroid_lon}, {@code centroid_lat}, {@code area_km2}, {@code population}, {@code gdp_cny}
   * @param cityMetrics {@code adcode}, {@code is_island}, {@code rail_strength}, {@code
   *     rail_hsr_strength}, {@code air_strength}
   * @param cityPairs {@code adcode_a}, {@code adcode_b} and the linkage count columns
   * @param parentStatistics {@code adcode}, {@code population}, {@code gdp_cny} of the parent units
   *     (prefectures) when masses are apportioned; null: only observed masses
   */
  static Dataset<Row> build(
      Dataset<Row> cities,
      Dataset<Row> cityMetrics,
      Dataset<Row> cityPairs,
      Dataset<Row> parentStatistics) {
    Column observed =
        col("population")
            .isNotNull()
            .and(col("gdp_cny").isNotNull())
            .and(col("population").gt(0))
            .and(col("gdp_cny").gt(0));
    Dataset<Row> units =
        cities.select(
            col("adcode"),
            col("province_adcode"),
            col("prefecture_adcode"),
            col("centroid_lon").as("lon"),
            col("centroid_lat").as("lat"),
            col("area_km2"),
            when(observed, col("population").cast("double")).as("population_observed"),
            when(observed, col("gdp_cny").cast("double")).as("gdp_observed"));
    Column population = col("population_observed");
    Column gdp = col("gdp_observed");
    Column source = when(col("population_observed").isNotNull(), lit(OBSERVED));
    if (parentStatistics != null) {
      Dataset<Row> prefectureArea =
          units
              .where(col("prefecture_adcode").isNotNull())
              .groupBy("prefecture_adcode")
              .agg(sum("area_km2").as("prefecture_area_km2"));
      Dataset<Row> parents =
          parentStatistics
              .where(col("population").gt(0).and(col("gdp_cny").gt(0)))
              .select(
                  col("adcode").as("prefecture_adcode"),
                  col("population").cast("double").as("parent_population"),
                  col("gdp_cny").cast("double").as("parent_gdp"));
      units =
          units
              .join(prefectureArea, new String[] {"prefecture_adcode"}, "left")
              .join(parents, new String[] {"prefecture_adcode"}, "left");
      Column share = col("area_km2").divide(col("prefecture_area_km2"));
      Column apportionable =
          col("parent_population").isNotNull().and(col("prefecture_area_km2").gt(0));
      population =
          coalesce(population, when(apportionable, col("parent_population").multiply(share)));
      gdp = coalesce(gdp, when(apportionable, col("parent_gdp").multiply(share)));
      source = coalesce(source, when(apportionable, lit(APPORTIONED)));
    }
    Column logMass =
        when(
            population.gt(0).and(gdp.gt(0)),
            org.apache
                .spark
                .sql
                .functions
                .log(population)
                .plus(org.apache.spark.sql.functions.log(gdp))
                .multiply(0.5));
    Dataset<Row> massed =
        units.select(
            col("adcode"),
            col("province_adcode"),
            col("lon"),
            col("lat"),
            logMass.as("log_mass"),
            coalesce(source, lit(NONE)).as("mass_source"));

    Dataset<Row> oriented =
        cityPairs
            .select(
                col("adcode_a").as("adcode"),
                col("trains_all"),
                col("trains_hsr"),
                col("air_airlines"))
            .unionByName(
                cityPairs.select(
                    col("adcode_b").as("adcode"),
                    col("trains_all"),
                    col("trains_hsr"),
                    col("air_airlines")));
    Dataset<Row> totals =
        oriented
            .groupBy("adcode")
            .agg(
                sum(col(Linkage.TRAINS_ALL.pairColumn()).cast("long"))
                    .cast("double")
                    .as(total(Linkage.TRAINS_ALL)),
                sum(col(Linkage.TRAINS_HSR.pairColumn()).cast("long"))
                    .cast("double")
                    .as(total(Linkage.TRAINS_HSR)),
                sum(col(Linkage.AIR.pairColumn()).cast("long"))
                    .cast("double")
                    .as(total(Linkage.AIR)));
    Dataset<Row> metrics =
        cityMetrics.select(
            col("adcode"),
            coalesce(col("is_island"), lit(false)).as("island"),
            coalesce(col("rail_strength"), lit(0)).gt(0).as(on(Linkage.TRAINS_ALL)),
            coalesce(col("rail_hsr_strength"), lit(0)).gt(0).as(on(Linkage.TRAINS_HSR)),
            coalesce(col("air_strength"), lit(0)).gt(0).as(on(Linkage.AIR)));
    Dataset<Row> out = massed.join(metrics, new String[] {"adcode"}, "left");
    out = out.join(totals, new String[] {"adcode"}, "left");
    for (Linkage l : Linkage.values()) {
      out =
          out.withColumn(on(l), coalesce(col(on(l)), lit(false)))
              .withColumn(total(l), coalesce(col(total(l)), lit(0.0)));
    }
    return out.withColumn("island", coalesce(col("island"), lit(false)));
  }
}
