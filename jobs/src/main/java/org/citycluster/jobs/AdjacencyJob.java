package org.citycluster.jobs;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.citycluster.config.OptionValues.integer;
import static org.citycluster.config.OptionValues.number;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.adjacency.BoundaryGap;
import org.citycluster.adjacency.BoundarySegments;
import org.citycluster.adjacency.Compactness;
import org.citycluster.adjacency.ContiguityBuilder;
import org.citycluster.config.ConfigException;
import org.citycluster.metrics.SpatialAutocorrelation;
import org.citycluster.spark.DeterministicSum;
import org.citycluster.spark.GeometryFunctions;
import org.citycluster.spark.PlanCut;
import org.citycluster.spark.ReferenceFrames;
import org.citycluster.stages.adjacency.ContiguityOrders;
import org.citycluster.stages.adjacency.MoranStage;
import org.citycluster.stages.adjacency.NearestUnits;
import org.citycluster.stages.adjacency.WeightTables;
import org.locationtech.jts.geom.Geometry;

/**
 * The adjacency metrics (issue #3): the adjacency columns of {@code city_pairs}, {@code
 * spatial_weights}, the morphology and Moran's I of {@code cluster_metrics}, LISA and islands in
 * {@code city_metrics}, and the {@code autocorrelation} table. A thin Spark layer over the
 * plain-Java engine in {@code org.citycluster.adjacency} and {@link SpatialAutocorrelation}.
 *
 * <p><b>Contiguity</b> is {@link ContiguityBuilder}'s algorithm (one pass over the vertices:
 * snapped edges hashed, the tolerance fallback only for unmatched segments) run per spatial tile on
 * the executors ({@link ContiguityTiles}, {@link #contiguityByTiles}). An earlier, independent
 * distribution of the same algorithm, {@link #contiguityBySegments}, is kept to test it against
 * ({@link BoundarySegments}): every unit's boundary segments, snapped to a grid of {@link
 * Options#snapToleranceDeg}, are flat-mapped to rows and grouped by their snapped endpoints; a
 * segment owned by two units is shared border (geodesic km on WGS84, from the unsnapped coordinates
 * of the unit with the smaller adcode). Shared snapped vertices make units touch (queen). Segments
 * owned by one unit (coast, national border, borders whose sides carry different vertices) go
 * through the engine's tolerance fallback: a Sedona distance join ({@code ST_Distance ≤ 2·tol} on
 * the segments as lines, other units only) finds the candidate segment pairs, and the engine's
 * per-segment test ({@link BoundarySegments#contact}) decides touch and the part running alongside;
 * the parts are merged per segment and summed per directed pair, and a pair whose overlaps both
 * exceed ten tolerances becomes rook with the mean length. All of it runs on the executors.
 *
 * <p><b>Distance band</b> pairs come from a Sedona distance join on the centroid points ({@code
 * centroid_lon/lat} of {@code cities}) with a radius in degrees that contains the band at the
 * data's highest latitude, then an exact geodesic filter: no all-pairs cross join, and the pairs
 * stay distributed (their distance-band weights are computed in Spark). {@code gap_km} of
 * non-touching pairs: {@link org.citycluster.adjacency.GapIndex} (the gap of {@link
 * BoundaryGap#gapKmIndexed} with each unit's facet tree built once per task; geometries broadcast
 * as WKB, {@link GapKmFunction}).
 *
 * <p><b>Contiguity order, k nearest neighbours, weights</b> are Spark work too: contiguity order is
 * a breadth-first search from every unit at once by joins of the rook pairs ({@link
 * ContiguityOrders}, left-joined onto the pair keys); the k nearest neighbours are a Sedona {@code
 * ST_KNN} join refined by a range join and ranked in tasks with {@link
 * org.citycluster.adjacency.NearestNeighbours}' distance and tie-break ({@link NearestUnits}); the
 * rook/queen/knn/distance-band weights are DataFrame operations over those pairs ({@link
 * WeightTables}). None of them collects or broadcasts anything that grows with units or pairs
 * (issue #16; held by {@code AdjacencyJobDriverBoundTest}). Still on the driver: the WKB of every
 * unit, collected and broadcast for {@code gap_km}, and the units' perimeter and centroid columns
 * broadcast (a join hint) into {@code city_pairs}.
 *
 * <p><b>Moran's I, LISA, cluster morphology</b> run as Spark work ({@link MoranStage}): for each
 * attribute of {@link Options#moranAttributes}, units with a finite value, rook contiguity among
 * them, row-standardised; units without a rook neighbour in that set (islands, e.g. Hainan's
 * prefectures, Taiwan, or cluster members not touching another member) are dropped and counted
 * ({@code n_islands_dropped}); the global permutation test is one-sided (upper tail, exact for n ≤
 * 8, else seeded blocks of 50 permutations), LISA p-values are PySAL's folded
 * conditional-permutation pseudo p-values seeded per unit ({@link
 * org.citycluster.metrics.SparseMoran}); every test uses {@link Options#seed}, recorded in {@code
 * autocorrelation}. Fewer than 3 units left, or a constant attribute, give nulls. {@code
 * city_metrics} carries the national LISA. Islands are written to {@code dq_issues} (action {@code
 * reported}), and so is every unit left out of the national Moran's I, per attribute, with the
 * reason (action {@code excluded}).
 *
 * <p>Changing {@link Options#moranAttributes} changes the column names ({@code
 * moran_<attribute>_i}, {@code lisa_<attribute>_i}, ...) and thus the published schemas in {@code
 * schemas/}.
 */
