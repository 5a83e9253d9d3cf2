package org.citycluster.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadOnlySqlTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1",
        "  select * from clusters;  ",
        "WITH a AS (SELECT 1) SELECT * FROM a",
        "FROM clusters",
        "(SELECT 1)",
        "DESCRIBE clusters",
        "SHOW TABLES",
        "SUMMARIZE cities",
        "EXPLAIN SELECT 1",
        "SELECT 'a;b' AS x -- trailing; comment",
        "/* CREATE */ SELECT \"weird;name\" FROM t"
      })
  void acceptsOneReadingStatement(String sql) {
    ReadOnlySql.check(sql);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CREATE TABLE x AS SELECT 1",
        "insert into clusters values (1)",
        "COPY (SELECT 1) TO 'out.csv'",
        "ATTACH 'other.duckdb' AS o",
        "DETACH citycluster",
        "SET enable_external_access = true",
        "PRAGMA enable_profiling",
        "INSTALL spatial",
        "LOAD spatial",
        "EXPORT DATABASE 'dir'",
        "DROP VIEW cities",
        "UPDATE cities SET name = 'x'",
        "DELETE FROM cities",
        "EXPLAIN ANALYZE COPY (SELECT 1) TO 'x.csv'",
        "CALL pragma_version()",
        "-- only a comment"
      })
  void refusesEverythingElse(String sql) {
    assertThrows(ReadOnlySql.RefusedException.class, () -> ReadOnlySql.check(sql));
  }

  @Test
  void refusesSeveralStatementsAndNamesTheKeyword() {
    var e =
        assertThrows(
            ReadOnlySql.RefusedException.class,
            () -> ReadOnlySql.check("SELECT 1; DROP VIEW cities"));
    assertTrue(e.getMessage().contains("one statement"), e.getMessage());
    var create =
        assertThrows(ReadOnlySql.RefusedException.class, () -> ReadOnlySql.check("create view v"));
    assertTrue(create.getMessage().contains("CREATE statements are refused"), create.getMessage());
  }

  @Test
  void stripsTrailingSemicolonsButKeepsLiterals() {
    assertEquals("SELECT ';' AS s", ReadOnlySql.check("SELECT ';' AS s;;"));
    assertEquals("SELECT  '' x", ReadOnlySql.codeOnly("SELECT  'it''s' x").replace("''''", "''"));
  }
}
