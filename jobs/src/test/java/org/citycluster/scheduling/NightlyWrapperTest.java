package org.citycluster.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.citycluster.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler examples in {@code conf/scheduling}: the nightly wrapper calls the installed jar
 * with spark-submit (here a stand-in that exits with scripted codes and logs its arguments),
 * retries exit 1 and 4, never retries 2 and 3, and alerts on the final failure; the Airflow DAG
 * compiles and maps the same exit codes as {@link Main}.
 */
class NightlyWrapperTest {

  private static final Path WRAPPER = Path.of("../conf/scheduling/citycluster-nightly.sh");
  private static final Path DAG = Path.of("../conf/scheduling/citycluster_dag.py");

  record Outcome(int exitCode, List<String> calls, List<String> alerts) {}

  @Test
  void aLockedWarehouseIsRetriedThenTheRunSucceedsWithoutAnAlert(@TempDir Path dir)
      throws Exception {
    Outcome o =
        run(dir, List.of(Main.WAREHOUSE_LOCKED, Main.OK), Map.of("CITYCLUSTER_LEVEL", "county"));
    assertEquals(0, o.exitCode());
    assertEquals(2, o.calls().size(), o.calls().toString());
    assertTrue(o.alerts().isEmpty(), o.alerts().toString());
    String call = o.calls().get(0);
    assertTrue(call.contains("--class org.citycluster.Main"), call);
    assertTrue(call.contains(dir.resolve("home/citycluster-jobs-cluster.jar") + " run"), call);
    assertTrue(call.contains("--level county"), call);
    assertTrue(call.contains("--date 2026-03-04"), call);
    assertTrue(call.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), call);
  }

  @Test
  void aFailedQualityGateIsNotRetriedAndAlerts(@TempDir Path dir) throws Exception {
    Outcome o = run(dir, List.of(Main.QUALITY_GATE_FAILED, Main.OK), Map.of());
    assertEquals(Main.QUALITY_GATE_FAILED, o.exitCode());
    assertEquals(1, o.calls().size());
    assertEquals(1, o.alerts().size());
    assertTrue(o.alerts().get(0).contains("quality gate"), o.alerts().toString());
  }

  @Test
  void aConfigurationErrorIsNotRetried(@TempDir Path dir) throws Exception {
    Outcome o = run(dir, List.of(Main.USAGE_ERROR, Main.OK), Map.of());
    assertEquals(Main.USAGE_ERROR, o.exitCode());
    assertEquals(1, o.calls().size());
    assertEquals(1, o.alerts().size());
  }

  @Test
  void aFailingRunIsRetriedUpToTheLimitThenAlerts(@TempDir Path dir) throws Exception {
    Outcome o =
        run(
            dir,
            List.of(Main.RUN_FAILED, Main.RUN_FAILED, Main.RUN_FAILED, Main.OK),
            Map.of("CITYCLUSTER_RETRIES", "2"));
    assertEquals(Main.RUN_FAILED, o.exitCode());
    assertEquals(3, o.calls().size());
    assertEquals(1, o.alerts().size());
    assertTrue(o.alerts().get(0).contains("after 3 attempt(s)"), o.alerts().toString());
  }

  @Test
  void withoutAnInstalledJarItAlertsAndNeverBuilds(@TempDir Path dir) throws Exception {
    Outcome o =
        run(dir, List.of(Main.OK), Map.of("CITYCLUSTER_HOME", dir.resolve("nowhere").toString()));
    assertEquals(Main.USAGE_ERROR, o.exitCode());
    assertTrue(o.calls().isEmpty());
    assertEquals(1, o.alerts().size());
    assertTrue(o.alerts().get(0).contains("no installed jar"), o.alerts().toString());
  }

  @Test
  void theAirflowDagCompilesAndMapsTheLaunchersExitCodes() throws Exception {
    String dag = Files.readString(DAG);
    assertTrue(
        dag.contains(
            "RETRIED = {" + Main.RUN_FAILED + ": \"run failed\", " + Main.WAREHOUSE_LOCKED + ":"),
        "exit codes retried by the DAG");
    assertTrue(
        dag.contains(
            "NOT_RETRIED = {"
                + Main.USAGE_ERROR
                + ": \"configuration or usage error\", "
                + Main.QUALITY_GATE_FAILED
                + ":"),
        "exit codes the DAG fails at once");
    assertTrue(dag.contains("\"CITYCLUSTER_RETRIES\": \"0\""), "Airflow owns the retries");
    Path python = Path.of("/usr/bin/python3");
    assumeTrue(
        Files.isExecutable(python) || "true".equals(System.getenv("CI")),
        "no /usr/bin/python3 to compile the DAG");
    Process p =
        new ProcessBuilder(
                python.toString(),
                "-c",
                "import ast,sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])",
                DAG.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), out);
  }

  /** Runs the wrapper with a stand-in spark-submit that exits with {@code codes} in turn. */
  private static Outcome run(Path dir, List<Integer> codes, Map<String, String> env)
      throws IOException, InterruptedException {
    Path home = Files.createDirectories(dir.resolve("home"));
    Files.writeString(home.resolve("citycluster-jobs-cluster.jar"), "not a real jar");
    Files.writeString(
        home.resolve("citycluster-jvm.options"), "--add-opens=java.base/java.lang=ALL-UNNAMED");
    Path codesFile = dir.resolve("codes");
    Files.write(codesFile, codes.stream().map(String::valueOf).toList());
    Path calls = dir.resolve("calls.log");
    Path alerts = dir.resolve("alerts.log");
    Path submit =
        executable(
            dir.resolve("spark-submit"),
            "#!/usr/bin/env bash\n"
                + "echo \"$*\" >> '"
                + calls
                + "'\n"
                + "code=$(head -1 '"
                + codesFile
                + "'); sed -i 1d '"
                + codesFile
                + "'\n"
                + "exit \"$code\"\n");
    Path alert =
        executable(dir.resolve("alert"), "#!/usr/bin/env bash\necho \"$*\" >> '" + alerts + "'\n");
    ProcessBuilder pb = new ProcessBuilder("bash", WRAPPER.toString()).redirectErrorStream(true);
    pb.environment().put("CITYCLUSTER_HOME", home.toString());
    pb.environment().put("SPARK_SUBMIT", submit.toString());
    pb.environment().put("CITYCLUSTER_ALERT", alert.toString());
    pb.environment().put("CITYCLUSTER_RETRY_WAIT_S", "0");
    pb.environment().put("CITYCLUSTER_DATE", "2026-03-04");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(1, TimeUnit.MINUTES), out);
    assertFalse(out.contains("mvn"), out);
    return new Outcome(
        p.exitValue(),
        Files.exists(calls) ? Files.readAllLines(calls) : List.of(),
        Files.exists(alerts) ? Files.readAllLines(alerts) : List.of());
  }

  private static Path executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
