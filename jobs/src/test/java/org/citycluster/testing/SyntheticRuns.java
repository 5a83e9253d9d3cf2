package org.citycluster.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.citycluster.config.PipelineConfig;
import org.citycluster.jobs.Pipeline;
import org.citycluster.spark.Progress;
import org.citycluster.synthetic.GenerateCommand;
import org.citycluster.synthetic.SyntheticDataset;

/** The whole pipeline on a synthetic data root the generator writes, for the stage tests. */
public final class SyntheticRuns {

  public static final String RUN_DATE = "2026-03-01";

  private SyntheticRuns() {}

  /**
   * Writes {@code data} under {@code dir/data}, runs the pipeline into {@code dir/warehouse} with
   * {@code overrides} (permutation counts lowered to keep the test short) and returns the
   * warehouse.
   */
  public static Path run(
      SparkSession spark, SyntheticDataset data, Path dir, Map<String, String> overrides)
      throws Exception {
    Path root = dir.resolve("data");
    GenerateCommand.generate(data, false, root);
    Map<String, String> o = new HashMap<>();
    for (String kv : SyntheticDataset.pipelineOptions(false)) {
      int eq = kv.indexOf('=');
      o.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    o.put("data.root", root.toString());
    o.put("warehouse", dir.resolve("warehouse").toString());
    o.put("run.date", RUN_DATE);
    o.put("level", "prefecture");
    o.put("adjacency.permutations", "99");
    o.put("diagnostics.permutations", "99");
    o.putAll(overrides);
    new Pipeline(spark, PipelineConfig.load(null, o), new Progress(spark, System.out)).run();
    return dir.resolve("warehouse");
  }

  /** A published table of such a run. */
  public static Dataset<Row> table(SparkSession spark, Path warehouse, String table) {
    return spark
        .read()
        .parquet(
            warehouse
                .resolve(table)
                .resolve("level=prefecture")
                .resolve("run_date=" + RUN_DATE)
                .toString());
  }
}