public final class AdjacencyJob {

  /** {@code source} of this job's {@code dq_issues} rows. */
  public static final String SOURCE = "adjacency";

  /**
   * The job's configuration, validated on construction ({@link ConfigException} naming the option
   * and what is allowed).
   *
   * @param snapToleranceDeg contiguity snapping grid and fallback tolerance in degrees, (0, 0.01];
   *     default {@value #DEFAULT_SNAP_TOLERANCE_DEG} (about 0.1 m)
   * @param distanceBandKm centroid distance band in km for {@code city_pairs} and the {@code
   *     distance_band_*} weights, (0, 5000]; default {@value #DEFAULT_DISTANCE_BAND_KM}
   * @param maxContiguityOrder largest rook-graph hop count reported in {@code contiguity_order}
   *     (null beyond), 1..100; default {@value #DEFAULT_MAX_CONTIGUITY_ORDER}
   * @param knnK neighbours per unit in the {@code knn_*} weights, 1..100; default {@value
   *     #DEFAULT_KNN_K}
   * @param moranAttributes numeric columns of {@code cities} for Moran's I and LISA, lower-case
   *     identifiers; default {@code gdp_per_capita_cny, tertiary_share}
   * @param permutations random permutations per Moran/LISA test, 1..99999; default {@value
   *     #DEFAULT_PERMUTATIONS}
   * @param seed seed of every permutation test; default {@value #DEFAULT_SEED}
   */
  public record Options(
      double snapToleranceDeg,
      double distanceBandKm,
      int maxContiguityOrder,
      int knnK,
      List<String> moranAttributes,
      int permutations,
      long seed)
      implements Serializable {

    public static final double DEFAULT_SNAP_TOLERANCE_DEG = ContiguityBuilder.DEFAULT_TOLERANCE_DEG;
    public static final double DEFAULT_DISTANCE_BAND_KM = 300;
    public static final int DEFAULT_MAX_CONTIGUITY_ORDER = 10;
    public static final int DEFAULT_KNN_K = 4;
    public static final List<String> DEFAULT_MORAN_ATTRIBUTES =
        List.of("gdp_per_capita_cny", "tertiary_share");
    public static final int DEFAULT_PERMUTATIONS = 999;
    public static final long DEFAULT_SEED = 20240601L;

    /** Validates every option. */
    public Options {
      if (!(snapToleranceDeg > 0 && snapToleranceDeg <= 0.01)) {
        throw new ConfigException(
            "adjacency.snap_tolerance_deg",
            String.valueOf(snapToleranceDeg),
            "a number in (0, 0.01]");
      }
      if (!(distanceBandKm > 0 && distanceBandKm <= 5000)) {
        throw new ConfigException(
            "adjacency.distance_band_km", String.valueOf(distanceBandKm), "a number in (0, 5000]");
      }
      if (maxContiguityOrder < 1 || maxContiguityOrder > 100) {
        throw new ConfigException(
            "adjacency.max_contiguity_order", String.valueOf(maxContiguityOrder), "1..100");
      }
      if (knnK < 1 || knnK > 100) {
        throw new ConfigException("adjacency.knn_k", String.valueOf(knnK), "1..100");
      }
      if (moranAttributes == null) {
        throw new ConfigException("adjacency.moran_attributes", "null", "a list of column names");
      }
      for (String a : moranAttributes) {
        if (a == null || !a.matches("[a-z][a-z0-9_]*")) {
          throw new ConfigException(
              "adjacency.moran_attributes", String.valueOf(a), "lower-case column names");
        }
      }
      if (new HashSet<>(moranAttributes).size() != moranAttributes.size()) {
        throw new ConfigException(
            "adjacency.moran_attributes", moranAttributes.toString(), "distinct column names");
      }
      moranAttributes = List.copyOf(moranAttributes);
      if (permutations < 1 || permutations > 99_999) {
        throw new ConfigException(
            "adjacency.permutations", String.valueOf(permutations), "1..99999");
      }
    }

    /** All defaults. */
    public static Options defaults() {
      return new Options(
          DEFAULT_SNAP_TOLERANCE_DEG,
          DEFAULT_DISTANCE_BAND_KM,
          DEFAULT_MAX_CONTIGUITY_ORDER,
          DEFAULT_KNN_K,
          DEFAULT_MORAN_ATTRIBUTES,
          DEFAULT_PERMUTATIONS,
          DEFAULT_SEED);
    }

    /**
     * From configuration keys {@code adjacency.snap_tolerance_deg}, {@code
     * adjacency.distance_band_km}, {@code adjacency.max_contiguity_order}, {@code adjacency.knn_k},
     * {@code adjacency.moran_attributes} (comma-separated), {@code adjacency.permutations}, {@code
     * adjacency.seed}; absent keys take the defaults.
     */
    public static Options fromOptions(Map<String, String> o) {
      String attributes = o.get("adjacency.moran_attributes");
      return new Options(
          number(o, "adjacency.snap_tolerance_deg", DEFAULT_SNAP_TOLERANCE_DEG),
          number(o, "adjacency.distance_band_km", DEFAULT_DISTANCE_BAND_KM),
          (int) integer(o, "adjacency.max_contiguity_order", DEFAULT_MAX_CONTIGUITY_ORDER, 1, 100),
          (int) integer(o, "adjacency.knn_k", DEFAULT_KNN_K, 1, 100),
          attributes == null
              ? DEFAULT_MORAN_ATTRIBUTES
              : Arrays.stream(attributes.split(","))
                  .map(String::trim)
                  .filter(s -> !s.isEmpty())
                  .toList(),
          (int) integer(o, "adjacency.permutations", DEFAULT_PERMUTATIONS, 1, 99_999),
          integer(o, "adjacency.seed", DEFAULT_SEED));
    }
  }

