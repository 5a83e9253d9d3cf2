package org.citycluster.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The query command's argument handling and output layout, without any warehouse. */
class QueryCommandTest {

  private static int run(ByteArrayOutputStream err, String... args) {
    return QueryCommand.run(args, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void usageErrorsExitTwo() {
    var err = new ByteArrayOutputStream();
    assertEquals(QueryCommand.USAGE_ERROR, run(err));
    assertEquals(QueryCommand.USAGE_ERROR, run(err, "--format", "xml", "SELECT 1"));
    assertEquals(QueryCommand.USAGE_ERROR, run(err, "--max-rows", "-1", "SELECT 1"));
    assertEquals(QueryCommand.USAGE_ERROR, run(err, "--nope", "x", "SELECT 1"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("Unknown option: '--nope'"));
    assertEquals(QueryCommand.USAGE_ERROR, run(err, "--max-rows=x", "SELECT 1"));
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .contains("'--max-rows': needs a whole number >= 0, got 'x'"),
        err.toString(StandardCharsets.UTF_8));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("give exactly one SQL statement"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--format must be table or csv"));
    var out = new ByteArrayOutputStream();
    assertEquals(
        QueryCommand.OK,
        QueryCommand.run(
            new String[] {"--version"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("citycluster "));
  }

  @Test
  void duckdbTakesTheSameCommandLineConventions() {
    var err = new ByteArrayOutputStream();
    PrintStream errs = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(
        QueryCommand.USAGE_ERROR, DuckDbCommand.run(new String[] {"--nope"}, System.out, errs));
    assertEquals(
        QueryCommand.USAGE_ERROR, DuckDbCommand.run(new String[] {"extra"}, System.out, errs));
    String said = err.toString(StandardCharsets.UTF_8);
    assertTrue(said.startsWith("citycluster duckdb: Unknown option"), said);
    assertTrue(said.contains("Usage: citycluster duckdb"), said);
    var out = new ByteArrayOutputStream();
    assertEquals(
        0,
        DuckDbCommand.run(
            new String[] {"--version"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("citycluster "));
  }

  @Test
  void writesAreRefusedBeforeTheWarehouseIsTouched() {
    var err = new ByteArrayOutputStream();
    assertEquals(
        QueryCommand.REFUSED,
        run(err, "--warehouse", "/nonexistent/warehouse", "DROP VIEW cities"));
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .startsWith("citycluster query: REFUSED: only read-only statements"));
  }

  @Test
  void missingWarehouseFailsWithExitOne() {
    var err = new ByteArrayOutputStream();
    assertEquals(
        QueryCommand.FAILED, run(err, "--warehouse", "/nonexistent/warehouse", "SELECT 1"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not a directory"));
  }

  @Test
  void chineseNamesCountTwoColumns() {
    assertEquals(6, QueryCommand.displayWidth("上海市"));
    assertEquals(5, QueryCommand.displayWidth("yrd 1"));
  }
}
