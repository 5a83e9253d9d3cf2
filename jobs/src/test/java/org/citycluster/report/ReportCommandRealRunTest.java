package org.citycluster.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.testing.PublishedRealRun;
import org.citycluster.tools.DuckDbCatalog;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of a real published run: self-contained (no script, no external resource), every
 * section present in order, opening with the verdict table (19 rows, by cluster name), the 19
 * clusters on the maps, the functional regions unit by unit, the Theil T chart and the growth
 * table; a copy without the newer tables says which are not available; then opened in headless
 * Chromium, which must log no console message and show the headings. The screenshot is kept as
 * {@code jobs/target/report-screenshot.png} (and the page as {@code jobs/target/report/}). The
 * browser part is skipped only when Chromium is absent and {@code CI} is unset; under CI it must
 * run.
 */
class ReportCommandRealRunTest extends SparkTestBase {

  private static Path warehouse;
  @TempDir Path temp;

  @BeforeAll
  static void publish() throws Exception {
    warehouse = PublishedRealRun.warehouse(spark, sharedData());
  }

  private static String render(Path wh, Path out) throws Exception {
    Path page = ReportCommand.write(wh, "prefecture", PublishedRealRun.RUN_DATE, out);
    assertEquals(
        "citycluster-report-" + PublishedRealRun.RUN_DATE + "-prefecture.html",
        page.getFileName().toString());
    return Files.readString(page, StandardCharsets.UTF_8);
  }

  @Test
  void pageIsSelfContainedWithEverySection() throws Exception {
    String html = render(warehouse, temp);
    assertFalse(html.toLowerCase().contains("<script"), "no script");
    Matcher external = Pattern.compile("(src|href)\\s*=\\s*\"(?!#)").matcher(html);
    assertFalse(external.find(), "no linked resource at all");
    assertFalse(
        html.replace("http://www.w3.org/2000/svg", "").matches("(?s).*https?://.*"),
        "no URL other than the SVG namespace");
    assertTrue(html.contains("<h1>citycluster report</h1>"));
    int last = -1;
    for (String h : HtmlReport.HEADINGS) {
      int at = html.indexOf("<h2>" + h + "</h2>");
      assertTrue(at > last, h + " is present and after the heading before it");
      last = at;
    }
    // the page opens with the answer: the verdict table is the first section
    assertEquals(html.indexOf("<h2>"), html.indexOf("<h2>" + VerdictSection.VERDICTS + "</h2>"));
    String verdicts = between(html, "<table id=\"verdicts\"", "</table>");
    assertTrue(html.indexOf("<table id=\"verdicts\"") < html.indexOf("<figure"), "table first");
    String body = between(verdicts, "<tbody>", "</tbody>");
    List<String> rows = body.lines().filter(l -> l.startsWith("<tr>")).toList();
    assertEquals(19, rows.size(), "one row per cluster");
    for (String row : rows) {
      assertTrue(
          row.matches(".*class=\"verdict\"[^>]*>(functionally linked|adjacent only|neither)<.*"),
          row);
    }
    // rows are named by cluster, not id
    assertTrue(body.contains("<b>Yangtze River Delta</b>"), body);
    assertTrue(body.contains("<b>Beijing-Tianjin-Hebei</b>"), body);
    assertTrue(html.contains("<b>How to read this.</b>"));
    // the three maps: cluster polygons with tooltips naming them; regions unit by unit
    for (String map : List.of("map-verdicts", "map-clusters")) {
      String g =
          between(
              between(html, "<figure id=\"" + map + "\">", "</figure>"),
              "<g class=\"clusters\">",
              "</g>");
      assertEquals(19, g.split("<path ", -1).length - 1, map);
      assertTrue(g.contains("Yangtze River Delta (长江三角洲城市群)"), map);
    }
    String regions = between(html, "<figure id=\"map-regions\">", "</figure>");
    assertEquals(
        375, between(regions, "<g class=\"regions\">", "</g>").split("<path ", -1).length - 1);
    assertEquals(
        19, between(regions, "<g class=\"outlines\">", "</g>").split("<path ", -1).length - 1);
    // regional balance: a Theil T bar per statistics year, a growth row per cluster
    String chart = between(html, "<figure id=\"theil-chart\">", "</figure>");
    int years = chart.split("<rect class=\"between\"", -1).length - 1;
    assertTrue(years >= 1, "at least one statistics year with its between bar");
    assertEquals(years, chart.split("<rect class=\"within\"", -1).length - 1);
    assertTrue(chart.contains("% between)"), chart);
    String growth =
        between(between(html, "<table id=\"growth\"", "</table>"), "<tbody>", "</tbody>");
    assertEquals(19, growth.lines().filter(l -> l.startsWith("<tr>")).count(), growth);
    // the real run publishes every table the page uses: no fallback notes at all
    assertFalse(html.contains("not available in this run"), "every table is published");
  }

