package org.citycluster.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code citycluster duckdb [--warehouse DIR] [--out FILE]}: writes a DuckDB database with views
 * over the published Parquet (see {@link DuckDbCatalog}) for BI tools that speak DuckDB or JDBC.
 * The file is built beside its target and moved into place, so a reader never sees half of it. Exit
 * codes: 0 ok, 1 failed, 2 usage error.
 */
@Command(
    name = "citycluster duckdb",
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    sortOptions = false,
    description =
        "Writes a DuckDB database of views over the published tables. Rebuild it after a new"
            + " run.")
public final class DuckDbCommand implements Callable<Integer> {

  /** The database's name inside the warehouse when {@code --out} is not given. */
  public static final String DEFAULT_FILE = "citycluster.duckdb";

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      defaultValue = "warehouse",
      description = "the published warehouse (default: ./${DEFAULT-VALUE})")
  Path warehouse;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "the database file (default: <warehouse>/" + DEFAULT_FILE + ")")
  Path out;

  private PrintStream stdout = System.out;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line; never calls System.exit. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    DuckDbCommand command = new DuckDbCommand();
    command.stdout = out;
    return Cli.execute(command, args, out, err);
  }

  @Override
  public Integer call() throws IOException, SQLException {
    Path root = warehouse.toAbsolutePath().normalize();
    Path target = (out != null ? out : root.resolve(DEFAULT_FILE)).toAbsolutePath().normalize();
    List<String> views = build(root, target);
    stdout.println("citycluster duckdb: wrote " + target + " with " + views.size() + " views:");
    stdout.println("  " + String.join(", ", views));
    return 0;
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
