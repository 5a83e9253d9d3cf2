package org.citycluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.citycluster.synthetic.GenerateCommand;
import org.citycluster.synthetic.SyntheticDataset;
import org.citycluster.testing.SparkStandaloneCluster;
import org.citycluster.tools.DuckDbCatalog;
import org.junit.jupiter.api.Test;

/**
 * The rule of the distributed stages, held on a real cluster: the full pipeline over a synthetic
 * tiling of {@value #UNITS} units (19 random connected clusters covering about a third of them,
 * stations and trains growing with n) completes with the driver's heap at 1 GiB while two executors
 * do the work. On the driver-side code this replaced, the same run died with {@code
 * OutOfMemoryError} in the national Moran's I (dense n×n matrices: 16·n² bytes = 1.6 GB).
 */
class SyntheticScaleClusterIT {

  static final int UNITS = 10_000;
  private static final String RUN_DATE = "2026-01-02";

  @Test
  void fullPipelineOnTenThousandUnitsWithAOneGibDriver() throws Exception {
    Path itDir = Path.of(ClusterItFiles.property("citycluster.it.dir") + "-scale");
    ClusterItFiles.deleteRecursively(itDir);
    Files.createDirectories(itDir);
    Path sparkHome = Path.of(ClusterItFiles.property("citycluster.spark.home"));
    Path clusterJar = Path.of(ClusterItFiles.property("citycluster.cluster.jar"));
    List<String> jvmOptions =
        List.of(ClusterItFiles.property("citycluster.jvm.options").trim().split("\\s+"));

    Path data = itDir.resolve("data");
    assertEquals(
        0,
        GenerateCommand.run(
            new String[] {
              "--n",
              Integer.toString(UNITS),
              "--seed",
              "1",
              "--clusters",
              "scaled",
              "--format",
              "geojson",
              "--out",
              data.toString()
            }),
        "synthetic data");

    Path warehouse = itDir.resolve("warehouse");
    Path driverLog = itDir.resolve("driver.log");
    double seconds;
    try (SparkStandaloneCluster cluster =
        SparkStandaloneCluster.start(sparkHome, itDir.resolve("spark"), jvmOptions, 2, 1, "3g")) {
      List<String> submit =
          new java.util.ArrayList<>(
              List.of(
                  "--master",
                  cluster.masterUrl(),
                  "--deploy-mode",
                  "client",
                  "--class",
                  "org.citycluster.Main",
                  "--conf",
                  "spark.driver.memory=1g",
                  "--conf",
                  "spark.executor.memory=2g",
                  "--conf",
                  "spark.executor.cores=1",
                  "--conf",
                  "spark.cores.max=2",
                  "--conf",
                  "spark.executor.extraJavaOptions=" + String.join(" ", jvmOptions),
                  "--conf",
                  "spark.serializer=org.apache.spark.serializer.KryoSerializer",
                  "--conf",
                  "spark.kryo.registrator=org.apache.sedona.core.serde.SedonaKryoRegistrator",
                  "--conf",
                  "spark.driver.host=127.0.0.1",
                  "--conf",
                  "spark.driver.bindAddress=127.0.0.1",
                  "--conf",
                  "spark.ui.enabled=false",
                  clusterJar.toAbsolutePath().toString(),
                  "run",
                  "--data",
                  data.toString(),
                  "--warehouse",
                  warehouse.toString(),
                  "--date",
                  RUN_DATE));
      for (String option : SyntheticDataset.pipelineOptions(false)) {
        submit.add("--set");
        submit.add(option);
      }
      // fewer permutations and null samples: the test is about where the work runs, not power
      for (String option :
          List.of(
              "adjacency.permutations=99",
              "diagnostics.permutations=99",
              "verdict.null_samples=99")) {
        submit.add("--set");
        submit.add(option);
      }
      // client mode: the driver is this JVM, so its heap is the driver's memory
      ProcessBuilder pb = cluster.sparkJvm("1g", "org.apache.spark.deploy.SparkSubmit", submit);
      pb.redirectErrorStream(true).redirectOutput(driverLog.toFile());
      long t0 = System.nanoTime();
      Process driver = pb.start();
      try {
        assertTrue(driver.waitFor(30, TimeUnit.MINUTES), "synthetic cluster run timed out");
      } finally {
        driver.descendants().forEach(ProcessHandle::destroyForcibly);
        driver.destroyForcibly();
      }
      seconds = (System.nanoTime() - t0) / 1e9;
      assertEquals(
          0,
          driver.exitValue(),
          "synthetic cluster run failed:\n" + ClusterItFiles.tail(driverLog, 60));
    }
    // row counts from the Parquet footers (city_pairs holds millions of rows at this size)
    long cities = rows(partition(warehouse, "cities"));
    long verdicts = rows(partition(warehouse, "cluster_verdicts"));
    long pairs = rows(partition(warehouse, "city_pairs"));
    assertEquals(UNITS, cities);
    assertEquals(19 * 3, verdicts, "one verdict row per cluster and linkage");
    assertTrue(pairs >= UNITS, "city_pairs holds at least the rook pairs: " + pairs);
    System.out.printf(
        Locale.ROOT,
        "synthetic cluster IT: %d units, 1 GiB driver, 2 executors: %.1f s; city_pairs %d rows%n",
        UNITS,
        seconds,
        pairs);
  }

  private static long rows(Path partition) throws java.sql.SQLException {
    try (java.sql.Connection conn = DuckDbCatalog.open(":memory:", false);
        java.sql.Statement st = conn.createStatement();
        java.sql.ResultSet rs =
            st.executeQuery("SELECT count(*) FROM read_parquet('" + partition + "/*.parquet')")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Path partition(Path warehouse, String table) {
    return warehouse.resolve(table).resolve("level=prefecture").resolve("run_date=" + RUN_DATE);
  }
}
