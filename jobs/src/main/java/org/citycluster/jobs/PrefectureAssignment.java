package org.citycluster.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.citycluster.stats.AdcodeAliases;

/**
 * Assigns county-level units to the prefecture-level unit whose polygon contains their point on
 * surface (a Sedona spatial join, {@code ST_Contains}), and cross-checks the result.
 *
 * <p>The assignment is accepted as is; it is reported to {@code dq_issues} (action {@code
 * reported}) when it disagrees with the source's {@code prefecture_adcode} attribute, or with the
 * adcode prefix (the county's first four digits + "00", through the code aliases; the county's own
 * code for province-administered units; the province code for municipalities and SARs). A unit
 * inside no prefecture polygon keeps the attribute's value and is reported too; if the point falls
 * in two polygons (the one overlap in the data, 前三岛), the lower adcode wins.
 */
final class PrefectureAssignment {

  record Result(Dataset<Row> units, Dataset<Row> issues) {}

  private PrefectureAssignment() {}

  static Result assign(Dataset<Row> units, Dataset<Row> prefectures, AdcodeAliases aliases) {
    Dataset<Row> points =
        units.select(
            col("adcode").as("unit_adcode"),
            expr("ST_Point(point_on_surface_lon, point_on_surface_lat)").as("pos"));
    Dataset<Row> polygons =
        prefectures.select(col("adcode").as("pref_adcode"), col("geometry").as("pref_geometry"));
    Dataset<Row> contained =
        points
            .join(polygons, expr("ST_Contains(pref_geometry, pos)"))
            .groupBy("unit_adcode")
            .agg(min("pref_adcode").as("prefecture_adcode_spatial"));

    UserDefinedFunction canonical =
        udf((UDF1<String, String>) aliases::canonical, DataTypes.StringType);
    Dataset<Row> joined =
        units
            .join(contained, units.col("adcode").equalTo(contained.col("unit_adcode")), "left")
            .drop("unit_adcode")
            .withColumn(
                "prefix_prefecture",
                canonical.apply(concat(col("adcode").substr(1, 4), lit("00"))));
    Column spatial = col("prefecture_adcode_spatial");
    Column attribute = col("prefecture_adcode_attribute");
    Column prefixAgrees =
        spatial
            .equalTo(col("prefix_prefecture"))
            .or(spatial.equalTo(col("adcode")))
            .or(spatial.equalTo(concat(col("adcode").substr(1, 2), lit("0000"))));
    Column problem =
        when(spatial.isNull(), lit("point on surface lies in no prefecture polygon"))
            .when(
                attribute.isNotNull().and(attribute.notEqual(spatial)),
                concat(
                    lit("spatial join gives "),
                    spatial,
                    lit(" but the attribute prefecture_adcode is "),
                    attribute))
            .when(
                prefixAgrees.equalTo(false),
                concat(
                    lit("spatial join gives "),
                    spatial,
                    lit(" but the adcode prefix suggests "),
                    col("prefix_prefecture")));
    Dataset<Row> checked = joined.withColumn("assignment_problem", problem).persist();

    Dataset<Row> issues =
        checked
            .filter(col("assignment_problem").isNotNull())
            .select(
                lit("prefecture assignment").as("source"),
                concat(lit("adcode "), col("adcode")).as("record_id"),
                lit("prefecture_adcode").as("field"),
                col("assignment_problem").as("problem"),
                lit("reported").as("action"),
                concat_ws(" / ", spatial, attribute).as("value"));
    Dataset<Row> assigned =
        checked
            .withColumn(
                "prefecture_adcode", when(spatial.isNotNull(), spatial).otherwise(attribute))
            .drop("prefecture_adcode_spatial", "prefix_prefecture", "assignment_problem");
    return new Result(assigned, issues);
  }
}
