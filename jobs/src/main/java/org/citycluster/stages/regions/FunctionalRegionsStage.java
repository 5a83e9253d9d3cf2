package org.citycluster.stages.regions;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.config.RegionsOptions;
import org.citycluster.plan.PrimaryPlan;
import org.citycluster.regions.LeidenRegions;
import org.citycluster.regions.PartitionComparison;
import org.citycluster.spark.PlanCut;
import org.citycluster.spark.Projection;

/**
 * Functional regions found in the data, and how well they match the plans (issue #14): a thin Spark
 * adapter over {@link LeidenRegions} and {@link PartitionComparison}.
 *
 * <p>Two variants of the national linkage network weighted by {@link RegionsOptions#weight}: {@code
 * unconstrained} (every pair with a positive weight) and {@code contiguous} (rook neighbours only,
 * weight + {@link RegionsOptions#contiguousBaseWeight}; Leiden's communities are connected in the
 * graph it is given, so these regions are contiguous). Each variant's nodes, edges and plan
 * memberships go to one Spark task, which runs Leiden (modularity, seeded) and matches every plan
 * cluster to its best region (Jaccard), and scores the whole partition against the plans over the
 * units of any plan (adjusted Rand index, normalised mutual information; a unit in several plans
 * counts for its {@link PrimaryPlan}). The region's core is its unit with the largest census
 * population, else (no unit with a population, as in most county regions) the one with the largest
 * linkage within the region; ties by adcode.
 */
public final class FunctionalRegionsStage {

  public static final String UNCONSTRAINED = "unconstrained";
  public static final String CONTIGUOUS = "contiguous";

  /** Outputs, before schema conformance. */
  public record Output(Dataset<Row> regions, Dataset<Row> matches) {}

  static final StructType INPUT =
      new StructType()
          .add("variant", DataTypes.StringType, false)
          .add("kind", DataTypes.StringType, false)
          .add("a", DataTypes.StringType, false)
          .add("b", DataTypes.StringType, true)
          .add("w", DataTypes.DoubleType, true)
          .add("core", DataTypes.BooleanType, true)
          .add("plan_year", DataTypes.IntegerType, true);

  static final StructType OUTPUT =
      new StructType()
          .add("variant", DataTypes.StringType, false)
          .add("kind", DataTypes.StringType, false)
          .add("adcode", DataTypes.StringType, true)
          .add("region_index", DataTypes.IntegerType, true)
          .add("strength_in_region", DataTypes.DoubleType, true)
          .add("quality", DataTypes.DoubleType, true)
          .add("regions", DataTypes.IntegerType, true)
          .add("cluster_id", DataTypes.StringType, true)
          .add("region_of_match", DataTypes.IntegerType, true)
          .add("jaccard", DataTypes.DoubleType, true)
          .add("intersection", DataTypes.IntegerType, true)
          .add("members_outside", DataTypes.IntegerType, true)
          .add("nonmembers_inside", DataTypes.IntegerType, true)
          .add("match_region_size", DataTypes.IntegerType, true)
          .add("n_members", DataTypes.IntegerType, true)
          .add("ari", DataTypes.DoubleType, true)
          .add("nmi", DataTypes.DoubleType, true)
          .add("n_units", DataTypes.IntegerType, true);

  private FunctionalRegionsStage() {}

