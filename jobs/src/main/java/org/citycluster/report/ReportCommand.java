package org.citycluster.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.citycluster.tools.Cli;
import org.citycluster.tools.CliVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code citycluster report --date YYYY-MM-DD [--warehouse DIR] [--level prefecture|county] [--out
 * DIR]}: writes {@code <out>/citycluster-report-<date>-<level>.html}, one self-contained page (see
 * {@link HtmlReport}) that needs no network to view. Exit codes: 0 ok, 1 failed, 2 usage error.
 */
@Command(
    name = "citycluster report",
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    sortOptions = false,
    description =
        "Writes one self-contained HTML page (inline SVG and CSS, no script, no network) that opens with the verdict per cluster and the maps of the verdicts and functional regions, then adjacency versus linkage, boundary candidates, the regional balance and the key tables of a run.")
public final class ReportCommand implements Callable<Integer> {

  @Option(
      names = "--date",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "the published run date (a run_date= partition)")
  LocalDate date;

  @Option(
      names = "--warehouse",
      defaultValue = "warehouse",
      description = "output root (default: ${DEFAULT-VALUE})")
  Path warehouse;

  @Option(
      names = "--level",
      defaultValue = "prefecture",
      description = "prefecture (default) or county")
  String level;

  @Option(names = "--out", description = "where the page goes (default: <warehouse>/reports)")
  Path out;

  @Spec CommandSpec spec;

  private PrintStream stdout = System.out;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line; never calls System.exit. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    ReportCommand command = new ReportCommand();
    command.stdout = out;
    return Cli.execute(command, args, out, err);
  }

  @Override
  public Integer call() throws IOException, SQLException {
    if (!level.equals("prefecture") && !level.equals("county")) {
      throw new ParameterException(
          spec.commandLine(), "--level must be prefecture or county, got " + level);
    }
    Path root = warehouse.toAbsolutePath().normalize();
    Path page = write(root, level, date.toString(), out == null ? root.resolve("reports") : out);
    stdout.println("citycluster report: wrote " + page);
    return 0;
  }

  /** Renders and writes the page; returns its path. */
  public static Path write(Path warehouse, String level, String date, Path outDir)
      throws IOException, SQLException {
    String html;
    try (PublishedRun run = new PublishedRun(warehouse, level, date)) {
      html = HtmlReport.render(run);
    }
    Files.createDirectories(outDir);
    Path page = outDir.resolve("citycluster-report-" + date + "-" + level + ".html");
    Files.writeString(page, html, StandardCharsets.UTF_8);
    return page;
  }
}
