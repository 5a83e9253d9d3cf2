package org.citycluster.io;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Guesses the text encoding of a shapefile's .dbf when no .cpg file declares it.
 *
 * <p>Rule: a language-driver byte (offset 29 of the header) that names a code page decides (0x4D
 * and 0x7A: GBK, as {@code ogr2ogr -lco ENCODING=LDID/122} writes; Big5, Shift-JIS, Korean,
 * windows-1250/1251 likewise); 0 and 0x57 ("ANSI": the writer's system code page, GBK on Chinese
 * Windows) decide nothing. Otherwise, if all record bytes decode as strict UTF-8 the answer is
 * {@code UTF-8} (this includes pure ASCII), otherwise {@code GBK} — the encoding Chinese GIS
 * software writes by default (cp936). A GBK text of Chinese names is practically never valid UTF-8,
 * so the rule does not confuse the two; it cannot tell GBK from other legacy encodings (Big5,
 * Latin-1), which must then be configured explicitly.
 */
public final class DbfCharsetDetector {

  private DbfCharsetDetector() {}

  /** Language-driver ids that name one code page, and its Java charset. */
  private static final Map<Integer, String> LANGUAGE_DRIVERS =
      Map.ofEntries(
          Map.entry(0x4D, "GBK"),
          Map.entry(0x7A, "GBK"),
          Map.entry(0x4F, "Big5"),
          Map.entry(0x78, "Big5"),
          Map.entry(0x4E, "x-windows-949"),
          Map.entry(0x79, "x-windows-949"),
          Map.entry(0x13, "windows-31j"),
          Map.entry(0x7B, "windows-31j"),
          Map.entry(0xC8, "windows-1250"),
          Map.entry(0xC9, "windows-1251"),
          Map.entry(0x03, "windows-1252"));

  /**
   * Reads the .dbf stream (closed afterwards) and returns the charset its language-driver byte
   * names, else {@code UTF-8} or {@code GBK} from the content.
   */
  public static String detect(InputStream dbf, String source) throws IOException {
    try (DataInputStream in = new DataInputStream(dbf)) {
      byte[] header = new byte[32];
      try {
        in.readFully(header);
      } catch (java.io.EOFException e) {
        throw new InputDataException(source, "file", null, "truncated .dbf header");
      }
      String declared = LANGUAGE_DRIVERS.get(header[29] & 0xff);
      if (declared != null) {
        return declared;
      }
      int headerLength = (header[8] & 0xff) | (header[9] & 0xff) << 8;
      in.skipNBytes(headerLength - 32L);
      byte[] records = in.readAllBytes();
      try {
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(records));
        return "UTF-8";
      } catch (CharacterCodingException e) {
        return "GBK";
      }
    }
  }
}