  private static String between(String s, String from, String to) {
    int a = s.indexOf(from);
    assertTrue(a >= 0, "missing " + from);
    int b = s.indexOf(to, a + from.length());
    assertTrue(b >= 0, "missing " + to + " after " + from);
    return s.substring(a, b);
  }

  @Test
  void usesQapColumnsClusterPairsAndBoundaryCandidatesWhenPublished() throws Exception {
    // a copy of the run with the outputs of issue #5 added, written with DuckDB
    Path wh = temp.resolve("warehouse");
    String part = "level=prefecture/run_date=" + PublishedRealRun.RUN_DATE;
    for (String t : List.of("clusters", "cities", "cluster_members", "city_pairs", "dq_issues")) {
      copyDir(warehouse.resolve(t).resolve(part), wh.resolve(t).resolve(part));
    }
    for (String t : List.of("cluster_metrics", "cluster_pairs", "boundary_candidates")) {
      Files.createDirectories(wh.resolve(t).resolve(part));
    }
    String src = warehouse.resolve("%s").resolve(part).resolve("*.parquet").toString();
    String dst = wh.resolve("%s").resolve(part).resolve("part-0.parquet").toString();
    try (Connection c = DuckDbCatalog.open(":memory:", false);
        Statement st = c.createStatement()) {
      st.execute(
          ("COPY (SELECT *, CASE WHEN cluster_id = 'yrd' THEN 0.61 ELSE -0.12 END AS"
                  + " qap_r_trains_hsr, 0.01 AS qap_p_trains_hsr FROM read_parquet('%s')) TO"
                  + " '%s'")
              .formatted(src.formatted("cluster_metrics"), dst.formatted("cluster_metrics")));
      st.execute(
          ("COPY (SELECT 'yrd' AS cluster_id, '310000' AS adcode_a, '320500' AS adcode_b,"
                  + " 'adjacent_unlinked' AS label UNION ALL SELECT 'yrd', '320100', '330100',"
                  + " 'linked_nonadjacent') TO '%s'")
              .formatted(dst.formatted("cluster_pairs")));
      st.execute(
          ("COPY (SELECT 'yrd' AS cluster_id, '320800' AS adcode, 'outsider' AS candidate_type,"
                  + " 812 AS trains_to_members) TO '%s'")
              .formatted(dst.formatted("boundary_candidates")));
    }
    String html = render(wh, temp.resolve("out"));
    assertTrue(html.contains("QAP r, shared border vs high-speed trains"));
    assertTrue(html.contains("QAP correlation of shared border and high-speed trains per cluster"));
    assertTrue(html.contains("adjacent_unlinked") && html.contains("linked_nonadjacent"));
    assertTrue(html.contains("<td>outsider</td>") && html.contains("812"));
    assertFalse(html.contains("QAP results (column qap_r_trains_hsr of cluster_metrics) are not"));
    assertFalse(html.contains("cluster_pairs is not available in this run"));
    assertFalse(html.contains("boundary_candidates is not available in this run"));
    // a warehouse from before issues #14 and #15: the new sections say so, every heading stays
    for (String t :
        List.of("cluster_verdicts", "functional_regions", "inequality", "cluster_growth")) {
      assertTrue(html.contains(t + " is not available in this run"), t);
    }
    for (String h : HtmlReport.HEADINGS) {
      assertTrue(html.contains("<h2>" + h + "</h2>"), h);
    }
    assertFalse(html.contains("<table id=\"verdicts\""));
  }

