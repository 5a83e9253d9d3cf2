package org.citycluster.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The report's markup: Mustache templates in the resources under {@code report/} (e.g. {@code
 * report/verdicts.mustache}), rendered with mustache.java from the plain view models (records,
 * lists, strings) that the section classes build. {@code {{name}}} is HTML-escaped; the triple
 * {@code {{{name}}}} is used only for markup that another of these templates rendered (a map, a
 * chart, a legend) and for the style sheet {@code report/report.css}.
 *
 * <p>A template's final newline is dropped when it is read, so a partial used inside a line of text
 * (a badge, a bar) adds no space. A long table row is kept on one output line by comment tags that
 * open at the end of one template line and close at the start of the next.
 */
final class Templates {

  private static final String ROOT = "report";

  private static final MustacheFactory FACTORY =
      new DefaultMustacheFactory(ROOT) {
        @Override
        public Reader getReader(String resourceName) {
          try (Reader r = super.getReader(resourceName)) {
            StringWriter text = new StringWriter();
            r.transferTo(text);
            String s = text.toString();
            return new StringReader(s.endsWith("\n") ? s.substring(0, s.length() - 1) : s);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + resourceName, e);
          }
        }
      };

  private static final String CSS = resource("report.css");

  private Templates() {}

  /** Renders {@code report/<name>.mustache} with the given view model. */
  static String render(String name, Object model) {
    StringWriter out = new StringWriter();
    FACTORY.compile(name + ".mustache").execute(out, model);
    return out.toString();
  }

  /** The style sheet {@code report/report.css}. */
  static String css() {
    return CSS;
  }

  private static String resource(String name) {
    try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(ROOT + "/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + ROOT + "/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
