package org.citycluster.spark;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.dq.DqIssue;
import org.citycluster.plan.ClusterMembership;
import org.citycluster.stats.UnitStatistics;

/**
 * Turns the small reference tables parsed in plain Java (statistics, cluster plans, data-quality
 * issues) into DataFrames with fixed schemas, so that jobs can join them to the spatial data.
 */
public final class ReferenceFrames {

  public static final StructType STATISTICS =
      new StructType()
          .add("adcode", DataTypes.StringType, false)
          .add("population", DataTypes.LongType, true)
          .add("population_year", DataTypes.IntegerType, true)
          .add("gdp_cny", DataTypes.DoubleType, true)
          .add("gdp_year", DataTypes.IntegerType, true)
          .add("gdp_per_capita_cny", DataTypes.DoubleType, true)
          .add("primary_share", DataTypes.DoubleType, true)
          .add("secondary_share", DataTypes.DoubleType, true)
          .add("tertiary_share", DataTypes.DoubleType, true)
          .add("shares_year", DataTypes.IntegerType, true)
          .add("emp_primary_share", DataTypes.DoubleType, true)
          .add("emp_secondary_share", DataTypes.DoubleType, true)
          .add("emp_tertiary_share", DataTypes.DoubleType, true)
          .add("emp_shares_year", DataTypes.IntegerType, true);

  public static final StructType PLAN =
      new StructType()
          .add("cluster_id", DataTypes.StringType, false)
          .add("cluster_name_en", DataTypes.StringType, false)
          .add("cluster_name_zh", DataTypes.StringType, false)
          .add("plan_year", DataTypes.IntegerType, true)
          .add("plan_adcode", DataTypes.StringType, false)
          .add("plan_code_as_written", DataTypes.StringType, false)
          .add("plan_member_name", DataTypes.StringType, false)
          .add("role", DataTypes.StringType, false)
          .add("role_detail", DataTypes.StringType, true)
          .add("partial", DataTypes.BooleanType, false)
          .add("partial_scope", DataTypes.StringType, true)
          .add("membership_confidence", DataTypes.StringType, true)
          .add("plan_line", DataTypes.IntegerType, true);

  public static final StructType ISSUES =
      new StructType()
          .add("source", DataTypes.StringType, false)
          .add("record_id", DataTypes.StringType, false)
          .add("field", DataTypes.StringType, true)
          .add("problem", DataTypes.StringType, false)
          .add("action", DataTypes.StringType, false)
          .add("value", DataTypes.StringType, true);

  private ReferenceFrames() {}

  public static Dataset<Row> statistics(SparkSession spark, Collection<UnitStatistics> stats) {
    List<Row> rows = new ArrayList<>();
    for (UnitStatistics s : stats) {
      rows.add(
          RowFactory.create(
              s.adcode(),
              s.population(),
              s.populationYear(),
              s.gdpCny(),
              s.gdpYear(),
              s.gdpPerCapitaCny(),
              s.primaryShare(),
              s.secondaryShare(),
              s.tertiaryShare(),
              s.sharesYear(),
              s.empPrimaryShare(),
              s.empSecondaryShare(),
              s.empTertiaryShare(),
              s.empSharesYear()));
    }
    return spark.createDataFrame(rows, STATISTICS);
  }

  public static Dataset<Row> plan(SparkSession spark, Collection<ClusterMembership> members) {
    List<Row> rows = new ArrayList<>();
    for (ClusterMembership m : members) {
      rows.add(
          RowFactory.create(
              m.clusterId(),
              m.clusterNameEn(),
              m.clusterNameZh(),
              m.planYear(),
              m.adcode(),
              m.planAdcode(),
              m.memberNameZh(),
              m.role(),
              emptyToNull(m.roleDetail()),
              m.partial(),
              emptyToNull(m.partialScope()),
              emptyToNull(m.confidence()),
              m.line() > 0 ? m.line() : null));
    }
    return spark.createDataFrame(rows, PLAN);
  }

  public static Dataset<Row> issues(SparkSession spark, Collection<DqIssue> issues) {
    List<Row> rows = new ArrayList<>();
    for (DqIssue i : issues) {
      rows.add(
          RowFactory.create(
              i.source(), i.recordId(), i.field(), i.problem(), i.action(), i.value()));
    }
    return spark.createDataFrame(rows, ISSUES);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
