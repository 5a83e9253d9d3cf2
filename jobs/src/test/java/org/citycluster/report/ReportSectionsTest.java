package org.citycluster.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKTReader;

/** The pieces of the verdict and balance sections that need no warehouse. */
class ReportSectionsTest {

  private static Map<String, Object> year(int y, Double total, Double between, Double within) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("stats_year", y);
    r.put("value", total);
    r.put("between", between);
    r.put("within", within);
    r.put("n_units", 300L);
    return r;
  }

  private static List<Double> widths(String svg, String cls) {
    List<Double> out = new ArrayList<>();
    Matcher m =
        Pattern.compile("<rect class=\"" + cls + "\" x=\"[^\"]+\" y=\"[^\"]+\" width=\"([^\"]+)\"")
            .matcher(svg);
    while (m.find()) {
      out.add(Double.parseDouble(m.group(1)));
    }
    return out;
  }

  @Test
  void theilBarsSplitEachYearIntoBetweenAndWithinInProportion() {
    String svg =
        BalanceSection.theilChart(
            List.of(year(2019, 0.12, 0.06, 0.06), year(2020, 0.10, 0.03, 0.07)));
    assertTrue(svg.startsWith("<figure id=\"theil-chart\">"), svg);
    List<Double> between = widths(svg, "between");
    List<Double> within = widths(svg, "within");
    assertEquals(2, between.size());
    assertEquals(2, within.size());
    assertEquals(between.get(0), within.get(0), 0.11, "2019: half and half");
    assertEquals(between.get(1) * 7 / 3, within.get(1), 0.3, "2020: 30% between");
    // the axis ends at 0.15 (ticks of 0.05): 0.12 of 420 px / 0.15 = 336 px
    assertEquals(336, between.get(0) + within.get(0), 0.2);
    assertTrue(svg.contains("T = 0.120 (50% between)"), svg);
    assertTrue(svg.contains("T = 0.100 (30% between)"), svg);
    assertTrue(svg.contains(">0.15</text>"), svg);
  }

  @Test
  void aYearWithoutDecompositionOrDataIsDrawnPlainly() {
    String svg =
        BalanceSection.theilChart(
            List.of(year(2019, 0.1, null, null), year(2020, null, null, null)));
    assertEquals(1, widths(svg, "total").size());
    assertTrue(widths(svg, "between").isEmpty());
    assertTrue(svg.contains("no data"), svg);
    assertFalse(svg.contains("NaN"), svg);
  }

  @Test
  void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertEquals(0.05, BalanceSection.niceStep(0.0316), 1e-12);
    assertEquals(0.02, BalanceSection.niceStep(0.02), 1e-12);
    assertEquals(1, BalanceSection.niceStep(0.7), 1e-12);
    assertEquals(200, BalanceSection.niceStep(101), 1e-9);
    assertEquals(1, BalanceSection.niceStep(0), 1e-12);
  }

  @Test
  void verdictBadgesAndLegendUseTheSameColours() throws Exception {
    assertEquals(
        List.of("functionally_linked", "adjacent_only", "neither"),
        List.copyOf(VerdictSection.VERDICT_COLOURS.keySet()));
    String badge = VerdictSection.badge("adjacent_only");
    assertTrue(badge.contains(VerdictSection.VERDICT_COLOURS.get("adjacent_only")), badge);
    assertTrue(badge.endsWith(">adjacent only</span>"), badge);
    assertTrue(VerdictSection.badge("<x>").contains("&lt;x&gt;"), "escaped");

    String legend =
        ChinaMap.swatchLegend(
            List.of(
                new ChinaMap.Swatch("#2f9e44", "linked (1)"), new ChinaMap.Swatch("none", "b")));
    assertEquals(2, legend.split("<rect ", -1).length - 1);
    assertTrue(legend.contains(">linked (1)</text>"));

    String fig =
        ChinaMap.figure(
            "m",
            "t",
            List.of(),
            List.of(
                new ChinaMap.Layer(
                    "clusters",
                    List.of(
                        new ChinaMap.Shape(
                            new WKTReader().read("POLYGON ((110 30, 112 30, 112 32, 110 30))"),
                            "#2f9e44",
                            "A & B",
                            "ab")),
                    0)),
            legend,
            "caption");
    assertTrue(fig.startsWith("<figure id=\"m\">"), fig);
    assertTrue(fig.contains("fill=\"#2f9e44\" d=\"M"), fig);
    assertTrue(fig.contains("<title>A &amp; B</title>"), fig);
    assertTrue(fig.contains(">ab</text>"), fig);
    assertFalse(fig.contains("class=\"units\""), "no unit layer when none is given");
  }
}
