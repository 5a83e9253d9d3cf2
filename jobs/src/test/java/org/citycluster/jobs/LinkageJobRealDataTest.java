package org.citycluster.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.citycluster.config.BoundarySource;
import org.citycluster.config.Level;
import org.citycluster.io.CsvTable;
import org.citycluster.linkage.RailPairCounts;
import org.citycluster.linkage.Station;
import org.citycluster.linkage.StationReliability;
import org.citycluster.plan.ClusterPlanReader;
import org.citycluster.spark.BoundaryReader;
import org.citycluster.spark.ReferenceFrames;
import org.citycluster.spark.SparkTestBase;
import org.citycluster.stats.AdcodeAliases;
import org.citycluster.stats.StatisticsResolver;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * LinkageJob on the real prefecture layer, statistics, cluster plans and the five linkage files.
 * The station → prefecture map is rebuilt independently (plain JTS point-in-polygon on the driver,
 * no Sedona, no snapping) and the rail counts recomputed from it with {@link RailPairCounts}.
 * Prints the figures for the issue note.
 */
class LinkageJobRealDataTest extends SparkTestBase {

  static CsvTable csv(Path file, List<String> required) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return CsvTable.read(in, sharedData().relativize(file).toString(), required);
    }
  }

  @Test
  void prefectureLevel() throws Exception {
    Path data = sharedData();
    AdcodeAliases aliases =
        AdcodeAliases.fromCitiesTable(
            csv(data.resolve("stats/cities.csv"), List.of("adcode", "source_codes")));
    StatisticsResolver.Result stats =
        StatisticsResolver.resolve(
            csv(data.resolve("stats/city_stats.csv"), StatisticsResolver.REQUIRED_COLUMNS),
            2020,
            aliases);
    Dataset<Row> statistics = ReferenceFrames.statistics(spark, stats.byAdcode().values());
    String boundaryPath = "boundaries/china_prefectures.geojson";
    Dataset<Row> boundaries =
        BoundaryReader.read(
            spark,
            new BoundarySource(boundaryPath, "geojson", "EPSG:4490", ""),
            data.resolve(boundaryPath).toString(),
            boundaryPath);
    Dataset<Row> cities =
        CitiesJob.build(
                boundaries,
                boundaryPath,
                "EPSG:4490",
                aliases,
                statistics,
                2020,
                Level.PREFECTURE,
                null)
            .cities()
            .persist();
    Dataset<Row> plan =
        ReferenceFrames.plan(
            spark,
            ClusterPlanReader.read(
                csv(data.resolve("stats/clusters.csv"), ClusterPlanReader.REQUIRED_COLUMNS),
                aliases));
    Dataset<Row> members =
        ClusterRegionsJob.build(cities, plan, statistics, Level.PREFECTURE, "stats/clusters.csv")
            .members();

    LinkageJob.Options options = LinkageJob.Options.defaults();
    LinkageInputs inputs = LinkageInputs.read(spark, rel -> data.resolve(rel).toString(), options);
    LinkageJob.Output out = LinkageJob.build(spark, inputs, cities, members, null, options);
    LinkageJob.Summary s = out.summary();

    // Station screening: the default rule excludes 368 of 2,826 (StationReliability's Javadoc).
    assertEquals(2_826, s.stations());
    assertEquals(368, s.stationsExcluded());
    assertEquals(2_458, s.stationsInside() + s.stationsSnapped() + s.stationsUnassigned());
    assertEquals(457, s.airports());
    assertEquals(10_337, s.trains());

    // Independent station -> prefecture map: JTS point-in-polygon over the same polygons.
    List<Row> polygons = cities.select("adcode", "geometry").collectAsList();
    List<String> adcodes = new ArrayList<>();
    List<PreparedGeometry> prepared = new ArrayList<>();
    for (Row r : polygons) {
      adcodes.add(r.getString(0));
      prepared.add(PreparedGeometryFactory.prepare((Geometry) r.get(1)));
    }
    GeometryFactory gf = new GeometryFactory();
    Map<String, String> independent = new HashMap<>();
    for (Station st : StationReliability.DEFAULT.reliable(inputs.stations())) {
      var point = gf.createPoint(new org.locationtech.jts.geom.Coordinate(st.lon(), st.lat()));
      String best = null;
      for (int i = 0; i < prepared.size(); i++) {
        if (prepared.get(i).contains(point)
            && (best == null || adcodes.get(i).compareTo(best) < 0)) {
          best = adcodes.get(i);
        }
      }
      if (best != null) {
        independent.put(st.name(), best);
      }
    }
    Map<String, String> insideBySpark = new HashMap<>();
    Map<String, String> snappedBySpark = new HashMap<>();
    for (Row r :
        out.pointAssignments().filter("kind = 'station' AND adcode IS NOT NULL").collectAsList()) {
      (r.getAs("how").equals("inside") ? insideBySpark : snappedBySpark)
          .put(r.getAs("point_id"), r.getAs("adcode"));
    }
    assertEquals(independent, insideBySpark);
    assertEquals(s.stationsInside(), independent.size());

    RailPairCounts alone = RailPairCounts.of(inputs.trainStops().trains(), independent);
    Map<String, Row> pairs = new HashMap<>();
    for (Row r : out.linkagePairs().collectAsList()) {
      pairs.put(r.getString(0) + "-" + r.getString(1), r);
    }
    Row bjSh = pairs.get("110000-310000");
    int hsrInsideOnly = alone.pair("110000", "310000").trainsHsr();
    assertTrue(hsrInsideOnly >= 81, "北京南-上海虹桥 alone has 81 G trains: " + hsrInsideOnly);
    boolean snapTouchesBjSh =
        snappedBySpark.values().stream().anyMatch(a -> a.equals("110000") || a.equals("310000"));
    if (snapTouchesBjSh) {
      assertTrue((Integer) bjSh.getAs("trains_hsr") >= hsrInsideOnly);
    } else {
      assertEquals(hsrInsideOnly, (Integer) bjSh.getAs("trains_hsr"));
    }
    // every pair count equals the independent count when no snapped station is involved
    if (snappedBySpark.isEmpty()) {
      assertEquals(alone.pairs().size(), s.pairsWithTrain());
    } else {
      assertTrue(s.pairsWithTrain() >= alone.pairs().size());
    }
    // each linked pair is present, with no null service count
    assertEquals(
        0,
        out.linkagePairs()
            .filter("trains_all IS NULL OR trains_hsr IS NULL OR air_routes IS NULL")
            .count());
    assertEquals(cities.count(), out.cityMetrics().count());

    Map<String, String> names = new HashMap<>();
    cities
        .select("adcode", "name")
        .collectAsList()
        .forEach(r -> names.put(r.getString(0), r.getString(1)));
    System.out.println("LINKAGE (prefecture level, default options): " + s);
    System.out.println(
        "  stations: inside "
            + s.stationsInside()
            + ", snapped "
            + s.stationsSnapped()
            + ", excluded "
            + s.stationsExcluded()
            + ", unassigned "
            + s.stationsUnassigned());
    System.out.println(
        "  airports (all OpenFlights places): inside "
            + s.airportsInside()
            + ", snapped "
            + s.airportsSnapped()
            + ", unassigned "
            + s.airportsUnassigned());
    System.out.println(
        "  pairs with any train "
            + s.pairsWithTrain()
            + ", with any G/D/C train "
            + s.pairsWithHsr()
            + ", with any air route "
            + s.pairsWithAir()
            + ", with a timetable time "
            + s.pairsWithTravelTime()
            + "; rows "
            + s.pairRows());
    System.out.println("  snapped stations: " + snappedBySpark);
    System.out.println(
        "  unassigned: "
            + out.pointAssignments()
                .filter("how = 'unassigned'")
                .select("kind", "name")
                .collectAsList());
    System.out.println(
        "  Beijing-Shanghai trains_hsr "
            + bjSh.getAs("trains_hsr")
            + " (inside-only "
            + hsrInsideOnly
            + ")");
    System.out.println("  top 10 pairs by trains_hsr:");
    for (Row r :
        out.linkagePairs()
            .orderBy(
                org.apache.spark.sql.functions.col("trains_hsr").desc(),
                org.apache.spark.sql.functions.col("adcode_a"))
            .limit(10)
            .collectAsList()) {
      System.out.println(
          "    "
              + r.getString(0)
              + " "
              + names.get(r.getString(0))
              + " - "
              + r.getString(1)
              + " "
              + names.get(r.getString(1))
              + ": hsr "
              + r.getAs("trains_hsr")
              + ", all "
              + r.getAs("trains_all")
              + ", min "
              + r.getAs("min_travel_minutes")
              + ", air "
              + r.getAs("air_airlines"));
    }
    cities.unpersist();
  }

  @Test
  void countyLevel() throws Exception {
    Path data = sharedData();
    AdcodeAliases aliases =
        AdcodeAliases.fromCitiesTable(
            csv(data.resolve("stats/cities.csv"), List.of("adcode", "source_codes")));
    Dataset<Row> noStatistics = ReferenceFrames.statistics(spark, List.of());
    String prefPath = "boundaries/china_prefectures.geojson";
    Dataset<Row> prefectures =
        CitiesJob.build(
                BoundaryReader.read(
                    spark,
                    new BoundarySource(prefPath, "geojson", "EPSG:4490", ""),
                    data.resolve(prefPath).toString(),
                    prefPath),
                prefPath,
                "EPSG:4490",
                aliases,
                noStatistics,
                2020,
                Level.PREFECTURE,
                null)
            .cities()
            .select("adcode", "geometry")
            .persist();
    String countyPath = "boundaries/china_counties.geojson";
    Dataset<Row> counties =
        CitiesJob.build(
                BoundaryReader.read(
                    spark,
                    new BoundarySource(countyPath, "geojson", "EPSG:4490", ""),
                    data.resolve(countyPath).toString(),
                    countyPath),
                countyPath,
                "EPSG:4490",
                aliases,
                noStatistics,
                2020,
                Level.COUNTY,
                prefectures)
            .cities()
            .persist();
    LinkageJob.Options options = LinkageJob.Options.defaults();
    LinkageInputs inputs = LinkageInputs.read(spark, rel -> data.resolve(rel).toString(), options);
    long started = System.nanoTime();
    LinkageJob.Output out = LinkageJob.build(spark, inputs, counties, null, null, options);
    LinkageJob.Summary s = out.summary();
    assertEquals(368, s.stationsExcluded());
    assertEquals(2_458, s.stationsInside() + s.stationsSnapped() + s.stationsUnassigned());
    assertEquals(counties.count(), out.cityMetrics().count());
    // without statistics: no gravity, complementarity, residual or sector profile
    assertEquals(0, out.linkagePairs().filter("gravity IS NOT NULL").count());
    assertEquals(0, out.cityMetrics().filter("dominant_sector IS NOT NULL").count());
    // the same stations land in counties: more linked pairs than at prefecture level
    assertTrue(s.pairsWithTrain() > 16_761 && s.pairsWithHsr() < s.pairsWithTrain());
    System.out.println(
        "LINKAGE (county level, default options, "
            + (System.nanoTime() - started) / 1_000_000_000
            + " s): "
            + s);
    prefectures.unpersist();
    counties.unpersist();
  }
}