  /**
   * The job's outputs, not yet conformed to their schemas.
   *
   * @param cityPairs adjacency columns of {@code city_pairs}, one row per touching or within-band
   *     pair, {@code adcode_a < adcode_b}
   * @param spatialWeights {@code spatial_weights} in long format
   * @param clusterMetrics morphology and Moran's I per cluster
   * @param cityMetrics islands, neighbour counts and LISA per unit
   * @param autocorrelation global Moran's I per scope (national, each cluster) and attribute
   * @param issues dq rows ({@link ReferenceFrames#ISSUES} columns)
   */
  public record Output(
      Dataset<Row> cityPairs,
      Dataset<Row> spatialWeights,
      Dataset<Row> clusterMetrics,
      Dataset<Row> cityMetrics,
      Dataset<Row> autocorrelation,
      Dataset<Row> lisa,
      Dataset<Row> issues) {}

  static final StructType SEGMENTS =
      new StructType()
          .add("adcode", DataTypes.StringType, false)
          .add("ka_x", DataTypes.LongType, false)
          .add("ka_y", DataTypes.LongType, false)
          .add("kb_x", DataTypes.LongType, false)
          .add("kb_y", DataTypes.LongType, false)
          .add("s0x", DataTypes.LongType, false)
          .add("s0y", DataTypes.LongType, false)
          .add("s1x", DataTypes.LongType, false)
          .add("s1y", DataTypes.LongType, false)
          .add("x0", DataTypes.DoubleType, false)
          .add("y0", DataTypes.DoubleType, false)
          .add("x1", DataTypes.DoubleType, false)
          .add("y1", DataTypes.DoubleType, false)
          .add("km", DataTypes.DoubleType, false);

  static final StructType VERTICES =
      new StructType()
          .add("adcode", DataTypes.StringType, false)
          .add("vx", DataTypes.LongType, false)
          .add("vy", DataTypes.LongType, false);

