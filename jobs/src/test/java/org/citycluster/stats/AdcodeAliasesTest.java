package org.citycluster.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.citycluster.io.CsvTable;
import org.junit.jupiter.api.Test;

class AdcodeAliasesTest {

  @Test
  void municipalityCityCodesMapToTheProvinceCode() {
    AdcodeAliases a = AdcodeAliases.municipalitiesOnly();
    assertEquals("110000", a.canonical("110100"));
    assertEquals("120000", a.canonical("120100"));
    assertEquals("310000", a.canonical(" 310100 "));
    assertEquals("500000", a.canonical("500100"));
    assertEquals("320500", a.canonical("320500"));
    assertTrue(a.isAlias("110100"));
    assertFalse(a.isAlias("110000"));
  }

  @Test
  void sourceCodesListedInTheUnitTableAreAliases() throws Exception {
    String csv =
        "adcode,name_zh,source_codes\n"
            + "460400,儋州市,CSMAR(2019/2020 rows):469003\n"
            + "650400,吐鲁番市,CSMAR(2019/2020 rows):652100;OTHER:652101\n"
            + "110000,北京市,LEIII_CENSUS:110100\n"
            + "320500,苏州市,\n";
    CsvTable units =
        CsvTable.read(
            new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
            "cities.csv",
            List.of());
    AdcodeAliases a = AdcodeAliases.fromCitiesTable(units);
    assertEquals("460400", a.canonical("469003"));
    assertEquals("650400", a.canonical("652100"));
    assertEquals("650400", a.canonical("652101"));
    assertEquals("110000", a.canonical("110100"));
    assertEquals("500000", a.canonical("500100"));
    assertEquals("320500", a.canonical("320500"));
  }
}
