package org.citycluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.citycluster.testing.ParquetTableDigest;
import org.citycluster.testing.SparkStandaloneCluster;
import org.junit.jupiter.api.Test;

/**
 * The pipeline, unchanged, on a real Spark standalone cluster: a master and two workers (one core
 * each) on 127.0.0.1, started from the Maven jars alone, and the cluster jar submitted with
 * spark-submit in client mode over the real prefecture data. Checks that the tasks ran in executor
 * JVMs (not the driver) and that every table equals the one a local-mode run ({@code local[*]}, as
 * {@code ./citycluster run} does it) writes, by content checksum. Run by failsafe after {@code
 * package}; the paths come from system properties set in {@code jobs/pom.xml}.
 */
class StandaloneClusterIT {

  private static final String RUN_DATE = "2026-01-01";
  private static final String LEVEL = "prefecture";
  private static final Pattern DAEMON_PID = Pattern.compile("process name: (\\d+)@");

  @Test
  void pipelineOnAStandaloneClusterWritesWhatLocalModeWrites() throws Exception {
    Path itDir = Path.of(ClusterItFiles.property("citycluster.it.dir"));
    ClusterItFiles.deleteRecursively(itDir);
    Files.createDirectories(itDir);
    Path data = Path.of(ClusterItFiles.property("citycluster.data")).toAbsolutePath().normalize();
    Path sparkHome = Path.of(ClusterItFiles.property("citycluster.spark.home"));
    Path clusterJar = Path.of(ClusterItFiles.property("citycluster.cluster.jar"));
    List<String> jvmOptions =
        List.of(ClusterItFiles.property("citycluster.jvm.options").trim().split("\\s+"));
    assertTrue(Files.isDirectory(sparkHome.resolve("jars")), "no " + sparkHome + "/jars");
    assertTrue(Files.isRegularFile(clusterJar), "no cluster jar at " + clusterJar);

    // 1. Local mode, as the launcher runs it.
    Path localWarehouse = itDir.resolve("warehouse-local");
    long t0 = System.nanoTime();
    int localExit = runLocal(data, localWarehouse, jvmOptions, itDir.resolve("local-run.log"));
    double localSeconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(0, localExit, "local run failed, see " + itDir.resolve("local-run.log"));

    // 2. The same run on a standalone cluster.
    Path clusterWarehouse = itDir.resolve("warehouse-cluster");
    Path events = Files.createDirectories(itDir.resolve("events"));
    Path driverLog = itDir.resolve("cluster-driver.log");
    Map<Long, SparkStandaloneCluster.ExecutorProcess> executorProcesses;
    long driverPid;
    double clusterSeconds;
    try (SparkStandaloneCluster cluster =
        SparkStandaloneCluster.start(sparkHome, itDir.resolve("spark"), jvmOptions, 2, 1, "2g")) {
      List<String> submit =
          List.of(
              "--master",
              cluster.masterUrl(),
              "--deploy-mode",
              "client",
              "--class",
              "org.citycluster.Main",
              "--conf",
              "spark.executor.memory=1g",
              "--conf",
              "spark.executor.cores=1",
              "--conf",
              "spark.cores.max=2",
              "--conf",
              "spark.executor.extraJavaOptions=" + String.join(" ", jvmOptions),
              "--conf",
              "spark.serializer=org.apache.spark.serializer.KryoSerializer",
              "--conf",
              "spark.kryo.registrator=org.apache.sedona.core.serde.SedonaKryoRegistrator",
              "--conf",
              "spark.sql.shuffle.partitions=8",
              "--conf",
              "spark.driver.host=127.0.0.1",
              "--conf",
              "spark.driver.bindAddress=127.0.0.1",
              "--conf",
              "spark.ui.enabled=false",
              "--conf",
              "spark.eventLog.enabled=true",
              "--conf",
              "spark.eventLog.dir=" + events.toUri(),
              "--conf",
              "spark.eventLog.rolling.enabled=false",
              "--conf",
              "spark.eventLog.compress=false",
              clusterJar.toAbsolutePath().toString(),
              "run",
              "--data",
              data.toString(),
              "--warehouse",
              clusterWarehouse.toString(),
              "--date",
              RUN_DATE,
              "--level",
              LEVEL);
      ProcessBuilder pb = cluster.sparkJvm("2g", "org.apache.spark.deploy.SparkSubmit", submit);
      pb.redirectErrorStream(true).redirectOutput(driverLog.toFile());
      long t1 = System.nanoTime();
      Process driver = pb.start();
      driverPid = driver.pid();
      try {
        assertTrue(driver.waitFor(10, TimeUnit.MINUTES), "cluster run timed out");
      } finally {
        driver.descendants().forEach(ProcessHandle::destroyForcibly);
        driver.destroyForcibly();
      }
      clusterSeconds = (System.nanoTime() - t1) / 1e9;
      executorProcesses = cluster.executors();
      assertEquals(
          0, driver.exitValue(), "cluster run failed:\n" + ClusterItFiles.tail(driverLog, 40));
    }
    assertTrue(
        Files.readString(driverLog)
            .contains("spark.sql.shuffle.partitions 8 (spark-submit --conf)"),
        "spark-submit's --conf spark.sql.shuffle.partitions=8 must win over conf/'s 4");

    // 3. Tasks ran in executor JVMs, not in the driver.
    EventLog log = EventLog.read(events);
    assertFalse(log.tasksByExecutor.isEmpty(), "no SparkListenerTaskEnd events in " + events);
    assertFalse(log.tasksByExecutor.containsKey("driver"), "tasks ran in the driver");
    assertTrue(
        log.tasksByExecutor.size() >= 2,
        "tasks ran on fewer than two executors: " + log.tasksByExecutor);
    Map<String, Long> pidByExecutor = new TreeMap<>();
    for (SparkStandaloneCluster.ExecutorProcess p : executorProcesses.values()) {
      if (log.appId.equals(p.appId())) {
        pidByExecutor.put(p.executorId(), p.pid());
      }
    }
    for (String executorId : log.tasksByExecutor.keySet()) {
      Long pid = pidByExecutor.get(executorId);
      assertTrue(pid != null, "no executor JVM seen for executor " + executorId);
      assertNotEquals(driverPid, pid.longValue());
      assertNotEquals(ProcessHandle.current().pid(), pid.longValue());
      assertEquals(
          pid,
          executorLogPid(itDir.resolve("spark"), log.appId, executorId),
          "the executor's own log names another pid");
    }

    // 4. Every table has the same content as the local run's.
    Set<String> localTables = tables(localWarehouse);
    assertEquals(localTables, tables(clusterWarehouse), "published tables differ");
    Map<String, String> checksums = new TreeMap<>();
    for (String table : localTables) {
      ParquetTableDigest local = ParquetTableDigest.of(partition(localWarehouse, table));
      ParquetTableDigest onCluster = ParquetTableDigest.of(partition(clusterWarehouse, table));
      assertTrue(local.rows() > 0, table + " is empty");
      assertEquals(
          local.checksum(),
          onCluster.checksum(),
          table + " differs between local and cluster: " + local.differences(onCluster, 3));
      assertEquals(local.rows(), onCluster.rows(), table);
      checksums.put(table, local.rows() + " rows, " + Long.toHexString(local.checksum()));
    }
    assertTrue(localTables.contains("cities"), "cities missing: " + localTables);

    System.out.printf(
        Locale.ROOT,
        "cluster IT: local run %.1f s, cluster run %.1f s (driver pid %d)%n"
            + "  tasks per executor %s, executor pids %s%n  tables %s%n",
        localSeconds,
        clusterSeconds,
        driverPid,
        log.tasksByExecutor,
        pidByExecutor,
        checksums);
  }