  @Test
  void anUnpublishedDateFailsNamingThePublishedOnes() {
    var err = new java.io.ByteArrayOutputStream();
    int code =
        ReportCommand.run(
            new String[] {
              "--date", "1999-01-01", "--warehouse", warehouse.toString(), "--out", temp.toString()
            },
            System.out,
            new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.startsWith("citycluster report: FAILED: no published table"), message);
    assertTrue(
        message.contains("published run dates: [" + PublishedRealRun.RUN_DATE + "]"), message);
    assertEquals(
        2, ReportCommand.run(new String[] {"--date", "01/02/2026"}, System.out, System.err));
  }

  @Test
  void rendersInHeadlessChromiumWithoutConsoleMessages() throws Exception {
    Path browser = chromium();
    if (browser == null) {
      if (PublishedRealRun.inCi()) {
        fail("Chromium is needed for the report test under CI (apt-get install chromium)");
      }
      Assumptions.abort("Chromium is not installed and CI is unset: browser check skipped");
    }
    Path keep = PublishedRealRun.buildDir().resolve("report");
    render(warehouse, keep);
    Path page =
        keep.resolve("citycluster-report-" + PublishedRealRun.RUN_DATE + "-prefecture.html");
    String url = page.toUri().toString();

    Run dom = chromiumRun(browser, temp.resolve("profile-dom"), "--dump-dom", url);
    assertEquals(0, dom.code(), dom.err());
    List<String> console = dom.err().lines().filter(l -> l.contains(":CONSOLE")).toList();
    assertTrue(console.isEmpty(), "console messages: " + console);
    assertTrue(dom.out().contains("<h1>citycluster report</h1>"), "the DOM has the title");
    for (String h : HtmlReport.HEADINGS) {
      assertTrue(dom.out().contains("<h2>" + h + "</h2>"), "the DOM shows " + h);
    }
    assertEquals(
        dom.out().indexOf("<h2>"),
        dom.out().indexOf("<h2>" + VerdictSection.VERDICTS + "</h2>"),
        "the verdict table is the first section in the DOM");
    assertTrue(dom.out().contains("id=\"theil-chart\""), "the balance chart is in the DOM");

    Path png = PublishedRealRun.buildDir().resolve("report-screenshot.png");
    Files.deleteIfExists(png);
    Run shot =
        chromiumRun(
            browser,
            temp.resolve("profile-shot"),
            "--window-size=1400,1600",
            "--screenshot=" + png,
            url);
    assertEquals(0, shot.code(), shot.err());
    assertTrue(Files.size(png) > 50_000, "a screenshot with a map in it");
    byte[] magic = Files.readAllBytes(png);
    assertEquals((byte) 0x89, magic[0]);
    assertEquals('P', magic[1]);
  }

  private record Run(int code, String out, String err) {}

  private static Run chromiumRun(Path browser, Path profile, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                browser.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--enable-logging=stderr",
                "--v=0",
                "--user-data-dir=" + profile));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
    Path err = Files.createTempFile(profile.getParent(), "chromium", ".err");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish in 180 s: " + cmd);
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** Chromium from CITYCLUSTER_CHROMIUM, /usr/bin/chromium or the PATH; null when absent. */
  static Path chromium() {
    String env = System.getenv("CITYCLUSTER_CHROMIUM");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    List<String> candidates = new ArrayList<>(List.of("/usr/bin/chromium"));
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
        candidates.add(Path.of(dir, name).toString());
      }
    }
    return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
  }

  private static void copyDir(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
