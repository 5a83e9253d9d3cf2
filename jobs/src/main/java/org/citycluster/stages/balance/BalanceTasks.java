package org.citycluster.stages.balance;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.citycluster.balance.Convergence;
import org.citycluster.balance.Growth;
import org.citycluster.balance.Inequality;
import org.citycluster.stages.balance.ScopeUnits.Obs;
import org.citycluster.stages.balance.ScopeUnits.Unit;

/**
 * The per-scope work of {@link BalanceStage}: one Spark task per scope turns the scope's collected
 * units into its rows of {@code inequality}, {@code convergence} and {@code cluster_growth} with
 * the plain-Java measures of {@code org.citycluster.balance}. Units arrive sorted by adcode, so
 * every figure is the same bits whatever the partitioning.
 */
final class BalanceTasks {

  /** {@code caveats} code: the GDP period includes 2020 (COVID year, 2019-2020 GDP revision). */
  static final String SPANS_2020 = "spans_2020";

  /** {@code caveats} code: partial plan members enter with their whole-unit statistics. */
  static final String PARTIAL_MEMBERS = "partial_members";

  /**
   * {@code caveats} code: both ends divide GDP by the same census: per-capita growth = GDP growth.
   */
  static final String FIXED_POPULATION = "fixed_population";

  private BalanceTasks() {}

  /** Rows of {@code inequality} (without the national shares) for each GDP year. */
  static final class InequalityRows implements FlatMapFunction<Row, Row> {
    private final int[] gdpYears;

    InequalityRows(int[] gdpYears) {
      this.gdpYears = gdpYears.clone();
    }

    @Override
    public Iterator<Row> call(Row row) {
      ScopeUnits scope = ScopeUnits.of(row);
      String partition =
          switch (scope.scopeType) {
            case BalanceStage.NATIONAL -> "clusters";
            case BalanceStage.CLUSTER -> "role";
            default -> null;
          };
      List<Row> out = new ArrayList<>();
      for (int year : gdpYears) {
        List<Unit> used = filter(scope.units, u -> u.hasPerCapita(year));
        int n = used.size();
        double[] p = new double[n];
        double[] y = new double[n];
        long population = 0;
        double gdp = 0;
        TreeSet<Integer> populationYears = new TreeSet<>();
        int partial = 0;
        for (int i = 0; i < n; i++) {
          Obs o = used.get(i).in(year);
          p[i] = o.population();
          y[i] = o.gdp();
          population += o.population();
          gdp += o.gdp();
          populationYears.add(o.populationYear());
          partial += used.get(i).partial() ? 1 : 0;
        }
        int[] groups = ScopeUnits.groupIndex(used);
        Integer nGroups = partition == null || n == 0 ? null : distinct(groups);
        String caveats = caveats(false, partial > 0, false);
        for (String measure : List.of("theil_t", "theil_l", "cv_weighted")) {
          Double value = null;
          Double between = null;
          Double within = null;
          if (n > 0) {
            if (measure.equals("cv_weighted")) {
              value = Inequality.weightedCv(p, y);
            } else if (partition != null) {
              Inequality.Decomposition d =
                  measure.equals("theil_t")
                      ? Inequality.theilT(p, y, groups)
                      : Inequality.theilL(p, y, groups);
              value = d.total();
              between = d.between();
              within = d.within();
            } else {
              value = measure.equals("theil_t") ? Inequality.theilT(p, y) : Inequality.theilL(p, y);
            }
          }
          out.add(
              RowFactory.create(
                  scope.scope,
                  year,
                  measure,
                  value,
                  between,
                  within,
                  n,
                  scope.scopeType,
                  measure.equals("cv_weighted") ? null : partition,
                  measure.equals("cv_weighted") ? null : nGroups,
                  scope.units.size() - n,
                  partial,
                  n == 0 ? null : population,
                  n == 0 ? null : gdp,
                  n == 0 ? null : gdp / population,
                  join(populationYears),
                  caveats));
        }
      }
      return out.iterator();
    }
  }

  /** Rows of {@code convergence} for each pair of GDP years and each pair of census years. */
  static final class ConvergenceRows implements FlatMapFunction<Row, Row> {
    private final int[] censusYears;
    private final int[] gdpYears;

    ConvergenceRows(int[] censusYears, int[] gdpYears) {
      this.censusYears = censusYears.clone();
      this.gdpYears = gdpYears.clone();
    }

    @Override
    public Iterator<Row> call(Row row) {
      ScopeUnits scope = ScopeUnits.of(row);
      List<Row> out = new ArrayList<>();
      for (int a = 0; a < gdpYears.length; a++) {
        for (int b = a + 1; b < gdpYears.length; b++) {
          out.add(perCapita(scope, gdpYears[a], gdpYears[b]));
        }
      }
      for (int a = 0; a < censusYears.length; a++) {
        for (int b = a + 1; b < censusYears.length; b++) {
          out.add(population(scope, censusYears[a], censusYears[b]));
        }
      }
      return out.iterator();
    }

