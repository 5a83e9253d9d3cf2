package org.citycluster.linkage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleBiFunction;
import org.citycluster.metrics.FittedGravity;
import org.citycluster.metrics.Gravity;
import org.citycluster.metrics.Specialisation;

/**
 * The linkage columns of {@code city_pairs}: one row per unordered pair {@code (adcodeA < adcodeB)}
 * of the given units (all n(n−1)/2 pairs, or only the linked and wanted ones, see the overloads;
 * pairs involving units not in the list are not reported).
 *
 * <ul>
 *   <li>{@code trainsAll}, {@code trainsHsr}: from {@link RailPairCounts}; 0 without service.
 *   <li>{@code minTravelMinutes}: from {@link TravelTimes}; null where the key-station timetable
 *       has no train linking the pair (it covers only 321 stations, so null is "not measured").
 *   <li>{@code airRoutes}, {@code airAirlines}: from {@link AirPairCounts}; 0 without service.
 *   <li>{@code distanceKm}: from the caller (centroid great-circle km); null when the caller gives
 *       NaN or a value ≤ 0.
 *   <li>{@code gravity}: {@link Gravity#cityCluster} {@code √(P_a G_a) √(P_b G_b) / d^β}, k = 1;
 *       null when either side lacks population or GDP, or without distance.
 *   <li>{@code complementaritySector}, {@code complementarityEmployment}: Krugman dissimilarity
 *       {@code Σ_i |s_ai − s_bi|} (0..2) of sector shares of GDP / of employment ({@link
 *       Specialisation#dissimilarity}); null when either side lacks the shares.
 *   <li>{@code railResidual}: residual of the fitted gravity model ({@link FittedGravity}) {@code
 *       log(1 + trains_all) = b0 + b1 log M_a + b2 log M_b + b3 log d}, mass {@code M = √(P·G)}
 *       (same as the gravity column), in log(1 + trains) units; positive = more trains than size
 *       and distance predict. Fitted over pairs with distance &gt; 0, both masses &gt; 0 and both
 *       units called at by at least one train (units off the rail network would bias the fit), each
 *       unordered pair entered in both orientations so that the fit is symmetric (b1 = b2) and the
 *       residual does not depend on which unit is "a". Null for pairs outside that set, or when
 *       fewer than 3 pairs qualify or the design is degenerate.
 *   <li>{@code linkageIndex} in 0..1: the mean of three components, each {@code log1p} of a count
 *       min–max normalised over all rows: {@code (x − min) / (max − min)} for x = log1p(trainsHsr),
 *       log1p(trainsAll), log1p(airAirlines); a component whose max equals its min is 0. Never
 *       null: missing service is 0. It ranks pairs within one run; values are not comparable
 *       between runs with different unit sets.
 * </ul>
 *
 * <p>Bad input throws {@link IllegalArgumentException}: null arguments, a duplicate adcode, share
 * rows of different lengths or invalid shares (see {@link Specialisation}), negative β.
 */
public final class PairLinkage {

  /** Default distance-decay exponent β of the gravity column. */
  public static final double DEFAULT_BETA = Gravity.DEFAULT_BETA;

  /** One {@code city_pairs} row (linkage columns). */
  public record Row(
      String adcodeA,
      String adcodeB,
      Double distanceKm,
      int trainsAll,
      int trainsHsr,
      Integer minTravelMinutes,
      int airRoutes,
      int airAirlines,
      Double gravity,
      Double complementaritySector,
      Double complementarityEmployment,
      Double railResidual,
      double linkageIndex) {}

  /** The rows sorted by pair, and the rail gravity fit (null when not fitted). */
  public record Result(List<Row> rows, FittedGravity.Result railFit) {}

  private PairLinkage() {}

  /**
   * Builds the rows of all n(n−1)/2 pairs.
   *
   * @param units the units (the pair universe) with their statistics
   * @param distanceKm (a, b) → centroid great-circle distance in km
   * @param rail rail pair counts (required)
   * @param travel travel times, or null when not available (all null)
   * @param air air pair counts, or null when not available (all 0)
   * @param beta distance-decay exponent of the gravity column (≥ 0)
   */
  public static Result compute(
      List<UnitAttributes> units,
      ToDoubleBiFunction<String, String> distanceKm,
      RailPairCounts rail,
      TravelTimes travel,
      AirPairCounts air,
      double beta) {
    return compute(units, distanceKm, rail, travel, air, beta, null);
  }

