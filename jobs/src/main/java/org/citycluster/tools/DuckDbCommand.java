package org.citycluster.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * {@code citycluster duckdb [--warehouse DIR] [--out FILE]}: writes a DuckDB database with views
 * over the published Parquet (see {@link DuckDbCatalog}) for BI tools that speak DuckDB or JDBC.
 * The file is built beside its target and moved into place, so a reader never sees half of it. Exit
 * codes: 0 ok, 1 failed, 2 usage error.
 */
public final class DuckDbCommand {

  /** The database's name inside the warehouse when {@code --out} is not given. */
  public static final String DEFAULT_FILE = "citycluster.duckdb";

  static final String USAGE =
      """
      usage: citycluster duckdb [--warehouse DIR] [--out FILE]

        Writes a DuckDB database of views over the published tables (default
        <warehouse>/citycluster.duckdb). Rebuild it after a new run or after moving the
        warehouse: the views hold the warehouse's absolute path.
      """;

  private DuckDbCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line; never calls System.exit. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Flags flags;
    try {
      flags = Flags.parse(args, Set.of("--warehouse", "--out"));
      if (flags.version()) {
        out.println(CliVersion.line());
        return 0;
      }
      if (flags.help()) {
        out.print(USAGE);
        return 0;
      }
      if (!flags.positional().isEmpty()) {
        throw new Flags.UsageException("unexpected argument '" + flags.positional().get(0) + "'");
      }
    } catch (Flags.UsageException e) {
      err.println("citycluster duckdb: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    Path warehouse = Path.of(flags.get("--warehouse", "warehouse")).toAbsolutePath().normalize();
    Path target =
        Path.of(flags.get("--out", warehouse.resolve(DEFAULT_FILE).toString()))
            .toAbsolutePath()
            .normalize();
    try {
      List<String> views = build(warehouse, target);
      out.println("citycluster duckdb: wrote " + target + " with " + views.size() + " views:");
      out.println("  " + String.join(", ", views));
      return 0;
    } catch (IOException | SQLException e) {
      err.println("citycluster duckdb: FAILED: " + QueryCommand.firstLine(e.getMessage()));
      return 1;
    }
  }

  /**
   * Builds the database at {@code target} (replacing it) and returns the views it holds. On failure
   * the half-built {@code .<name>.partial} file (and its write-ahead log) is removed and an earlier
   * {@code target} is left as it was.
   */
  public static List<String> build(Path warehouse, Path target) throws IOException, SQLException {
    Path parent = target.getParent();
    Files.createDirectories(parent);
    Path partial = parent.resolve("." + target.getFileName() + ".partial");
    Path wal = parent.resolve(partial.getFileName() + ".wal");
    Files.deleteIfExists(partial);
    Files.deleteIfExists(wal);
    boolean moved = false;
    try {
      List<String> views;
      try (Connection conn = DuckDbCatalog.open(partial.toString(), false)) {
        views = DuckDbCatalog.create(conn, warehouse);
        try (var st = conn.createStatement()) {
          st.execute("CHECKPOINT");
        }
      }
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
      return views;
    } finally {
      if (!moved) {
        Files.deleteIfExists(partial);
        Files.deleteIfExists(wal);
      }
    }
  }
}
