package org.citycluster.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.citycluster.publish.PublishedVersions;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code citycluster query [--warehouse DIR] [--db FILE] [--format table|csv] [--max-rows N]
 * [--max-width N] "SQL"}: runs one read-only SQL statement over the published outputs (every table
 * a view, see {@link DuckDbCatalog}) and prints the result.
 *
 * <p>Three guards keep it read-only: {@link ReadOnlySql} refuses anything but one reading
 * statement; the database is opened with DuckDB's {@code read_only} access mode; and external
 * access is limited to the warehouse directory, with the configuration locked. The database is
 * {@code <warehouse>/citycluster.duckdb} when it is up to date (this layout version, this
 * warehouse, newer than every published file), else a throw-away one built in the temp directory (a
 * few seconds: the WKT of every geometry is computed).
 *
 * <p>Exit codes: 0 ok, 1 the query failed, 2 usage error, 3 the statement was refused.
 */
@Command(
    name = "citycluster query",
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    sortOptions = false,
    description =
        "Runs one read-only statement over the published tables (views named like the tables,"
            + " with level and run_date columns; <table>_flat views with WKT; <table>_latest;"
            + " latest_runs).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:the query failed",
      "2:usage error",
      "3:statement refused (not read-only)"
    })
public final class QueryCommand implements Callable<Integer> {