  /**
   * @param cities {@code adcode}, {@code name}, {@code population}
   * @param cityPairs {@code adcode_a}, {@code adcode_b}, {@code relation} and the weight column
   * @param clusterMembers {@code cluster_id}, {@code adcode}, {@code role}
   * @param clusters {@code cluster_id}, {@code name_en}, {@code plan_year}
   */
  public static Output build(
      Dataset<Row> cities,
      Dataset<Row> cityPairs,
      Dataset<Row> clusterMembers,
      Dataset<Row> clusters,
      RegionsOptions options) {
    var spark = cities.sparkSession();
    spark.sparkContext().setJobGroup("regions", "functional regions (issue #14)", false);
    try {
      Dataset<Row> input = input(cities, cityPairs, clusterMembers, clusters, options);
      Dataset<Row> out =
          PlanCut.of(
              input
                  .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                  .flatMapGroups(new Detect(options), Encoders.row(OUTPUT)));
      return new Output(regionRows(out, cities, options), matchRows(out, clusters, options));
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  private static Dataset<Row> input(
      Dataset<Row> cities,
      Dataset<Row> cityPairs,
      Dataset<Row> clusterMembers,
      Dataset<Row> clusters,
      RegionsOptions options) {
    Dataset<Row> variants =
        cities
            .sparkSession()
            .createDataFrame(
                List.of(RowFactory.create(UNCONSTRAINED), RowFactory.create(CONTIGUOUS)),
                new StructType().add("variant", DataTypes.StringType, false));
    Dataset<Row> nodes =
        variants
            .crossJoin(cities.select("adcode"))
            .select(
                Projection.onto(
                    INPUT,
                    Map.of("variant", col("variant"), "kind", lit("node"), "a", col("adcode"))));
    Dataset<Row> weighted =
        cityPairs.select(
            col("adcode_a"),
            col("adcode_b"),
            col("relation"),
            coalesce(col(options.weight()).cast("double"), lit(0.0)).as("w"));
    Dataset<Row> edges =
        weighted
            .where(col("w").gt(0))
            .select(edge(UNCONSTRAINED))
            .unionByName(
                weighted
                    .where(col("relation").equalTo("rook"))
                    .withColumn("w", col("w").plus(options.contiguousBaseWeight()))
                    .where(col("w").gt(0))
                    .select(edge(CONTIGUOUS)));
    Dataset<Row> memberships =
        clusterMembers
            .join(cities.select("adcode"), "adcode")
            .groupBy("cluster_id", "adcode")
            .agg(max(when(col("role").equalTo("core"), true).otherwise(false)).as("core"))
            .join(clusters.select("cluster_id", "plan_year"), "cluster_id")
            .crossJoin(variants)
            .select(
                Projection.onto(
                    INPUT,
                    Map.of(
                        "variant", col("variant"),
                        "kind", lit("member"),
                        "a", col("adcode"),
                        "b", col("cluster_id"),
                        "core", col("core"),
                        "plan_year", col("plan_year"))));
    return nodes.unionByName(edges).unionByName(memberships);
  }

  /** An edge row of {@code variant} from a pair row with its weight {@code w}. */
  private static org.apache.spark.sql.Column[] edge(String variant) {
    return Projection.onto(
        INPUT,
        Map.of(
            "variant", lit(variant),
            "kind", lit("edge"),
            "a", col("adcode_a"),
            "b", col("adcode_b"),
            "w", col("w")));
  }

  /** One variant: Leiden, then the plan matches and the national agreement. */
  static final class Detect implements FlatMapGroupsFunction<String, Row, Row> {
    private final RegionsOptions options;

    Detect(RegionsOptions options) {
      this.options = options;
    }

    @Override
    public Iterator<Row> call(String variant, Iterator<Row> rows) {
      TreeSet<String> ids = new TreeSet<>();
      List<Row> edges = new ArrayList<>();
      List<PrimaryPlan.Membership> memberships = new ArrayList<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        switch (r.getString(1)) {
          case "node" -> ids.add(r.getString(2));
          case "edge" -> edges.add(r);
          default ->
              memberships.add(
                  new PrimaryPlan.Membership(
                      r.getString(3),
                      r.getString(2),
                      r.getBoolean(5),
                      r.isNullAt(6) ? null : r.getInt(6)));
        }
      }
      String[] adcodes = ids.toArray(String[]::new);
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < adcodes.length; i++) {
        index.put(adcodes[i], i);
      }
      edges.sort(
          java.util.Comparator.comparing((Row r) -> r.getString(2))
              .thenComparing(r -> r.getString(3)));
      int[] from = new int[edges.size()];
      int[] to = new int[edges.size()];
      double[] w = new double[edges.size()];
      int e = 0;
      for (Row r : edges) {
        Integer a = index.get(r.getString(2));
        Integer b = index.get(r.getString(3));
        if (a != null && b != null && !a.equals(b)) {
          from[e] = a;
          to[e] = b;
          w[e] = r.getDouble(4);
          e++;
        }
      }
      from = java.util.Arrays.copyOf(from, e);
      to = java.util.Arrays.copyOf(to, e);
      w = java.util.Arrays.copyOf(w, e);
      LeidenRegions.Result result =
          LeidenRegions.detect(adcodes.length, from, to, w, options.leiden());
      int[] region = result.regionOfNode();
      double[] strength = new double[adcodes.length];
      for (int k = 0; k < e; k++) {
        if (region[from[k]] == region[to[k]]) {
          strength[from[k]] += w[k];
          strength[to[k]] += w[k];
        }
      }
      List<Row> out = new ArrayList<>();
      Double quality = Double.isFinite(result.quality()) ? result.quality() : null;
      Map<String, String> regionOf = new HashMap<>();
      for (int i = 0; i < adcodes.length; i++) {
        regionOf.put(adcodes[i], String.valueOf(region[i]));
        out.add(
            RowFactory.create(
                variant,
                "region",
                adcodes[i],
                region[i],
                strength[i],
                quality,
                result.regions(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null));
      }
      Map<String, Set<String>> byCluster = new TreeMap<>();
      for (PrimaryPlan.Membership m : memberships) {
        byCluster.computeIfAbsent(m.clusterId(), k -> new TreeSet<>()).add(m.adcode());
      }
      for (var c : byCluster.entrySet()) {
        PartitionComparison.Match match = PartitionComparison.bestMatch(c.getValue(), regionOf);
        out.add(
            RowFactory.create(
                variant,
                "match",
                null,
                null,
                null,
                null,
                null,
                c.getKey(),
                Integer.parseInt(match.regionId()),
                match.jaccard(),
                match.intersection(),
                match.membersOutside(),
                match.nonmembersInside(),
                match.regionSize(),
                c.getValue().size(),
                null,
                null,
                null));
      }
      Map<String, String> plan = PrimaryPlan.assign(memberships);
      if (!plan.isEmpty()) {
        String[] planLabels = new String[plan.size()];
        String[] regionLabels = new String[plan.size()];
        int k = 0;
        for (var p : plan.entrySet()) {
          planLabels[k] = p.getValue();
          regionLabels[k] = regionOf.get(p.getKey());
          k++;
        }
        out.add(
            RowFactory.create(
                variant,
                "national",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                PartitionComparison.adjustedRandIndex(planLabels, regionLabels),
                PartitionComparison.normalizedMutualInformation(planLabels, regionLabels),
                plan.size()));
      }
      return out.iterator();
    }
  }

  /** Region id: the variant's initial and the region's rank by size (1 = largest). */
  static org.apache.spark.sql.Column regionId(
      org.apache.spark.sql.Column variant, org.apache.spark.sql.Column index) {
    return org.apache.spark.sql.functions.concat(
        org.apache.spark.sql.functions.substring(variant, 1, 1), index.plus(1).cast("string"));
  }

  private static Dataset<Row> regionRows(Dataset<Row> out, Dataset<Row> cities, RegionsOptions o) {
    Dataset<Row> regions =
        out.where(col("kind").equalTo("region"))
            .join(cities.select(col("adcode"), col("name"), col("population")), "adcode");
    var byRegion = Window.partitionBy("variant", "region_index");
    Dataset<Row> cores =
        regions
            .withColumn(
                "_rank",
                row_number()
                    .over(
                        byRegion.orderBy(
                            col("population").desc_nulls_last(),
                            col("strength_in_region").desc(),
                            col("adcode").asc())))
            .where(col("_rank").equalTo(1))
            .select(
                col("variant"),
                col("region_index"),
                col("adcode").as("region_core_adcode"),
                col("name").as("region_core_name"));
    Dataset<Row> sizes =
        regions.groupBy("variant", "region_index").agg(count("*").cast("int").as("region_size"));
    return regions
        .join(cores, new String[] {"variant", "region_index"})
        .join(sizes, new String[] {"variant", "region_index"})
        .select(
            col("variant"),
            col("adcode"),
            col("name"),
            regionId(col("variant"), col("region_index")).as("region_id"),
            col("region_size"),
            col("region_core_adcode"),
            col("region_core_name"),
            col("strength_in_region"),
            col("regions").as("variant_regions"),
            col("quality").as("modularity"),
            lit(o.weight()).as("weight_measure"),
            lit(o.leiden().resolution()).as("resolution"),
            lit(o.leiden().seed()).as("seed"));
  }

  private static Dataset<Row> matchRows(Dataset<Row> out, Dataset<Row> clusters, RegionsOptions o) {
    Dataset<Row> names = clusters.select(col("cluster_id"), col("name_en").as("cluster_name_en"));
    Dataset<Row> national =
        out.where(col("kind").equalTo("national"))
            .groupBy("variant")
            .agg(
                first("ari").as("national_ari"),
                first("nmi").as("national_nmi"),
                first("n_units").as("national_units"));
    Dataset<Row> matches =
        out.where(col("kind").equalTo("match"))
            .join(names, new String[] {"cluster_id"}, "left")
            .select(
                lit("cluster").as("scope"),
                col("cluster_id"),
                col("cluster_name_en"),
                col("variant"),
                regionId(col("variant"), col("region_of_match")).as("region_id"),
                col("jaccard"),
                col("intersection"),
                col("members_outside"),
                col("nonmembers_inside"),
                col("match_region_size").as("region_size"),
                col("n_members"),
                lit(null).cast("double").as("ari"),
                lit(null).cast("double").as("nmi"),
                lit(null).cast("int").as("n_units"));
    Dataset<Row> nationalRows =
        national.select(
            lit("national").as("scope"),
            lit(null).cast("string").as("cluster_id"),
            lit(null).cast("string").as("cluster_name_en"),
            col("variant"),
            lit(null).cast("string").as("region_id"),
            lit(null).cast("double").as("jaccard"),
            lit(null).cast("int").as("intersection"),
            lit(null).cast("int").as("members_outside"),
            lit(null).cast("int").as("nonmembers_inside"),
            lit(null).cast("int").as("region_size"),
            lit(null).cast("int").as("n_members"),
            col("national_ari").as("ari"),
            col("national_nmi").as("nmi"),
            col("national_units").cast("int").as("n_units"));
    return matches
        .unionByName(nationalRows)
        .withColumn("weight_measure", lit(o.weight()))
        .withColumn("resolution", lit(o.leiden().resolution()));
  }
}