    private static Row perCapita(ScopeUnits scope, int from, int to) {
      List<Unit> used = filter(scope.units, u -> u.hasPerCapita(from) && u.hasPerCapita(to));
      int n = used.size();
      double[] p0 = new double[n];
      double[] y0 = new double[n];
      double[] p1 = new double[n];
      double[] y1 = new double[n];
      double[] pc0 = new double[n];
      double[] pc1 = new double[n];
      TreeSet<Integer> populationYears = new TreeSet<>();
      boolean fixed = n > 0;
      int partial = 0;
      for (int i = 0; i < n; i++) {
        Obs o0 = used.get(i).in(from);
        Obs o1 = used.get(i).in(to);
        p0[i] = o0.population();
        y0[i] = o0.gdp();
        p1[i] = o1.population();
        y1[i] = o1.gdp();
        pc0[i] = y0[i] / p0[i];
        pc1[i] = y1[i] / p1[i];
        populationYears.add(o0.populationYear());
        populationYears.add(o1.populationYear());
        fixed &= o0.populationYear().equals(o1.populationYear());
        partial += used.get(i).partial() ? 1 : 0;
      }
      Double cv0 = n == 0 ? null : Inequality.weightedCv(p0, y0);
      Double cv1 = n == 0 ? null : Inequality.weightedCv(p1, y1);
      Double t0 = n == 0 ? null : Inequality.theilT(p0, y0);
      Double t1 = n == 0 ? null : Inequality.theilT(p1, y1);
      Convergence.Beta beta = Convergence.beta(pc0, pc1, to - from);
      return convergenceRow(
          scope,
          from,
          to,
          "gdp_per_capita_cny",
          "population",
          cv0,
          cv1,
          t0,
          t1,
          beta,
          partial,
          join(populationYears),
          caveats(from <= 2020 && 2020 <= to, partial > 0, fixed));
    }

    private static Row population(ScopeUnits scope, int from, int to) {
      List<Unit> used = filter(scope.units, u -> u.hasCensus(from) && u.hasCensus(to));
      int n = used.size();
      double[] x0 = new double[n];
      double[] x1 = new double[n];
      double[] ones = new double[n];
      int partial = 0;
      for (int i = 0; i < n; i++) {
        x0[i] = used.get(i).in(from).census();
        x1[i] = used.get(i).in(to).census();
        ones[i] = 1;
        partial += used.get(i).partial() ? 1 : 0;
      }
      // dispersion of population across units: plain CV, and Theil T against equal unit shares
      Double cv0 = n == 0 ? null : Inequality.cv(x0);
      Double cv1 = n == 0 ? null : Inequality.cv(x1);
      Double t0 = n == 0 ? null : Inequality.theilT(ones, x0);
      Double t1 = n == 0 ? null : Inequality.theilT(ones, x1);
      return convergenceRow(
          scope,
          from,
          to,
          "population",
          "none",
          cv0,
          cv1,
          t0,
          t1,
          Convergence.beta(x0, x1, to - from),
          partial,
          from + "," + to,
          caveats(false, partial > 0, false));
    }

    private static Row convergenceRow(
        ScopeUnits scope,
        int from,
        int to,
        String variable,
        String cvWeighting,
        Double cv0,
        Double cv1,
        Double t0,
        Double t1,
        Convergence.Beta beta,
        int partial,
        String populationYears,
        String caveats) {
      int n = beta.n();
      return RowFactory.create(
          scope.scope,
          from,
          to,
          variable,
          cv0 == null ? null : Convergence.sigmaChange(cv0, cv1),
          finite(beta.slope()),
          finite(beta.standardError()),
          n,
          scope.scopeType,
          cvWeighting,
          cv0,
          cv1,
          t0,
          t1,
          t0 == null ? null : Convergence.sigmaChange(t0, t1),
          finite(beta.intercept()),
          finite(beta.rSquared()),
          scope.units.size() - n,
          partial,
          to - from,
          populationYears,
          caveats);
    }
  }

  /**
   * The {@code cluster_growth} row of a scope (without the national shares, which {@link
   * BalanceStage} joins on): population over the first and last census year, GDP over the first and
   * last GDP year.
   */
  static final class GrowthRows implements FlatMapFunction<Row, Row> {
    private final int[] censusYears;
    private final int[] gdpYears;

    GrowthRows(int[] censusYears, int[] gdpYears) {
      this.censusYears = censusYears.clone();
      this.gdpYears = gdpYears.clone();
    }

    @Override
    public Iterator<Row> call(Row row) {
      ScopeUnits scope = ScopeUnits.of(row);
      int nCore = 0;
      int partial = 0;
      for (Unit u : scope.units) {
        nCore += u.core() ? 1 : 0;
        partial += u.partial() ? 1 : 0;
      }
      List<Object> values = new ArrayList<>();
      values.add(scope.scope);
      values.add(scope.scopeType);
      values.add(scope.units.size());
      values.add(nCore);
      values.add(partial);
      Span pop = span(scope.units, censusYears, true);
      Span gdp = span(scope.units, gdpYears, false);
      pop.addTo(values);
      gdp.addTo(values);
      boolean spans2020 = gdp.from != null && gdp.from <= 2020 && 2020 <= gdp.to;
      values.add(caveats(spans2020, partial > 0, false));
      return List.of(RowFactory.create(values.toArray())).iterator();
    }

