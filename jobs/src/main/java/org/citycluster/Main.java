package org.citycluster;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
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
import org.citycluster.tools.Cli;
import org.citycluster.tools.CliVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The single entry point: {@code citycluster run [options]} (picocli: {@code --flag value} or
 * {@code --flag=value}, {@code --help}, {@code --version}). It parses the flags, loads and
 * validates the configuration, creates the SparkSession, runs the pipeline and prints where each
 * table went. Exit codes: 0 success, 1 the run failed (bad input, a failed stage), 2 usage or
 * configuration error, 3 a quality gate failed, 4 the warehouse is locked by another run. A failure
 * prints one line starting with {@code citycluster: FAILED:}; the stack trace goes to the log with
 * {@code --verbose}.
 */
public final class Main {

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
    CommandLine cli = new CommandLine(new Root());
    cli.setParameterExceptionHandler(
        (e, a) -> {
          System.err.println("citycluster: FAILED: " + e.getMessage());
          e.getCommandLine().usage(System.err);
          return USAGE_ERROR;
        });
    cli.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          System.err.println(failureLine(e, false));
          return RUN_FAILED;
        });
    return cli.execute(args);
  }

  /** {@code citycluster}: the subcommands (the launcher also offers query, duckdb, report, ...). */
  @Command(
      name = "citycluster",
      mixinStandardHelpOptions = true,
      versionProvider = CliVersion.class,
      subcommands = RunCommand.class,
      description = "Adjacency versus functional linkage of China's city clusters.")
  static final class Root implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().usage(System.out);
      return OK;
    }
  }

  /** {@code citycluster run}: the pipeline, with its flags as configuration overrides. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      versionProvider = CliVersion.class,
      sortOptions = false,
      description =
          "Runs the pipeline on local Spark (or on spark-submit's master) and publishes its"
              + " tables. Exit codes: 0 ok, 1 run failed, 2 usage or configuration error,"
              + " 3 quality gate failed, 4 warehouse locked by another run.")
  static final class RunCommand implements Callable<Integer> {
    @Option(
        names = "--conf",
        paramLabel = "FILE",
        description = "properties file overriding conf/citycluster.properties")
    Path confFile;

    @Option(
        names = "--data",
        paramLabel = "DIR",
        description = "input root (data.root, default ../shared/data)")
    String data;

    @Option(
        names = "--warehouse",
        paramLabel = "DIR",
        description = "output root (warehouse, default ./warehouse)")
    String warehouse;

    @Option(
        names = "--date",
        paramLabel = "YYYY-MM-DD",
        description = "run date, the run_date= partition (default today)")
    String date;

    @Option(names = "--level", paramLabel = "LEVEL", description = "prefecture (default) or county")
    String level;

    @Option(
        names = "--stages",
        paramLabel = "LIST",
        description = "all (default) or a comma list of cities, clusters, metrics")
    String stages;

    @Option(
        names = "--set",
        paramLabel = "key=value",
        description = "any other option of conf/citycluster.properties (repeatable)")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(
        names = "--verbose",
        description = "Spark and library logging at INFO, stack traces on failure")
    boolean verbose;

    @Override
    public Integer call() {
      Map<String, String> options = new LinkedHashMap<>();
      putIfGiven(options, "data.root", data);
      putIfGiven(options, "warehouse", warehouse);
      putIfGiven(options, "run.date", date);
      putIfGiven(options, "level", level);
      putIfGiven(options, "stages", stages);
      sets.forEach((k, v) -> options.put(k.trim(), v));
      PipelineConfig config;
      try {
        config = PipelineConfig.load(confFile, options);
        // spark-submit's --conf spark.sql.shuffle.partitions wins over the option; checked here
        SparkSessions.shufflePartitions(config.shufflePartitions(), System.getProperties());
      } catch (ConfigException | IllegalArgumentException e) {
        System.err.println("citycluster: FAILED: " + e.getMessage());
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

    private static void putIfGiven(Map<String, String> options, String key, String value) {
      if (value != null) {
        options.put(key, value);
      }
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
        + Cli.firstLine(e.getMessage())
        + (verbose ? "" : " (run with --verbose for the stack trace)");
  }
}
