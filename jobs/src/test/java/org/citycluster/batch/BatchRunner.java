package org.citycluster.batch;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.citycluster.Main;
import org.citycluster.config.PipelineConfig;

/** Runs the pipeline in-process on the shared test session, capturing the console. */
final class BatchRunner {

  record Outcome(int exitCode, String out, String err) {
    /** The one FAILED line, or "". */
    String failure() {
      return err.lines().filter(l -> l.startsWith("citycluster: FAILED:")).findFirst().orElse("");
    }
  }

  private BatchRunner() {}

  static Outcome run(
      SparkSession spark, Path data, Path warehouse, String date, Map<String, String> extra) {
    Map<String, String> options = new HashMap<>();
    options.put("spark.shuffle.partitions", "2"); // the fixture has a handful of rows
    options.putAll(extra);
    options.put("data.root", data.toString());
    options.put("warehouse", warehouse.toString());
    options.put("run.date", date);
    PipelineConfig config = PipelineConfig.load(null, options);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.execute(
            spark,
            config,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
