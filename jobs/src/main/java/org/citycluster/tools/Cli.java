package org.citycluster.tools;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * picocli with the project's conventions for every subcommand: {@code --flag value} and {@code
 * --flag=value}, {@code --help} and {@code --version} ({@link CliVersion}); a usage error prints
 * one line naming the flag, then the usage, and exits 2; a failure prints one {@code <command>:
 * FAILED: <why>} line and exits 1.
 */
public final class Cli {

  public static final int USAGE_ERROR = 2;
  public static final int FAILED = 1;

  private Cli() {}

  /** Parses {@code args} into {@code command} (a picocli {@code @Command}) and runs it. */
  public static int execute(Object command, String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(command);
    String name = cli.getCommandName();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler(
        (e, a) -> {
          err.println(name + ": " + e.getMessage());
          e.getCommandLine().usage(err);
          return USAGE_ERROR;
        });
    cli.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          err.println(name + ": FAILED: " + firstLine(e.getMessage()));
          return FAILED;
        });
    return cli.execute(args);
  }

  /** The first line of an exception message ("" for none): errors are printed as one line. */
  public static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