  public static final int OK = 0;
  public static final int FAILED = Cli.FAILED;
  public static final int USAGE_ERROR = Cli.USAGE_ERROR;
  public static final int REFUSED = 3;

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      defaultValue = "warehouse",
      description = "output root (default: ./${DEFAULT-VALUE})")
  Path warehouse;

  @Option(
      names = "--db",
      paramLabel = "FILE",
      description =
          "a database made by `citycluster duckdb` (default: the warehouse's citycluster.duckdb"
              + " when up to date, else a temporary one)")
  Path db;

  @Option(
      names = "--format",
      paramLabel = "table|csv",
      defaultValue = "table",
      description = "table (default) or csv")
  String format;

  @Option(
      names = "--max-rows",
      paramLabel = "N",
      defaultValue = "200",
      converter = NonNegativeInt.class,
      description = "rows printed in table format (default ${DEFAULT-VALUE}; 0 = all)")
  int maxRows;

  @Option(
      names = "--max-width",
      paramLabel = "N",
      defaultValue = "48",
      converter = NonNegativeInt.class,
      description = "characters per cell in table format (default ${DEFAULT-VALUE})")
  int maxWidth;

  @Parameters(arity = "0..*", paramLabel = "SQL", description = "one SQL statement, in quotes")
  List<String> statements = new ArrayList<>();

  @Spec CommandSpec spec;

  private PrintStream out = System.out;
  private PrintStream err = System.err;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line; never calls System.exit. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    QueryCommand command = new QueryCommand();
    command.out = out;
    command.err = err;
    return Cli.execute(command, args, out, err);
  }

  @Override
  public Integer call() {
    if (statements.size() != 1) {
      throw new ParameterException(spec.commandLine(), "give exactly one SQL statement, in quotes");
    }
    if (!format.equals("table") && !format.equals("csv")) {
      throw new ParameterException(
          spec.commandLine(), "--format must be table or csv, got '" + format + "'");
    }
    String statement;
    try {
      statement = ReadOnlySql.check(statements.get(0));
    } catch (ReadOnlySql.RefusedException e) {
      err.println("citycluster query: REFUSED: " + e.getMessage());
      return REFUSED;
    }
    Path root = warehouse.toAbsolutePath().normalize();
    Path temp = null;
    try {
      Path database;
      if (db != null) {
        database = db;
        if (!Files.isRegularFile(database)) {
          err.println("citycluster query: FAILED: no database file " + database);
          return FAILED;
        }
      } else if (isFresh(root.resolve(DuckDbCommand.DEFAULT_FILE), root)) {
        database = root.resolve(DuckDbCommand.DEFAULT_FILE);
      } else {
        temp = Files.createTempDirectory("citycluster-query");
        database = temp.resolve("outputs.duckdb");
        try (Connection build = DuckDbCatalog.open(database.toString(), false)) {
          DuckDbCatalog.create(build, root);
        }
      }
      try (Connection conn = openGuarded(database, root);
          Statement st = conn.createStatement()) {
        boolean hasRows = st.execute(statement);
        if (!hasRows) {
          err.println("citycluster query: REFUSED: the statement returned no rows to print");
          return REFUSED;
        }
        try (ResultSet rs = st.getResultSet()) {
          if (format.equals("csv")) {
            printCsv(rs, out);
          } else {
            printTable(rs, out, maxRows, maxWidth);
          }
        }
      }
      return OK;
    } catch (SQLException e) {
      String message = Cli.firstLine(e.getMessage());
      String lower = message.toLowerCase(Locale.ROOT);
      if (lower.contains("read-only")) {
        err.println(
            "citycluster query: REFUSED: the outputs are read-only (DuckDB said: " + message + ")");
        return REFUSED;
      }
      if (lower.contains("permission error")) {
        err.println(
            "citycluster query: REFUSED: only files in the warehouse can be read (DuckDB said: "
                + message
                + ")");
        return REFUSED;
      }
      err.println("citycluster query: FAILED: " + message);
      return FAILED;
    } catch (IOException e) {
      err.println("citycluster query: FAILED: " + e.getMessage());
      return FAILED;
    } finally {
      if (temp != null) {
        deleteQuietly(temp);
      }
    }
  }

  /** A whole number {@code >= 0}; the message names what was given. */
  static final class NonNegativeInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int n = Integer.parseInt(value);
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // fall through
      }
      throw new TypeConversionException("needs a whole number >= 0, got '" + value + "'");
    }
  }

  /**
   * Opens a database read-only and confines it: only the warehouse may be read, no other file may
   * be read or written, and the configuration cannot be changed by the query.
   */
  static Connection openGuarded(Path db, Path warehouse) throws SQLException {
    Connection conn = DuckDbCatalog.open(db.toString(), true);
    try (Statement st = conn.createStatement()) {
      st.execute(
          "SET allowed_directories = ["
              + DuckDbCatalog.literal(warehouse.toAbsolutePath().normalize() + "/")
              + "]");
      st.execute("SET enable_external_access = false");
      st.execute("SET lock_configuration = true");
    } catch (SQLException e) {
      conn.close();
      throw e;
    }
    return conn;
  }

  /**
   * True when the database file exists, was built by this layout version for this warehouse, and is
   * newer than every published file.
   */
  static boolean isFresh(Path db, Path warehouse) throws IOException {
    if (!Files.isRegularFile(db) || !DuckDbCatalog.builtFor(db, warehouse)) {
      return false;
    }
    FileTime built = Files.getLastModifiedTime(db);
    // each publish replaces the pointer to the current version (see Warehouse)
    Path current = warehouse.resolve(PublishedVersions.CURRENT);
    if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)
        && Files.getLastModifiedTime(current, LinkOption.NOFOLLOW_LINKS).compareTo(built) >= 0) {
      return false;
    }
    for (String table : DuckDbCatalog.publishedTables(warehouse)) {
      // the published tables are links into the current version: follow them
      try (Stream<Path> files =
          Files.walk(warehouse.resolve(table), FileVisitOption.FOLLOW_LINKS)) {
        for (Path f : files.toList()) {
          if (Files.getLastModifiedTime(f).compareTo(built) >= 0) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static void printCsv(ResultSet rs, PrintStream out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> header = new ArrayList<>();
    for (int c = 1; c <= n; c++) {
      header.add(csv(md.getColumnLabel(c)));
    }
    out.println(String.join(",", header));
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int c = 1; c <= n; c++) {
        Object v = rs.getObject(c);
        row.add(v == null ? "" : csv(cell(v)));
      }
      out.println(String.join(",", row));
    }
  }

  private static void printTable(ResultSet rs, PrintStream out, int maxRows, int maxWidth)
      throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String[]> rows = new ArrayList<>();
    String[] header = new String[n];
    for (int c = 1; c <= n; c++) {
      header[c - 1] = md.getColumnLabel(c);
    }
    long total = 0;
    while (rs.next()) {
      total++;
      if (maxRows > 0 && rows.size() >= maxRows) {
        continue;
      }
      String[] row = new String[n];
      for (int c = 1; c <= n; c++) {
        Object v = rs.getObject(c);
        row[c - 1] = truncate(v == null ? "NULL" : cell(v), maxWidth);
      }
      rows.add(row);
    }
    int[] width = new int[n];
    for (int c = 0; c < n; c++) {
      width[c] = Math.min(Math.max(displayWidth(header[c]), 1), Math.max(maxWidth, 4));
      for (String[] r : rows) {
        width[c] = Math.max(width[c], displayWidth(r[c]));
      }
    }
    out.println(line(truncateAll(header, maxWidth), width));
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < n; c++) {
      rule.append(c == 0 ? "" : "-+-").append("-".repeat(width[c]));
    }
    out.println(rule);
    for (String[] r : rows) {
      out.println(line(r, width));
    }
    out.println(
        "("
            + total
            + (total == 1 ? " row" : " rows")
            + (rows.size() < total ? ", " + rows.size() + " shown" : "")
            + ")");
  }

  private static String[] truncateAll(String[] cells, int maxWidth) {
    String[] out = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      out[i] = truncate(cells[i], maxWidth);
    }
    return out;
  }

  private static String line(String[] cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      b.append(c == 0 ? "" : " | ")
          .append(cells[c])
          .append(" ".repeat(Math.max(0, width[c] - displayWidth(cells[c]))));
    }
    return b.toString().stripTrailing();
  }

  /** Terminal columns of a string: East Asian wide characters (e.g. 汉字) count two. */
  static int displayWidth(String s) {
    return s.codePoints().map(cp -> isWide(cp) ? 2 : 1).sum();
  }

  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F)
        || (cp >= 0x2E80 && cp <= 0xA4CF)
        || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6)
        || (cp >= 0x20000 && cp <= 0x3FFFD);
  }

  private static String cell(Object v) {
    if (v instanceof byte[] bytes) {
      StringBuilder hex = new StringBuilder();
      for (byte b : bytes) {
        hex.append(String.format("%02X", b));
      }
      return hex.toString();
    }
    return String.valueOf(v);
  }

  private static String truncate(String s, int max) {
    String flat = s.replace('\n', ' ').replace('\r', ' ');
    return max > 3 && flat.length() > max ? flat.substring(0, max - 1) + "…" : flat;
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }

  static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }
}
