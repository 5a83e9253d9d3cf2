package org.citycluster.stages.linkage;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.linkage.UnitAttributes;
import org.citycluster.linkage.UnitSectors;

/**
 * {@link UnitSectors}' location quotients and dominant sector per unit, in Spark: the reference
 * shares are {@link UnitSectors.Reference}'s sums over the units sorted by adcode in one task (a
 * sequential sum in adcode order, as on the driver before, so the doubles are the same and do not
 * depend on the partitioning; the task streams the sorted rows, O(1) memory per unit), and each
 * unit's profile is {@link UnitSectors#profile} in a task. What reaches the driver: the three
 * reference shares.
 */
public final class SectorProfiles {

  /** Sector names, in the order of the shares. */
  public static final List<String> SECTORS = List.of("primary", "secondary", "tertiary");

  /** The profile columns: adcode, lq_primary, lq_secondary, lq_tertiary, dominant_sector. */
  public static final StructType PROFILES =
      new StructType()
          .add("adcode", DataTypes.StringType, false)
          .add("lq_primary", DataTypes.DoubleType, true)
          .add("lq_secondary", DataTypes.DoubleType, true)
          .add("lq_tertiary", DataTypes.DoubleType, true)
          .add("dominant_sector", DataTypes.StringType, true);

  private static final StructType REFERENCE =
      new StructType()
          .add("s0", DataTypes.DoubleType, false)
          .add("s1", DataTypes.DoubleType, false)
          .add("s2", DataTypes.DoubleType, false);

  private SectorProfiles() {}

  /**
   * @param units {@code adcode}, {@code gdp_cny}, {@code primary_share}, {@code secondary_share},
   *     {@code tertiary_share} (numbers, nullable)
   * @return {@link #PROFILES} rows for the units with sector shares ({@link UnitAttributes#shares})
   */
  public static Dataset<Row> of(Dataset<Row> units) {
    Dataset<Row> with =
        units
            .select("adcode", "gdp_cny", "primary_share", "secondary_share", "tertiary_share")
            .filter((FilterFunction<Row>) r -> shares(r) != null);
    List<Row> reference =
        with.repartition(1)
            .sortWithinPartitions("adcode")
            .mapPartitions(new ReferenceTask(), Encoders.row(REFERENCE))
            .collectAsList();
    if (reference.isEmpty()) {
      return units.sparkSession().createDataFrame(List.of(), PROFILES);
    }
    Row s = reference.get(0);
    double[] total = {s.getDouble(0), s.getDouble(1), s.getDouble(2)};
    return with.map(
        (MapFunction<Row, Row>)
            r -> {
              UnitSectors.Profile p = UnitSectors.profile(r.getString(0), shares(r), total);
              double[] lq = p.locationQuotients();
              return RowFactory.create(
                  p.adcode(), lq[0], lq[1], lq[2], SECTORS.get(p.dominantSector()));
            },
        Encoders.row(PROFILES));
  }

  private static double[] shares(Row r) {
    return UnitAttributes.shares(number(r, 2), number(r, 3), number(r, 4));
  }

  private static Double number(Row r, int i) {
    return r.isNullAt(i) ? null : ((Number) r.get(i)).doubleValue();
  }

  /** The reference shares over the (sorted) rows of the one partition; no row when empty. */
  private static final class ReferenceTask implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      if (!rows.hasNext()) {
        return java.util.Collections.emptyIterator();
      }
      UnitSectors.Reference reference = new UnitSectors.Reference();
      while (rows.hasNext()) {
        Row r = rows.next();
        reference.add(r.getString(0), shares(r), number(r, 1));
      }
      double[] s = reference.shares();
      return List.of(RowFactory.create(s[0], s[1], s[2])).iterator();
    }
  }
}
