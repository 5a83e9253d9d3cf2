package org.citycluster.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.citycluster.Main;
import org.citycluster.config.Level;
import org.citycluster.io.TableSchema;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.spark.Warehouse;
import org.citycluster.testing.FixtureData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema evolution: within a major version only additive, nullable columns. A partition written by
 * the previous minor version (one nullable column fewer) is still read, the missing column as null;
 * the schema version travels in the Parquet footer of every file.
 */
class SchemaEvolutionTest extends SparkTestBase {

  @TempDir static Path data;
  @TempDir static Path warehouse;

  @BeforeAll
  static void publishOneRunAndAnOlderPartition() throws Exception {
    FixtureData.write(data);
    BatchRunner.Outcome o =
        BatchRunner.run(spark, data, warehouse, "2026-08-02", Map.of("stages", "cities,clusters"));
    assertEquals(Main.OK, o.exitCode(), o.err());
    // "version 1.0 minus its newest nullable column": what an older minor version wrote
    spark
        .read()
        .parquet(
            warehouse.resolve("cluster_members/level=prefecture/run_date=2026-08-02").toString())
        .drop("membership_confidence")
        .write()
        .parquet(
            warehouse.resolve("cluster_members/level=prefecture/run_date=2026-08-01").toString());
  }

  @Test
  void olderMinorVersionPartitionIsReadWithTheNewColumnAsNull() {
    TableSchema schema = TableSchema.load("cluster_members");
    List<Row> rows =
        new Warehouse(spark, warehouse.toString())
            .readTable(schema, Level.PREFECTURE)
            .orderBy("run_date", "cluster_id", "adcode")
            .collectAsList();
    assertEquals(4, rows.size());
    assertEquals("2026-08-01", rows.get(0).getAs("run_date"));
    assertNull(rows.get(0).getAs("membership_confidence"));
    assertEquals("2026-08-02", rows.get(2).getAs("run_date"));
    assertEquals("high", rows.get(2).getAs("membership_confidence"));
    assertEquals(schema.columnNames().size() + 2, rows.get(0).size());
  }

  @Test
  void aPartitionLackingANonNullableColumnIsAnotherMajorVersion() throws Exception {
    Path other = warehouse.resolve("cluster_members/level=county/run_date=2026-08-01");
    spark
        .read()
        .parquet(
            warehouse.resolve("cluster_members/level=prefecture/run_date=2026-08-02").toString())
        .drop("role")
        .write()
        .parquet(other.toString());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                new Warehouse(spark, warehouse.toString())
                    .readTable(TableSchema.load("cluster_members"), Level.COUNTY));
    assertEquals(
        "table cluster_members: a partition lacks the non-nullable column role; it was written by"
            + " another major schema version",
        e.getMessage());
  }

  @Test
  void everyFileCarriesItsSchemaVersionAndColumnDescriptions() throws Exception {
    Path partition = warehouse.resolve("cities/level=prefecture/run_date=2026-08-02");
    Path file;
    try (Stream<Path> s = Files.list(partition)) {
      file = s.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toString()), new Configuration()))) {
      String sparkSchema =
          reader
              .getFileMetaData()
              .getKeyValueMetaData()
              .get("org.apache.spark.sql.parquet.row.metadata");
      JsonNode fields = new ObjectMapper().readTree(sparkSchema).path("fields");
      JsonNode area = null;
      for (JsonNode f : fields) {
        if (f.path("name").asText().equals("area_km2")) {
          area = f.path("metadata");
        }
      }
      assertEquals("1.0", area.path("citycluster.schema_version").asText());
      assertEquals("cities", area.path("citycluster.table").asText());
      assertEquals("km2", area.path("unit").asText());
    }
  }
}
