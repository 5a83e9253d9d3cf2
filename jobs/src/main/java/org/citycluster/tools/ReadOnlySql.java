package org.citycluster.tools;

import java.util.Locale;
import java.util.Set;

/**
 * The first of the query command's guards: accepts exactly one statement whose first keyword reads
 * data ({@code SELECT}, {@code WITH}, {@code FROM}, {@code VALUES}, {@code TABLE}, {@code
 * DESCRIBE}, {@code SHOW}, {@code SUMMARIZE}, {@code PIVOT}, {@code UNPIVOT}, plain {@code
 * EXPLAIN}) and refuses everything else ({@code CREATE}, {@code INSERT}, {@code COPY}, {@code
 * ATTACH}, {@code SET}, {@code EXPLAIN ANALYZE}, several statements, ...). Comments and string
 * literals are skipped when looking for keywords and semicolons. It is a lexical check, not a
 * parser: the database is also opened read-only, with external access limited to the warehouse, so
 * a statement that slips past here (e.g. {@code WITH ... INSERT}) still cannot write.
 */
public final class ReadOnlySql {

  private static final Set<String> READING =
      Set.of(
          "SELECT",
          "WITH",
          "FROM",
          "VALUES",
          "TABLE",
          "DESCRIBE",
          "DESC",
          "SHOW",
          "SUMMARIZE",
          "PIVOT",
          "UNPIVOT",
          "EXPLAIN");

  private ReadOnlySql() {}

  /** A statement the query command will not run. */
  public static final class RefusedException extends RuntimeException {
    public RefusedException(String message) {
      super(message);
    }
  }

  /**
   * Returns the statement without a trailing semicolon, or throws {@link RefusedException} naming
   * why it is refused.
   */
  public static String check(String sql) {
    String code = codeOnly(sql == null ? "" : sql).strip();
    String trimmed = sql == null ? "" : sql.strip();
    while (code.endsWith(";")) {
      code = code.substring(0, code.length() - 1).strip();
      trimmed = trimmed.substring(0, trimmed.lastIndexOf(';')).strip();
    }
    if (code.isEmpty()) {
      throw new RefusedException("no SQL statement given");
    }
    if (code.contains(";")) {
      throw new RefusedException("only one statement per query is allowed");
    }
    String[] words = code.split("[\\s(]+", 3);
    String first = firstWord(code);
    if (!READING.contains(first)) {
      throw new RefusedException(
          "only read-only statements (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN)"
              + " are allowed; "
              + (first.isEmpty() ? "this statement" : first)
              + " statements are refused (the outputs are read-only)");
    }
    if (first.equals("EXPLAIN") && words.length > 1 && words[1].equalsIgnoreCase("ANALYZE")) {
      throw new RefusedException("EXPLAIN ANALYZE runs its statement and is refused");
    }
    return trimmed;
  }

  private static String firstWord(String code) {
    int i = 0;
    while (i < code.length() && (code.charAt(i) == '(' || Character.isWhitespace(code.charAt(i)))) {
      i++;
    }
    int j = i;
    while (j < code.length() && Character.isLetter(code.charAt(j))) {
      j++;
    }
    return code.substring(i, j).toUpperCase(Locale.ROOT);
  }

  /**
   * The statement with comments removed and the contents of string literals and quoted identifiers
   * blanked, so that keywords and semicolons inside them are not seen.
   */
  static String codeOnly(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
        while (i < sql.length() && sql.charAt(i) != '\n') {
          i++;
        }
        out.append(' ');
      } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 2;
        out.append(' ');
      } else if (c == '\'' || c == '"') {
        int j = i + 1;
        while (j < sql.length()) {
          if (sql.charAt(j) == c) {
            if (j + 1 < sql.length() && sql.charAt(j + 1) == c) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        out.append(c).append(c);
        i = Math.min(j + 1, sql.length());
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
