package org.citycluster.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's Mustache templates, rendered from view models without a warehouse. */
class TemplatesTest {

  private static final String SCRIPT = "<script>alert('x')</script> & \"长江\"";
  private static final String ESCAPED =
      "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;长江&quot;";

  private static VerdictSection.VerdictRow row(String name, String verdict) {
    return new VerdictSection.VerdictRow(
        name,
        "c1",
        "长江三角洲城市群 <b>",
        VerdictSection.Badge.of(verdict),
        "+0.52",
        "+3.10",
        "0.001",
        null,
        new VerdictSection.Unit("Nantong & <i>", "+0.40", "0.010"),
        null,
        false,
        null,
        true);
  }

  private static String verdicts(List<VerdictSection.VerdictRow> rows) {
    VerdictSection.Verdicts v =
        new VerdictSection.Verdicts(
            List.of(
                new VerdictSection.Part(
                    true, rows.size(), rows.size(), false, VerdictSection.Badge.of("neither"), "")),
            rows,
            null,
            null);
    return Templates.render(
        "verdict",
        new VerdictSection.Model(
            v, null, new RegionSection.Model(true, false, RegionSection.VARIANT, null)));
  }

  private static String between(String s, String from, String to) {
    int a = s.indexOf(from);
    assertTrue(a >= 0, "missing " + from + " in " + s);
    int b = s.indexOf(to, a + from.length());
    assertTrue(b >= 0, "missing " + to);
    return s.substring(a + from.length(), b);
  }

  @Test
  void valuesAreHtmlEscapedInEveryTemplate() throws Exception {
    // a table cell
    Map<String, Object> cell = new LinkedHashMap<>();
    cell.put("name", SCRIPT);
    String table = Templates.render("table", Page.table(List.of("name", "<th>"), List.of(cell)));
    assertTrue(table.contains("<td>" + ESCAPED + "</td>"), table);
    assertTrue(table.contains("<th>&lt;th&gt;</th>"), table);
    assertFalse(table.contains("<script"), table);

    // a section through its partials (the verdict row, the badge)
    String section = verdicts(List.of(row(SCRIPT, "<x>")));
    assertTrue(section.contains("<b>" + ESCAPED + "</b>"), section);
    assertTrue(section.contains("长江三角洲城市群 &lt;b&gt;"), section);
    assertTrue(section.contains("Nantong &amp; &lt;i&gt;"), section);
    assertTrue(section.contains(">&lt;x&gt;</span>"), "badge label escaped: " + section);
    assertFalse(section.contains("<script"), section);

    // an SVG tooltip and caption of a map
    String map =
        ChinaMap.figure(
            "m",
            SCRIPT,
            List.of(),
            List.of(
                new ChinaMap.Layer(
                    "clusters", List.of(new ChinaMap.Shape(null, "#fff", SCRIPT, null)), 0)),
            ChinaMap.swatchLegend(List.of(new ChinaMap.Swatch("#fff", SCRIPT))),
            SCRIPT);
    assertTrue(map.contains("<title>" + ESCAPED + "</title>"), map);
    assertTrue(map.contains("<figcaption>" + ESCAPED + "</figcaption>"), map);
    assertTrue(map.contains(">" + ESCAPED + "</text>"), "legend label: " + map);
    assertFalse(map.contains("<script"), map);
  }

  @Test
  void theVerdictTemplateWritesOneRowPerVerdict() {
    for (int n : new int[] {0, 1, 19}) {
      List<VerdictSection.VerdictRow> rows = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        rows.add(row("Cluster " + i, i % 2 == 0 ? "functionally_linked" : "neither"));
      }
      String html = verdicts(rows);
      String body =
          between(between(html, "<table id=\"verdicts\"", "</table>"), "<tbody>", "</tbody>");
      List<String> trs = body.lines().filter(l -> l.startsWith("<tr>")).toList();
      assertEquals(n, trs.size(), body);
      assertEquals(n, body.split("<tr>", -1).length - 1, "no row split over lines: " + body);
      for (int i = 0; i < n; i++) {
        assertTrue(trs.get(i).startsWith("<tr><td><b>Cluster " + i + "</b>"), trs.get(i));
        assertTrue(trs.get(i).endsWith("</tr>"), trs.get(i));
      }
      assertTrue(html.contains("<b>" + n + " of " + n + "</b> are "), html);
    }
  }

  @Test
  void theTableTemplateWritesEveryRowAndCell() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("name", "unit " + i);
      r.put("population", 1000L * i);
      rows.add(r);
    }
    String html = Templates.render("table", Page.table(List.of("name", "population"), rows));
    String body = between(html, "<tbody>", "</tbody>");
    assertEquals(7, body.lines().filter(l -> l.startsWith("<tr>")).count(), body);
    assertEquals(7, body.split("<td class=\"n\">", -1).length - 1, "numbers right-aligned");
    assertTrue(body.contains("<tr><td>unit 6</td><td class=\"n\">6,000</td></tr>"), body);
    assertEquals(
        "<p class=\"muted\">(no rows)</p>",
        Templates.render("table", Page.table(List.of("name"), List.of())).strip());
  }

  @Test
  void thePageHasEverySectionInOrderWhenNoOptionalTableWasPublished() {
    Page.Table empty = Page.table(List.of("cluster_id"), List.of());
    String html =
        Templates.render(
            "report",
            new HtmlReport.Model(
                "body{}\n",
                "2026-12-02",
                "prefecture",
                null,
                new VerdictSection.Model(
                    null, null, new RegionSection.Model(true, false, "contiguous", null)),
                new LinkageSection.Model(
                    "0",
                    "0",
                    "–",
                    "–",
                    "",
                    new LinkageSection.Scatter(
                        "560", "340", "56", "544", "300", List.of(), List.of(), "300", "336", "158",
                        List.of()),
                    List.of(),
                    null),
                new PairsSection.Model(empty, null, null, true, null, null),
                new BalanceSection.Model(true, false, null, true, false, null),
                new HtmlReport.Tables(null, empty, null)));
    int last = -1;
    for (String h : HtmlReport.HEADINGS) {
      int at = html.indexOf("<h2>" + h + "</h2>");
      assertTrue(at > last, h + " is present and after the heading before it");
      last = at;
    }
    assertEquals(
        html.split("<section>", -1).length, html.split("</section>", -1).length, "balanced");
    assertTrue(html.contains("<title>citycluster report 2026-12-02 (prefecture)</title>"));
    assertTrue(html.contains("<style>\nbody{}\n</style>"), html);
    for (String t :
        List.of(
            "cluster_verdicts",
            "functional_regions",
            "boundary_candidates",
            "inequality",
            "cluster_growth",
            "cluster_metrics",
            "dq_issues")) {
      assertTrue(html.contains(t + " is not available in this run"), t);
    }
    assertFalse(html.toLowerCase().contains("<script"));
  }
}
