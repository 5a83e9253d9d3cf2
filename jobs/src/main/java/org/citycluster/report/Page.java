package org.citycluster.report;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * The pieces every section's view model uses: tables of query rows (rendered by {@code
 * report/table.mustache}), WKB decoding and cell formatting.
 */
final class Page {

  private Page() {}

  /** One table cell: its formatted text and whether it is a number (right-aligned). */
  record Cell(String text, boolean number) {}

  /** One table row. */
  record Row(List<Cell> cells) {}

  /** A plain table, one column per name; {@code report/table.mustache} renders it. */
  record Table(List<String> columns, List<Row> rows) {
    /** True without rows: the template says "(no rows)". */
    boolean empty() {
      return rows.isEmpty();
    }
  }

  /** The table of query rows, one column per name, numbers right-aligned. */
  static Table table(List<String> columns, List<Map<String, Object>> rows) {
    List<Row> out = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      List<Cell> cells = new ArrayList<>();
      for (String c : columns) {
        Object v = r.get(c);
        cells.add(new Cell(fmt(v), v instanceof Number));
      }
      out.add(new Row(cells));
    }
    return new Table(List.copyOf(columns), out);
  }

  /** The JTS geometry of a WKB cell (bytes or a JDBC blob); null for anything else. */
  static Geometry geometry(Object wkbValue) throws SQLException {
    byte[] bytes;
    if (wkbValue instanceof byte[] b) {
      bytes = b;
    } else if (wkbValue instanceof java.sql.Blob blob) {
      bytes = blob.getBytes(1, (int) blob.length());
    } else {
      return null;
    }
    try {
      return new WKBReader().read(bytes);
    } catch (ParseException e) {
      throw new SQLException("invalid WKB geometry in the published table", e);
    }
  }

  /** A cell's text as it is, "" for null. */
  static String text(Object v) {
    return v == null ? "" : v.toString();
  }

  static double asDouble(Object v) {
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** Short human formatting of a table cell or figure. */
  static String fmt(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d)) {
        return "–";
      }
      double a = Math.abs(d);
      if (a >= 1e9) {
        return String.format(Locale.ROOT, "%,.1f bn", d / 1e9);
      }
      if (a >= 100) {
        return String.format(Locale.ROOT, "%,.0f", d);
      }
      if (a >= 1) {
        return String.format(Locale.ROOT, "%.2f", d);
      }
      return String.format(Locale.ROOT, "%.3f", d);
    }
    if (v instanceof Long || v instanceof Integer || v instanceof java.math.BigInteger) {
      return String.format(Locale.ROOT, "%,d", ((Number) v).longValue());
    }
    return v.toString();
  }

  /** A signed figure with two decimals and a true minus ("+0.52", "−1.30"); "–" for NaN. */
  static String signed(Object v) {
    double d = asDouble(v);
    return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%+.2f", d).replace('-', '\u2212');
  }

  /** A number without trailing zeros (0.05, not 0.050). */
  static String plain(Object v) {
    double d = asDouble(v);
    return Double.isNaN(d)
        ? "–"
        : java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** A p-value or share with three decimals ("0.010"); "–" for NaN. */
  static String p3(Object v) {
    double d = asDouble(v);
    return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.3f", d);
  }

  /** A share or rate (0.0123) as a signed percentage ("+1.23%"); "–" for null or NaN. */
  static String percentPerYear(Object v) {
    double d = asDouble(v);
    return Double.isNaN(d)
        ? "–"
        : String.format(Locale.ROOT, "%+.2f%%", 100 * d).replace('-', '\u2212');
  }
}
