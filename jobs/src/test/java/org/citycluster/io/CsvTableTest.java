package org.citycluster.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {

  private static CsvTable read(String text, List<String> required) throws Exception {
    return CsvTable.read(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv", required);
  }

  @Test
  void quotedFieldsWithCommasQuotesAndNewlinesKeepTheirLineNumbers() throws Exception {
    CsvTable t = read("a,b\n1,\"x, \"\"y\"\"\"\n2,\"two\nlines\"\n3,z\n", List.of("a", "b"));
    assertEquals(3, t.rows().size());
    assertEquals("x, \"y\"", t.rows().get(0).get("b"));
    assertEquals("two\nlines", t.rows().get(1).get("b"));
    assertEquals(2, t.rows().get(0).line());
    assertEquals(3, t.rows().get(1).line());
    assertEquals(5, t.rows().get(2).line());
  }

  @Test
  void crlfAndMissingFinalNewlineAreAccepted() throws Exception {
    CsvTable t = read("a,b\r\n1,2\r\n3,", List.of());
    assertEquals(2, t.rows().size());
    assertEquals("", t.rows().get(1).get("b"));
    assertEquals(null, t.rows().get(1).getDouble("b"));
  }

  @Test
  void errorsNameFileLineAndField() throws Exception {
    InputDataException header =
        assertThrows(InputDataException.class, () -> read("x,y\n1,2\n", List.of("adcode")));
    assertEquals("t.csv", header.source());
    assertEquals("adcode", header.field());
    assertTrue(header.getMessage().contains("missing required column 'adcode'"));

    InputDataException width =
        assertThrows(InputDataException.class, () -> read("a,b\n1,2\n3\n", List.of()));
    assertEquals("line 3", width.record());

    CsvTable t = read("a,b\n1,abc\n", List.of());
    InputDataException number =
        assertThrows(InputDataException.class, () -> t.rows().get(0).getDouble("b"));
    assertEquals("t.csv: line 2, field 'b': not a number: 'abc'", number.getMessage());

    assertThrows(InputDataException.class, () -> read("", List.of()));
    InputDataException quote =
        assertThrows(InputDataException.class, () -> read("a,b\n1,\"open\n", List.of()));
    assertTrue(quote.getMessage().contains("unterminated"));
  }

  @Test
  void blankLinesAreSkippedAndMalformedQuotingNamesItsLine() throws Exception {
    CsvTable t = read("a,b\n1,2\n\n3,4\n", List.of());
    assertEquals(2, t.rows().size());
    assertEquals("4", t.rows().get(1).get("b"));
    InputDataException e =
        assertThrows(InputDataException.class, () -> read("a,b\n1,2\n3,\"x\" y\n", List.of()));
    assertEquals("t.csv", e.source());
    assertEquals("line 3", e.record());
    assertTrue(e.getMessage().contains("malformed CSV"), e.getMessage());
  }

  @Test
  void gbkBytesAreRejectedAsNotUtf8() {
    byte[] gbk = "adcode,name\n320500,苏州市\n".getBytes(Charset.forName("GBK"));
    InputDataException e =
        assertThrows(
            InputDataException.class,
            () -> CsvTable.read(new ByteArrayInputStream(gbk), "gbk.csv", List.of()));
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
  }
}
