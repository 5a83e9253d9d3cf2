package org.citycluster.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.citycluster.dq.DqIssue;
import org.citycluster.io.CsvTable;
import org.citycluster.io.InputDataException;
import org.junit.jupiter.api.Test;

class StatisticsSeriesTest {

  private static final String HEADER =
      "adcode,year,population_census,gdp_cny,primary_share_pct,secondary_share_pct,"
          + "tertiary_share_pct\n";

  // 630100: census 2010 and 2020, GDP 2019 only (as Xining); 110100: Beijing under its city code;
  // 460300: 2020 census only, no GDP (as Sansha); 650000: GDP 2020 but census 2010 only
  private static final String ROWS =
      "630100,2010,2200000,,,,\n"
          + "630100,2019,,1.3E11,3,30,67\n"
          + "630100,2020,2467965,,4,31,65\n"
          + "110100,2010,19612368,,,,\n"
          + "110100,2019,,3.5E12,0.3,16.2,83.5\n"
          + "110100,2020,21893095,3.6E12,0.4,15.8,83.8\n"
          + "110100,2021,,4.0E12,0.3,18,81.7\n"
          + "460300,2020,2333,,,,\n"
          + "650000,2010,1000000,,,,\n"
          + "650000,2020,,5.0E10,,,\n";

  private static CsvTable table(String rows) throws Exception {
    return CsvTable.read(
        new ByteArrayInputStream((HEADER + rows).getBytes(StandardCharsets.UTF_8)),
        "stats.csv",
        StatisticsResolver.REQUIRED_COLUMNS);
  }

  private static StatisticsSeries.UnitYear row(StatisticsSeries.Result r, String adcode, int year) {
    return r.rows().stream()
        .filter(u -> u.adcode().equals(adcode) && u.year() == year)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everyYearOfTheFileByDefaultWithObservedValuesOnly() throws Exception {
    var r = StatisticsSeries.resolve(table(ROWS), AdcodeAliases.municipalitiesOnly(), Set.of());
    assertEquals(List.of(2010, 2019, 2020, 2021), List.copyOf(r.years()));
    assertEquals(List.of(2010, 2020), List.copyOf(r.censusYears()));
    assertEquals(List.of(2019, 2020, 2021), List.copyOf(r.gdpYears()));
    // one row per unit and year, sorted; Beijing under its canonical code
    assertEquals(4 * 4, r.rows().size());
    assertEquals("110000", r.rows().get(0).adcode());
    assertEquals(2010, r.rows().get(0).year());
    // GDP is never taken from another year: Xining has none for 2020
    assertNull(row(r, "630100", 2020).gdpCny());
    assertEquals(1.3e11, row(r, "630100", 2019).gdpCny(), 1);
    assertNull(row(r, "630100", 2019).populationCensus());
    assertEquals(2467965L, row(r, "630100", 2020).populationCensus());
  }

  @Test
  void gdpPerCapitaDividesByTheNearestCensus() throws Exception {
    var r = StatisticsSeries.resolve(table(ROWS), AdcodeAliases.municipalitiesOnly(), Set.of());
    for (int year : List.of(2019, 2020, 2021)) {
      assertEquals(21893095L, row(r, "110000", year).population(), "" + year);
      assertEquals(2020, row(r, "110000", year).populationYear());
    }
    assertEquals(19612368L, row(r, "110000", 2010).population());
    // 650000 has no 2020 census: its 2020 GDP divides by 2010, and that is reported
    assertEquals(1000000L, row(r, "650000", 2020).population());
    assertEquals(2010, row(r, "650000", 2020).populationYear());
    List<DqIssue> fallbacks =
        r.issues().stream().filter(i -> i.action().equals("fallback")).toList();
    assertEquals(1, fallbacks.size(), fallbacks.toString());
    assertEquals("adcode 650000, year 2020", fallbacks.get(0).recordId());
    assertEquals("used 2010", fallbacks.get(0).value());
  }

  @Test
  void gapsAreListedPerUnitFieldAndYear() throws Exception {
    var r = StatisticsSeries.resolve(table(ROWS), AdcodeAliases.municipalitiesOnly(), Set.of());
    Set<String> gaps =
        r.issues().stream()
            .filter(i -> i.action().equals("excluded"))
            .map(i -> i.recordId() + " " + i.field())
            .collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "adcode 630100, year 2020 gdp_cny",
            "adcode 630100, year 2021 gdp_cny",
            "adcode 460300, year 2010 population_census",
            "adcode 460300, year 2019 gdp_cny",
            "adcode 460300, year 2020 gdp_cny",
            "adcode 460300, year 2021 gdp_cny",
            "adcode 650000, year 2019 gdp_cny",
            "adcode 650000, year 2020 population_census",
            "adcode 650000, year 2021 gdp_cny"),
        gaps);
    assertTrue(r.issues().stream().allMatch(i -> i.source().equals("stats.csv")));
  }

  @Test
  void aSelectionOfYearsStillDividesByAnUnselectedCensus() throws Exception {
    var r =
        StatisticsSeries.resolve(
            table(ROWS), AdcodeAliases.municipalitiesOnly(), Set.of(2019, 2021));
    assertEquals(List.of(2019, 2021), List.copyOf(r.years()));
    assertTrue(r.censusYears().isEmpty());
    assertEquals(21893095L, row(r, "110000", 2021).population());
    assertEquals(4 * 2, r.rows().size());
    assertEquals(
        List.of(2010, 2019, 2020, 2021),
        List.copyOf(StatisticsSeries.yearsIn(table(ROWS), AdcodeAliases.municipalitiesOnly())));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                StatisticsSeries.resolve(
                    table(ROWS), AdcodeAliases.municipalitiesOnly(), Set.of(2018)));
    assertTrue(e.getMessage().startsWith("years: [2018] not in stats.csv"), e.getMessage());
  }

  @Test
  void sameValidationAsTheSingleYearResolver() throws Exception {
    InputDataException negative =
        assertThrows(
            InputDataException.class,
            () ->
                StatisticsSeries.resolve(
                    table("320500,2020,-5,1E12,1,46,53\n"),
                    AdcodeAliases.municipalitiesOnly(),
                    Set.of()));
    assertTrue(negative.getMessage().contains("population_census"), negative.getMessage());
    InputDataException duplicate =
        assertThrows(
            InputDataException.class,
            () ->
                StatisticsSeries.resolve(
                    table("110100,2020,1,1,1,1,98\n110000,2020,1,1,1,1,98\n"),
                    AdcodeAliases.municipalitiesOnly(),
                    Set.of()));
    assertTrue(duplicate.getMessage().contains("duplicate row"), duplicate.getMessage());
    InputDataException code =
        assertThrows(
            InputDataException.class,
            () ->
                StatisticsSeries.yearsIn(
                    table("32050,2020,1,1,1,1,98\n"), AdcodeAliases.municipalitiesOnly()));
    assertTrue(code.getMessage().contains("6-digit"), code.getMessage());
  }

  @Test
  void theSingleYearResultIsUnchanged() throws Exception {
    // the resolver's own fallback for the same file: Xining 2020 GDP from 2019, recorded
    var single = StatisticsResolver.resolve(table(ROWS), 2020, AdcodeAliases.municipalitiesOnly());
    UnitStatistics xining = single.byAdcode().get("630100");
    assertEquals(1.3e11, xining.gdpCny(), 1);
    assertEquals(2019, xining.gdpYear());
    assertEquals(2467965L, xining.population());
    assertEquals(4, single.byAdcode().size());
  }
}
