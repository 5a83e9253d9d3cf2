package org.citycluster.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.sedona_sql.UDT.GeometryUDT;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.citycluster.io.TableSchema;

/**
 * Makes a job's output match its published schema before it is written: the declared columns in the
 * declared order and types. A declared column the job did not produce, or a produced column the
 * schema does not declare, is a programming error and fails loudly; so does a null in a column
 * declared non-nullable ({@link #checkNulls}).
 */
public final class SchemaEnforcer {

  private SchemaEnforcer() {}

  /** The Spark type of a logical schema type. */
  public static DataType sparkType(String logicalType) {
    return switch (logicalType) {
      case "string" -> DataTypes.StringType;
      case "boolean" -> DataTypes.BooleanType;
      case "int" -> DataTypes.IntegerType;
      case "bigint" -> DataTypes.LongType;
      case "double" -> DataTypes.DoubleType;
      case "date" -> DataTypes.DateType;
      case "timestamp" -> DataTypes.TimestampType;
      case "geometry" -> new GeometryUDT();
      default -> throw new IllegalArgumentException("unknown logical type " + logicalType);
    };
  }

  /** Selects and casts the schema's columns, in order. */
  public static Dataset<Row> conform(Dataset<Row> produced, TableSchema schema) {
    Set<String> producedColumns = new LinkedHashSet<>(List.of(produced.columns()));
    Set<String> declared = new LinkedHashSet<>(schema.columnNames());
    Set<String> missing = new LinkedHashSet<>(declared);
    missing.removeAll(producedColumns);
    Set<String> extra = new LinkedHashSet<>(producedColumns);
    extra.removeAll(declared);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      throw new IllegalStateException(
          "table "
              + schema.table()
              + " does not match schemas/"
              + schema.table()
              + ".schema.json: missing "
              + missing
              + ", undeclared "
              + extra);
    }
    List<Column> columns = new ArrayList<>();
    for (TableSchema.Column c : schema.columns()) {
      Column column = col(c.name());
      if (!c.type().equals("geometry")) {
        column = column.cast(sparkType(c.type()));
      }
      columns.add(column.as(c.name(), columnMetadata(schema, c)));
    }
    return produced.select(columns.toArray(Column[]::new));
  }

  /**
   * Metadata stored with each column (Spark keeps it in the Parquet footer's row metadata): the
   * table, its schema version, the unit and the description, so the files describe themselves.
   */
  static Metadata columnMetadata(TableSchema schema, TableSchema.Column c) {
    MetadataBuilder m =
        new MetadataBuilder()
            .putString("citycluster.table", schema.table())
            .putString("citycluster.schema_version", schema.version())
            .putString("description", c.description());
    if (c.unit() != null) {
      m.putString("unit", c.unit());
    }
    return m.build();
  }

  /**
   * Counts nulls in the non-nullable columns in one pass and fails naming the columns that have
   * any. Returns the row count, computed in the same pass.
   */
  public static long checkNulls(Dataset<Row> conformed, TableSchema schema) {
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(org.apache.spark.sql.functions.count("*").as("__rows"));
    List<String> required = new ArrayList<>();
    for (TableSchema.Column c : schema.columns()) {
      if (!c.nullable()) {
        required.add(c.name());
        aggregates.add(sum(when(col(c.name()).isNull(), 1).otherwise(0)).as(c.name()));
      }
    }
    Row counts =
        conformed
            .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
            .first();
    List<String> violations = new ArrayList<>();
    for (int i = 0; i < required.size(); i++) {
      Object n = counts.get(i + 1);
      if (n != null && ((Number) n).longValue() > 0) {
        violations.add(required.get(i) + " (" + n + " nulls)");
      }
    }
    if (!violations.isEmpty()) {
      throw new IllegalStateException(
          "table " + schema.table() + ": nulls in non-nullable columns " + violations);
    }
    return counts.getLong(0);
  }
}
