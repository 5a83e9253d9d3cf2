package org.citycluster.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A published output table's schema, as written in {@code schemas/<table>.schema.json}: the
 * contract that notebooks and BI depend on. Columns have a name, a logical type ({@code string},
 * {@code boolean}, {@code int}, {@code bigint}, {@code double}, {@code date}, {@code timestamp},
 * {@code geometry}), a nullability, a unit and a description.
 *
 * <p>Evolution rule: within a schema major version, only additive, nullable columns; anything else
 * is a new major version.
 */
public record TableSchema(
    String table, String version, String grain, String description, List<Column> columns) {

  /** Logical column types understood by the writers. */
  public static final Set<String> TYPES =
      Set.of("string", "boolean", "int", "bigint", "double", "date", "timestamp", "geometry");

  /** One column of the contract. */
  public record Column(
      String name, String type, boolean nullable, String unit, String description) {}

  /** True when the table is written as GeoParquet (it has a {@code geometry} column). */
  public boolean hasGeometry() {
    return columns.stream().anyMatch(c -> c.type().equals("geometry"));
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  /**
   * The part of this schema a job that fills only some columns of a shared table produces (e.g. the
   * adjacency columns of {@code city_pairs}), in declared order; a name the schema does not declare
   * is an error.
   */
  public TableSchema restrictedTo(java.util.Collection<String> names) {
    for (String n : names) {
      if (!columnNames().contains(n)) {
        throw new IllegalStateException(
            "schemas/" + table + ".schema.json declares no column " + n);
      }
    }
    return new TableSchema(
        table,
        version,
        grain,
        description,
        columns.stream().filter(c -> names.contains(c.name())).toList());
  }

  /** Loads {@code /schemas/<table>.schema.json} from the classpath (bundled in the jar). */
  public static TableSchema load(String table) {
    String resource = "/schemas/" + table + ".schema.json";
    try (InputStream in = TableSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no schema file " + resource + " on the classpath");
      }
      return parse(in, resource);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  /** Parses and validates a schema file; errors name the file and the column. */
  public static TableSchema parse(InputStream in, String source) throws IOException {
    JsonNode root = new ObjectMapper().readTree(in);
    List<Column> columns = new ArrayList<>();
    for (JsonNode c : root.path("columns")) {
      String name = c.path("name").asText("");
      String type = c.path("type").asText("");
      if (name.isEmpty() || !TYPES.contains(type)) {
        throw new IllegalStateException(
            source + ": column '" + name + "' has type '" + type + "'; allowed " + TYPES);
      }
      columns.add(
          new Column(
              name,
              type,
              c.path("nullable").asBoolean(true),
              c.path("unit").isNull() ? null : c.path("unit").asText(null),
              c.path("description").asText("")));
    }
    if (columns.isEmpty()) {
      throw new IllegalStateException(source + ": no columns");
    }
    return new TableSchema(
        root.path("table").asText(),
        root.path("version").asText(),
        root.path("grain").asText(""),
        root.path("description").asText(""),
        List.copyOf(columns));
  }
}
