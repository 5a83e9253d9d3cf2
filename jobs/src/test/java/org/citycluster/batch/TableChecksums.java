package org.citycluster.batch;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Order-independent content checksums of published partitions: the sum of a 64-bit hash of every
 * row (all columns, geometry as WKB bytes), so two runs compare by content, not by file bytes.
 */
final class TableChecksums {

  private TableChecksums() {}

  /**
   * Checksum per table of one level and date; {@code run_manifest} is left out (run ids differ).
   */
  static Map<String, String> of(SparkSession spark, Path warehouse, String level, String date)
      throws IOException {
    Map<String, String> sums = new TreeMap<>();
    try (Stream<Path> tables = Files.list(warehouse)) {
      for (Path table : tables.filter(Files::isDirectory).toList()) {
        String name = table.getFileName().toString();
        Path partition = table.resolve("level=" + level).resolve("run_date=" + date);
        if (name.startsWith("_") || name.equals("run_manifest") || !Files.isDirectory(partition)) {
          continue;
        }
        var row =
            spark
                .read()
                .parquet(partition.toString())
                .selectExpr("count(*)", "sum(CAST(xxhash64(*) AS DECIMAL(38,0)))")
                .first();
        sums.put(name, row.get(0) + ":" + row.get(1));
      }
    }
    return sums;
  }

  /**
   * Every file under a partition (or the warehouse) with its size and modification time, to prove
   * it untouched; symbolic links are followed (the published tables are links into a version).
   */
  static Map<String, String> files(Path partition) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(partition, FileVisitOption.FOLLOW_LINKS)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        files.put(
            partition.relativize(p).toString(),
            Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return files;
  }
}
