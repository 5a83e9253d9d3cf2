package org.citycluster.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.sedona_sql.UDT.GeometryUDT;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.adjacency.BruteForceContiguity;
import org.citycluster.adjacency.ContiguityBuilder;
import org.citycluster.adjacency.ContiguityPair;
import org.citycluster.adjacency.Unit;
import org.citycluster.config.ConfigException;
import org.citycluster.geo.GeodesicMeasures;
import org.citycluster.io.Feature;
import org.citycluster.io.TableSchema;
import org.citycluster.metrics.SpatialAutocorrelation;
import org.citycluster.spark.SchemaEnforcer;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.testdata.RealBoundaryData;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/**
 * AdjacencyJob on a tiny WKT fixture (a 2x2 grid of 1° squares whose A|B border carries an extra
 * vertex on one side only, plus an island) and on the real prefecture and county layers against the
 * brute-force JTS reference.
 */
class AdjacencyJobTest extends SparkTestBase {

  static final StructType CITIES =
      new StructType()
          .add("adcode", DataTypes.StringType, false)
          .add("geometry", new GeometryUDT(), false)
          .add("perimeter_km", DataTypes.DoubleType, false)
          .add("centroid_lon", DataTypes.DoubleType, false)
          .add("centroid_lat", DataTypes.DoubleType, false)
          .add("gdp_per_capita_cny", DataTypes.DoubleType, true)
          .add("tertiary_share", DataTypes.DoubleType, true);

  static final StructType MEMBERS =
      new StructType()
          .add("cluster_id", DataTypes.StringType, false)
          .add("adcode", DataTypes.StringType, false);

  // A B on the bottom row, C D on top; B's left edge has an extra vertex at (101, 30.5).
  static final String A = "110001";
  static final String B = "110002";
  static final String C = "110003";
  static final String D = "110004";
  static final String E = "110005";

  static Dataset<Row> fixtureCities() throws Exception {
    WKTReader wkt = new WKTReader();
    Object[][] units = {
      {A, "POLYGON((100 30, 101 30, 101 31, 100 31, 100 30))", 1.0, 0.5},
      {B, "POLYGON((101 30, 102 30, 102 31, 101 31, 101 30.5, 101 30))", 2.0, 0.4},
      {C, "POLYGON((100 31, 101 31, 101 32, 100 32, 100 31))", 3.0, 0.6},
      {D, "POLYGON((101 31, 102 31, 102 32, 101 32, 101 31))", 4.0, 0.3},
      {E, "POLYGON((104 30.5, 105 30, 106 30.5, 105 31, 104 30.5))", 5.0, null},
    };
    List<Row> rows = new ArrayList<>();
    for (Object[] u : units) {
      Geometry g = wkt.read((String) u[1]);
      rows.add(row((String) u[0], g, (Double) u[2], (Double) u[3]));
    }
    return spark.createDataFrame(rows, CITIES);
  }

  static Row row(String adcode, Geometry g, Double gdp, Double tertiary) {
    return RowFactory.create(
        adcode,
        g,
        GeodesicMeasures.perimeterKm(g),
        g.getCentroid().getX(),
        g.getCentroid().getY(),
        gdp,
        tertiary);
  }

