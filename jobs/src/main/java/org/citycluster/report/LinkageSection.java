package org.citycluster.report;

import static org.citycluster.report.Page.asDouble;
import static org.citycluster.report.Page.fmt;
import static org.citycluster.report.Svg.num;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Geometry;

/**
 * "Map of the clusters" and "Adjacency versus linkage": the summary cards, the map of the clusters
 * coloured by their QAP r (or, without QAP results, by the share of member pairs with a direct
 * train), the scatter of shared border against trains for every member pair, the share of linked
 * pairs per cluster and the QAP correlations. The markup is {@code report/linkage.mustache} (with
 * {@code scatter.mustache} and {@code bar.mustache}); this class builds the view model and the
 * charts' geometry.
 */
final class LinkageSection {

  static final String QAP_R = "qap_r_trains_hsr";
  static final String QAP_P = "qap_p_trains_hsr";

  /** The view model of {@code report/linkage.mustache}; qap null without QAP results. */
  record Model(
      String clusters,
      String pairs,
      String adjacentLinked,
      String nonAdjacentLinked,
      String map,
      Scatter scatter,
      List<LinkBars> linkBars,
      Qap qap) {}

  /** The view model of {@code report/scatter.mustache}: axes, ticks and one point per pair. */
  record Scatter(
      String w,
      String h,
      String left,
      String right,
      String axisY,
      List<Tick> xTicks,
      List<Tick> yTicks,
      String labX,
      String labY,
      String yLabY,
      List<Point> points) {}

  /** A tick label. */
  record Tick(String x, String y, String label) {}

  /** One member pair: adjacent or not, position and tooltip. */
  record Point(String cls, String cx, String cy, String title) {}

  /** A cluster's linked shares, adjacent and not adjacent. */
  record LinkBars(String name, Bar adjacent, Bar nonAdjacent) {}

  /** The view model of {@code report/bar.mustache}: part of whole ({@code none}: no pairs). */
  record Bar(boolean none, String cls, String width, int part, int whole) {}

  /** The QAP table, one row per cluster; hasP when the run has the p-values. */
  record Qap(boolean hasP, List<QapRow> rows) {}

  /** A cluster's QAP r as a bar from the middle (bar null: not measured) and its p. */
  record QapRow(String name, QapBar bar, String p) {}

  /** The bar of an r in -1..1: from x over width, and the value. */
  record QapBar(String x, String width, String value) {}

  /** Per-cluster figures of the member pairs. */
  private record PairStats(
      int pairs, int adjacent, int adjacentLinked, int nonAdjacent, int nonAdjacentLinked) {
    double linkedShare() {
      return pairs == 0 ? Double.NaN : (adjacentLinked + nonAdjacentLinked) / (double) pairs;
    }
  }

  private LinkageSection() {}

  /**
   * The model of both sections.
   *
   * @param pairs the member pairs (cluster_id, adcode_a, adcode_b, relation, shared_border_km,
   *     trains_all, trains_hsr)
   * @param metrics cluster_metrics by cluster id (empty without the table)
   * @param hasQap whether cluster_metrics has {@link #QAP_R}
   * @param hasP whether cluster_metrics has {@link #QAP_P}
   * @param units every unit's geometry, for the grey layer of the map
   */
  static Model model(
      PublishedRun.Rows clusters,
      PublishedRun.Rows pairs,
      Map<String, Map<String, Object>> metrics,
      boolean hasQap,
      boolean hasP,
      Map<String, Geometry> units)
      throws SQLException {
    Map<String, PairStats> stats = pairStats(pairs);
    int adjacent = 0;
    int adjacentLinked = 0;
    int nonAdjacent = 0;
    int nonAdjacentLinked = 0;
    for (PairStats s : stats.values()) {
      adjacent += s.adjacent();
      adjacentLinked += s.adjacentLinked();
      nonAdjacent += s.nonAdjacent();
      nonAdjacentLinked += s.nonAdjacentLinked();
    }
    Map<String, Double> value = new LinkedHashMap<>();
    String metricName;
    if (hasQap) {
      metricName = "QAP r, shared border vs high-speed trains";
      for (var e : metrics.entrySet()) {
        value.put(e.getKey(), asDouble(e.getValue().get(QAP_R)));
      }
    } else {
      metricName = "share of member pairs with a direct train";
      for (var e : stats.entrySet()) {
        value.put(e.getKey(), e.getValue().linkedShare());
      }
    }
    List<LinkBars> bars = new ArrayList<>();
    for (Map<String, Object> r : clusters.rows()) {
      PairStats s = stats.get(r.get("cluster_id"));
      if (s != null) {
        bars.add(
            new LinkBars(
                Page.text(r.get("name_en")),
                bar(s.adjacentLinked(), s.adjacent(), "adj"),
                bar(s.nonAdjacentLinked(), s.nonAdjacent(), "nonadj")));
      }
    }
    return new Model(
        Integer.toString(clusters.rows().size()),
        String.format(Locale.ROOT, "%,d", pairs.rows().size()),
        percent(adjacentLinked, adjacent),
        percent(nonAdjacentLinked, nonAdjacent),
        map(clusters, value, metricName, units),
        scatter(pairs),
        bars,
        hasQap ? qap(clusters, metrics, hasP) : null);
  }

