package org.citycluster.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.citycluster.dq.DqIssue;
import org.citycluster.io.CsvTable;
import org.junit.jupiter.api.Test;

/**
 * The statistics gaps of the real data: units with statistics rows but no GDP and no sector shares
 * in any year (济源, 仙桃, 潜江, 天门, 神农架, 三沙 and 15 Hainan counties) each get a dq row per field, naming
 * the unit and the target year.
 */
class StatisticsGapsRealDataTest {

  private static final String SHARES = "primary_share_pct+secondary_share_pct+tertiary_share_pct";

  private static CsvTable read(String relative, List<String> required) throws Exception {
    String root = System.getProperty("citycluster.data");
    try (InputStream in = Files.newInputStream(Path.of(root).resolve(relative))) {
      return CsvTable.read(in, relative, required);
    }
  }

  @Test
  void everyUnitWithoutGdpOrSharesHasOneDqRowPerField() throws Exception {
    AdcodeAliases aliases =
        AdcodeAliases.fromCitiesTable(read("stats/cities.csv", List.of("adcode", "source_codes")));
    StatisticsResolver.Result r =
        StatisticsResolver.resolve(
            read("stats/city_stats.csv", StatisticsResolver.REQUIRED_COLUMNS), 2020, aliases);
    Set<String> withoutGdp =
        r.byAdcode().values().stream()
            .filter(s -> s.gdpCny() == null && s.secondaryShare() == null)
            .map(UnitStatistics::adcode)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(21, withoutGdp.size(), withoutGdp.toString());
    assertTrue(
        withoutGdp.containsAll(List.of("419001", "429004", "429005", "429006", "429021", "460300")),
        withoutGdp.toString());
    assertEquals(15, withoutGdp.stream().filter(a -> a.startsWith("4690")).count());

    for (String field : List.of("gdp_cny", SHARES)) {
      List<DqIssue> gaps =
          r.issues().stream()
              .filter(i -> i.field().equals(field) && i.action().equals("defaulted"))
              .toList();
      assertEquals(
          withoutGdp,
          gaps.stream()
              .map(i -> i.recordId().replace("adcode ", ""))
              .collect(Collectors.toCollection(TreeSet::new)),
          field);
      assertEquals(21, gaps.size(), field);
      DqIssue jiyuan =
          gaps.stream().filter(i -> i.recordId().equals("adcode 419001")).findFirst().orElseThrow();
      assertEquals("stats/city_stats.csv", jiyuan.source());
      assertEquals(
          "no value for 2020 nor any other year (rows for [2010, 2020])", jiyuan.problem());
      assertEquals("left null", jiyuan.value());
    }
  }
}