  static final StructType CONTACTS =
      new StructType()
          .add("owner", DataTypes.StringType, false)
          .add("other", DataTypes.StringType, false)
          .add("ka_x", DataTypes.LongType, false)
          .add("ka_y", DataTypes.LongType, false)
          .add("kb_x", DataTypes.LongType, false)
          .add("kb_y", DataTypes.LongType, false)
          .add("len_deg", DataTypes.DoubleType, false)
          .add("km", DataTypes.DoubleType, false)
          .add("lo", DataTypes.DoubleType, true)
          .add("hi", DataTypes.DoubleType, true);

  private static final String[] PAIR_KEY = {"adcode_a", "adcode_b"};
  private static final String[] SEGMENT_KEY = {"ka_x", "ka_y", "kb_x", "kb_y"};

  private AdjacencyJob() {}

  /**
   * @param cities the {@code cities} table: {@code adcode}, {@code geometry} (polygonal, WGS84
   *     lon/lat), {@code perimeter_km}, {@code centroid_lon}, {@code centroid_lat} and the Moran
   *     attributes (numeric, nullable)
   * @param clusterMembers {@code cluster_members}: {@code cluster_id}, {@code adcode} (other
   *     columns ignored; members whose adcode is not in {@code cities} are ignored)
   */
  public static Output build(Dataset<Row> cities, Dataset<Row> clusterMembers, Options options) {
    return build(cities, clusterMembers, null, options);
  }

  /**
   * As {@link #build(Dataset, Dataset, Options)}, with {@code extraPairs} ({@code adcode_a <
   * adcode_b}; may be null): pairs that must appear in {@code city_pairs} although they neither
   * touch nor lie within the distance band (pairs of one cluster, pairs with a rail or air link);
   * they get relation {@code none}, their centroid distance, gap and contiguity order.
   */
  public static Output build(
      Dataset<Row> cities, Dataset<Row> clusterMembers, Dataset<Row> extraPairs, Options options) {
    SparkSession spark = cities.sparkSession();
    checkColumns(cities, options);
    registerFunctions(spark);
    double tol = options.snapToleranceDeg();

    describe(spark, "adjacency: contiguity by tiles");
    Dataset<Row> units = cities.select(col("adcode"), col("geometry"));
    Dataset<Row> contiguity = contiguity(units, tol).persist();

    describe(spark, "adjacency: distance band join");
    Dataset<Row> band = distanceBand(cities, options.distanceBandKm()).persist();

    describe(spark, "adjacency: k nearest neighbours");
    Dataset<Row> knn = PlanCut.of(NearestUnits.knn(cities, options.knnK()));

    describe(spark, "adjacency: contiguity order");
    Dataset<Row> orders = ContiguityOrders.orders(contiguity, options.maxContiguityOrder());

    Dataset<Row> weights = WeightTables.weights(contiguity, knn, band);
    Dataset<Row> cityPairs =
        cityPairs(spark, cities, contiguity, band, extraPairs, orders, options);

    describe(spark, "adjacency: Moran's I, LISA and cluster morphology");
    List<String> attrs = options.moranAttributes();
    MoranStage.Output moran =
        MoranStage.build(
            cities,
            contiguity,
            clusterMembers,
            attrs,
            options.permutations(),
            options.seed(),
            spark.sparkContext().defaultParallelism());
    Dataset<Row> clusterMetrics =
        moran
            .clusterMetrics()
            .join(polsbyPopper(cities, clusterMembers), new String[] {"cluster_id"}, "left");
    Dataset<Row> cityMetrics =
        moran
            .unitMetrics()
            .join(NearestUnits.nearest(knn), new String[] {"adcode"}, "left")
            .select(cityMetricColumns(attrs));

    Dataset<Row> islands =
        moran
            .unitMetrics()
            .filter(col("is_island"))
            .select(
                lit(SOURCE).as("source"),
                concat(lit("adcode "), col("adcode")).as("record_id"),
                lit("geometry").as("field"),
                lit("no rook neighbour (island): left out of the rook-based Moran's I and LISA;"
                        + " attach it through the knn weights")
                    .as("problem"),
                lit("reported").as("action"),
                col("adcode").as("value"));
    Dataset<Row> dropped =
        moran
            .dropped()
            .select(
                lit(SOURCE).as("source"),
                concat(lit("adcode "), col("adcode")).as("record_id"),
                col("attribute").as("field"),
                MoranStage.problem(col("reason")).as("problem"),
                lit("excluded").as("action"),
                col("adcode").as("value"));

    return new Output(
        cityPairs,
        weights,
        clusterMetrics,
        cityMetrics,
        moran.autocorrelation(),
        moran.lisa(),
        islands.unionByName(dropped));
  }

