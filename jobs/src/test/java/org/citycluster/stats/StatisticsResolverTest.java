package org.citycluster.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.citycluster.dq.DqIssue;
import org.citycluster.io.CsvTable;
import org.citycluster.io.InputDataException;
import org.junit.jupiter.api.Test;

class StatisticsResolverTest {

  private static final String HEADER =
      "adcode,year,population_census,gdp_cny,primary_share_pct,secondary_share_pct,"
          + "tertiary_share_pct\n";

  private static CsvTable table(String rows) throws Exception {
    return CsvTable.read(
        new ByteArrayInputStream((HEADER + rows).getBytes(StandardCharsets.UTF_8)),
        "stats.csv",
        StatisticsResolver.REQUIRED_COLUMNS);
  }

  @Test
  void targetYearValuesAreUsedAndPercentagesBecomeShares() throws Exception {
    var result =
        StatisticsResolver.resolve(
            table("320500,2020,12748262,2.01705E12,1.0,46.5,52.5\n"),
            2020,
            AdcodeAliases.municipalitiesOnly());
    UnitStatistics s = result.byAdcode().get("320500");
    assertEquals(12748262L, s.population());
    assertEquals(2.01705e12, s.gdpCny(), 1);
    assertEquals(0.465, s.secondaryShare(), 1e-12);
    assertEquals(2020, s.gdpYear());
    assertEquals(2.01705e12 / 12748262, s.gdpPerCapitaCny(), 1e-6);
    assertTrue(result.issues().isEmpty());
  }

  @Test
  void eachFieldFallsBackToTheNearestYearAndTheFallbackIsRecorded() throws Exception {
    var result =
        StatisticsResolver.resolve(
            table(
                "630100,2010,2200000,,,,\n"
                    + "630100,2019,,1.3E11,3,30,67\n"
                    + "630100,2020,2467965,,4,31,65\n"
                    + "630100,2021,,1.5E11,5,32,63\n"),
            2020,
            AdcodeAliases.municipalitiesOnly());
    UnitStatistics s = result.byAdcode().get("630100");
    assertEquals(2467965L, s.population());
    assertEquals(2020, s.populationYear());
    // 2019 and 2021 are equally near: the earlier year wins
    assertEquals(1.3e11, s.gdpCny(), 1);
    assertEquals(2019, s.gdpYear());
    assertEquals(0.04, s.primaryShare(), 1e-12);
    assertEquals(
        List.of(
            new DqIssue(
                "stats.csv",
                "adcode 630100",
                "gdp_cny",
                "no value for 2020",
                "fallback",
                "used 2019")),
        result.issues());
  }

  @Test
  void municipalityAliasesAreFoldedAndMissingFieldsAreDefaulted() throws Exception {
    var result =
        StatisticsResolver.resolve(
            table("310100,2020,24870895,,,,\n"), 2020, AdcodeAliases.municipalitiesOnly());
    UnitStatistics s = result.byAdcode().get("310000");
    assertEquals(24870895L, s.population());
    assertNull(s.gdpCny());
    assertNull(s.gdpYear());
    assertEquals(2, result.issues().size());
    assertEquals("defaulted", result.issues().get(0).action());
  }

  @Test
  void badRowsFailNamingLineAndField() throws Exception {
    InputDataException text =
        assertThrows(
            InputDataException.class,
            () ->
                StatisticsResolver.resolve(
                    table("320500,2020,many,,,,\n"), 2020, AdcodeAliases.municipalitiesOnly()));
    assertEquals(
        "stats.csv: line 2, field 'population_census': not a number: 'many'", text.getMessage());
    InputDataException duplicate =
        assertThrows(
            InputDataException.class,
            () ->
                StatisticsResolver.resolve(
                    table("320500,2020,1,,,,\n320500,2020,2,,,,\n"),
                    2020,
                    AdcodeAliases.municipalitiesOnly()));
    assertTrue(duplicate.getMessage().contains("line 3"), duplicate.getMessage());
    InputDataException share =
        assertThrows(
            InputDataException.class,
            () ->
                StatisticsResolver.resolve(
                    table("320500,2020,1,1,5,150,5\n"), 2020, AdcodeAliases.municipalitiesOnly()));
    assertEquals("secondary_share_pct", share.field());
  }
}
