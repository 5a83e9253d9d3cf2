package org.citycluster.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command as a child process and measures it: wall time from start to exit (JVM start
 * included), and peak resident set size, polled every 100 ms from {@code /proc/<pid>/status}
 * ({@code VmHWM}, the kernel's high-water mark, so a short peak between polls is still seen; the
 * last poll before exit can miss growth in the final 100 ms). Output and errors go to a log file.
 * Without {@code /proc} (not Linux) the peak is reported as -1.
 */
final class ChildRun {

  /** What a child run measured; {@code exitCode} -1 when it was stopped at the timeout. */
  record Result(int exitCode, double wallSeconds, double peakRssMb, Path log) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private ChildRun() {}

  static Result run(List<String> command, Path workDir, Path log, Duration timeout)
      throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
    long start = System.nanoTime();
    Process p = pb.start();
    Path status = Path.of("/proc", Long.toString(p.pid()), "status");
    long peakKb = -1;
    long deadline = start + timeout.toNanos();
    boolean timedOut = false;
    while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
      peakKb = Math.max(peakKb, vmHwmKb(status));
      if (System.nanoTime() > deadline) {
        timedOut = true;
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor();
        }
        break;
      }
    }
    double wall = (System.nanoTime() - start) / 1e9;
    return new Result(timedOut ? -1 : p.exitValue(), wall, peakKb < 0 ? -1 : peakKb / 1024.0, log);
  }

  private static long vmHwmKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process is gone or /proc is absent
    }
    return -1;
  }
}
