package org.citycluster.report;

import static org.citycluster.report.Svg.num;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * A map of China as one inline SVG figure in the frame of {@link Svg}: an optional grey layer of
 * all units, then layers of shapes (filled, or outlined by the layer's CSS class), labels at each
 * labelled shape's interior point, a legend in the lower left and a caption. Java computes the
 * geometry (projected path data, label points, legend positions); the markup is {@code
 * report/map.mustache} and the legend templates. No script; tooltips are SVG {@code <title>}
 * elements.
 */
final class ChinaMap {

  /** Tolerance of the grey unit layer, degrees. */
  static final double UNIT_TOLERANCE_DEG = 0.05;

  /** One shape: its geometry, fill ({@code null}: the layer's CSS), tooltip and label (or null). */
  record Shape(Geometry geometry, String fill, String tooltip, String label) {}

  /** Shapes drawn in one SVG group of the given CSS class, simplified with the tolerance. */
  record Layer(String cssClass, List<Shape> shapes, double toleranceDeg) {}

  /** A legend entry: a colour and what it means. */
  record Swatch(String colour, String label) {}

  private ChinaMap() {}

  /** The view model of {@code report/map.mustache}. */
  record MapView(
      String id,
      String width,
      String height,
      String title,
      Units units,
      List<LayerView> layers,
      List<Label> labels,
      String legend,
      String caption) {}

  /** The grey layer: one path per unit. */
  record Units(List<String> paths) {}

  /** One layer: its CSS class and its paths. */
  record LayerView(String cssClass, List<PathView> shapes) {}

  /** One path: fill (null: the layer's CSS), path data and tooltip (or null). */
  record PathView(String fill, String d, String tooltip) {}

  /** A label at a shape's interior point. */
  record Label(String x, String y, String text) {}

  /** One step of the ramp legend. */
  record Step(String x, String y, String colour) {}

  /** The view model of {@code report/legend-ramp.mustache}. */
  record RampLegend(
      String x,
      String nameY,
      String name,
      List<Step> steps,
      String valueY,
      String min,
      String maxX,
      String max) {}

  /** One line of the swatch legend. */
  record SwatchLine(String x, String rectY, String colour, String textX, String y, String label) {}

  /**
   * The {@code <figure id="...">} with the map.
   *
   * @param id the figure's HTML id
   * @param title the SVG title (read by screen readers and shown as a tooltip)
   * @param units unit geometries for the grey background layer (empty: none)
   * @param layers the layers, bottom first
   * @param legend SVG markup of the legend ({@link #rampLegend} or {@link #swatchLegend})
   * @param caption plain text under the map
   */
  static String figure(
      String id,
      String title,
      List<Geometry> units,
      List<Layer> layers,
      String legend,
      String caption) {
    Units unitLayer = null;
    if (!units.isEmpty()) {
      List<String> paths = new ArrayList<>();
      for (Geometry g : units) {
        String d = Svg.path(g, UNIT_TOLERANCE_DEG);
        if (!d.isEmpty()) {
          paths.add(d);
        }
      }
      unitLayer = new Units(paths);
    }
    List<LayerView> views = new ArrayList<>();
    List<Label> labels = new ArrayList<>();
    for (Layer layer : layers) {
      List<PathView> paths = new ArrayList<>();
      for (Shape s : layer.shapes()) {
        paths.add(
            new PathView(s.fill(), Svg.path(s.geometry(), layer.toleranceDeg()), s.tooltip()));
        if (s.label() != null && s.geometry() != null && !s.geometry().isEmpty()) {
          Point p = s.geometry().getInteriorPoint();
          labels.add(new Label(num(Svg.x(p.getX())), num(Svg.y(p.getY())), s.label()));
        }
      }
      views.add(new LayerView(layer.cssClass(), paths));
    }
    return Templates.render(
        "map",
        new MapView(
            id,
            num(Svg.width()),
            num(Svg.height()),
            title,
            unitLayer,
            views,
            labels,
            legend,
            caption));
  }

  /** A legend of the viridis ramp of {@link Svg#colour} from min to max. */
  static String rampLegend(String name, String min, String max) {
    double lx = 16;
    double ly = Svg.height() - 40;
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      steps.add(new Step(num(lx + i * 17), num(ly), Svg.colour(i / 9.0)));
    }
    return Templates.render(
        "legend-ramp",
        new RampLegend(num(lx), num(ly - 8), name, steps, num(ly + 26), min, num(lx + 170), max));
  }

  /** A legend of colour swatches, one line each, in the lower left. */
  static String swatchLegend(List<Swatch> swatches) {
    double lx = 16;
    double ly = Svg.height() - 14 - 16.0 * (swatches.size() - 1);
    List<SwatchLine> lines = new ArrayList<>();
    for (int i = 0; i < swatches.size(); i++) {
      double y = ly + 16 * i;
      lines.add(
          new SwatchLine(
              num(lx),
              num(y - 10),
              swatches.get(i).colour(),
              num(lx + 20),
              num(y),
              swatches.get(i).label()));
    }
    return Templates.render("legend-swatches", Map.of("swatches", lines));
  }
}
