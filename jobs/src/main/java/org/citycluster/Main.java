package org.citycluster;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import org.citycluster.config.ConfigException;
import org.citycluster.config.PipelineConfig;
import org.citycluster.io.InputDataException;
import org.citycluster.jobs.Pipeline;
import org.citycluster.spark.Progress;
import org.citycluster.spark.SparkSessions;
import org.citycluster.spark.WarehouseLock;

/**
 * The single entry point: {@code citycluster run [options]}. It parses the flags, loads and
 * validates the configuration, creates the SparkSession, runs the pipeline and prints where each
 * table went. Exit codes: 0 success, 1 the run failed (bad input, a failed stage), 2 usage or
 * configuration error, 3 a quality gate failed, 4 the warehouse is locked by another run. A failure
 * prints one line starting with {@code citycluster: FAILED:}; the stack trace goes to the log with
 * {@code --verbose}.
 */
public final class Main {

  static final String USAGE =
      """
      usage: citycluster run [--conf FILE] [--data DIR] [--warehouse DIR] [--date YYYY-MM-DD]
                             [--level prefecture|county] [--stages all|LIST]
                             [--set key=value ...] [--verbose]

        --conf FILE       properties file overriding conf/citycluster.properties
        --data DIR        input root (data.root, default ../shared/data)
        --warehouse DIR   output root (warehouse, default ./warehouse)
        --date DATE       run date, the run_date= partition (default today)
        --level LEVEL     prefecture (default) or county
        --stages LIST     all (default) or a comma list of cities, clusters, metrics
        --set key=value   any other option of conf/citycluster.properties
        --verbose         Spark and library logging at INFO, stack traces on failure

      exit codes: 0 ok, 1 run failed, 2 usage or configuration error, 3 quality gate failed,
                  4 warehouse locked by another run
      """;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Exit codes: documented in the usage text and the README. */
  public static final int OK = 0;

  public static final int RUN_FAILED = 1;
  public static final int USAGE_ERROR = 2;
  public static final int QUALITY_GATE_FAILED = 3;
  public static final int WAREHOUSE_LOCKED = 4;

  /** Runs the command line and returns the exit code (never calls System.exit). */
  public static int run(String[] args) {
    boolean verbose = List.of(args).contains("--verbose");
    PipelineConfig config;
    try {
      Command command = Command.parse(args);
      if (command.help) {
        System.out.print(USAGE);
        return OK;
      }
      config = PipelineConfig.load(command.confFile, command.options);
      // spark-submit's --conf spark.sql.shuffle.partitions wins over the option; checked here
      SparkSessions.shufflePartitions(config.shufflePartitions(), System.getProperties());
    } catch (UsageException | ConfigException | IllegalArgumentException e) {
      System.err.println("citycluster: FAILED: " + e.getMessage());
      if (e instanceof UsageException) {
        System.err.print(USAGE);
      }
      return USAGE_ERROR;
    }
    if (verbose) {
      Configurator.setRootLevel(Level.INFO);
    }
    SparkSession spark =
        SparkSessions.create(
            "citycluster " + config.level().id() + " " + config.runDate(),
            config.sparkMaster(),
            config.shufflePartitions());
    try {
      return execute(spark, config, System.out, System.err, verbose);
    } finally {
      spark.stop();
    }
  }

  /**
   * Runs the pipeline on a given session and turns every outcome into an exit code and, on failure,
   * one line on {@code err} starting with {@code citycluster: FAILED:}.
   */
  public static int execute(
      SparkSession spark,
      PipelineConfig config,
      PrintStream out,
      PrintStream err,
      boolean verbose) {
    try {
      long start = System.nanoTime();
      Pipeline.RunResult result = new Pipeline(spark, config, new Progress(spark, out)).run();
      out.println();
      out.printf("%-16s %10s  %s%n", "table", "rows", "written to");
      for (Pipeline.PublishedTable t : result.tables()) {
        out.printf("%-16s %10d  %s%n", t.table(), t.rows(), t.path());
      }
      out.printf("manifest: %s%n", result.manifestPath());
      out.printf(
          java.util.Locale.ROOT,
          "citycluster: OK: run %s finished in %.1f s%n",
          result.runId(),
          (System.nanoTime() - start) / 1e9);
      return OK;
    } catch (WarehouseLock.LockedException e) {
      err.println("citycluster: FAILED: " + e.getMessage());
      return WAREHOUSE_LOCKED;
    } catch (Pipeline.QualityGateException e) {
      err.println("citycluster: FAILED: " + e.getMessage());
      return QUALITY_GATE_FAILED;
    } catch (Exception e) {
      err.println(failureLine(e, verbose));
      if (verbose) {
        e.printStackTrace(err);
      }
      return RUN_FAILED;
    }
  }

  /**
   * The one line a failed run prints: {@code citycluster: FAILED: bad input: <file>: <record>,
   * field '<field>': <problem>} when an {@link InputDataException} is anywhere in the cause chain
   * (Spark wraps what a task threw), else the exception's class and first message line.
   */
  public static String failureLine(Throwable e, boolean verbose) {
    Throwable root = e;
    while (!(root instanceof InputDataException)
        && root.getCause() != null
        && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof InputDataException bad) {
      return "citycluster: FAILED: bad input: " + bad.getMessage();
    }
    return "citycluster: FAILED: "
        + e.getClass().getSimpleName()
        + ": "
        + firstLine(e.getMessage())
        + (verbose ? "" : " (run with --verbose for the stack trace)");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** A command line that cannot be understood. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  /** The parsed command line: the subcommand's options as config overrides. */
  static final class Command {
    Path confFile;
    boolean help;
    final Map<String, String> options = new LinkedHashMap<>();

    static Command parse(String[] args) {
      Command c = new Command();
      List<String> rest = new ArrayList<>(List.of(args));
      if (rest.isEmpty() || rest.get(0).equals("--help") || rest.get(0).equals("-h")) {
        c.help = true;
        return c;
      }
      String sub = rest.remove(0);
      if (!sub.equals("run")) {
        throw new UsageException("unknown command '" + sub + "'");
      }
      for (int i = 0; i < rest.size(); i++) {
        String flag = rest.get(i);
        if (flag.equals("--verbose")) {
          continue;
        }
        if (flag.equals("--help") || flag.equals("-h")) {
          c.help = true;
          continue;
        }
        if (i + 1 >= rest.size()) {
          throw new UsageException("flag " + flag + " needs a value");
        }
        String value = rest.get(++i);
        switch (flag) {
          case "--conf" -> c.confFile = Path.of(value);
          case "--data" -> c.options.put("data.root", value);
          case "--warehouse" -> c.options.put("warehouse", value);
          case "--date" -> c.options.put("run.date", value);
          case "--level" -> c.options.put("level", value);
          case "--stages" -> c.options.put("stages", value);
          case "--set" -> {
            int eq = value.indexOf('=');
            if (eq <= 0) {
              throw new UsageException("--set needs key=value, got '" + value + "'");
            }
            c.options.put(value.substring(0, eq).trim(), value.substring(eq + 1));
          }
          default -> throw new UsageException("unknown flag '" + flag + "'");
        }
      }
      return c;
    }
  }
}