  private static Map<String, PairStats> pairStats(PublishedRun.Rows pairs) {
    Map<String, int[]> acc = new TreeMap<>();
    for (Map<String, Object> r : pairs.rows()) {
      int[] a = acc.computeIfAbsent((String) r.get("cluster_id"), k -> new int[5]);
      boolean adjacent = !"none".equals(r.get("relation"));
      boolean linked = asDouble(r.get("trains_all")) > 0;
      a[0]++;
      if (adjacent) {
        a[1]++;
        a[2] += linked ? 1 : 0;
      } else {
        a[3]++;
        a[4] += linked ? 1 : 0;
      }
    }
    Map<String, PairStats> out = new LinkedHashMap<>();
    acc.forEach((k, a) -> out.put(k, new PairStats(a[0], a[1], a[2], a[3], a[4])));
    return out;
  }

  private static String percent(int part, int whole) {
    return whole == 0 ? "–" : Math.round(100.0 * part / whole) + "%";
  }

  private static String map(
      PublishedRun.Rows clusters,
      Map<String, Double> value,
      String metricName,
      Map<String, Geometry> units)
      throws SQLException {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : value.values()) {
      if (!Double.isNaN(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (min > max) {
      min = 0;
      max = 1;
    }
    List<ChinaMap.Shape> shapes = new ArrayList<>();
    for (Map<String, Object> r : clusters.rows()) {
      String id = (String) r.get("cluster_id");
      Double v = value.get(id);
      String fill =
          v == null || v.isNaN()
              ? "#bbbbbb"
              : Svg.colour((v - min) / (max - min == 0 ? 1 : max - min));
      shapes.add(
          new ChinaMap.Shape(
              Page.geometry(r.get("geometry")),
              fill,
              r.get("name_en") + " (" + r.get("name_zh") + "): " + metricName + " = " + fmt(v),
              id));
    }
    return ChinaMap.figure(
        "map-clusters",
        "Map of the " + clusters.rows().size() + " clusters coloured by " + metricName,
        List.copyOf(units.values()),
        List.of(new ChinaMap.Layer("clusters", shapes, 0.02)),
        ChinaMap.rampLegend(metricName, fmt(min), fmt(max)),
        "Clusters (union of their member units) over all units, coloured by "
            + metricName
            + "; labels are cluster ids (see the Clusters table). Equirectangular lon/lat,"
            + " simplified; South China Sea islands outside the frame.");
  }

  private static Scatter scatter(PublishedRun.Rows pairs) {
    double w = 560;
    double h = 340;
    double left = 56;
    double bottom = 40;
    double maxX = 1;
    double maxY = 1;
    for (Map<String, Object> r : pairs.rows()) {
      maxX = Math.max(maxX, asDouble(r.get("shared_border_km")));
      maxY = Math.max(maxY, asDouble(r.get("trains_all")));
    }
    double logMaxY = Math.log10(1 + maxY);
    double pw = w - left - 16;
    double ph = h - bottom - 16;
    List<Tick> xTicks = new ArrayList<>();
    for (int k = 0; k <= 4; k++) {
      xTicks.add(
          new Tick(
              num(left + pw * k / 4), num(16 + ph + 14), Long.toString(Math.round(maxX * k / 4))));
    }
    List<Tick> yTicks = new ArrayList<>();
    for (int t : new int[] {0, 1, 10, 100, 1000}) {
      if (t > maxY * 1.5 && t > 1) {
        break;
      }
      double py = 16 + ph - ph * Math.log10(1 + t) / logMaxY;
      yTicks.add(new Tick(num(left - 6), num(py + 4), Integer.toString(t)));
    }
    List<Point> points = new ArrayList<>();
    for (Map<String, Object> r : pairs.rows()) {
      double xv = asDouble(r.get("shared_border_km"));
      double yv = asDouble(r.get("trains_all"));
      boolean adjacent = !"none".equals(r.get("relation"));
      points.add(
          new Point(
              adjacent ? "adj" : "nonadj",
              num(left + pw * xv / maxX),
              num(16 + ph - ph * Math.log10(1 + Math.max(0, yv)) / logMaxY),
              Page.text(r.get("cluster_id"))
                  + ": "
                  + Page.text(r.get("adcode_a"))
                  + "–"
                  + Page.text(r.get("adcode_b"))
                  + ", "
                  + fmt(xv)
                  + " km, "
                  + Math.round(yv)
                  + " trains"));
    }
    return new Scatter(
        num(w),
        num(h),
        num(left),
        num(left + pw),
        num(16 + ph),
        xTicks,
        yTicks,
        num(left + pw / 2),
        num(h - 4),
        num(16 + ph / 2),
        points);
  }

  private static Bar bar(int part, int whole, String cls) {
    return whole == 0
        ? new Bar(true, cls, "0", part, whole)
        : new Bar(false, cls, num(200 * (double) part / whole), part, whole);
  }

  private static Qap qap(
      PublishedRun.Rows clusters, Map<String, Map<String, Object>> metrics, boolean hasP) {
    List<QapRow> rows = new ArrayList<>();
    for (Map<String, Object> c : clusters.rows()) {
      Map<String, Object> m = metrics.get(c.get("cluster_id"));
      double r = m == null ? Double.NaN : asDouble(m.get(QAP_R));
      QapBar bar = null;
      if (!Double.isNaN(r)) {
        double x0 = 100;
        double x1 = 100 + 100 * Math.max(-1, Math.min(1, r));
        bar = new QapBar(num(Math.min(x0, x1)), num(Math.abs(x1 - x0)), fmt(r));
      }
      rows.add(new QapRow(Page.text(c.get("name_en")), bar, fmt(m == null ? null : m.get(QAP_P))));
    }
    return new Qap(hasP, rows);
  }
}
