package org.citycluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BalanceOptionsTest {

  private static final SortedSet<Integer> FILE = new TreeSet<>(List.of(2010, 2019, 2020, 2021));

  @Test
  void defaultsFromConfCityclusterAreAllYearsCoreThenEarliest() {
    BalanceOptions b = PipelineConfig.load(null, Map.of()).balance();
    assertTrue(b.allYears());
    assertEquals(BalanceOptions.MultiMembership.CORE_THEN_EARLIEST, b.multiMembership());
    assertEquals(FILE, b.select(FILE));
    assertEquals(BalanceOptions.defaults(), b);
  }

  @Test
  void aCommaListSelectsYears() {
    PipelineConfig c =
        PipelineConfig.load(
            null, Map.of("stats.years", " 2021, 2019 ", "balance.multi_membership", "earliest"));
    assertEquals(List.of(2019, 2021), List.copyOf(c.balance().select(FILE)));
    assertEquals(BalanceOptions.MultiMembership.EARLIEST, c.balance().multiMembership());
    assertEquals(2020, c.statsYear(), "stats.year is not affected");
  }

  @Test
  void wrongValuesNameTheOption() {
    ConfigException text =
        assertThrows(
            ConfigException.class, () -> PipelineConfig.load(null, Map.of("stats.years", "2019;")));
    assertEquals(
        "option 'stats.years' has value '2019;'; allowed: all, or a comma list of years"
            + " 1990..2100",
        text.getMessage());
    ConfigException range =
        assertThrows(
            ConfigException.class, () -> PipelineConfig.load(null, Map.of("stats.years", "19")));
    assertTrue(range.getMessage().startsWith("option 'stats.years'"), range.getMessage());
    ConfigException rule =
        assertThrows(
            ConfigException.class,
            () -> PipelineConfig.load(null, Map.of("balance.multi_membership", "first")));
    assertEquals(
        "option 'balance.multi_membership' has value 'first'; allowed: core_then_earliest,"
            + " earliest",
        rule.getMessage());
  }

  @Test
  void aYearTheFileLacksIsAConfigurationError() {
    BalanceOptions b = BalanceOptions.fromOptions(Map.of("stats.years", "2018,2020"));
    ConfigException e = assertThrows(ConfigException.class, () -> b.select(FILE));
    assertEquals(
        "option 'stats.years' has value '2018,2020'; allowed: all, or a comma list of the years"
            + " the statistics file holds: [2010, 2019, 2020, 2021]",
        e.getMessage());
  }
}