  private static Column[] cityMetricColumns(List<String> attrs) {
    List<Column> c = new ArrayList<>();
    for (String name :
        List.of(
            "adcode",
            "is_island",
            "rook_neighbours",
            "queen_neighbours",
            "nearest_adcode",
            "nearest_centroid_km")) {
      c.add(col(name));
    }
    for (String a : attrs) {
      c.add(col("lisa_" + a + "_i"));
      c.add(col("lisa_" + a + "_p"));
      c.add(col("lisa_" + a + "_quadrant"));
    }
    return c.toArray(Column[]::new);
  }

  // ---------------------------------------------------------------------------------------------
  // Contiguity (distributed)

  /**
   * Touching pairs: {@code adcode_a < adcode_b}, {@code relation} ("rook" or "queen"), {@code
   * shared_border_km} (0 for queen), {@code shared_border_fallback_km} (the part found by the
   * tolerance fallback). The pipeline's contiguity: {@link #contiguityByTiles}.
   */
  public static Dataset<Row> contiguity(Dataset<Row> units, double tol) {
    return contiguityByTiles(units, tol);
  }

  /**
   * The pairs computed per spatial tile ({@link ContiguityTiles}: one shuffle of the geometries,
   * {@link org.citycluster.adjacency.ContiguityBuilder}'s edge hashing inside each tile; issue #9).
   * Tested equal to {@link #contiguityBySegments} (ContiguityTilesTest); timings in docs/BENCH.md.
   */
  public static Dataset<Row> contiguityByTiles(Dataset<Row> units, double tol) {
    return ContiguityTiles.contiguity(units, tol, ContiguityTiles.UNITS_PER_TILE);
  }

  /**
   * The first distributed contiguity, kept as an independent implementation to test the tiles
   * against: segment hashing (the algorithm described above: segments and vertices shuffled by
   * their snapped keys, a Sedona distance join for the fallback).
   */
  public static Dataset<Row> contiguityBySegments(Dataset<Row> units, double tol) {
    registerFunctions(units.sparkSession());
    Dataset<Row> segments =
        units
            .flatMap((FlatMapFunction<Row, Row>) r -> segmentRows(r, tol), Encoders.row(SEGMENTS))
            .withColumn(
                "owners",
                count(lit(1))
                    .over(Window.partitionBy(col("ka_x"), col("ka_y"), col("kb_x"), col("kb_y"))))
            .persist();

    Dataset<Row> matched = segments.filter(col("owners").gt(1));
    Dataset<Row> matchedPairs =
        matched
            .select(
                col("adcode").as("adcode_a"),
                col("ka_x"),
                col("ka_y"),
                col("kb_x"),
                col("kb_y"),
                col("km").as("km_a"))
            .join(
                matched.select(
                    col("adcode").as("adcode_b"),
                    col("ka_x"),
                    col("ka_y"),
                    col("kb_x"),
                    col("kb_y")),
                SEGMENT_KEY)
            .filter(col("adcode_a").lt(col("adcode_b")))
            .groupBy("adcode_a", "adcode_b")
            .agg(DeterministicSum.of("km_a").as("matched_km"));

    Dataset<Row> vertices =
        units.flatMap((FlatMapFunction<Row, Row>) r -> vertexRows(r, tol), Encoders.row(VERTICES));
    Dataset<Row> vertexPairs =
        vertices
            .select(col("adcode").as("adcode_a"), col("vx"), col("vy"))
            .join(
                vertices.select(col("adcode").as("adcode_b"), col("vx"), col("vy")),
                new String[] {"vx", "vy"})
            .filter(col("adcode_a").lt(col("adcode_b")))
            .select("adcode_a", "adcode_b")
            .distinct()
            .withColumn("vertex_touch", lit(true));

    Dataset<Row> fallback = fallback(segments.filter(col("owners").equalTo(1)), tol);

    Column fallbackKm =
        when(
                call_udf(
                    "cc_fallback_is_rook",
                    coalesce(col("deg_ab"), lit(0.0)),
                    coalesce(col("deg_ba"), lit(0.0)),
                    lit(tol)),
                coalesce(col("km_ab"), lit(0.0)).plus(coalesce(col("km_ba"), lit(0.0))).divide(2))
            .otherwise(lit(0.0));
    return matchedPairs
        .join(vertexPairs, PAIR_KEY, "full_outer")
        .join(fallback, PAIR_KEY, "full_outer")
        .withColumn("shared_border_fallback_km", fallbackKm)
        .withColumn(
            "shared_border_km",
            coalesce(col("matched_km"), lit(0.0)).plus(col("shared_border_fallback_km")))
        .select(
            col("adcode_a"),
            col("adcode_b"),
            when(col("shared_border_km").gt(0), lit("rook")).otherwise(lit("queen")).as("relation"),
            col("shared_border_km"),
            col("shared_border_fallback_km"));
  }

