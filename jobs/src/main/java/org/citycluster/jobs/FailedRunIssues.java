package org.citycluster.jobs;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The problems of a run that a quality gate stopped, for the console: the dq rows grouped by
 * source, field, problem kind (the problem's text before its first ':') and action, the groups that
 * the gates count first ({@code quarantined}, {@code unmatched}), then by count, each with its
 * first record ids and values (each cut at {@value #EXAMPLE_CHARS} characters). The driver receives
 * at most {@code limit} groups.
 */
final class FailedRunIssues {

  /** Records named per problem line. */
  static final int EXAMPLES = 3;

  /** Characters of one record shown at most. */
  static final int EXAMPLE_CHARS = 80;

  /** The actions the quality gates count (records rejected or left unmatched): listed first. */
  static final List<String> GATED_ACTIONS = List.of("quarantined", "unmatched");

  private FailedRunIssues() {}

  /**
   * Up to {@code limit} problem lines, most important first: the gated actions of {@code
   * gatedSources} (the inputs whose records the gates count: the boundary layer, the plan), then
   * the gated actions of other sources, then the rest.
   */
  static List<String> topProblems(Dataset<Row> issues, int limit, List<String> gatedSources) {
    Dataset<Row> groups =
        issues
            // one problem kind: the text before its first ':' (the rest names the record's own
            // figures, e.g. the extent of each swapped-axes feature)
            .withColumn("kind", substring_index(col("problem"), ":", 1))
            .groupBy("source", "field", "kind", "action")
            .agg(
                count("*").as("n"),
                min("problem").as("first_problem"),
                slice(
                        array_sort(
                            collect_list(
                                when(col("value").isNull(), col("record_id"))
                                    .otherwise(
                                        concat(col("record_id"), lit(" = "), col("value"))))),
                        1,
                        EXAMPLES)
                    .as("examples"))
            .withColumn(
                "blocking",
                when(
                        col("action")
                            .isin(GATED_ACTIONS.toArray())
                            .and(col("source").isin(gatedSources.toArray())),
                        0)
                    .when(col("action").isin(GATED_ACTIONS.toArray()), 1)
                    .otherwise(2))
            .orderBy(
                col("blocking"),
                col("n").desc(),
                col("source"),
                coalesce(col("field"), lit("")),
                col("kind"))
            .limit(limit);
    List<String> lines = new ArrayList<>();
    for (Row r : groups.collectAsList()) {
      lines.add(
          line(
              r.getLong(r.fieldIndex("n")),
              r.getAs("source"),
              r.getAs("field"),
              r.getLong(r.fieldIndex("n")) == 1 ? r.getAs("first_problem") : r.getAs("kind"),
              r.getAs("action"),
              r.getList(r.fieldIndex("examples"))));
    }
    return lines;
  }

  /**
   * One problem line: {@code 2 × stats/clusters.csv, adcode: <problem> [unmatched]: <record> =
   * <value>; ...}.
   */
  static String line(
      long count, String source, String field, String problem, String action, List<?> examples) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%d × %s", count, source));
    if (field != null) {
      sb.append(", ").append(field);
    }
    sb.append(": ").append(problem).append(" [").append(action).append("]: ");
    for (int i = 0; i < examples.size(); i++) {
      String example = String.valueOf(examples.get(i));
      if (example.length() > EXAMPLE_CHARS) {
        example = example.substring(0, EXAMPLE_CHARS - 1) + "…";
      }
      sb.append(i == 0 ? "" : "; ").append(example);
    }
    if (count > examples.size()) {
      sb.append("; …");
    }
    return sb.toString();
  }
}
