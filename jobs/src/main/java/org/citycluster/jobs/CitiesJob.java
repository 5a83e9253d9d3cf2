package org.citycluster.jobs;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.citycluster.config.Level;
import org.citycluster.spark.GeometryFunctions;
import org.citycluster.stats.AdcodeAliases;

/**
 * Builds the {@code cities} table: one row per unit of the run's level.
 *
 * <p>Contract: boundaries in (one row per feature, from {@link
 * org.citycluster.spark.BoundaryReader}, geometry in the declared CRS), cities and dq issues out.
 * Each feature's geometry is validated, repaired where invalid (recorded, together with what the
 * reader left out: empty parts, rings) and converted to WGS84; features without a valid 6-digit
 * adcode, with a geometry the reader could not read, a non-polygonal, unrepairable or non-finite
 * geometry, coordinates out of lon/lat range or swapped lat/lon, or repeating an adcode already
 * seen are quarantined to {@code dq_issues}. A {@code mainland} value that is not a yes/no value is
 * a dq row (the unit is taken as mainland). Accepted units get geodesic area and perimeter,
 * centroid and point on surface, and the resolved statistics (left join on adcode). At county level
 * each unit is assigned to the prefecture polygon containing its point on surface (a Sedona spatial
 * join) and the result is cross-checked against the source's {@code prefecture_adcode} attribute
 * and the adcode prefix; disagreements are reported.
 */
public final class CitiesJob {

  /** The job's outputs: the cities table (not yet conformed) and its data-quality issues. */
  public record Output(Dataset<Row> cities, Dataset<Row> issues) {}

  private static final List<String> OPTIONAL_STRING_ATTRIBUTES =
      List.of(
          "name",
          "name_short",
          "name_pinyin",
          "province_adcode",
          "province_name",
          "kind",
          "prefecture_adcode",
          "src_adcode");

  private CitiesJob() {}