  static Dataset<Row> members(String... clusterAndAdcode) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < clusterAndAdcode.length; i += 2) {
      rows.add(RowFactory.create(clusterAndAdcode[i], clusterAndAdcode[i + 1]));
    }
    return spark.createDataFrame(rows, MEMBERS);
  }

  @Test
  void fixtureRelationsLengthsGapsOrdersWeightsAndClusters() throws Exception {
    AdjacencyJob.Options options =
        new AdjacencyJob.Options(
            1e-6, 400, 5, 2, List.of("gdp_per_capita_cny", "tertiary_share"), 99, 7L);
    Dataset<Row> members =
        members("c1", A, "c1", D, "c2", A, "c2", B, "c2", C, "c2", D, "c3", A, "c3", E);
    AdjacencyJob.Output out = AdjacencyJob.build(fixtureCities(), members, options);
    conformAll(out);

    Map<String, Row> pairs = new TreeMap<>();
    for (Row r : out.cityPairs().collectAsList()) {
      pairs.put(r.<String>getAs("adcode_a") + "|" + r.<String>getAs("adcode_b"), r);
    }
    assertEquals(
        new TreeSet<>(
            List.of(
                A + "|" + B,
                A + "|" + C,
                B + "|" + D,
                C + "|" + D,
                A + "|" + D,
                B + "|" + C,
                B + "|" + E,
                D + "|" + E)),
        pairs.keySet());
    double side = GeodesicMeasures.distanceKm(101, 30, 101, 31);
    Row ab = pairs.get(A + "|" + B);
    assertEquals("rook", ab.getAs("relation"));
    assertEquals(side, ab.<Double>getAs("shared_border_km"), 1e-9 * side);
    assertEquals(side, ab.<Double>getAs("shared_border_fallback_km"), 1e-9 * side);
    assertEquals(
        side
            / GeodesicMeasures.perimeterKm(
                new WKTReader().read("POLYGON((100 30, 101 30, 101 31, 100 31, 100 30))")),
        ab.<Double>getAs("border_share_a"),
        1e-12);
    Row bd = pairs.get(B + "|" + D);
    assertEquals("rook", bd.getAs("relation"));
    assertEquals(0.0, bd.<Double>getAs("shared_border_fallback_km"));
    assertEquals(
        GeodesicMeasures.distanceKm(101, 31, 102, 31), bd.<Double>getAs("shared_border_km"), 1e-9);
    for (String queen : List.of(A + "|" + D, B + "|" + C)) {
      Row q = pairs.get(queen);
      assertEquals("queen", q.getAs("relation"), queen);
      assertEquals(0.0, q.<Double>getAs("shared_border_km"));
      assertEquals(0.0, q.<Double>getAs("gap_km"));
      assertEquals(2, q.<Integer>getAs("contiguity_order"));
    }
    assertEquals(1, ab.<Integer>getAs("contiguity_order"));
    assertEquals(0.0, ab.<Double>getAs("gap_km"));
    Row be = pairs.get(B + "|" + E);
    assertEquals("none", be.getAs("relation"));
    assertNull(be.getAs("contiguity_order"));
    assertEquals(
        GeodesicMeasures.distanceKm(102, 30.5, 104, 30.5), be.<Double>getAs("gap_km"), 1e-9);
    assertEquals(
        GeodesicMeasures.distanceKm(102, 31, 104, 30.5),
        pairs.get(D + "|" + E).<Double>getAs("gap_km"),
        1e-9);
    assertEquals(
        GeodesicMeasures.distanceKm(101.5, 30.5, 105, 30.5),
        be.<Double>getAs("centroid_distance_km"),
        1e-6);
    assertTrue(be.<Boolean>getAs("within_distance_band"));

    // Weights: row-standardised rows sum to 1; the island has no contiguity rows but knn rows.
    Map<String, Map<String, Double>> rowSums = new TreeMap<>();
    Map<String, Integer> rowCounts = new HashMap<>();
    for (Row w : out.spatialWeights().collectAsList()) {
      String scheme = w.getString(0);
      rowSums
          .computeIfAbsent(scheme, k -> new TreeMap<>())
          .merge(w.getString(1), w.getDouble(3), Double::sum);
      rowCounts.merge(scheme + "|" + w.getString(1), 1, Integer::sum);
    }
    for (String scheme : List.of("rook_row", "queen_row", "knn_row", "distance_band_row")) {
      rowSums.get(scheme).values().forEach(s -> assertEquals(1.0, s, 1e-12, scheme));
    }
    assertEquals(4, rowSums.get("rook_row").size(), "the island has no rook row");
    assertEquals(2.0, rowSums.get("rook_binary").get(A));
    assertEquals(3.0, rowSums.get("queen_binary").get(A));
    assertEquals(5, rowSums.get("knn_binary").size());
    assertEquals(2, rowCounts.get("knn_binary|" + E));
    assertEquals(
        new TreeSet<>(List.of(B, D)),
        new TreeSet<>(
            out.spatialWeights()
                .filter("scheme = 'knn_binary' and adcode_i = '" + E + "'")
                .select("adcode_j")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList()));

    // Islands.
    Map<String, Row> cities = new TreeMap<>();
    for (Row r : out.cityMetrics().collectAsList()) {
      cities.put(r.getAs("adcode"), r);
    }
    assertTrue(cities.get(E).<Boolean>getAs("is_island"));
    assertFalse(cities.get(A).<Boolean>getAs("is_island"));
    assertEquals(2, cities.get(A).<Integer>getAs("rook_neighbours"));
    assertEquals(3, cities.get(A).<Integer>getAs("queen_neighbours"));
    assertEquals(B, cities.get(E).getAs("nearest_adcode"));
    // E: the island row, and one row per attribute it was left out of the national Moran's I
    Map<String, Row> issues = new TreeMap<>();
    for (Row r : out.issues().collectAsList()) {
      assertEquals("adcode " + E, r.getAs("record_id"));
      issues.put(r.<String>getAs("field") + "|" + r.<String>getAs("action"), r);
    }
    assertEquals(
        new TreeSet<>(
            List.of("geometry|reported", "gdp_per_capita_cny|excluded", "tertiary_share|excluded")),
        issues.keySet());
    assertTrue(
        issues
            .get("gdp_per_capita_cny|excluded")
            .<String>getAs("problem")
            .startsWith("no rook neighbour with a value"));
    assertTrue(
        issues
            .get("tertiary_share|excluded")
            .<String>getAs("problem")
            .startsWith("no finite value"));

    // Clusters.
    Map<String, Row> clusters = new TreeMap<>();
    for (Row r : out.clusterMetrics().collectAsList()) {
      clusters.put(r.getAs("cluster_id"), r);
    }
    assertEquals(2, clusters.get("c1").<Integer>getAs("rook_components"));
    assertEquals(1, clusters.get("c1").<Integer>getAs("queen_components"));
    assertEquals(0.0, clusters.get("c1").<Double>getAs("adjacency_density"));
    Row c2 = clusters.get("c2");
    assertEquals(1, c2.<Integer>getAs("rook_components"));
    assertEquals(4, c2.<Integer>getAs("internal_rook_pairs"));
    assertEquals(4 / 6.0, c2.<Double>getAs("adjacency_density"), 1e-12);
    double internal = 0;
    double perimeters = 0;
    for (String p : List.of(A + "|" + B, A + "|" + C, B + "|" + D, C + "|" + D)) {
      internal += pairs.get(p).<Double>getAs("shared_border_km");
    }
    for (Row r : fixtureCities().filter("adcode < '" + E + "'").collectAsList()) {
      perimeters += r.<Double>getAs("perimeter_km");
    }
    assertEquals(2 * internal / perimeters, c2.<Double>getAs("internal_border_share"), 1e-12);
    // The union of the four squares is a 2°x2° square (in Albers, nearly): compactness near π/4.
    assertEquals(Math.PI / 4, c2.<Double>getAs("polsby_popper"), 0.01);
    assertEquals(2, clusters.get("c3").<Integer>getAs("rook_components"));
    assertEquals(2, clusters.get("c3").<Integer>getAs("queen_components"));

    // Moran: the rook graph of A..D is the 4-cycle A-B-D-C-A; E has a value but is an island.
    double[][] w = new double[4][4];
    int[][] edges = {{0, 1}, {0, 2}, {1, 3}, {2, 3}};
    for (int[] e : edges) {
      w[e[0]][e[1]] = 1;
      w[e[1]][e[0]] = 1;
    }
    w = SpatialAutocorrelation.rowStandardise(w);
    double expected = SpatialAutocorrelation.moransI(new double[] {1, 2, 3, 4}, w);
    Row national =
        out.autocorrelation()
            .filter("scope = 'national' and attribute = 'gdp_per_capita_cny'")
            .first();
    assertEquals(4, national.<Integer>getAs("n"));
    assertEquals(1, national.<Integer>getAs("n_islands_dropped"));
    assertEquals(expected, national.<Double>getAs("moran_i"), 1e-12);
    assertTrue(national.<Boolean>getAs("exact"));
    assertEquals(24L, national.<Long>getAs("permutations"));
    assertEquals(7L, national.<Long>getAs("seed"));
    assertEquals(expected, c2.<Double>getAs("moran_gdp_per_capita_cny_i"), 1e-12);
    assertEquals(national.<Double>getAs("p_value"), c2.<Double>getAs("moran_gdp_per_capita_cny_p"));
    assertNull(clusters.get("c1").getAs("moran_gdp_per_capita_cny_i"));
    double[] local = SpatialAutocorrelation.localMoran(new double[] {1, 2, 3, 4}, w);
    assertEquals(local[0], cities.get(A).<Double>getAs("lisa_gdp_per_capita_cny_i"), 1e-12);
    // A (below the mean) has neighbours B and C whose deviations cancel: a zero lag counts as high.
    assertEquals("LH", cities.get(A).getAs("lisa_gdp_per_capita_cny_quadrant"));
    assertEquals("HH", cities.get(D).getAs("lisa_gdp_per_capita_cny_quadrant"));
    assertNull(cities.get(E).getAs("lisa_gdp_per_capita_cny_i"));
    assertNotNull(cities.get(A).getAs("lisa_gdp_per_capita_cny_p"));
    // LISA within cluster c2 (the same four units): one row per member, the same local values
    List<Row> c2Lisa =
        out.lisa()
            .filter("scope = 'cluster' AND cluster_id = 'c2' AND attribute = 'gdp_per_capita_cny'")
            .orderBy("adcode")
            .collectAsList();
    assertEquals(4, c2Lisa.size());
    for (int k = 0; k < 4; k++) {
      assertEquals(local[k], c2Lisa.get(k).<Double>getAs("lisa_i"), 1e-12);
    }
    assertEquals(
        4, out.lisa().filter("scope = 'national' AND attribute = 'gdp_per_capita_cny'").count());

    // Reproducible: a second run gives the same p-values.
    AdjacencyJob.Output again = AdjacencyJob.build(fixtureCities(), members, options);
    assertEquals(
        out.cityMetrics().orderBy("adcode").collectAsList(),
        again.cityMetrics().orderBy("adcode").collectAsList());
  }

  @Test
  void optionsAreValidated() {
    assertEquals(300, AdjacencyJob.Options.defaults().distanceBandKm());
    assertThrows(
        ConfigException.class, () -> new AdjacencyJob.Options(0, 300, 10, 4, List.of(), 999, 1));
    assertThrows(
        ConfigException.class,
        () -> AdjacencyJob.Options.fromOptions(Map.of("adjacency.knn_k", "0")));
    // 2^32 + 1 would wrap to 1 in an int before the range check
    assertThrows(
        ConfigException.class,
        () -> AdjacencyJob.Options.fromOptions(Map.of("adjacency.permutations", "4294967297")));
    assertThrows(
        ConfigException.class,
        () -> AdjacencyJob.Options.fromOptions(Map.of("adjacency.moran_attributes", "GDP")));
    assertEquals(
        List.of("population"),
        AdjacencyJob.Options.fromOptions(Map.of("adjacency.moran_attributes", " population "))
            .moranAttributes());
  }

  @Test
  void realPrefecturesAgreeWithBruteForce() {
    checkRealLayer("china_prefectures.geojson", List.of("32", "44", "46", "71"));
  }

  @Test
  void realCountiesAgreeWithBruteForce() {
    checkRealLayer("china_counties.geojson", List.of("3205", "4601", "3101"));
  }

  /**
   * Builds a minimal cities table straight from the real layer (the feature geometries, which are
   * CGCS2000 = WGS84 here; synthetic attributes: a latitude gradient plus noise), runs the job and
   * compares its contiguity with the brute-force reference and the plain-Java engine.
   */
  private void checkRealLayer(String file, List<String> clusterPrefixes) {
    List<Feature> features = RealBoundaryData.features(file);
    List<Unit> units = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    List<Row> memberRows = new ArrayList<>();
    java.util.Random random = new java.util.Random(1);
    for (Feature f : features) {
      units.add(new Unit(f.id(), f.geometry()));
      Geometry g = f.geometry();
      rows.add(
          row(
              f.id(),
              g,
              g.getCentroid().getY() * 1000 + random.nextGaussian() * 5000,
              random.nextDouble() < 0.1 ? null : 0.4 + 0.01 * random.nextGaussian()));
      for (String prefix : clusterPrefixes) {
        if (f.id().startsWith(prefix)) {
          memberRows.add(RowFactory.create("p" + prefix, f.id()));
        }
      }
    }
    Dataset<Row> cities = spark.createDataFrame(rows, CITIES).repartition(4).persist();
    Dataset<Row> members = spark.createDataFrame(memberRows, MEMBERS);
    cities.count();

    long t0 = System.nanoTime();
    AdjacencyJob.Output out = AdjacencyJob.build(cities, members, AdjacencyJob.Options.defaults());
    Dataset<Row> pairs = out.cityPairs().persist();
    long nPairs = pairs.count();
    long t1 = System.nanoTime();
    Map<String, Long> counts = conformAll(out);
    long t2 = System.nanoTime();
    List<ContiguityPair> reference = new BruteForceContiguity().build(units);
    long t3 = System.nanoTime();
    List<ContiguityPair> engine = new ContiguityBuilder().build(units);
    long t4 = System.nanoTime();

    Map<String, Row> touching = new TreeMap<>();
    for (Row r : pairs.filter("relation <> 'none'").collectAsList()) {
      touching.put(r.<String>getAs("adcode_a") + "|" + r.<String>getAs("adcode_b"), r);
    }
    Map<String, Double> referenceRook = rook(reference);
    Map<String, Double> jobRook = new TreeMap<>();
    touching.forEach(
        (k, r) -> {
          if (r.getAs("relation").equals("rook")) {
            jobRook.put(k, r.getAs("shared_border_km"));
          }
        });
    assertEquals(referenceRook.keySet(), jobRook.keySet(), "rook pairs differ from brute force");
    double worst = 0;
    for (var e : referenceRook.entrySet()) {
      double got = jobRook.get(e.getKey());
      worst = Math.max(worst, Math.abs(got - e.getValue()) / e.getValue());
      assertEquals(e.getValue(), got, 1e-6 * e.getValue(), e.getKey());
    }
    Map<String, String> engineRelations = new TreeMap<>();
    for (ContiguityPair p : engine) {
      engineRelations.put(p.idA() + "|" + p.idB(), p.relation().name().toLowerCase());
    }
    Map<String, String> jobRelations = new TreeMap<>();
    touching.forEach((k, r) -> jobRelations.put(k, r.getAs("relation")));
    assertEquals(engineRelations, jobRelations, "touching pairs differ from ContiguityBuilder");

    long islands = out.cityMetrics().filter("is_island").count();
    System.out.printf(
        "%s: %d units; city_pairs %d (rook %d, queen-only %d, none %d); rook islands %d;"
            + " worst relative length difference vs brute force %.2e; rows %s%n"
            + "  timings: job to city_pairs %.1f s, conform+checkNulls of all outputs %.1f s,"
            + " brute force %.1f s, plain engine %.1f s%n  national Moran: %s%n  clusters: %s%n",
        file,
        units.size(),
        nPairs,
        jobRook.size(),
        touching.size() - jobRook.size(),
        nPairs - touching.size(),
        islands,
        worst,
        counts,
        (t1 - t0) / 1e9,
        (t2 - t1) / 1e9,
        (t3 - t2) / 1e9,
        (t4 - t3) / 1e9,
        out.autocorrelation().filter("scope = 'national'").collectAsList(),
        out.clusterMetrics()
            .select(
                "cluster_id",
                "n_units",
                "rook_components",
                "queen_components",
                "polsby_popper",
                "internal_border_share",
                "adjacency_density")
            .collectAsList());
    checkMoranAgainstDense(rows, jobRook.keySet(), out);
    pairs.unpersist();
    cities.unpersist();
  }

  /**
   * The distributed national Moran's I of the GDP attribute against the dense reference of
   * SpatialAutocorrelation over the same kept units and rook pairs: I, E[I] and z to 1e-9
   * (summation order differs), local I to 1e-9; the permutation p-values use another seeding
   * (blocks, per unit), so they agree only statistically: the global p within 0.05 and the mean
   * absolute difference of the LISA p-values below 0.02.
   */
  private static void checkMoranAgainstDense(
      List<Row> rows, java.util.Set<String> rookPairs, AdjacencyJob.Output out) {
    Map<String, Double> x = new TreeMap<>();
    for (Row r : rows) {
      if (!r.isNullAt(5)) {
        x.put(r.getString(0), r.getDouble(5));
      }
    }
    Map<String, java.util.Set<String>> nb = new HashMap<>();
    for (String k : rookPairs) {
      String[] ab = k.split("\\|");
      nb.computeIfAbsent(ab[0], q -> new TreeSet<>()).add(ab[1]);
      nb.computeIfAbsent(ab[1], q -> new TreeSet<>()).add(ab[0]);
    }
    List<String> kept = new ArrayList<>();
    for (String id : x.keySet()) {
      if (nb.getOrDefault(id, java.util.Set.of()).stream().anyMatch(x::containsKey)) {
        kept.add(id);
      }
    }
    int n = kept.size();
    Map<String, Integer> index = new HashMap<>();
    kept.forEach(id -> index.put(id, index.size()));
    double[][] w = new double[n][n];
    double[] v = new double[n];
    for (String id : kept) {
      v[index.get(id)] = x.get(id);
      for (String j : nb.get(id)) {
        if (index.containsKey(j)) {
          w[index.get(id)][index.get(j)] = 1;
        }
      }
    }
    w = SpatialAutocorrelation.rowStandardise(w);
    SpatialAutocorrelation.GlobalMoran dense = SpatialAutocorrelation.globalMoran(v, w);
    Row national =
        out.autocorrelation()
            .filter("scope = 'national' and attribute = 'gdp_per_capita_cny'")
            .first();
    assertEquals(n, national.<Integer>getAs("n"));
    assertEquals(dense.i(), national.<Double>getAs("moran_i"), 1e-9 * Math.abs(dense.i()));
    assertEquals(dense.expected(), national.<Double>getAs("expected_i"), 1e-12);
    assertEquals(dense.zNormal(), national.<Double>getAs("z_normal"), 1e-9 * dense.zNormal());
    double denseP = SpatialAutocorrelation.permutationTest(v, w, 999, 20240601L).p();
    assertEquals(denseP, national.<Double>getAs("p_value"), 0.05);
    SpatialAutocorrelation.LocalMoran local =
        SpatialAutocorrelation.localMoranTest(v, w, 999, 20240601L);
    double pDiff = 0;
    List<Row> lisa =
        out.lisa()
            .filter("scope = 'national' and attribute = 'gdp_per_capita_cny'")
            .collectAsList();
    assertEquals(n, lisa.size());
    for (Row r : lisa) {
      int i = index.get(r.<String>getAs("adcode"));
      assertEquals(
          local.statistics()[i],
          r.<Double>getAs("lisa_i"),
          1e-9 * Math.max(1, Math.abs(local.statistics()[i])));
      pDiff += Math.abs(local.p()[i] - r.<Double>getAs("lisa_p"));
    }
    System.out.printf(
        "  dense vs distributed Moran: n %d, I %.15g vs %.15g, p %.4f vs %.4f,"
            + " mean |LISA p difference| %.4f%n",
        n,
        dense.i(),
        national.<Double>getAs("moran_i"),
        denseP,
        national.<Double>getAs("p_value"),
        pDiff / n);
    assertTrue(pDiff / n < 0.02, "mean |LISA p difference| " + pDiff / n);
  }

  private static Map<String, Double> rook(List<ContiguityPair> pairs) {
    Map<String, Double> out = new TreeMap<>();
    for (ContiguityPair p : pairs) {
      if (p.isRook()) {
        out.put(p.idA() + "|" + p.idB(), p.sharedBorderKm());
      }
    }
    return out;
  }

  /**
   * Conforms every output to its schema file (for the tables other jobs also fill, to the columns
   * this job produces) and checks the non-nullable columns.
   */
  private static Map<String, Long> conformAll(AdjacencyJob.Output out) {
    Map<String, Dataset<Row>> tables = new java.util.LinkedHashMap<>();
    tables.put("city_pairs", out.cityPairs());
    tables.put("spatial_weights", out.spatialWeights());
    tables.put("cluster_metrics", out.clusterMetrics());
    tables.put("city_metrics", out.cityMetrics());
    tables.put("autocorrelation", out.autocorrelation());
    tables.put("lisa", out.lisa());
    tables.put("dq_issues", out.issues());
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    for (var t : tables.entrySet()) {
      TableSchema schema =
          TableSchema.load(t.getKey()).restrictedTo(List.of(t.getValue().columns()));
      counts.put(
          t.getKey(),
          SchemaEnforcer.checkNulls(SchemaEnforcer.conform(t.getValue(), schema), schema));
    }
    return counts;
  }
}
