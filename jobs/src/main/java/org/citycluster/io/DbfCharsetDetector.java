package org.citycluster.io;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Guesses the text encoding of a shapefile's .dbf when no .cpg file declares it.
 *
 * <p>Rule: if all record bytes decode as strict UTF-8 the answer is {@code UTF-8} (this includes
 * pure ASCII), otherwise {@code GBK} — the encoding Chinese GIS software writes by default (cp936).
 * A GBK text of Chinese names is practically never valid UTF-8, so the rule does not confuse the
 * two; it cannot tell GBK from other legacy encodings (Big5, Latin-1), which must then be
 * configured explicitly.
 */
public final class DbfCharsetDetector {

  private DbfCharsetDetector() {}

  /** Reads the .dbf stream (closed afterwards) and returns {@code UTF-8} or {@code GBK}. */
  public static String detect(InputStream dbf, String source) throws IOException {
    try (DataInputStream in = new DataInputStream(dbf)) {
      byte[] header = new byte[32];
      try {
        in.readFully(header);
      } catch (java.io.EOFException e) {
        throw new InputDataException(source, "file", null, "truncated .dbf header");
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