  /**
   * @param boundaries features from {@code BoundaryReader}
   * @param sourceName the boundary file as configured (for dq_issues)
   * @param crs the declared CRS of the boundary coordinates
   * @param statistics resolved statistics ({@code ReferenceFrames.STATISTICS})
   * @param statsYear the configured target year
   * @param prefectures at county level the prefecture units ({@code adcode}, {@code geometry}
   *     WGS84) to assign counties to; null at prefecture level
   */
  public static Output build(
      Dataset<Row> boundaries,
      String sourceName,
      String crs,
      AdcodeAliases aliases,
      Dataset<Row> statistics,
      int statsYear,
      Level level,
      Dataset<Row> prefectures) {
    GeometryFunctions.register(boundaries.sparkSession());
    UserDefinedFunction canonical =
        udf((UDF1<String, String>) aliases::canonical, DataTypes.StringType);

    Dataset<Row> features = withOptionalColumns(boundaries);
    Column adcodeText = trim(col("adcode").cast("string"));
    Dataset<Row> prepared =
        features
            .withColumn("adcode_as_written", adcodeText)
            .withColumn("adcode", canonical.apply(adcodeText))
            .withColumn("prepared", call_udf("cc_prepare_geometry", col("geometry"), lit(crs)))
            .withColumn(
                "reject_field",
                when(col("adcode").isNull().or(not6Digits(col("adcode"))), lit("adcode"))
                    .when(col("geometry_read_status").equalTo("QUARANTINED"), lit("geometry"))
                    .when(col("prepared.status").equalTo("QUARANTINED"), lit("geometry")))
            .withColumn(
                "reject_problem",
                when(
                        col("reject_field").equalTo("adcode"),
                        lit("missing adcode or not a 6-digit code"))
                    .when(
                        col("geometry_read_status").equalTo("QUARANTINED"),
                        col("geometry_read_problem"))
                    .otherwise(col("prepared.problem")))
            .withColumn(
                "repair_problem",
                when(
                        col("geometry_read_status").equalTo("REPAIRED"),
                        when(
                                col("prepared.status").equalTo("REPAIRED"),
                                concat(
                                    col("geometry_read_problem"),
                                    lit("; "),
                                    col("prepared.problem")))
                            .otherwise(col("geometry_read_problem")))
                    .when(col("prepared.status").equalTo("REPAIRED"), col("prepared.problem")))
            .withColumn(
                "dup_rank",
                row_number()
                    .over(
                        Window.partitionBy(col("adcode"), col("reject_field").isNull())
                            .orderBy(col("record_index"))))
            .withColumn(
                "first_record_id",
                first(col("record_id"))
                    .over(
                        Window.partitionBy(col("adcode"), col("reject_field").isNull())
                            .orderBy(col("record_index"))))
            .persist();

    Dataset<Row> rejected =
        prepared
            .filter(col("reject_field").isNotNull())
            .select(
                lit(sourceName).as("source"),
                col("record_id"),
                col("reject_field").as("field"),
                col("reject_problem").as("problem"),
                lit("quarantined").as("action"),
                col("adcode_as_written").as("value"));
    Dataset<Row> duplicates =
        prepared
            .filter(col("reject_field").isNull().and(col("dup_rank").gt(1)))
            .select(
                lit(sourceName).as("source"),
                col("record_id"),
                lit("adcode").as("field"),
                concat(lit("duplicate adcode; first seen at "), col("first_record_id"))
                    .as("problem"),
                lit("quarantined").as("action"),
                col("adcode").as("value"));
    Dataset<Row> repaired =
        prepared
            .filter(col("reject_field").isNull().and(col("repair_problem").isNotNull()))
            .select(
                lit(sourceName).as("source"),
                col("record_id"),
                lit("geometry").as("field"),
                col("repair_problem").as("problem"),
                lit("repaired").as("action"),
                col("adcode").as("value"));

    Dataset<Row> units =
        prepared
            .filter(col("reject_field").isNull().and(col("dup_rank").equalTo(1)))
            .withColumn("measures", call_udf("cc_unit_measures", col("prepared.geometry")))
            .select(
                col("adcode"),
                coalesce(col("name"), col("adcode")).as("name"),
                col("name_short"),
                col("name_pinyin"),
                col("province_adcode"),
                col("province_name"),
                col("prefecture_adcode").as("prefecture_adcode_attribute"),
                col("kind"),
                coalesce(col("mainland"), lit(true)).as("mainland"),
                col("prepared.geometry").as("geometry"),
                col("measures.*"),
                lit(statsYear).as("stats_year"),
                coalesce(col("geometry_repaired"), lit(false))
                    .or(col("repair_problem").isNotNull())
                    .as("geometry_repaired"),
                col("repair_problem").as("geometry_repair_note"),
                coalesce(col("src_adcode"), col("adcode_as_written")).as("src_adcode"),
                lit(crs).as("source_crs"));

    Dataset<Row> undecodable = textDecodingIssues(prepared, sourceName);
    Dataset<Row> notFlags =
        prepared
            .filter(
                col("reject_field")
                    .isNull()
                    .and(col("mainland").isNull())
                    .and(col("mainland_as_written").isNotNull())
                    .and(trim(col("mainland_as_written")).notEqual(lit(""))))
            .select(
                lit(sourceName).as("source"),
                col("record_id"),
                lit("mainland").as("field"),
                concat(
                        lit("not a yes/no value: '"),
                        col("mainland_as_written"),
                        lit("' (expected true/false, 1/0, Y/N or T/F)"))
                    .as("problem"),
                lit("defaulted").as("action"),
                lit("taken as mainland").as("value"));
    Dataset<Row> issues =
        rejected
            .unionByName(duplicates)
            .unionByName(repaired)
            .unionByName(undecodable)
            .unionByName(notFlags);
    if (level == Level.COUNTY) {
      PrefectureAssignment.Result assigned =
          PrefectureAssignment.assign(units, prefectures, aliases);
      units = assigned.units();
      issues = issues.unionByName(assigned.issues());
    } else {
      units = units.withColumn("prefecture_adcode", col("adcode"));
    }
    units = units.drop("prefecture_adcode_attribute");

    Dataset<Row> withStats =
        units
            .join(
                statistics.withColumnRenamed("adcode", "stats_adcode"),
                col("adcode").equalTo(col("stats_adcode")),
                "left")
            .withColumn("has_stats", col("stats_adcode").isNotNull())
            .drop("stats_adcode");
    if (level == Level.PREFECTURE) {
      issues = issues.unionByName(statisticsMismatches(units, statistics, sourceName));
    }
    return new Output(withStats, issues);
  }