  /**
   * The tolerance fallback over unmatched segments: per unordered pair, the directed overlaps in
   * plane degrees ({@code deg_ab}: A's segments alongside B) and geodesic km.
   */
  private static Dataset<Row> fallback(Dataset<Row> unmatched, double tol) {
    Dataset<Row> lines =
        unmatched.withColumn("seg", expr("ST_MakeLine(ST_Point(x0, y0), ST_Point(x1, y1))"));
    Dataset<Row> s = suffixed(lines, "_s");
    Dataset<Row> t = suffixed(lines, "_t");
    Dataset<Row> candidates =
        s.join(
            t,
            expr("ST_Distance(seg_s, seg_t) <= " + (2 * tol))
                .and(col("adcode_s").lt(col("adcode_t"))));
    Dataset<Row> contacts =
        candidates
            .drop("seg_s", "seg_t")
            .flatMap((FlatMapFunction<Row, Row>) r -> contactRows(r, tol), Encoders.row(CONTACTS));
    Dataset<Row> perSegment =
        contacts
            .groupBy(
                col("owner"),
                col("other"),
                col("ka_x"),
                col("ka_y"),
                col("kb_x"),
                col("kb_y"),
                col("len_deg"),
                col("km"))
            .agg(
                collect_list(when(col("lo").isNotNull(), array(col("lo"), col("hi"))))
                    .as("intervals"))
            .withColumn("fraction", call_udf("cc_merged_length", col("intervals")));
    Dataset<Row> directed =
        perSegment
            .groupBy("owner", "other")
            .agg(
                DeterministicSum.of("fraction * len_deg").as("deg"),
                DeterministicSum.of("fraction * km").as("km"));
    Column forward = col("owner").lt(col("other"));
    return directed
        .select(
            least(col("owner"), col("other")).as("adcode_a"),
            greatest(col("owner"), col("other")).as("adcode_b"),
            when(forward, col("deg")).as("deg_ab"),
            when(forward.equalTo(false), col("deg")).as("deg_ba"),
            when(forward, col("km")).as("km_ab"),
            when(forward.equalTo(false), col("km")).as("km_ba"))
        .groupBy("adcode_a", "adcode_b")
        .agg(
            sum("deg_ab").as("deg_ab"),
            sum("deg_ba").as("deg_ba"),
            sum("km_ab").as("km_ab"),
            sum("km_ba").as("km_ba"));
  }

  private static Dataset<Row> suffixed(Dataset<Row> ds, String suffix) {
    List<Column> columns = new ArrayList<>();
    for (String c : ds.columns()) {
      if (!c.equals("owners")) {
        columns.add(col(c).as(c + suffix));
      }
    }
    return ds.select(columns.toArray(Column[]::new));
  }

  private static Iterator<Row> segmentRows(Row unit, double tol) {
    String adcode = unit.getString(0);
    Geometry g = (Geometry) unit.get(1);
    List<Row> rows = new ArrayList<>();
    if (g == null) {
      return rows.iterator();
    }
    for (BoundarySegments.Segment s : BoundarySegments.segments(g, tol)) {
      long[] k = s.key();
      rows.add(
          RowFactory.create(
              adcode, k[0], k[1], k[2], k[3], s.s0x(), s.s0y(), s.s1x(), s.s1y(), s.x0(), s.y0(),
              s.x1(), s.y1(), s.km()));
    }
    return rows.iterator();
  }

  private static Iterator<Row> vertexRows(Row unit, double tol) {
    String adcode = unit.getString(0);
    Geometry g = (Geometry) unit.get(1);
    List<Row> rows = new ArrayList<>();
    if (g == null) {
      return rows.iterator();
    }
    for (long[] v : BoundarySegments.vertices(g, tol)) {
      rows.add(RowFactory.create(adcode, v[0], v[1]));
    }
    return rows.iterator();
  }

