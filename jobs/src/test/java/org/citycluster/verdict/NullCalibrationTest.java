package org.citycluster.verdict;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The null model is calibrated: on a 30 × 30 grid with random masses and random local trains, and
 * no planted linkage at all, random connected clusters drawn like the null sets are called linked
 * (p ≤ 0.05) about 5 % of the time. 300 clusters: the rate must lie within 0.05 ± 3 binomial
 * standard errors (0.013 each).
 */
class NullCalibrationTest {

  private static final int SIDE = 30;
  private static final int N = SIDE * SIDE;
  private static final boolean[] ON = {true, true, true};

  @Test
  void randomClustersWithoutPlantedLinkageAreCalledLinkedAboutAlphaOfTheTime() {
    SplittableRandom rng = new SplittableRandom(2024);
    double[] logMass = new double[N];
    for (int i = 0; i < N; i++) {
      logMass[i] = 19 + 3 * rng.nextDouble();
    }
    Map<Long, Double> trains = new HashMap<>();
    for (int t = 0; t < N; t++) {
      int at = rng.nextInt(N);
      int[] stops = new int[5];
      for (int k = 0; k < stops.length; k++) {
        stops[k] = at;
        int r = at / SIDE;
        int c = at % SIDE;
        switch (rng.nextInt(4)) {
          case 0 -> c = Math.min(SIDE - 1, c + 1);
          case 1 -> c = Math.max(0, c - 1);
          case 2 -> r = Math.min(SIDE - 1, r + 1);
          default -> r = Math.max(0, r - 1);
        }
        at = r * SIDE + c;
      }
      for (int x = 0; x < stops.length; x++) {
        for (int y = x + 1; y < stops.length; y++) {
          if (stops[x] != stops[y]) {
            trains.merge(key(stops[x], stops[y]), 1.0, Double::sum);
          }
        }
      }
    }
    GravitySums sums = GravitySums.EMPTY;
    for (int i = 0; i < N; i++) {
      for (int j = i + 1; j < N; j++) {
        sums =
            sums.add(
                logMass[i] + logMass[j],
                Math.log(km(i, j)),
                Math.log1p(trains.getOrDefault(key(i, j), 0.0)));
      }
    }
    GravityCoefficients fit = sums.fit();
    GravityCoefficients[] fits = {fit, fit, fit};
    ConnectedSetSampler grid = gridSampler();
    int clusters = 300;
    int linked = 0;
    for (int k = 0; k < clusters; k++) {
      int[] members = grid.grow(rng.nextInt(N), 10, rng);
      boolean[] member = new boolean[N];
      for (int m : members) {
        member[m] = true;
      }
      ClusterContext.Builder b = new ClusterContext.Builder("c" + k);
      for (int i = 0; i < N; i++) {
        b.node(id(i), lon(i), lat(i), logMass[i], ON, new double[3], true, member[i], false, false);
      }
      for (int i = 0; i < N; i++) {
        for (int nb : grid.neighbours(i)) {
          if (nb > i) {
            b.edge(id(i), id(nb), true);
          }
        }
      }
      for (var e : trains.entrySet()) {
        int i = (int) (e.getKey() / N);
        int j = (int) (e.getKey() % N);
        double f = e.getValue();
        b.flow(id(i), id(j), new double[] {f, f, f});
      }
      ClusterNullModel model = new ClusterNullModel(b.build(), fits, 1000L + k);
      double observed = model.observedExcess(Linkage.TRAINS_ALL).mean();
      double[] nulls = new double[199];
      for (int s = 0; s < nulls.length; s++) {
        nulls[s] = model.excess(model.sample(s), Linkage.TRAINS_ALL).mean();
      }
      if (NullComparison.upper(observed, nulls).p() <= 0.05) {
        linked++;
      }
    }
    double rate = linked / (double) clusters;
    double se = Math.sqrt(0.05 * 0.95 / clusters);
    System.out.printf(
        "null calibration: %d of %d random clusters called linked (%.3f)%n",
        linked, clusters, rate);
    assertTrue(Math.abs(rate - 0.05) <= 3 * se, "rate " + rate);
  }

  private static long key(int i, int j) {
    return (long) Math.min(i, j) * N + Math.max(i, j);
  }

  private static String id(int i) {
    return String.format("%06d", 100000 + i);
  }

  private static double lon(int i) {
    return 110 + 0.2 * (i % SIDE);
  }

  private static double lat(int i) {
    return 30 + 0.2 * (i / SIDE);
  }

  private static double km(int i, int j) {
    return org.citycluster.geo.GeodesicMeasures.distanceKm(lon(i), lat(i), lon(j), lat(j));
  }

  private static ConnectedSetSampler gridSampler() {
    int[] from = new int[2 * N];
    int[] to = new int[2 * N];
    int e = 0;
    for (int i = 0; i < N; i++) {
      if (i % SIDE + 1 < SIDE) {
        from[e] = i;
        to[e++] = i + 1;
      }
      if (i + SIDE < N) {
        from[e] = i;
        to[e++] = i + SIDE;
      }
    }
    return new ConnectedSetSampler(
        N, java.util.Arrays.copyOf(from, e), java.util.Arrays.copyOf(to, e));
  }
}
