package org.citycluster.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small RFC 4180 CSV table (UTF-8, header row, quoted fields with embedded commas, quotes and
 * newlines), read whole into memory. Meant for reference tables of up to a few hundred thousand
 * rows (statistics, cluster plans, station lists); each row remembers its 1-based line number so
 * that errors can name the file, row and field.
 *
 * <p>Bad input fails with {@link InputDataException}: a missing required column, a row with the
 * wrong number of fields, an unterminated quote, bytes that are not valid UTF-8, an empty file.
 */
public final class CsvTable {

  /** One data row: its line number in the file (header = line 1) and its fields by column. */
  public record Row(String source, int line, Map<String, String> fields) {

    /** The field's text, "" when empty; the column must exist in the header. */
    public String get(String column) {
      String v = fields.get(column);
      if (v == null && !fields.containsKey(column)) {
        throw new IllegalArgumentException("no column '" + column + "' in " + source);
      }
      return v == null ? "" : v;
    }

    /** The field parsed as a double, or null when empty; non-numeric text is an error. */
    public Double getDouble(String column) {
      String v = get(column).trim();
      if (v.isEmpty()) {
        return null;
      }
      try {
        return Double.valueOf(v);
      } catch (NumberFormatException e) {
        throw new InputDataException(
            source, "line " + line, column, "not a number: '" + v + "'", e);
      }
    }

    /** The field as a boolean: true/false (case-insensitive); anything else is an error. */
    public boolean getBoolean(String column) {
      String v = get(column).trim().toLowerCase();
      return switch (v) {
        case "true" -> true;
        case "false", "" -> false;
        default ->
            throw new InputDataException(
                source, "line " + line, column, "expected true or false, found '" + v + "'");
      };
    }
  }

  private final String source;
  private final List<String> header;
  private final List<Row> rows;

  private CsvTable(String source, List<String> header, List<Row> rows) {
    this.source = source;
    this.header = header;
    this.rows = rows;
  }

  /** The name given when reading: used in every error message. */
  public String source() {
    return source;
  }

  public List<String> header() {
    return header;
  }

  public List<Row> rows() {
    return rows;
  }

  /** Reads UTF-8 CSV from a stream (closed afterwards) and checks the required columns exist. */
  public static CsvTable read(InputStream in, String source, List<String> requiredColumns)
      throws IOException {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (Reader reader = new BufferedReader(new InputStreamReader(in, decoder))) {
      return parse(reader, source, requiredColumns);
    } catch (CharacterCodingException e) {
      throw new InputDataException(
          source, "file", null, "not valid UTF-8 text (is it GBK? convert it to UTF-8)", e);
    }
  }

  static CsvTable parse(Reader reader, String source, List<String> requiredColumns)
      throws IOException {
    List<List<String>> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    List<String> current = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean inQuotes = false;
    boolean fieldStarted = false;
    int line = 1;
    int recordLine = 1;
    int c;
    while ((c = reader.read()) != -1) {
      char ch = (char) c;
      if (inQuotes) {
        if (ch == '"') {
          reader.mark(1);
          int next = reader.read();
          if (next == '"') {
            field.append('"');
          } else {
            inQuotes = false;
            if (next != -1) {
              reader.reset();
            }
          }
        } else {
          if (ch == '\n') {
            line++;
          }
          field.append(ch);
        }
      } else if (ch == '"' && field.isEmpty()) {
        inQuotes = true;
        fieldStarted = true;
      } else if (ch == ',') {
        current.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r') {
          reader.mark(1);
          if (reader.read() != '\n') {
            reader.reset();
          }
        }
        if (fieldStarted || !field.isEmpty() || !current.isEmpty()) {
          current.add(field.toString());
          records.add(current);
          lines.add(recordLine);
        }
        current = new ArrayList<>();
        field.setLength(0);
        fieldStarted = false;
        line++;
        recordLine = line;
      } else {
        field.append(ch);
        fieldStarted = true;
      }
    }
    if (inQuotes) {
      throw new InputDataException(
          source, "line " + recordLine, null, "unterminated quoted field (file truncated?)");
    }
    if (fieldStarted || !field.isEmpty() || !current.isEmpty()) {
      current.add(field.toString());
      records.add(current);
      lines.add(recordLine);
    }
    if (records.isEmpty()) {
      throw new InputDataException(source, "file", null, "empty file: no header row");
    }
    List<String> header = new ArrayList<>();
    for (String h : records.get(0)) {
      header.add(h.strip().replace("\uFEFF", ""));
    }
    for (String required : requiredColumns) {
      if (!header.contains(required)) {
        throw new InputDataException(
            source,
            "line 1",
            required,
            "missing required column '" + required + "'; header is " + header);
      }
    }
    List<Row> rows = new ArrayList<>(records.size() - 1);
    for (int r = 1; r < records.size(); r++) {
      List<String> values = records.get(r);
      if (values.size() != header.size()) {
        throw new InputDataException(
            source,
            "line " + lines.get(r),
            null,
            "expected " + header.size() + " fields, found " + values.size());
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        fields.put(header.get(i), values.get(i));
      }
      rows.add(new Row(source, lines.get(r), Collections.unmodifiableMap(fields)));
    }
    return new CsvTable(source, List.copyOf(header), List.copyOf(rows));
  }
}