  /** Both directions of one candidate segment pair (columns of SEGMENTS suffixed _s and _t). */
  private static Iterator<Row> contactRows(Row r, double tol) {
    BoundarySegments.Segment s = segment(r, "_s");
    BoundarySegments.Segment t = segment(r, "_t");
    String a = r.getAs("adcode_s");
    String b = r.getAs("adcode_t");
    List<Row> rows = new ArrayList<>(2);
    BoundarySegments.Contact st = BoundarySegments.contact(s, t, tol);
    if (st != null) {
      rows.add(contactRow(a, b, s, st));
    }
    BoundarySegments.Contact ts = BoundarySegments.contact(t, s, tol);
    if (ts != null) {
      rows.add(contactRow(b, a, t, ts));
    }
    return rows.iterator();
  }

  private static Row contactRow(
      String owner, String other, BoundarySegments.Segment s, BoundarySegments.Contact c) {
    long[] k = s.key();
    double[] part = c.alongside();
    return RowFactory.create(
        owner,
        other,
        k[0],
        k[1],
        k[2],
        k[3],
        s.lengthDeg(),
        s.km(),
        part == null ? null : part[0],
        part == null ? null : part[1]);
  }

  private static BoundarySegments.Segment segment(Row r, String suffix) {
    return new BoundarySegments.Segment(
        r.<Long>getAs("s0x" + suffix),
        r.<Long>getAs("s0y" + suffix),
        r.<Long>getAs("s1x" + suffix),
        r.<Long>getAs("s1y" + suffix),
        r.<Double>getAs("x0" + suffix),
        r.<Double>getAs("y0" + suffix),
        r.<Double>getAs("x1" + suffix),
        r.<Double>getAs("y1" + suffix),
        r.<Double>getAs("km" + suffix));
  }

  // ---------------------------------------------------------------------------------------------
  // Distance band, pairs, weights

  /** Pairs with centroids within {@code bandKm}: adcode_a, adcode_b, band_km (geodesic). */
  static Dataset<Row> distanceBand(Dataset<Row> cities, double bandKm) {
    Row extent = cities.agg(max(abs(col("centroid_lat")))).first();
    double maxAbsLat = extent.isNullAt(0) ? 0 : extent.getDouble(0);
    double dLat = bandKm / 110.0; // a degree of latitude is at least 110.57 km
    double latBound = Math.min(89.0, maxAbsLat + dLat);
    double dLon = bandKm / (111.0 * Math.cos(Math.toRadians(latBound))); // 111.32·cos φ
    double radiusDeg = Math.max(dLat, dLon) * 1.01;
    Dataset<Row> points =
        cities.select(
            col("adcode"),
            col("centroid_lon").as("lon"),
            col("centroid_lat").as("lat"),
            expr("ST_Point(centroid_lon, centroid_lat)").as("pt"));
    Dataset<Row> a = suffixed(points, "_a");
    Dataset<Row> b = suffixed(points, "_b");
    return a.join(
            b,
            expr("ST_Distance(pt_a, pt_b) <= " + radiusDeg)
                .and(col("adcode_a").lt(col("adcode_b"))))
        .select(
            col("adcode_a"),
            col("adcode_b"),
            call_udf("cc_geodesic_km", col("lon_a"), col("lat_a"), col("lon_b"), col("lat_b"))
                .as("band_km"))
        .filter(col("band_km").leq(bandKm));
  }

