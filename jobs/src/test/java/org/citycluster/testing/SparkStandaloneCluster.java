package org.citycluster.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on 127.0.0.1 — one master and {@code n} workers, each a separate
 * JVM started from a Spark installation made of Maven jars ({@code <sparkHome>/jars/*}) — for
 * tests. Ports are free ones chosen by the OS. {@link #close} (also run by a shutdown hook)
 * destroys the daemons and every process they started (executors), so a failing test leaves nothing
 * behind. While it runs it records the executor JVMs the workers start (pid and executor id, from
 * the process table), so a test can tell which processes did the work.
 */
public final class SparkStandaloneCluster implements AutoCloseable {

  /** An executor JVM seen as a child of a worker. */
  public record ExecutorProcess(long pid, String executorId, String appId, int worker) {}

  private final Path sparkHome;
  private final Path workDir;
  private final List<String> jvmOptions;
  private final List<Process> daemons = new ArrayList<>();
  private final Map<Long, ExecutorProcess> executors = new ConcurrentHashMap<>();
  private final ScheduledExecutorService watcher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "executor-watcher");
            t.setDaemon(true);
            return t;
          });
  private final Thread shutdownHook = new Thread(this::stopDaemons, "spark-cluster-stop");
  private String masterUrl;

  private SparkStandaloneCluster(Path sparkHome, Path workDir, List<String> jvmOptions) {
    this.sparkHome = sparkHome;
    this.workDir = workDir;
    this.jvmOptions = jvmOptions;
  }

  /**
   * Starts a master and {@code workers} workers with {@code cores} cores and {@code memory} (e.g.
   * {@code 2g}) each, and waits until every worker has registered.
   */
  public static SparkStandaloneCluster start(
      Path sparkHome, Path workDir, List<String> jvmOptions, int workers, int cores, String memory)
      throws IOException, InterruptedException {
    SparkStandaloneCluster cluster = new SparkStandaloneCluster(sparkHome, workDir, jvmOptions);
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      cluster.startDaemons(workers, cores, memory);
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private void startDaemons(int workers, int cores, String memory)
      throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    int masterPort = freePort();
    masterUrl = "spark://127.0.0.1:" + masterPort;
    Path masterLog = workDir.resolve("master.log");
    daemons.add(
        launch(
            "org.apache.spark.deploy.master.Master",
            List.of(
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(masterPort),
                "--webui-port",
                String.valueOf(freePort())),
            masterLog));
    awaitLine(masterLog, "I have been elected leader", Duration.ofSeconds(90));
    for (int i = 1; i <= workers; i++) {
      Path dir = Files.createDirectories(workDir.resolve("worker-" + i));
      Path log = workDir.resolve("worker-" + i + ".log");
      daemons.add(
          launch(
              "org.apache.spark.deploy.worker.Worker",
              List.of(
                  masterUrl,
                  "--host",
                  "127.0.0.1",
                  "--port",
                  String.valueOf(freePort()),
                  "--webui-port",
                  String.valueOf(freePort()),
                  "--cores",
                  String.valueOf(cores),
                  "--memory",
                  memory,
                  "--work-dir",
                  dir.toString()),
              log));
    }
    for (int i = 1; i <= workers; i++) {
      awaitLine(
          workDir.resolve("worker-" + i + ".log"),
          "Successfully registered with master",
          Duration.ofSeconds(90));
    }
    watcher.scheduleWithFixedDelay(this::recordExecutors, 0, 200, TimeUnit.MILLISECONDS);
  }

  /** The master URL, {@code spark://127.0.0.1:<port>}. */
  public String masterUrl() {
    return masterUrl;
  }

  /** The work directory of worker {@code i} (1-based): {@code <appId>/<executorId>/stderr}. */
  public Path workerDir(int i) {
    return workDir.resolve("worker-" + i);
  }

  /** The pids of the master and the workers. */
  public List<Long> daemonPids() {
    return daemons.stream().map(Process::pid).toList();
  }

  /** Executor JVMs seen so far, by pid. */
  public Map<Long, ExecutorProcess> executors() {
    recordExecutors();
    return Map.copyOf(executors);
  }

  /**
   * A process builder for a JVM whose classpath is the Spark installation, with Spark's module
   * flags and the environment the Spark scripts would set.
   */
  public ProcessBuilder sparkJvm(String heap, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(sparkHome.resolve("jars").toAbsolutePath() + "/*");
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("SPARK_HOME", sparkHome.toAbsolutePath().toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("SPARK_CONF_DIR", workDir.resolve("conf").toAbsolutePath().toString());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return pb;
  }

  private Process launch(String mainClass, List<String> args, Path log) throws IOException {
    ProcessBuilder pb = sparkJvm("512m", mainClass, args);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb.start();
  }

  private void recordExecutors() {
    for (int w = 1; w < daemons.size(); w++) {
      int worker = w;
      // Direct children only: a process an executor forks shows the executor's command line
      // until it execs, and would be mistaken for an executor.
      daemons
          .get(w)
          .children()
          .forEach(
              p -> {
                List<String> args = List.of(p.info().arguments().orElse(new String[0]));
                boolean java = p.info().command().orElse("").endsWith("/java");
                if (java
                    && args.contains("org.apache.spark.executor.CoarseGrainedExecutorBackend")) {
                  executors.putIfAbsent(
                      p.pid(),
                      new ExecutorProcess(
                          p.pid(),
                          argument(args, "--executor-id"),
                          argument(args, "--app-id"),
                          worker));
                }
              });
    }
  }

  private static String argument(List<String> args, String flag) {
    int i = args.indexOf(flag);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
  }

  private static void awaitLine(Path log, String text, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(200);
    }
    String tail = Files.exists(log) ? Files.readString(log) : "(no log)";
    throw new IllegalStateException(
        "'" + text + "' not seen in " + log + " within " + timeout + ":\n" + tail);
  }

  /** A port that was free a moment ago. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    stopDaemons();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs stopDaemons itself
    }
  }

  private synchronized void stopDaemons() {
    watcher.shutdownNow();
    List<ProcessHandle> all = new ArrayList<>();
    for (Process p : daemons) {
      p.descendants().forEach(all::add);
      all.add(p.toHandle());
    }
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle h : all) {
      Optional<ProcessHandle> alive = ProcessHandle.of(h.pid());
      if (alive.isPresent()) {
        try {
          h.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          h.destroyForcibly();
        }
      }
    }
    daemons.clear();
  }
}
