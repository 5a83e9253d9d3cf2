package org.citycluster.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code citycluster report --date YYYY-MM-DD [--warehouse DIR] [--level prefecture|county] [--out
 * DIR]}: writes {@code <out>/citycluster-report-<date>-<level>.html}, one self-contained page (see
 * {@link HtmlReport}) that needs no network to view. Exit codes: 0 ok, 1 failed, 2 usage error.
 */
public final class ReportCommand {

  static final String USAGE =
      """
      usage: citycluster report --date YYYY-MM-DD [--warehouse DIR] [--level LEVEL] [--out DIR]

        Writes one self-contained HTML page (inline SVG and CSS, no script, no network) that
        opens with the verdict per cluster and the maps of the verdicts and functional regions,
        then adjacency versus linkage, boundary candidates, the regional balance and the key
        tables of a run.
        --date DATE      the published run date (a run_date= partition) — required
        --warehouse DIR  output root (default ./warehouse)
        --level LEVEL    prefecture (default) or county
        --out DIR        where the page goes (default <warehouse>/reports)
      """;

  private ReportCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line; never calls System.exit. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String date;
    String level;
    Path warehouse;
    Path outDir;
    try {
      List<String> flags = List.of("--date", "--warehouse", "--level", "--out");
      String[] values = new String[flags.size()];
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--help") || args[i].equals("-h")) {
          out.print(USAGE);
          return 0;
        }
        int k = flags.indexOf(args[i]);
        if (k < 0) {
          throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("flag " + args[i] + " needs a value");
        }
        values[k] = args[++i];
      }
      if (values[0] == null) {
        throw new IllegalArgumentException("--date is required");
      }
      date = LocalDate.parse(values[0]).toString();
      level = values[2] == null ? "prefecture" : values[2];
      if (!level.equals("prefecture") && !level.equals("county")) {
        throw new IllegalArgumentException("--level must be prefecture or county, got " + level);
      }
      warehouse = Path.of(values[1] == null ? "warehouse" : values[1]).toAbsolutePath().normalize();
      outDir = values[3] == null ? warehouse.resolve("reports") : Path.of(values[3]);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      err.println("citycluster report: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    try {
      Path page = write(warehouse, level, date, outDir);
      out.println("citycluster report: wrote " + page);
      return 0;
    } catch (IOException | SQLException e) {
      err.println("citycluster report: FAILED: " + e.getMessage());
      return 1;
    }
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
