package org.citycluster.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.config.PipelineConfig;
import org.citycluster.io.TableSchema;

/**
 * The run manifest: {@code <warehouse>/_runs/<run_id>/manifest.json} for every run, failed ones
 * included, and one row of the {@code run_manifest} table for a published run. It holds the run id,
 * date, level, status (and error), times, the resolved configuration and its SHA-256, the code
 * version, the inputs with sizes and checksums, per-stage durations and row counts, the dq counts
 * per action, and per published table its path, row count and schema version.
 */
public final class RunManifest {

  /** One stage's duration (seconds) and row count (-1 where a stage has none). */
  public record StageReport(String stage, double seconds, long rows) {}

  private RunManifest() {}

  public static String toJson(
      String runId,
      PipelineConfig config,
      Instant started,
      Instant finished,
      String status,
      String error,
      List<StageReport> stages,
      List<Pipeline.PublishedTable> tables,
      Map<String, Long> dqCounts,
      Map<String, Map<String, Object>> inputs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", runId);
    m.put("run_date", config.runDate().toString());
    m.put("level", config.level().id());
    m.put("status", status);
    if (error != null) {
      m.put("error", error);
    }
    m.put("started_at", started.toString());
    if (finished != null) {
      m.put("finished_at", finished.toString());
    }
    m.put("code_version", codeVersion());
    m.put("config_hash", configHash(config));
    m.put("config", new TreeMap<>(config.resolved()));
    m.put("inputs", inputs);
    List<Map<String, Object>> stageList =
        stages.stream()
            .map(
                s -> {
                  Map<String, Object> e = new LinkedHashMap<>();
                  e.put("stage", s.stage());
                  e.put("seconds", Math.round(s.seconds() * 1000) / 1000.0);
                  if (s.rows() >= 0) {
                    e.put("rows", s.rows());
                  }
                  return e;
                })
            .toList();
    m.put("stages", stageList);
    m.put("dq_counts", dqCounts);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Pipeline.PublishedTable t : tables) {
      out.put(
          t.table(),
          Map.of(
              "path", t.path(),
              "rows", t.rows(),
              "schema_version", TableSchema.load(t.table()).version()));
    }
    m.put("tables", out);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The single {@code run_manifest} row of a run about to be published. */
  public static Dataset<Row> tableRow(
      SparkSession spark,
      String runId,
      PipelineConfig config,
      Instant started,
      Instant finished,
      Map<String, Long> rowCounts,
      Map<String, Long> dqCounts,
      String manifestPath) {
    StructType schema =
        new StructType()
            .add("run_id", DataTypes.StringType)
            .add("status", DataTypes.StringType)
            .add("started_at", DataTypes.TimestampType)
            .add("finished_at", DataTypes.TimestampType)
            .add("config_hash", DataTypes.StringType)
            .add("code_version", DataTypes.StringType)
            .add("stages", DataTypes.StringType)
            .add("row_counts", DataTypes.StringType)
            .add("dq_counts", DataTypes.StringType)
            .add("manifest_path", DataTypes.StringType);
    try {
      ObjectMapper json = new ObjectMapper();
      Row row =
          RowFactory.create(
              runId,
              "succeeded",
              Timestamp.from(started),
              Timestamp.from(finished),
              configHash(config),
              codeVersion(),
              String.join(",", config.stages()),
              json.writeValueAsString(rowCounts),
              json.writeValueAsString(dqCounts),
              manifestPath);
      return spark.createDataFrame(List.of(row), schema);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The one-line message of a failure for the manifest: the first line of its message, prefixed by
   * the exception's class where it is not one of the pipeline's own (whose messages say it all).
   */
  public static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? "" : e.getMessage().strip();
    int nl = message.indexOf('\n');
    String first = nl < 0 ? message : message.substring(0, nl).strip();
    boolean own =
        e instanceof Pipeline.QualityGateException
            || e instanceof org.citycluster.io.InputDataException;
    return own ? first : e.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
  }

  /** SHA-256 of the resolved configuration as sorted key=value pairs. */
  public static String configHash(PipelineConfig config) {
    return sha256(new TreeMap<>(config.resolved()).toString());
  }

  /** The launcher passes {@code -Dcitycluster.code.version} (git describe); else the jar's. */
  static String codeVersion() {
    String v = System.getProperty("citycluster.code.version");
    if (v != null && !v.isBlank()) {
      return v;
    }
    String impl = RunManifest.class.getPackage().getImplementationVersion();
    return impl == null ? "unknown" : impl;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
