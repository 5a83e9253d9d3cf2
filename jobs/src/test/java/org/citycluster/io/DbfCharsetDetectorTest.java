package org.citycluster.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DbfCharsetDetectorTest {

  /** A .dbf: a 33-byte header (no field descriptors, the terminator) and one record of text. */
  private static ByteArrayInputStream dbf(int languageDriver, byte[] record) {
    byte[] b = new byte[33 + record.length];
    b[0] = 3;
    b[8] = 33; // header length
    b[29] = (byte) languageDriver;
    b[32] = 0x0D;
    System.arraycopy(record, 0, b, 33, record.length);
    return new ByteArrayInputStream(b);
  }

  @Test
  void aLanguageDriverNamingACodePageDecides() throws Exception {
    byte[] utf8 = " 苏州市".getBytes(StandardCharsets.UTF_8);
    assertEquals("GBK", DbfCharsetDetector.detect(dbf(0x7A, utf8), "a.dbf"));
    assertEquals("GBK", DbfCharsetDetector.detect(dbf(0x4D, utf8), "a.dbf"));
    assertEquals("Big5", DbfCharsetDetector.detect(dbf(0x78, utf8), "a.dbf"));
  }

  @Test
  void withoutOneOrWithAnsiTheContentDecides() throws Exception {
    byte[] gbk = " 苏州市".getBytes(Charset.forName("GBK"));
    byte[] utf8 = " 苏州市".getBytes(StandardCharsets.UTF_8);
    assertEquals("GBK", DbfCharsetDetector.detect(dbf(0, gbk), "a.dbf"));
    assertEquals("UTF-8", DbfCharsetDetector.detect(dbf(0, utf8), "a.dbf"));
    assertEquals("GBK", DbfCharsetDetector.detect(dbf(0x57, gbk), "a.dbf"));
    assertEquals("UTF-8", DbfCharsetDetector.detect(dbf(0x57, utf8), "a.dbf"));
  }
}
