package org.citycluster.io;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes the pipeline reads from a boundary layer, how each is found among a source's
 * fields, and how its values are coerced to one type whatever the source wrote.
 *
 * <p>Finding ({@link #resolve}): an attribute is taken from the field configured for it ({@code
 * boundaries.<level>.fields.<attribute>}), else from the field of the same name (ignoring case),
 * else from a field that is the name cut to dBase's 10 characters ({@code province_a} for {@code
 * province_adcode}, {@code name_pinyi} for {@code name_pinyin}), as ogr2ogr and ArcGIS write
 * shapefiles. A configured field the source lacks is an {@link InputDataException}; so is a source
 * without an {@code adcode}. Other attributes the source lacks are listed in {@link
 * Resolution#missing()} for the caller to report.
 *
 * <p>Coercion: codes ({@link #code}) become digit strings ({@code 320500}, {@code 320500.0} and
 * {@code 3.205E5} all give {@code "320500"}); flags ({@link #flag}) accept {@code true/false},
 * {@code t/f}, {@code y/n}, {@code yes/no} and {@code 1/0} in any case; text is trimmed. Empty
 * values are null; a value that is not a flag is null too, for the caller to report.
 */
public final class BoundaryAttributes {

  /** How an attribute's values are coerced. */
  public enum Kind {
    /** Trimmed text. */
    TEXT,
    /** An administrative code: digits, without a decimal part. */
    CODE,
    /** A yes/no flag. */
    FLAG
  }

  /**
   * One attribute the pipeline reads.
   *
   * @param name the attribute (and output column) name
   * @param kind how its values are coerced
   * @param countyOnly read only at county level (absent elsewhere without a report)
   * @param reportIfMissing whether a source without it gets a dq row (false for attributes whose
   *     absence has an exact default: {@code src_adcode} = the adcode as written, {@code
   *     geometry_repaired} = false)
   * @param whenMissing what the pipeline does without it, for the dq row
   */
  public record Attribute(
      String name, Kind kind, boolean countyOnly, boolean reportIfMissing, String whenMissing) {}

  /** Every attribute, in output order. */
  public static final List<Attribute> ALL =
      List.of(
          new Attribute("adcode", Kind.CODE, false, true, "required"),
          new Attribute("name", Kind.TEXT, false, true, "name defaulted to the adcode"),
          new Attribute("name_short", Kind.TEXT, false, true, "left null"),
          new Attribute("name_pinyin", Kind.TEXT, false, true, "left null"),
          new Attribute("province_adcode", Kind.CODE, false, true, "left null"),
          new Attribute("province_name", Kind.TEXT, false, true, "left null"),
          new Attribute("kind", Kind.TEXT, false, true, "left null"),
          new Attribute("mainland", Kind.FLAG, false, true, "every unit taken as mainland"),
          new Attribute(
              "prefecture_adcode",
              Kind.CODE,
              true,
              true,
              "prefecture assigned by the spatial join only, not cross-checked"),
          new Attribute("src_adcode", Kind.CODE, false, false, "the adcode as written"),
          new Attribute("geometry_repaired", Kind.FLAG, false, false, "false"));

  /** dBase (shapefile .dbf) field names hold at most this many characters. */
  static final int DBASE_NAME_LENGTH = 10;

  /**
   * Where each attribute comes from.
   *
   * @param fields attribute name to the source field it is read from (present attributes only)
   * @param notes one sentence per attribute taken from a truncated field name
   * @param missing the attributes the source lacks that should be reported
   */
  public record Resolution(
      Map<String, String> fields, List<String> notes, List<Attribute> missing) {}

  private BoundaryAttributes() {}

  /** The attribute of this name, if any. */
  public static Optional<Attribute> byName(String name) {
    return ALL.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  /**
   * Finds each attribute among {@code sourceFields}; see the class comment.
   *
   * @param configured attribute to source field, as configured (empty values = not configured)
   * @param countyLevel whether county-only attributes are expected
   * @param source the file, for error messages
   */
  public static Resolution resolve(
      List<String> sourceFields,
      Map<String, String> configured,
      boolean countyLevel,
      String source) {
    Map<String, String> fields = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    List<Attribute> missing = new ArrayList<>();
    for (Attribute a : ALL) {
      String wanted = configured.getOrDefault(a.name(), "").trim();
      if (!wanted.isEmpty()) {
        String found = findIgnoringCase(sourceFields, wanted);
        if (found == null) {
          throw new InputDataException(
              source,
              "file",
              wanted,
              "configured as the field of '"
                  + a.name()
                  + "' but the source has no such field; fields are "
                  + sourceFields);
        }
        fields.put(a.name(), found);
        continue;
      }
      String found = findIgnoringCase(sourceFields, a.name());
      if (found == null && a.name().length() > DBASE_NAME_LENGTH) {
        found = truncated(sourceFields, a.name());
        if (found != null) {
          notes.add(
              "field '"
                  + found
                  + "' read as '"
                  + a.name()
                  + "' (name cut to 10 characters by dBase)");
        }
      }
      if (found != null) {
        fields.put(a.name(), found);
      } else if (a.name().equals("adcode")) {
        throw new InputDataException(
            source,
            "file",
            "adcode",
            "no 'adcode' field (set boundaries.<level>.fields.adcode to the field that holds the"
                + " 6-digit code); fields are "
                + sourceFields);
      } else if (a.reportIfMissing() && (countyLevel || !a.countyOnly())) {
        missing.add(a);
      }
    }
    return new Resolution(fields, notes, missing);
  }

  private static String findIgnoringCase(List<String> fields, String name) {
    for (String f : fields) {
      if (f.equals(name)) {
        return f;
      }
    }
    for (String f : fields) {
      if (f.equalsIgnoreCase(name)) {
        return f;
      }
    }
    return null;
  }

  /**
   * The field that is {@code name} cut to 10 characters, unless another attribute (of the same
   * first 10 characters) could claim it too.
   */
  private static String truncated(List<String> fields, String name) {
    String prefix = name.substring(0, DBASE_NAME_LENGTH);
    long claimants =
        ALL.stream()
            .filter(a -> a.name().length() >= DBASE_NAME_LENGTH && a.name().startsWith(prefix))
            .count();
    return claimants == 1 ? findIgnoringCase(fields, prefix) : null;
  }

  /**
   * A code as digits: integral numbers lose their decimal part and exponent ({@code 320500.0},
   * {@code 3.205E5} give {@code 320500}); other text is returned trimmed (for the caller's own
   * check); blank is null.
   */
  public static String code(String value) {
    if (value == null) {
      return null;
    }
    String s = value.trim();
    if (s.isEmpty()) {
      return null;
    }
    if (s.matches("[0-9]+")) {
      return s;
    }
    if (s.matches("[+]?[0-9]*\\.?[0-9]+([eE][+]?[0-9]+)?")) {
      try {
        return new BigDecimal(s).toBigIntegerExact().toString();
      } catch (ArithmeticException | NumberFormatException notIntegral) {
        return s;
      }
    }
    return s;
  }

  /**
   * A flag: {@code true}/{@code t}/{@code y}/{@code yes}/{@code 1} (any case, trimmed; also {@code
   * 1.0}) is true, the opposites false; blank or anything else is null.
   */
  public static Boolean flag(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "t", "y", "yes", "1", "1.0" -> Boolean.TRUE;
      case "false", "f", "n", "no", "0", "0.0" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** Trimmed text, blank as null. */
  public static String text(String value) {
    if (value == null) {
      return null;
    }
    String s = value.strip();
    return s.isEmpty() ? null : s;
  }
}
