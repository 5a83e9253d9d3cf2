package org.citycluster.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * An RFC 4180 CSV table (UTF-8, header row, quoted fields with embedded commas, quotes and
 * newlines; parsed by Apache Commons CSV), read whole into memory. Meant for reference tables of up
 * to a few hundred thousand rows (statistics, cluster plans, station lists); each row remembers its
 * 1-based line number so that errors can name the file, row and field.
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

  /** A parse error of Commons CSV as an error naming the file and the line. */
  private static InputDataException malformed(String source, long line, Throwable cause) {
    if (cause instanceof CharacterCodingException) {
      return new InputDataException(
          source, "file", null, "not valid UTF-8 text (is it GBK? convert it to UTF-8)", cause);
    }
    String message = cause == null ? "" : String.valueOf(cause.getMessage());
    String problem =
        message.contains("EOF reached before encapsulated token finished")
            ? "unterminated quoted field (file truncated?)"
            : "malformed CSV: " + message;
    return new InputDataException(source, line > 0 ? "line " + line : "file", null, problem, cause);
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
    CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
    try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      Iterator<CSVRecord> it = parser.iterator();
      long lineBefore = 0;
      while (true) {
        CSVRecord record;
        try {
          if (!it.hasNext()) {
            break;
          }
          record = it.next();
        } catch (UncheckedIOException e) {
          throw malformed(source, lineBefore + 1, e.getCause());
        }
        List<String> values = new ArrayList<>(record.size());
        record.forEach(values::add);
        records.add(values);
        // the record starts on the line after the previous one ended (line breaks inside quoted
        // fields count); blank lines between records are skipped
        lines.add((int) lineBefore + 1);
        lineBefore = parser.getCurrentLineNumber();
      }
    } catch (UncheckedIOException e) {
      throw malformed(source, 0, e.getCause());
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