    /** Growth of one variable between the first and the last of {@code years}. */
    private record Span(
        Integer from,
        Integer to,
        Number totalFrom,
        Number totalTo,
        int nBoth,
        Double growth,
        Double coreGrowth,
        Double medianGrowth,
        int nMedian,
        Double coreShareFrom,
        Double coreShareTo) {

      void addTo(List<Object> values) {
        values.add(from);
        values.add(to);
        values.add(totalFrom);
        values.add(totalTo);
        values.add(nBoth);
        values.add(growth);
        values.add(coreGrowth);
        values.add(medianGrowth);
        values.add(nMedian);
        values.add(coreShareFrom);
        values.add(coreShareTo);
      }
    }

    private static Span span(List<Unit> units, int[] years, boolean population) {
      if (years.length < 2) {
        return new Span(null, null, null, null, 0, null, null, null, 0, null, null);
      }
      int from = years[0];
      int to = years[years.length - 1];
      long popFrom = 0;
      long popTo = 0;
      double gdpFrom = 0;
      double gdpTo = 0;
      boolean anyFrom = false;
      boolean anyTo = false;
      List<double[]> both = new ArrayList<>();
      List<double[]> core = new ArrayList<>();
      List<Double> rates = new ArrayList<>();
      for (Unit u : units) {
        Double x0 = value(u.in(from), population);
        Double x1 = value(u.in(to), population);
        if (x0 != null) {
          anyFrom = true;
          if (population) {
            popFrom += u.in(from).census();
          } else {
            gdpFrom += x0;
          }
        }
        if (x1 != null) {
          anyTo = true;
          if (population) {
            popTo += u.in(to).census();
          } else {
            gdpTo += x1;
          }
        }
        if (x0 != null && x1 != null) {
          both.add(new double[] {x0, x1});
          if (u.core()) {
            core.add(new double[] {x0, x1});
          } else {
            rates.add(Growth.annualised(x0, x1, to - from));
          }
        }
      }
      Number totalFrom = !anyFrom ? null : population ? (Number) popFrom : (Number) gdpFrom;
      Number totalTo = !anyTo ? null : population ? (Number) popTo : (Number) gdpTo;
      Double growth = both.isEmpty() ? null : totalGrowth(both, to - from);
      Double coreGrowth = core.isEmpty() ? null : totalGrowth(core, to - from);
      double[] r = rates.stream().mapToDouble(Double::doubleValue).toArray();
      Double median = r.length == 0 ? null : Growth.median(r);
      Double shareFrom = null;
      Double shareTo = null;
      if (!core.isEmpty()) {
        double[] all = sums(both);
        double[] c = sums(core);
        shareFrom = c[0] / all[0];
        shareTo = c[1] / all[1];
      }
      return new Span(
          from,
          to,
          totalFrom,
          totalTo,
          both.size(),
          growth,
          coreGrowth,
          median,
          r.length,
          shareFrom,
          shareTo);
    }

    private static Double value(Obs o, boolean population) {
      if (o == null) {
        return null;
      }
      if (population) {
        return o.hasCensus() ? o.census().doubleValue() : null;
      }
      return o.gdp() != null && o.gdp() > 0 ? o.gdp() : null;
    }

    private static double totalGrowth(List<double[]> pairs, int years) {
      double[] s = sums(pairs);
      return Growth.annualised(s[0], s[1], years);
    }

    private static double[] sums(List<double[]> pairs) {
      double a = 0;
      double b = 0;
      for (double[] p : pairs) {
        a += p[0];
        b += p[1];
      }
      return new double[] {a, b};
    }
  }

  private static List<Unit> filter(List<Unit> units, Predicate<Unit> keep) {
    List<Unit> out = new ArrayList<>();
    for (Unit u : units) {
      if (keep.test(u)) {
        out.add(u);
      }
    }
    return out;
  }

  private static int distinct(int[] labels) {
    TreeSet<Integer> s = new TreeSet<>();
    for (int l : labels) {
      s.add(l);
    }
    return s.size();
  }

  private static Double finite(double x) {
    return Double.isFinite(x) ? x : null;
  }

  private static String join(TreeSet<Integer> years) {
    if (years.isEmpty()) {
      return null;
    }
    StringJoiner j = new StringJoiner(",");
    years.forEach(y -> j.add(String.valueOf(y)));
    return j.toString();
  }

  /** The {@code caveats} codes that apply, {@code ;}-separated, or null. */
  static String caveats(boolean spans2020, boolean partial, boolean fixedPopulation) {
    StringJoiner j = new StringJoiner(";");
    if (spans2020) {
      j.add(SPANS_2020);
    }
    if (partial) {
      j.add(PARTIAL_MEMBERS);
    }
    if (fixedPopulation) {
      j.add(FIXED_POPULATION);
    }
    return j.length() == 0 ? null : j.toString();
  }
}