  /**
   * As {@link #compute(List, ToDoubleBiFunction, RailPairCounts, TravelTimes, AirPairCounts,
   * double)}, but reports only the pairs with a rail or air link plus those in {@code alsoReport}
   * (null: every pair). The values do not change: the gravity fit and the linkage index's min–max
   * still run over all n(n−1)/2 pairs (an unreported pair has no link, so its index components are
   * 0), but only reported and fitted pairs cost a distance, and no row is built for the others (at
   * county level that is 4.2 million pairs, of which 234,253 are reported).
   */
  public static Result compute(
      List<UnitAttributes> units,
      ToDoubleBiFunction<String, String> distanceKm,
      RailPairCounts rail,
      TravelTimes travel,
      AirPairCounts air,
      double beta,
      Collection<UnitPair> alsoReport) {
    if (units == null || distanceKm == null || rail == null) {
      throw new IllegalArgumentException("units, distanceKm and rail must not be null");
    }
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("beta must be finite and non-negative, got " + beta);
    }
    List<UnitAttributes> sorted = new ArrayList<>(units);
    sorted.sort(java.util.Comparator.comparing(UnitAttributes::adcode));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).adcode().equals(sorted.get(i - 1).adcode())) {
        throw new IllegalArgumentException("duplicate unit adcode " + sorted.get(i).adcode());
      }
    }
    Set<String> onRail = new HashSet<>();
    for (RailPairCounts.Unit u : rail.units()) {
      if (u.trains() > 0) {
        onRail.add(u.adcode());
      }
    }

    int n = sorted.size();
    Map<String, Integer> position = new HashMap<>();
    boolean[] fitUnit = new boolean[n];
    for (int i = 0; i < n; i++) {
      UnitAttributes u = sorted.get(i);
      position.put(u.adcode(), i);
      fitUnit[i] = u.mass() != null && u.mass() > 0 && onRail.contains(u.adcode());
    }
    // pairs to report, as ascending keys i·n + j (the loop below visits pairs in that order)
    long[] report;
    if (alsoReport == null) {
      report = null;
    } else {
      java.util.TreeSet<Long> keys = new java.util.TreeSet<>();
      for (RailPairCounts.Pair p : rail.pairs()) {
        addKey(keys, position, n, p.adcodeA(), p.adcodeB());
      }
      if (air != null) {
        for (AirPairCounts.Pair p : air.pairs()) {
          addKey(keys, position, n, p.adcodeA(), p.adcodeB());
        }
      }
      for (UnitPair p : alsoReport) {
        addKey(keys, position, n, p.a(), p.b());
      }
      report = keys.stream().mapToLong(Long::longValue).toArray();
    }

    List<Row> rows = new ArrayList<>();
    List<Integer> rowFitIndex = new ArrayList<>();
    GrowingColumns fit = new GrowingColumns(4);
    int next = 0;
    for (int i = 0; i < n; i++) {
      UnitAttributes ua = sorted.get(i);
      for (int j = i + 1; j < n; j++) {
        boolean reported;
        if (report == null) {
          reported = true;
        } else {
          long key = (long) i * n + j;
          while (next < report.length && report[next] < key) {
            next++;
          }
          reported = next < report.length && report[next] == key;
        }
        if (!reported && !(fitUnit[i] && fitUnit[j])) {
          continue;
        }
        UnitAttributes ub = sorted.get(j);
        String a = ua.adcode();
        String b = ub.adcode();
        double d = distanceKm.applyAsDouble(a, b);
        Double dist = Double.isFinite(d) && d > 0 ? d : null;
        RailPairCounts.Pair rp = rail.pair(a, b);
        int fitIndex = -1;
        if (dist != null && fitUnit[i] && fitUnit[j]) {
          fitIndex = fit.size() / 2;
          fit.add(ua.mass(), ub.mass(), dist, rp.trainsAll());
          fit.add(ub.mass(), ua.mass(), dist, rp.trainsAll());
        }
        if (!reported) {
          continue;
        }
        AirPairCounts.Pair ap = air == null ? null : air.pair(a, b);
        rowFitIndex.add(fitIndex);
        rows.add(
            pair(
                ua,
                ub,
                d,
                rp.trainsAll(),
                rp.trainsHsr(),
                travel == null ? null : travel.minMinutes(a, b),
                ap == null ? 0 : ap.airRoutes(),
                ap == null ? 0 : ap.airAirlines(),
                beta));
      }
    }

    FittedGravity.Result fitted = null;
    if (fit.size() / 2 >= 3) {
      try {
        fitted = FittedGravity.fit(fit.column(0), fit.column(1), fit.column(2), fit.column(3));
      } catch (IllegalArgumentException degenerate) {
        fitted = null; // e.g. all distances equal: residuals stay null
      }
    }

    // unreported pairs have no service: each of their index components is log1p(0) = 0
    long allPairs = (long) n * (n - 1) / 2;
    boolean unreportedZeros = rows.size() < allPairs;
    double[][] comp = new double[3][rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      comp[0][r] = Math.log1p(rows.get(r).trainsHsr());
      comp[1][r] = Math.log1p(rows.get(r).trainsAll());
      comp[2][r] = Math.log1p(rows.get(r).airAirlines());
    }
    for (double[] c : comp) {
      minMax(c, unreportedZeros);
    }
    List<Row> out = new ArrayList<>(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      Row x = rows.get(r);
      int k = rowFitIndex.get(r);
      Double residual =
          fitted == null || k < 0
              ? null
              : (fitted.residuals()[2 * k] + fitted.residuals()[2 * k + 1]) / 2;
      out.add(
          new Row(
              x.adcodeA(),
              x.adcodeB(),
              x.distanceKm(),
              x.trainsAll(),
              x.trainsHsr(),
              x.minTravelMinutes(),
              x.airRoutes(),
              x.airAirlines(),
              x.gravity(),
              x.complementaritySector(),
              x.complementarityEmployment(),
              residual,
              (comp[0][r] + comp[1][r] + comp[2][r]) / 3.0));
    }
    return new Result(List.copyOf(out), fitted);
  }

  private static void addKey(
      java.util.TreeSet<Long> keys, Map<String, Integer> position, int n, String x, String y) {
    Integer i = position.get(x);
    Integer j = position.get(y);
    if (i != null && j != null && !i.equals(j)) {
      keys.add((long) Math.min(i, j) * n + Math.max(i, j));
    }
  }

  /** Parallel growable columns of doubles (the fit's pairs, without a record per pair). */
  private static final class GrowingColumns {
    private final double[][] columns;
    private int size;

    GrowingColumns(int width) {
      columns = new double[width][1024];
    }

    void add(double... values) {
      if (size == columns[0].length) {
        for (int c = 0; c < columns.length; c++) {
          columns[c] = java.util.Arrays.copyOf(columns[c], size * 2);
        }
      }
      for (int c = 0; c < columns.length; c++) {
        columns[c][size] = values[c];
      }
      size++;
    }

    int size() {
      return size;
    }

    double[] column(int c) {
      return java.util.Arrays.copyOf(columns[c], size);
    }
  }

  /**
   * Rescales {@code x} in place to (x − min) / (max − min), or all 0 when max = min; with {@code
   * withZero}, a value 0 outside {@code x} counts towards min and max.
   */
  static void minMax(double[] x, boolean withZero) {
    double min = withZero ? 0.0 : Double.POSITIVE_INFINITY;
    double max = withZero ? 0.0 : Double.NEGATIVE_INFINITY;
    for (double v : x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = max > min ? (x[i] - min) / (max - min) : 0.0;
    }
  }

  /**
   * The linkage columns of one pair {@code ua.adcode() < ub.adcode()}, with the residual null and
   * the linkage index 0 (both need every pair: the fit and the min–max). The per-pair core of
   * {@link #compute} and of the distributed pair linkage, so that the two agree to the bit.
   *
   * @param distanceKm centroid great-circle km; NaN or ≤ 0 = unknown (no gravity)
   * @param minTravelMinutes timetable minutes, or null
   * @param beta distance-decay exponent of the gravity column
   */
  public static Row pair(
      UnitAttributes ua,
      UnitAttributes ub,
      double distanceKm,
      int trainsAll,
      int trainsHsr,
      Integer minTravelMinutes,
      int airRoutes,
      int airAirlines,
      double beta) {
    Double dist = Double.isFinite(distanceKm) && distanceKm > 0 ? distanceKm : null;
    Double gravity = null;
    if (dist != null
        && ua.population() != null
        && ua.gdp() != null
        && ub.population() != null
        && ub.gdp() != null) {
      gravity =
          Gravity.cityCluster(
              ua.population(), ua.gdp(), ub.population(), ub.gdp(), dist, 1.0, beta);
    }
    return new Row(
        ua.adcode(),
        ub.adcode(),
        dist,
        trainsAll,
        trainsHsr,
        minTravelMinutes,
        airRoutes,
        airAirlines,
        gravity,
        dissimilarity(ua.sectorShares(), ub.sectorShares()),
        dissimilarity(ua.employmentShares(), ub.employmentShares()),
        null,
        0.0);
  }

  private static Double dissimilarity(double[] a, double[] b) {
    return a == null || b == null ? null : Specialisation.shareDissimilarity(a, b);
  }
}
