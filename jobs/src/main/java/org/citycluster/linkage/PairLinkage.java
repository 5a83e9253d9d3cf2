package org.citycluster.linkage;

import java.util.ArrayList;
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
 * of the given units (all n(n−1)/2 pairs; pairs involving units not in the list are not reported).
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
   * Builds the rows.
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
    Map<String, Integer> sectorRow = new HashMap<>();
    Specialisation sectors = specialisation(sorted, true, sectorRow);
    Map<String, Integer> employmentRow = new HashMap<>();
    Specialisation employment = specialisation(sorted, false, employmentRow);
    Set<String> onRail = new HashSet<>();
    for (RailPairCounts.Unit u : rail.units()) {
      if (u.trains() > 0) {
        onRail.add(u.adcode());
      }
    }

    int n = sorted.size();
    List<Row> rows = new ArrayList<>(n * (n - 1) / 2);
    List<Integer> fitRows = new ArrayList<>();
    List<FittedGravity.Pair> fitPairs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      UnitAttributes ua = sorted.get(i);
      for (int j = i + 1; j < n; j++) {
        UnitAttributes ub = sorted.get(j);
        String a = ua.adcode();
        String b = ub.adcode();
        double d = distanceKm.applyAsDouble(a, b);
        Double dist = Double.isFinite(d) && d > 0 ? d : null;
        RailPairCounts.Pair rp = rail.pair(a, b);
        AirPairCounts.Pair ap = air == null ? null : air.pair(a, b);
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
        Double ma = ua.mass();
        Double mb = ub.mass();
        if (dist != null
            && ma != null
            && mb != null
            && ma > 0
            && mb > 0
            && onRail.contains(a)
            && onRail.contains(b)) {
          fitRows.add(rows.size());
          fitPairs.add(new FittedGravity.Pair(ma, mb, dist, rp.trainsAll()));
          fitPairs.add(new FittedGravity.Pair(mb, ma, dist, rp.trainsAll()));
        }
        rows.add(
            new Row(
                a,
                b,
                dist,
                rp.trainsAll(),
                rp.trainsHsr(),
                travel == null ? null : travel.minMinutes(a, b),
                ap == null ? 0 : ap.airRoutes(),
                ap == null ? 0 : ap.airAirlines(),
                gravity,
                dissimilarity(sectors, sectorRow, a, b),
                dissimilarity(employment, employmentRow, a, b),
                null,
                0.0));
      }
    }

    FittedGravity.Result fit = null;
    if (fitRows.size() >= 3) {
      try {
        fit = FittedGravity.fit(fitPairs);
      } catch (IllegalArgumentException degenerate) {
        fit = null; // e.g. all distances equal: residuals stay null
      }
    }
    double[] residual = new double[rows.size()];
    java.util.Arrays.fill(residual, Double.NaN);
    if (fit != null) {
      for (int k = 0; k < fitRows.size(); k++) {
        residual[fitRows.get(k)] = (fit.residuals()[2 * k] + fit.residuals()[2 * k + 1]) / 2;
      }
    }

    double[][] comp = new double[3][rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      comp[0][r] = Math.log1p(rows.get(r).trainsHsr());
      comp[1][r] = Math.log1p(rows.get(r).trainsAll());
      comp[2][r] = Math.log1p(rows.get(r).airAirlines());
    }
    for (double[] c : comp) {
      minMax(c);
    }
    List<Row> out = new ArrayList<>(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      Row x = rows.get(r);
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
              Double.isNaN(residual[r]) ? null : residual[r],
              (comp[0][r] + comp[1][r] + comp[2][r]) / 3.0));
    }
    return new Result(List.copyOf(out), fit);
  }

  /** Rescales {@code x} in place to (x − min) / (max − min), or all 0 when max = min. */
  static void minMax(double[] x) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = max > min ? (x[i] - min) / (max - min) : 0.0;
    }
  }

  private static Specialisation specialisation(
      List<UnitAttributes> units, boolean sector, Map<String, Integer> rowOf) {
    List<double[]> rows = new ArrayList<>();
    for (UnitAttributes u : units) {
      double[] s = sector ? u.sectorShares() : u.employmentShares();
      if (s != null) {
        rowOf.put(u.adcode(), rows.size());
        rows.add(s);
      }
    }
    if (rows.isEmpty()) {
      return null;
    }
    return Specialisation.ofShares(rows.toArray(new double[0][]));
  }

  private static Double dissimilarity(
      Specialisation s, Map<String, Integer> rowOf, String a, String b) {
    Integer ra = rowOf.get(a);
    Integer rb = rowOf.get(b);
    return s == null || ra == null || rb == null ? null : s.dissimilarity(ra, rb);
  }
}
