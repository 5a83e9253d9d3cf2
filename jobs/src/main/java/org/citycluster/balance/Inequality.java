package org.citycluster.balance;

import java.util.TreeMap;

/**
 * Inequality of GDP per capita across units, with the population of each unit as its weight.
 *
 * <p>With unit populations {@code P_i} (persons) and GDP {@code Y_i} (CNY), totals {@code P} and
 * {@code Y}, and groups g with totals {@code P_g}, {@code Y_g}:
 *
 * <ul>
 *   <li><b>Theil T</b> {@code T = Σ_i (Y_i/Y) ln((Y_i/Y)/(P_i/P))}; between groups {@code T_b = Σ_g
 *       (Y_g/Y) ln((Y_g/Y)/(P_g/P))}, within {@code T_w = Σ_g (Y_g/Y) T_g} with {@code T_g} the
 *       Theil T of the units of g among themselves. {@code T = T_b + T_w} exactly (up to rounding,
 *       ~1e-16): the identity {@code ln(y_i/p_i) = ln((Y_i/Y_g)/(P_i/P_g)) + ln((Y_g/Y)/(P_g/P))}
 *       is summed with weights {@code Y_i/Y}.
 *   <li><b>Theil L</b> (mean log deviation) {@code L = Σ_i (P_i/P) ln((P_i/P)/(Y_i/Y))}; between
 *       {@code L_b = Σ_g (P_g/P) ln((P_g/P)/(Y_g/Y))}, within {@code L_w = Σ_g (P_g/P) L_g}.
 *   <li><b>Population-weighted coefficient of variation</b> of GDP per capita {@code y_i =
 *       Y_i/P_i}: {@code CV_w = sqrt(Σ_i (P_i/P)(y_i − ȳ)²) / ȳ} with {@code ȳ = Y/P} (not
 *       decomposable).
 *   <li>The plain (unweighted) {@link #cv coefficient of variation} of a list of values, with the
 *       population standard deviation (divisor n).
 * </ul>
 *
 * <p>All measures are 0 for a single unit and scale-free (CNY or 亿 CNY give the same figure).
 * METRICS.md example: P = (1, 1, 2, 4), Y = (2, 1, 2, 3), groups {1, 2}, {3, 4} → T = 0.065406 (T_b
 * 0.038098 + T_w 0.027308); L = 0.057198 (L_b 0.035375 + L_w 0.021823); CV_w = 0.395285.
 *
 * <p>Sums run in index order, so the same arrays give the same bits. Bad input throws {@link
 * IllegalArgumentException} naming the argument: null or empty arrays, arrays of different length,
 * an entry that is zero, negative or not finite (a unit without GDP or population must be left out
 * by the caller; Theil L is undefined for zero GDP), a negative group label.
 */
public final class Inequality {

  /**
   * A measure and its decomposition for a grouping.
   *
   * @param total the measure over all units, computed directly (not as between + within)
   * @param between the between-groups term
   * @param within the within-groups term (weighted sum of the groups' own measures)
   * @param groups the number of non-empty groups
   */
  public record Decomposition(double total, double between, double within, int groups) {}

  private Inequality() {}

  /** Theil T of GDP per capita ({@code population}, {@code gdp} per unit). */
  public static double theilT(double[] population, double[] gdp) {
    int n = check(population, gdp);
    double p = sum(population);
    double y = sum(gdp);
    double t = 0;
    for (int i = 0; i < n; i++) {
      double ys = gdp[i] / y;
      t += ys * Math.log(ys / (population[i] / p));
    }
    return t;
  }

  /** Theil L (mean log deviation) of GDP per capita. */
  public static double theilL(double[] population, double[] gdp) {
    int n = check(population, gdp);
    double p = sum(population);
    double y = sum(gdp);
    double l = 0;
    for (int i = 0; i < n; i++) {
      double ps = population[i] / p;
      l += ps * Math.log(ps / (gdp[i] / y));
    }
    return l;
  }

  /** Theil T with its between/within decomposition for {@code group} (a label per unit, >= 0). */
  public static Decomposition theilT(double[] population, double[] gdp, int[] group) {
    return decompose(population, gdp, group, true);
  }

  /** Theil L with its between/within decomposition for {@code group} (a label per unit, >= 0). */
  public static Decomposition theilL(double[] population, double[] gdp, int[] group) {
    return decompose(population, gdp, group, false);
  }

  /** Population-weighted coefficient of variation of GDP per capita. */
  public static double weightedCv(double[] population, double[] gdp) {
    int n = check(population, gdp);
    double p = sum(population);
    double mean = sum(gdp) / p;
    double var = 0;
    for (int i = 0; i < n; i++) {
      double d = gdp[i] / population[i] - mean;
      var += population[i] / p * d * d;
    }
    return Math.sqrt(var) / mean;
  }

  /**
   * Unweighted coefficient of variation {@code sd / mean} of positive values (population standard
   * deviation, divisor n).
   */
  public static double cv(double[] values) {
    int n = Args.vector("values", values, 1);
    Args.allPositive("values", values);
    double mean = sum(values) / n;
    double var = 0;
    for (double v : values) {
      var += (v - mean) * (v - mean);
    }
    return Math.sqrt(var / n) / mean;
  }

  private static Decomposition decompose(
      double[] population, double[] gdp, int[] group, boolean theilT) {
    int n = check(population, gdp);
    if (group == null) {
      throw new IllegalArgumentException("group must not be null");
    }
    Args.sameLength("group", group.length, n);
    // per group: population and GDP totals, in label order
    TreeMap<Integer, double[]> totals = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      if (group[i] < 0) {
        throw new IllegalArgumentException(
            "group[" + i + "] must be a label >= 0, got " + group[i]);
      }
      double[] t = totals.computeIfAbsent(group[i], g -> new double[2]);
      t[0] += population[i];
      t[1] += gdp[i];
    }
    double p = sum(population);
    double y = sum(gdp);
    double total = theilT ? theilT(population, gdp) : theilL(population, gdp);
    double between = 0;
    for (double[] t : totals.values()) {
      double ps = t[0] / p;
      double ys = t[1] / y;
      between += theilT ? ys * Math.log(ys / ps) : ps * Math.log(ps / ys);
    }
    // within: Σ_g w_g M_g, the groups' own measures summed over their units in index order
    TreeMap<Integer, Double> own = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      double[] t = totals.get(group[i]);
      double ps = population[i] / t[0];
      double ys = gdp[i] / t[1];
      double term = theilT ? ys * Math.log(ys / ps) : ps * Math.log(ps / ys);
      own.merge(group[i], term, Double::sum);
    }
    double within = 0;
    for (var e : own.entrySet()) {
      double[] t = totals.get(e.getKey());
      double weight = theilT ? t[1] / y : t[0] / p;
      within += weight * e.getValue();
    }
    return new Decomposition(total, between, within, totals.size());
  }

  private static int check(double[] population, double[] gdp) {
    int n = Args.vector("population", population, 1);
    Args.vector("gdp", gdp, 0);
    Args.sameLength("gdp", gdp.length, n);
    Args.allPositive("population", population);
    Args.allPositive("gdp", gdp);
    return n;
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }
}
