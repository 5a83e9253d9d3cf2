package org.citycluster.report;

import static org.citycluster.report.Svg.esc;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * The HTML being written for one report and the small pieces every section uses: sections (each
 * closed before the next opens), notes, tables of query rows, WKB decoding and cell formatting. No
 * script and no external resource is ever written.
 */
final class Page {

  private final StringBuilder html = new StringBuilder();
  private final WKBReader wkb = new WKBReader();
  private boolean inSection;

  /** The buffer itself, for code that appends in long chains. */
  StringBuilder buffer() {
    return html;
  }

  /** Appends raw HTML (the caller escapes). */
  Page raw(Object s) {
    html.append(s);
    return this;
  }

  /** Appends escaped text. */
  Page text(Object s) {
    html.append(esc(s));
    return this;
  }

  /** Closes the open section, if any, and opens one with an {@code <h2>} heading. */
  void section(String heading) {
    closeSection();
    html.append("<section>\n<h2>").append(esc(heading)).append("</h2>\n");
    inSection = true;
  }

  /** Closes the open section, if any. */
  void closeSection() {
    if (inSection) {
      html.append("</section>\n");
      inSection = false;
    }
  }

  /** A highlighted note, e.g. "... is not available in this run". */
  void note(String text) {
    html.append("<p class=\"note\">").append(esc(text)).append("</p>\n");
  }

  /** A plain table of rows, one column per name, numbers right-aligned. */
  void table(List<String> columns, List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      html.append("<p class=\"muted\">(no rows)</p>\n");
      return;
    }
    html.append("<div class=\"scroll\"><table><thead><tr>");
    for (String c : columns) {
      html.append("<th>").append(esc(c)).append("</th>");
    }
    html.append("</tr></thead><tbody>\n");
    for (Map<String, Object> r : rows) {
      html.append("<tr>");
      for (String c : columns) {
        Object v = r.get(c);
        html.append(v instanceof Number ? "<td class=\"n\">" : "<td>")
            .append(esc(fmt(v)))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody></table></div>\n");
  }

  /** The JTS geometry of a WKB cell (bytes or a JDBC blob); null for anything else. */
  Geometry geometry(Object wkbValue) throws SQLException {
    byte[] bytes;
    if (wkbValue instanceof byte[] b) {
      bytes = b;
    } else if (wkbValue instanceof java.sql.Blob blob) {
      bytes = blob.getBytes(1, (int) blob.length());
    } else {
      return null;
    }
    try {
      return wkb.read(bytes);
    } catch (ParseException e) {
      throw new SQLException("invalid WKB geometry in the published table", e);
    }
  }

  @Override
  public String toString() {
    return html.toString();
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

  /** A share or rate (0.0123) as a signed percentage ("+1.23%"); "–" for null or NaN. */
  static String percentPerYear(Object v) {
    double d = asDouble(v);
    return Double.isNaN(d)
        ? "–"
        : String.format(Locale.ROOT, "%+.2f%%", 100 * d).replace('-', '\u2212');
  }
}
