package org.citycluster.stages.adjacency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.spark.SparkTestBase;
import org.junit.jupiter.api.Test;

/**
 * Issue #16's rule for the Moran stage: what reaches the driver does not grow with the number of
 * units. A listener adds up the serialized results of every result task (what a collect, a first()
 * or a broadcast's collect sends to the driver) while {@link MoranStage#build} runs on a g×g grid
 * and its outputs are forced with the {@code noop} sink; 16 times the units must not send more than
 * the small grid plus a margin. The control: collecting the units' values is seen by the same
 * listener and breaks the bound.
 */
class MoranStageDriverBoundTest extends SparkTestBase {

  private static final List<String> ATTRS = List.of("x", "y");

  /** Cities of a g×g grid: x a west-east gradient plus a pattern, y with nulls. */
  private static Dataset<Row> cities(int g) {
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < g; r++) {
      for (int c = 0; c < g; c++) {
        rows.add(
            RowFactory.create(
                id(r, c), 4.0, c + 0.3 * ((r * 7 + c * 3) % 5), (r + c) % 9 == 0 ? null : r * 0.1));
      }
    }
    return spark.createDataFrame(
        rows,
        new StructType()
            .add("adcode", DataTypes.StringType, false)
            .add("perimeter_km", DataTypes.DoubleType, false)
            .add("x", DataTypes.DoubleType, true)
            .add("y", DataTypes.DoubleType, true));
  }

  private static String id(int r, int c) {
    return String.format("%03d%03d", r, c);
  }

  /** Rook pairs between edge neighbours, queen pairs between diagonal ones. */
  private static Dataset<Row> touching(int g) {
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < g; r++) {
      for (int c = 0; c < g; c++) {
        if (c + 1 < g) {
          rows.add(RowFactory.create(id(r, c), id(r, c + 1), "rook", 1.0));
        }
        if (r + 1 < g) {
          rows.add(RowFactory.create(id(r, c), id(r + 1, c), "rook", 1.0));
        }
        if (r + 1 < g && c + 1 < g) {
          rows.add(RowFactory.create(id(r, c), id(r + 1, c + 1), "queen", 0.0));
        }
        if (r + 1 < g && c > 0) {
          rows.add(RowFactory.create(id(r, c - 1), id(r + 1, c), "queen", 0.0));
        }
      }
    }
    return spark.createDataFrame(
        rows,
        new StructType()
            .add("adcode_a", DataTypes.StringType, false)
            .add("adcode_b", DataTypes.StringType, false)
            .add("relation", DataTypes.StringType, false)
            .add("shared_border_km", DataTypes.DoubleType, false));
  }

  /** Three clusters: the two top-left quarter blocks and the bottom row. */
  private static Dataset<Row> members(int g) {
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < g; r++) {
      for (int c = 0; c < g; c++) {
        if (r < g / 4 && c < g / 4) {
          rows.add(RowFactory.create("k1", id(r, c)));
        } else if (r < g / 4 && c < g / 2) {
          rows.add(RowFactory.create("k2", id(r, c)));
        }
        if (r == g - 1) {
          rows.add(RowFactory.create("k3", id(r, c)));
        }
      }
    }
    return spark.createDataFrame(
        rows,
        new StructType()
            .add("cluster_id", DataTypes.StringType, false)
            .add("adcode", DataTypes.StringType, false));
  }

  /** Bytes of result-task results while {@code work} runs. */
  private static long driverBytes(Runnable work) throws Exception {
    AtomicLong bytes = new AtomicLong();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onTaskEnd(SparkListenerTaskEnd end) {
            if ("ResultTask".equals(end.taskType()) && end.taskMetrics() != null) {
              bytes.addAndGet(end.taskMetrics().resultSize());
            }
          }
        };
    spark.sparkContext().listenerBus().waitUntilEmpty();
    spark.sparkContext().addSparkListener(listener);
    try {
      work.run();
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    return bytes.get();
  }

  private static long stageBytes(int g) throws Exception {
    Dataset<Row> cities = cities(g).persist();
    Dataset<Row> touching = touching(g).persist();
    Dataset<Row> members = members(g).persist();
    cities.count();
    touching.count();
    members.count();
    long bytes =
        driverBytes(
            () -> {
              MoranStage.Output out =
                  MoranStage.build(cities, touching, members, ATTRS, 199, 5L, 2);
              for (Dataset<Row> d :
                  List.of(
                      out.autocorrelation(),
                      out.lisa(),
                      out.clusterMetrics(),
                      out.unitMetrics(),
                      out.dropped())) {
                d.write().format("noop").mode("overwrite").save();
              }
            });
    cities.unpersist();
    touching.unpersist();
    members.unpersist();
    return bytes;
  }

  /**
   * Adaptive execution is switched off while measuring, so that both sizes run the same tasks: most
   * of a task result is its metric updates (2 to 15 KB a task here), and a coalesced shuffle would
   * change their number, not the data that reaches the driver.
   */
  @Test
  void driverResultsDoNotGrowWithUnits() throws Exception {
    String adaptive = spark.conf().get("spark.sql.adaptive.enabled");
    String broadcast = spark.conf().get("spark.sql.autoBroadcastJoinThreshold");
    spark.conf().set("spark.sql.adaptive.enabled", "false");
    spark.conf().set("spark.sql.autoBroadcastJoinThreshold", "-1");
    try {
      long small = stageBytes(10);
      long large = stageBytes(40);
      Dataset<Row> units = cities(40).persist();
      units.count();
      long collected = driverBytes(() -> units.select("adcode", "x").collectAsList());
      long baseline = driverBytes(() -> units.select("adcode", "x").limit(1).collectAsList());
      units.unpersist();
      System.out.printf(
          "driver result bytes: 100 units %d, 1600 units %d; collecting 1600 units' x: %d"
              + " (one row: %d)%n",
          small, large, collected, baseline);
      long margin = 4096;
      assertTrue(
          large <= small + margin,
          "1600 units sent " + large + " bytes to the driver, 100 units " + small);
      assertTrue(
          collected - baseline > margin,
          "the control (a collect of the units) exceeds the margin: " + collected);
    } finally {
      spark.conf().set("spark.sql.adaptive.enabled", adaptive);
      spark.conf().set("spark.sql.autoBroadcastJoinThreshold", broadcast);
    }
  }

  @Test
  void clusterAndNationalScopesOfTheSameUnitsAgree() {
    // k3 is the bottom row: a path; its in-task Moran equals a national run over that row alone
    int g = 12;
    Dataset<Row> row = cities(g).filter("adcode like '" + String.format("%03d", g - 1) + "%'");
    Dataset<Row> pairs =
        touching(g)
            .filter(
                "adcode_a like '"
                    + String.format("%03d", g - 1)
                    + "%' and adcode_b like '"
                    + String.format("%03d", g - 1)
                    + "%'");
    MoranStage.Output out = MoranStage.build(row, pairs, members(g), ATTRS, 199, 5L, 3);
    for (String a : ATTRS) {
      Row national =
          out.autocorrelation().filter("scope = 'national' and attribute = '" + a + "'").first();
      Row cluster =
          out.autocorrelation()
              .filter("scope = 'cluster' and cluster_id = 'k3' and attribute = '" + a + "'")
              .first();
      assertEquals(national.<Integer>getAs("n"), cluster.<Integer>getAs("n"), a);
      assertEquals(national.<Double>getAs("moran_i"), cluster.<Double>getAs("moran_i"), 1e-12, a);
      assertEquals(national.<Double>getAs("z_normal"), cluster.<Double>getAs("z_normal"), 1e-9, a);
      // same blocks, same seeds, same z: the same permutation counts
      assertEquals(national.<Double>getAs("p_value"), cluster.<Double>getAs("p_value"), 1e-15, a);
      List<Row> nl =
          out.lisa()
              .filter("scope = 'national' and attribute = '" + a + "'")
              .orderBy("adcode")
              .collectAsList();
      List<Row> cl =
          out.lisa()
              .filter("scope = 'cluster' and cluster_id = 'k3' and attribute = '" + a + "'")
              .orderBy("adcode")
              .collectAsList();
      assertEquals(nl.size(), cl.size());
      for (int k = 0; k < nl.size(); k++) {
        assertEquals(nl.get(k).<Double>getAs("lisa_i"), cl.get(k).<Double>getAs("lisa_i"), 1e-12);
        assertEquals(nl.get(k).<Double>getAs("lisa_p"), cl.get(k).<Double>getAs("lisa_p"));
      }
    }
    // the same national run spread over another number of tasks gives the same p-values
    MoranStage.Output other = MoranStage.build(row, pairs, members(g), ATTRS, 199, 5L, 1);
    assertEquals(
        out.lisa().filter("scope = 'national'").orderBy("attribute", "adcode").collectAsList(),
        other.lisa().filter("scope = 'national'").orderBy("attribute", "adcode").collectAsList());
    assertEquals(
        out.autocorrelation().filter("scope = 'national'").orderBy("attribute").collectAsList(),
        other.autocorrelation().filter("scope = 'national'").orderBy("attribute").collectAsList());
  }
}
