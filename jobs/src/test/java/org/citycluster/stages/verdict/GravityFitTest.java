package org.citycluster.stages.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.config.VerdictOptions;
import org.citycluster.geo.GeodesicMeasures;
import org.citycluster.metrics.FittedGravity;
import org.citycluster.spark.GeometryFunctions;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.verdict.GravityCoefficients;
import org.citycluster.verdict.Linkage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The distributed fit against the driver-side OLS of {@link FittedGravity} on the same pairs. */
class GravityFitTest extends SparkTestBase {

  private static final StructType UNITS =
      new StructType()
          .add("adcode", DataTypes.StringType, false)
          .add("lon", DataTypes.DoubleType, false)
          .add("lat", DataTypes.DoubleType, false)
          .add("log_mass", DataTypes.DoubleType, true)
          .add("on_trains_all", DataTypes.BooleanType, false)
          .add("on_trains_hsr", DataTypes.BooleanType, false)
          .add("on_air", DataTypes.BooleanType, false);

  private static final StructType PAIRS =
      new StructType()
          .add("adcode_a", DataTypes.StringType, false)
          .add("adcode_b", DataTypes.StringType, false)
          .add("trains_all", DataTypes.IntegerType, false)
          .add("trains_hsr", DataTypes.IntegerType, false)
          .add("air_airlines", DataTypes.IntegerType, false);

  private static final int N = 40;
  private static double[] lon = new double[N];
  private static double[] lat = new double[N];
  private static double[] logMass = new double[N];
  private static boolean[] hsr = new boolean[N];
  private static int[][] trains = new int[N][N];
  private static Dataset<Row> units;
  private static Dataset<Row> pairs;

  @BeforeAll
  static void data() {
    GeometryFunctions.register(spark);
    SplittableRandom rng = new SplittableRandom(3);
    List<Row> u = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      lon[i] = 105 + 10 * rng.nextDouble();
      lat[i] = 25 + 10 * rng.nextDouble();
      logMass[i] = i == 7 ? Double.NaN : 19 + 3 * rng.nextDouble();
      hsr[i] = i % 3 != 0;
      u.add(
          RowFactory.create(
              String.format("%06d", 100000 + i),
              lon[i],
              lat[i],
              Double.isNaN(logMass[i]) ? null : logMass[i],
              true,
              hsr[i],
              false));
    }
    List<Row> p = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      for (int j = i + 1; j < N; j++) {
        if (rng.nextDouble() < 0.3) {
          trains[i][j] = 1 + rng.nextInt(30);
          p.add(
              RowFactory.create(
                  String.format("%06d", 100000 + i),
                  String.format("%06d", 100000 + j),
                  trains[i][j],
                  trains[i][j] / 2,
                  0));
        }
      }
    }
    units = spark.createDataFrame(u, UNITS);
    pairs = spark.createDataFrame(p, PAIRS);
  }

  private static FittedGravity.Result ols(boolean hsrOnly) {
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      for (int j = i + 1; j < N; j++) {
        if (Double.isNaN(logMass[i]) || Double.isNaN(logMass[j])) {
          continue;
        }
        if (hsrOnly && !(hsr[i] && hsr[j])) {
          continue;
        }
        double km = GeodesicMeasures.distanceKm(lon[i], lat[i], lon[j], lat[j]);
        double f = hsrOnly ? trains[i][j] / 2 : trains[i][j];
        rows.add(new double[] {Math.exp(logMass[i]), Math.exp(logMass[j]), km, f});
        rows.add(new double[] {Math.exp(logMass[j]), Math.exp(logMass[i]), km, f});
      }
    }
    double[][] c = new double[4][rows.size()];
    for (int k = 0; k < rows.size(); k++) {
      for (int x = 0; x < 4; x++) {
        c[x][k] = rows.get(k)[x];
      }
    }
    return FittedGravity.fit(c[0], c[1], c[2], c[3]);
  }

  @Test
  void allPairsOverBlockPairsEqualsTheOrdinaryLeastSquaresOfEveryPair() {
    FittedGravity.Result all = ols(false);
    FittedGravity.Result high = ols(true);
    // one block, and blocks of 7 units (6 blocks: every pair exactly once across 21 block pairs)
    for (int perBlock : new int[] {500, 7}) {
      GravityCoefficients[] fits = GravityFit.fit(units, pairs, VerdictOptions.ALL_PAIRS, perBlock);
      GravityCoefficients t = fits[Linkage.TRAINS_ALL.ordinal()];
      assertEquals(39 * 38 / 2, t.pairs(), "pairs without the massless unit, at " + perBlock);
      assertEquals(all.intercept(), t.intercept(), 1e-9);
      assertEquals(all.massICoefficient(), t.massCoefficient(), 1e-9);
      assertEquals(all.distanceCoefficient(), t.distanceCoefficient(), 1e-9);
      assertEquals(all.rSquared(), t.rSquared(), 1e-9);
      GravityCoefficients h = fits[Linkage.TRAINS_HSR.ordinal()];
      assertEquals(high.intercept(), h.intercept(), 1e-9);
      assertEquals(high.distanceCoefficient(), h.distanceCoefficient(), 1e-9);
      // no unit is on the air network
      assertNull(fits[Linkage.AIR.ordinal()]);
    }
  }

  @Test
  void cityPairsScopeFitsTheListedPairsOnly() {
    GravityCoefficients t =
        GravityFit.fit(units, pairs, VerdictOptions.CITY_PAIRS)[Linkage.TRAINS_ALL.ordinal()];
    long listed = pairs.where("adcode_a <> '100007' AND adcode_b <> '100007'").count();
    assertEquals(listed, t.pairs());
  }
}
