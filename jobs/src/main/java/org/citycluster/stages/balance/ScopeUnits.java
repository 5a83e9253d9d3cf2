package org.citycluster.stages.balance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * The units of one scope as collected by {@link BalanceStage}: each with its group label, role and
 * observed statistics by year, sorted by adcode so that every sum over them runs in one fixed order
 * (the published figures do not depend on how Spark partitioned or shuffled the rows).
 */
final class ScopeUnits {

  /** A unit's statistics in one year ({@code BalanceStage.SERIES} columns). */
  record Obs(Long census, Double gdp, Long population, Integer populationYear) {

    /** Population and GDP both usable for GDP per capita (positive). */
    boolean hasPerCapita() {
      return gdp != null && gdp > 0 && population != null && population > 0;
    }

    boolean hasCensus() {
      return census != null && census > 0;
    }
  }

  /** One unit of the scope. */
  record Unit(String adcode, String group, boolean core, boolean partial, Map<Integer, Obs> years) {

    Obs in(int year) {
      return years.get(year);
    }

    boolean hasPerCapita(int year) {
      Obs o = years.get(year);
      return o != null && o.hasPerCapita();
    }

    boolean hasCensus(int year) {
      Obs o = years.get(year);
      return o != null && o.hasCensus();
    }
  }

  final String scope;
  final String scopeType;
  final List<Unit> units;

  private ScopeUnits(String scope, String scopeType, List<Unit> units) {
    this.scope = scope;
    this.scopeType = scopeType;
    this.units = units;
  }

  /** From a row ({@code scope}, {@code scope_type}, {@code units}: array of unit structs). */
  static ScopeUnits of(Row row) {
    List<Unit> units = new ArrayList<>();
    List<Row> list = row.getList(row.fieldIndex("units"));
    for (Row u : list) {
      Map<Integer, Obs> years = new TreeMap<>();
      List<Row> series = u.isNullAt(u.fieldIndex("series")) ? List.of() : u.getList(4);
      for (Row s : series) {
        years.put(
            s.getInt(0),
            new Obs(
                s.isNullAt(1) ? null : s.getLong(1),
                s.isNullAt(2) ? null : s.getDouble(2),
                s.isNullAt(3) ? null : s.getLong(3),
                s.isNullAt(4) ? null : s.getInt(4)));
      }
      units.add(
          new Unit(
              u.getString(0),
              u.isNullAt(1) ? null : u.getString(1),
              !u.isNullAt(2) && u.getBoolean(2),
              !u.isNullAt(3) && u.getBoolean(3),
              years));
    }
    units.sort(Comparator.comparing(Unit::adcode));
    return new ScopeUnits(row.getAs("scope"), row.getAs("scope_type"), List.copyOf(units));
  }

  /** Group labels as consecutive ints in label order (for {@code Inequality}). */
  static int[] groupIndex(List<Unit> units) {
    TreeMap<String, Integer> labels = new TreeMap<>();
    for (Unit u : units) {
      labels.put(u.group() == null ? "" : u.group(), 0);
    }
    int k = 0;
    for (var e : labels.entrySet()) {
      e.setValue(k++);
    }
    int[] g = new int[units.size()];
    for (int i = 0; i < g.length; i++) {
      Unit u = units.get(i);
      g[i] = labels.get(u.group() == null ? "" : u.group());
    }
    return g;
  }
}
