package org.citycluster.spark;

import static org.apache.spark.sql.functions.lit;

import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Selects onto a fixed schema: the columns given by name, a typed null for every other field, in
 * the schema's order. For the tagged rows (nodes, edges, flows of one schema) the per-cluster and
 * per-variant tasks receive, so that each kind of row names only what it carries.
 */
public final class Projection {

  private Projection() {}

  /**
   * The select list of {@code schema}; a name in {@code given} that the schema lacks is a
   * programming error (IllegalArgumentException).
   */
  public static Column[] onto(StructType schema, Map<String, Column> given) {
    Set<String> names = Set.of(schema.fieldNames());
    for (String name : given.keySet()) {
      if (!names.contains(name)) {
        throw new IllegalArgumentException("no field " + name + " in " + schema.simpleString());
      }
    }
    StructField[] fields = schema.fields();
    Column[] out = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      Column c = given.get(fields[i].name());
      out[i] =
          (c == null ? lit(null).cast(fields[i].dataType()) : c.cast(fields[i].dataType()))
              .as(fields[i].name());
    }
    return out;
  }
}
