package org.citycluster.report;

import static org.citycluster.report.Svg.esc;
import static org.citycluster.report.Svg.num;

import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * A map of China as one inline SVG figure in the frame of {@link Svg}: an optional grey layer of
 * all units, then layers of shapes (filled, or outlined by the layer's CSS class), labels at each
 * labelled shape's interior point, a legend in the lower left and a caption. No script; tooltips
 * are SVG {@code <title>} elements.
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
    StringBuilder html = new StringBuilder();
    html.append("<figure id=\"")
        .append(esc(id))
        .append("\">\n<svg class=\"map\" role=\"img\" viewBox=\"0 0 ")
        .append(num(Svg.width()))
        .append(' ')
        .append(num(Svg.height()))
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>")
        .append(esc(title))
        .append("</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#eef3f7\"/>\n");
    if (!units.isEmpty()) {
      html.append("<g class=\"units\">");
      for (Geometry g : units) {
        String d = Svg.path(g, UNIT_TOLERANCE_DEG);
        if (!d.isEmpty()) {
          html.append("<path d=\"").append(d).append("\"/>");
        }
      }
      html.append("</g>\n");
    }
    StringBuilder labels = new StringBuilder();
    for (Layer layer : layers) {
      html.append("<g class=\"").append(esc(layer.cssClass())).append("\">\n");
      for (Shape s : layer.shapes()) {
        html.append("<path");
        if (s.fill() != null) {
          html.append(" fill=\"").append(esc(s.fill())).append('"');
        }
        html.append(" d=\"").append(Svg.path(s.geometry(), layer.toleranceDeg())).append("\">");
        if (s.tooltip() != null) {
          html.append("<title>").append(esc(s.tooltip())).append("</title>");
        }
        html.append("</path>\n");
        if (s.label() != null && s.geometry() != null && !s.geometry().isEmpty()) {
          Point p = s.geometry().getInteriorPoint();
          labels
              .append("<text x=\"")
              .append(num(Svg.x(p.getX())))
              .append("\" y=\"")
              .append(num(Svg.y(p.getY())))
              .append("\">")
              .append(esc(s.label()))
              .append("</text>");
        }
      }
      html.append("</g>\n");
    }
    html.append("<g class=\"labels\">").append(labels).append("</g>\n");
    html.append(legend)
        .append("</svg>\n<figcaption>")
        .append(esc(caption))
        .append("</figcaption>\n</figure>\n");
    return html.toString();
  }

  /** A legend of the viridis ramp of {@link Svg#colour} from min to max. */
  static String rampLegend(String name, String min, String max) {
    double lx = 16;
    double ly = Svg.height() - 40;
    StringBuilder b = new StringBuilder("<g class=\"legend\"><text x=\"");
    b.append(num(lx))
        .append("\" y=\"")
        .append(num(ly - 8))
        .append("\">")
        .append(esc(name))
        .append("</text>");
    for (int i = 0; i < 10; i++) {
      b.append("<rect x=\"")
          .append(num(lx + i * 17))
          .append("\" y=\"")
          .append(num(ly))
          .append("\" width=\"17\" height=\"12\" fill=\"")
          .append(Svg.colour(i / 9.0))
          .append("\"/>");
    }
    b.append("<text x=\"")
        .append(num(lx))
        .append("\" y=\"")
        .append(num(ly + 26))
        .append("\">")
        .append(esc(min))
        .append("</text><text x=\"")
        .append(num(lx + 170))
        .append("\" y=\"")
        .append(num(ly + 26))
        .append("\" text-anchor=\"end\">")
        .append(esc(max))
        .append("</text></g>\n");
    return b.toString();
  }

  /** A legend of colour swatches, one line each, in the lower left. */
  static String swatchLegend(List<Swatch> swatches) {
    double lx = 16;
    double ly = Svg.height() - 14 - 16.0 * (swatches.size() - 1);
    StringBuilder b = new StringBuilder("<g class=\"legend\">");
    for (int i = 0; i < swatches.size(); i++) {
      double y = ly + 16 * i;
      b.append("<rect x=\"")
          .append(num(lx))
          .append("\" y=\"")
          .append(num(y - 10))
          .append("\" width=\"14\" height=\"12\" stroke=\"#1d2330\" stroke-width=\".6\" fill=\"")
          .append(esc(swatches.get(i).colour()))
          .append("\"/><text x=\"")
          .append(num(lx + 20))
          .append("\" y=\"")
          .append(num(y))
          .append("\">")
          .append(esc(swatches.get(i).label()))
          .append("</text>");
    }
    return b.append("</g>\n").toString();
  }
}
