package org.citycluster.io;

/**
 * Bad input that stops a run: the message always names the source file, the record (line, feature
 * id or "file") and, where one applies, the field, so that an operator can fix it without reading a
 * stack trace.
 */
public class InputDataException extends RuntimeException {

  private final String source;
  private final String record;
  private final String field;

  public InputDataException(String source, String record, String field, String problem) {
    this(source, record, field, problem, null);
  }

  public InputDataException(
      String source, String record, String field, String problem, Throwable cause) {
    super(
        source + ": " + record + (field == null ? "" : ", field '" + field + "'") + ": " + problem,
        cause);
    this.source = source;
    this.record = record;
    this.field = field;
  }

  public String source() {
    return source;
  }

  public String record() {
    return record;
  }

  public String field() {
    return field;
  }
}
