package org.citycluster.spark;

import static org.apache.spark.sql.functions.expr;

import org.apache.spark.sql.Column;

/**
 * A sum of doubles whose result does not depend on the order rows arrive in: the group's values are
 * sorted, then added. Spark's {@code sum} adds in shuffle-fetch order, which differs between runs
 * and between local mode and a cluster in the last bits; published tables must be identical for
 * identical inputs, so every double sum that reaches an output goes through this. Costs a collect
 * and a sort per group: use it for groups of thousands of values, not millions.
 */
public final class DeterministicSum {

  private DeterministicSum() {}

  /** The order-independent sum of the SQL expression {@code sqlExpression} over a group. */
  public static Column of(String sqlExpression) {
    return expr(
        "aggregate(array_sort(collect_list(CAST("
            + sqlExpression
            + " AS DOUBLE))), CAST(0 AS DOUBLE), (acc, x) -> acc + x)");
  }
}