  /** Units without a statistics row, and statistics rows without a unit (prefecture level). */
  private static Dataset<Row> statisticsMismatches(
      Dataset<Row> units, Dataset<Row> statistics, String sourceName) {
    Dataset<Row> unitsWithout =
        units
            .join(statistics, units.col("adcode").equalTo(statistics.col("adcode")), "left_anti")
            .select(
                lit(sourceName).as("source"),
                concat(lit("adcode "), col("adcode")).as("record_id"),
                lit("adcode").as("field"),
                lit("no statistics for this unit; statistics columns left null").as("problem"),
                lit("defaulted").as("action"),
                col("name").as("value"));
    Dataset<Row> statsWithout =
        statistics
            .join(units, statistics.col("adcode").equalTo(units.col("adcode")), "left_anti")
            .select(
                lit("statistics").as("source"),
                concat(lit("adcode "), col("adcode")).as("record_id"),
                lit("adcode").as("field"),
                lit("statistics row matches no boundary unit").as("problem"),
                lit("unmatched").as("action"),
                col("adcode").as("value"));
    return unitsWithout.unionByName(statsWithout);
  }

  /** The problem text of a field that held bytes that were not UTF-8. */
  public static final String NOT_UTF8 = "text is not valid UTF-8 (GBK read as UTF-8?)";

  /**
   * Text fields that are not valid UTF-8 (a reader passed GBK bytes through) or hold U+FFFD (a
   * decoder replaced bytes it could not read).
   */
  private static Dataset<Row> textDecodingIssues(Dataset<Row> prepared, String sourceName) {
    Dataset<Row> out = null;
    for (String field : List.of("name", "name_short", "province_name")) {
      Dataset<Row> bad =
          prepared
              .filter(expr("NOT is_valid_utf8(" + field + ")").or(col(field).contains("\uFFFD")))
              .select(
                  lit(sourceName).as("source"),
                  col("record_id"),
                  lit(field).as("field"),
                  lit(NOT_UTF8).as("problem"),
                  lit("reported").as("action"),
                  expr("make_valid_utf8(" + field + ")").as("value"));
      out = out == null ? bad : out.unionByName(bad);
    }
    return out;
  }

  private static Column not6Digits(Column c) {
    return c.rlike("^[0-9]{6}$").equalTo(false);
  }

  /**
   * Adds, as nulls, the columns a frame built without {@link org.citycluster.spark.BoundaryReader}
   * may lack (the reader itself gives every attribute, typed).
   */
  private static Dataset<Row> withOptionalColumns(Dataset<Row> features) {
    List<String> have = List.of(features.columns());
    Dataset<Row> out = features;
    for (String name : OPTIONAL_STRING_ATTRIBUTES) {
      out = addIfMissing(out, have, name, DataTypes.StringType);
    }
    out = addIfMissing(out, have, "mainland", DataTypes.BooleanType);
    out = addIfMissing(out, have, "geometry_repaired", DataTypes.BooleanType);
    out = addIfMissing(out, have, "mainland_as_written", DataTypes.StringType);
    out = addIfMissing(out, have, "geometry_read_status", DataTypes.StringType);
    out = addIfMissing(out, have, "geometry_read_problem", DataTypes.StringType);
    for (String name : OPTIONAL_STRING_ATTRIBUTES) {
      out = out.withColumn(name, col(name).cast("string"));
    }
    return out;
  }

  private static Dataset<Row> addIfMissing(
      Dataset<Row> ds, List<String> have, String name, DataType type) {
    return have.contains(name) ? ds : ds.withColumn(name, lit(null).cast(type));
  }
}