  private static Dataset<Row> cityPairs(
      SparkSession spark,
      Dataset<Row> cities,
      Dataset<Row> contiguity,
      Dataset<Row> band,
      Dataset<Row> extraPairs,
      Dataset<Row> orders,
      Options options) {
    Dataset<Row> keys = contiguity.join(band, PAIR_KEY, "full_outer");
    if (extraPairs != null) {
      keys =
          keys.join(
              extraPairs.select(col("adcode_a"), col("adcode_b")).distinct(),
              PAIR_KEY,
              "full_outer");
    }
    Map<String, byte[]> wkb = new HashMap<>();
    for (Row r :
        cities
            .filter(col("geometry").isNotNull())
            .select(col("adcode"), expr("ST_AsBinary(geometry)"))
            .collectAsList()) {
      wkb.put(r.getString(0), (byte[]) r.get(1));
    }
    UserDefinedFunction gapKm =
        udf(
            new GapKmFunction(
                JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(wkb),
                options.snapToleranceDeg()),
            DataTypes.DoubleType);

    Dataset<Row> side =
        cities.select(
            col("adcode"),
            col("perimeter_km"),
            col("centroid_lon").as("lon"),
            col("centroid_lat").as("lat"));
    Dataset<Row> sideA = broadcast(suffixed(side, "_a"));
    Dataset<Row> sideB = broadcast(suffixed(side, "_b"));
    Column relation = coalesce(col("relation"), lit("none"));
    Column shared = coalesce(col("shared_border_km"), lit(0.0));
    return keys.join(orders, PAIR_KEY, "left")
        .join(sideA, "adcode_a")
        .join(sideB, "adcode_b")
        // an explicit count, so that adaptive execution does not coalesce the partitions: it
        // merged the county layer's 8 into 3 uneven tasks (1 to 5 s of gap_km), leaving a core idle
        .repartition(pairPartitions(spark), col("adcode_a"))
        .sortWithinPartitions("adcode_a", "adcode_b")
        .select(
            col("adcode_a"),
            col("adcode_b"),
            relation.as("relation"),
            shared.as("shared_border_km"),
            coalesce(col("shared_border_fallback_km"), lit(0.0)).as("shared_border_fallback_km"),
            shared.divide(col("perimeter_km_a")).as("border_share_a"),
            shared.divide(col("perimeter_km_b")).as("border_share_b"),
            coalesce(
                    col("band_km"),
                    call_udf(
                        "cc_geodesic_km", col("lon_a"), col("lat_a"), col("lon_b"), col("lat_b")))
                .as("centroid_distance_km"),
            col("band_km").isNotNull().as("within_distance_band"),
            when(relation.equalTo("none"), gapKm.apply(col("adcode_a"), col("adcode_b")))
                .otherwise(lit(0.0))
                .as("gap_km"),
            col("contiguity_order"));
  }

  /** Partitions of the pair computation: twice the shuffle partitions, for an even tail. */
  static int pairPartitions(SparkSession spark) {
    return 2 * Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
  }

  private static Dataset<Row> polsbyPopper(Dataset<Row> cities, Dataset<Row> clusterMembers) {
    return clusterMembers
        .select(col("cluster_id"), col("adcode"))
        .distinct()
        .join(cities.select(col("adcode"), col("geometry")), "adcode")
        .groupBy("cluster_id")
        .agg(
            call_udf("cc_region_union", collect_list(struct(col("adcode"), col("geometry"))))
                .as("union_geometry"))
        .select(
            col("cluster_id"),
            call_udf("cc_polsby_popper", col("union_geometry")).as("polsby_popper"));
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing

  private static void checkColumns(Dataset<Row> cities, Options options) {
    Set<String> have = new HashSet<>(List.of(cities.columns()));
    List<String> needed =
        new ArrayList<>(
            List.of("adcode", "geometry", "perimeter_km", "centroid_lon", "centroid_lat"));
    needed.addAll(options.moranAttributes());
    List<String> missing = needed.stream().filter(c -> !have.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "cities lacks columns " + missing + " needed by AdjacencyJob; it has " + have);
    }
  }

  private static void describe(SparkSession spark, String what) {
    spark.sparkContext().setJobDescription(what);
  }

  /** Registers this job's SQL functions (idempotent). */
  static void registerFunctions(SparkSession spark) {
    GeometryFunctions.register(spark);
    if (spark.catalog().functionExists("cc_merged_length")) {
      return;
    }
    spark
        .udf()
        .register(
            "cc_fallback_is_rook",
            (UDF3<Double, Double, Double, Boolean>) BoundarySegments::fallbackIsRook,
            DataTypes.BooleanType);
    spark
        .udf()
        .register(
            "cc_merged_length",
            (UDF1<scala.collection.Seq<scala.collection.Seq<Double>>, Double>)
                AdjacencyJob::mergedLength,
            DataTypes.DoubleType);
    spark
        .udf()
        .register(
            "cc_polsby_popper",
            (UDF1<Geometry, Double>)
                g -> {
                  if (g == null || g.isEmpty() || g.getDimension() != 2) {
                    return null;
                  }
                  return Compactness.polsbyPopper(g);
                },
            DataTypes.DoubleType);
  }

  private static Double mergedLength(scala.collection.Seq<scala.collection.Seq<Double>> seq) {
    List<double[]> intervals = new ArrayList<>();
    for (scala.collection.Seq<Double> iv : scala.jdk.javaapi.CollectionConverters.asJava(seq)) {
      intervals.add(new double[] {iv.apply(0), iv.apply(1)});
    }
    return BoundarySegments.mergedLength(intervals);
  }
}
