package org.citycluster.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.citycluster.io.DbfCharsetDetector;
import org.citycluster.io.InputDataException;

/**
 * The text encoding of one shapefile's .dbf: the configured one; else the one a non-blank .cpg
 * declares (a Java charset name such as {@code UTF-8} or {@code GBK}, or a Windows code page as
 * ArcGIS writes it: {@code 936}, {@code ANSI 936}, {@code CP936}, {@code 65001}); else {@link
 * DbfCharsetDetector}'s answer from the .dbf. Works on any Hadoop file system. A .cpg naming an
 * encoding Java does not know, or a .dbf that cannot be read, is an {@link InputDataException}
 * naming the file.
 */
final class ShapefileCharset {

  private static final Pattern CODE_PAGE =
      Pattern.compile("(?i)(?:ANSI\\s*|CP|windows-)?(\\d{3,5})");

  private ShapefileCharset() {}

  /**
   * @param cpg the .cpg file, or null when there is none
   * @param dbf the .dbf file
   * @return the charset's Java name, never empty
   */
  static String of(FileSystem fs, Path cpg, Path dbf, String configured, String sourceName) {
    if (!configured.isEmpty()) {
      return configured;
    }
    try {
      if (cpg != null) {
        String declared;
        try (InputStream in = fs.open(cpg)) {
          declared = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
        if (!declared.isEmpty()) {
          String charset = javaCharset(declared);
          if (charset == null) {
            throw new InputDataException(
                sourceName,
                "file",
                null,
                cpg.getName()
                    + " declares the encoding '"
                    + declared
                    + "', which Java does not know (set boundaries.<level>.charset, e.g. GBK)");
          }
          return charset;
        }
      }
      try (InputStream in = fs.open(dbf)) {
        return DbfCharsetDetector.detect(in, sourceName);
      }
    } catch (IOException e) {
      throw new InputDataException(sourceName, "file", null, "cannot read .dbf: " + e, e);
    }
  }

  /** The Java name of a .cpg's declaration, or null when Java has no such charset. */
  static String javaCharset(String declared) {
    String s = declared.strip();
    Matcher codePage = CODE_PAGE.matcher(s);
    if (codePage.matches()) {
      String n = codePage.group(1);
      if (n.equals("65001")) {
        return "UTF-8";
      }
      for (String candidate : new String[] {"windows-" + n, "x-windows-" + n, "CP" + n}) {
        if (isSupported(candidate)) {
          return Charset.forName(candidate).name();
        }
      }
      return null;
    }
    return isSupported(s) ? Charset.forName(s).name() : null;
  }

  private static boolean isSupported(String name) {
    try {
      return Charset.isSupported(name);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