  private static int runLocal(Path data, Path warehouse, List<String> jvmOptions, Path logFile)
      throws IOException, InterruptedException {
    String classpath =
        ClusterItFiles.property("citycluster.local.jar")
            + java.io.File.pathSeparator
            + Files.readString(Path.of(ClusterItFiles.property("citycluster.local.classpath")))
                .trim();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx3g");
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-cp",
            classpath,
            "org.citycluster.Main",
            "run",
            "--data",
            data.toString(),
            "--warehouse",
            warehouse.toString(),
            "--date",
            RUN_DATE,
            "--level",
            LEVEL));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.redirectErrorStream(true).redirectOutput(logFile.toFile());
    Process p = pb.start();
    try {
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        return -1;
      }
      return p.exitValue();
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  /** Published tables, without run_manifest (its run id, times and paths differ by design). */
  private static Set<String> tables(Path warehouse) throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> s = Files.list(warehouse)) {
      s.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("_") && !n.equals("run_manifest"))
          .forEach(names::add);
    }
    return names;
  }

  private static Path partition(Path warehouse, String table) {
    return warehouse.resolve(table).resolve("level=" + LEVEL).resolve("run_date=" + RUN_DATE);
  }

  /** The pid an executor logged at start ("Started daemon with process name: pid@host"). */
  private static Long executorLogPid(Path sparkDir, String appId, String executorId)
      throws IOException {
    try (Stream<Path> s = Files.list(sparkDir)) {
      for (Path worker : s.filter(Files::isDirectory).toList()) {
        Path stderr = worker.resolve(appId).resolve(executorId).resolve("stderr");
        if (Files.exists(stderr)) {
          Matcher m = DAEMON_PID.matcher(Files.readString(stderr));
          return m.find() ? Long.valueOf(m.group(1)) : null;
        }
      }
    }
    return null;
  }

  /** What the driver's event log says: the application id and tasks per executor id. */
  private record EventLog(String appId, Map<String, Integer> tasksByExecutor) {
    static EventLog read(Path dir) throws IOException {
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = s.sorted(Comparator.naturalOrder()).toList();
      }
      assertEquals(1, files.size(), "expected one event log in " + dir + ": " + files);
      ObjectMapper json = new ObjectMapper();
      String appId = null;
      Map<String, Integer> tasks = new TreeMap<>();
      for (String line : Files.readAllLines(files.get(0))) {
        JsonNode e = json.readTree(line);
        switch (e.path("Event").asText()) {
          case "SparkListenerApplicationStart" -> appId = e.path("App ID").asText();
          case "SparkListenerTaskEnd" ->
              tasks.merge(e.path("Task Info").path("Executor ID").asText(), 1, Integer::sum);
          default -> {}
        }
      }
      return new EventLog(appId, tasks);
    }
  }
}
