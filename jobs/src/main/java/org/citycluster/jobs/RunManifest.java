package org.citycluster.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.citycluster.config.PipelineConfig;
import org.citycluster.io.TableSchema;

/**
 * The run manifest written to {@code <warehouse>/_runs/<run_id>/manifest.json}: run id, date,
 * level, status, times, the resolved configuration and its SHA-256 hash, the code version, the
 * inputs with sizes and checksums, and per published table its path, row count and schema version.
 */
public final class RunManifest {

  private RunManifest() {}

  public static String toJson(
      String runId,
      PipelineConfig config,
      Instant started,
      Instant finished,
      String status,
      List<Pipeline.PublishedTable> tables,
      Map<String, Map<String, Object>> inputs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", runId);
    m.put("run_date", config.runDate().toString());
    m.put("level", config.level().id());
    m.put("status", status);
    m.put("started_at", started.toString());
    m.put("finished_at", finished.toString());
    m.put("code_version", codeVersion());
    Map<String, String> resolved = new TreeMap<>(config.resolved());
    m.put("config", resolved);
    m.put("config_hash", sha256(resolved.toString()));
    m.put("inputs", inputs);
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
