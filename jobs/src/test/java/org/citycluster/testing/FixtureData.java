package org.citycluster.testing;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny but complete data root in the layout of {@code ../shared/data}: four 1°×1° prefecture
 * squares in a 2×2 grid near Suzhou (320500 core, 320600, 320700, 320800), their statistics for
 * 2020, the unit list and one two-member cluster "tst". Tests change one file at a time to make the
 * bad-input cases.
 */
public final class FixtureData {

  public static final String BOUNDARIES = "boundaries/china_prefectures.geojson";
  public static final String STATS = "stats/city_stats.csv";
  public static final String UNITS = "stats/cities.csv";
  public static final String CLUSTERS = "stats/clusters.csv";

  public static final String STATS_HEADER =
      "adcode,year,population_census,gdp_cny,primary_share_pct,secondary_share_pct,"
          + "tertiary_share_pct";
  public static final String CLUSTERS_HEADER =
      "cluster_id,cluster_name_en,cluster_name_zh,plan_year,adcode,city_name_zh,role,partial,"
          + "partial_scope,membership_confidence";

  private FixtureData() {}

  /** One feature of the fixture GeoJSON. */
  public static String feature(String adcode, String name, String polygonCoordinates) {
    String adcodeJson = adcode == null ? "" : "\"adcode\":\"" + adcode + "\",";
    return "{\"type\":\"Feature\",\"properties\":{"
        + adcodeJson
        + "\"name\":\""
        + name
        + "\",\"mainland\":true,\"kind\":\"prefecture_city\"},\"geometry\":{\"type\":\"Polygon\","
        + "\"coordinates\":"
        + polygonCoordinates
        + "}}";
  }

  /** The square [lon, lon+1] × [lat, lat+1] as GeoJSON polygon coordinates. */
  public static String square(int lon, int lat) {
    return String.format(
        "[[[%d,%d],[%d,%d],[%d,%d],[%d,%d],[%d,%d]]]",
        lon, lat, lon + 1, lat, lon + 1, lat + 1, lon, lat + 1, lon, lat);
  }

  public static List<String> defaultFeatures() {
    List<String> f = new ArrayList<>();
    f.add(feature("320500", "苏州市", square(120, 31)));
    f.add(feature("320600", "南通市", square(121, 31)));
    f.add(feature("320700", "连云港市", square(120, 32)));
    f.add(feature("320800", "淮安市", square(121, 32)));
    return f;
  }

  public static String featureCollection(List<String> features) {
    return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
  }

  /** Writes the complete fixture under {@code root} and returns it. */
  public static Path write(Path root) throws IOException {
    Files.createDirectories(root.resolve("boundaries"));
    Files.createDirectories(root.resolve("stats"));
    writeBoundaries(root, defaultFeatures());
    write(
        root,
        STATS,
        STATS_HEADER
            + "\n320500,2020,12748262,2017050000000,1.0,46.5,52.5\n"
            + "320600,2020,7726635,1003630000000,4.6,48.1,47.3\n"
            + "320700,2020,4599360,327730000000,11.8,40.6,47.6\n"
            + "320800,2020,4556230,402560000000,9.7,41.3,49.0\n");
    write(
        root,
        UNITS,
        "adcode,name_zh,source_codes\n320500,苏州市,\n320600,南通市,\n320700,连云港市,\n" + "320800,淮安市,\n");
    write(
        root,
        CLUSTERS,
        CLUSTERS_HEADER
            + "\ntst,Test,测试城市群,2016,320500,苏州市,core,false,,high\n"
            + "tst,Test,测试城市群,2016,320600,南通市,member,false,,high\n");
    return root;
  }

  public static void writeBoundaries(Path root, List<String> features) throws IOException {
    write(root, BOUNDARIES, featureCollection(features));
  }

  public static void write(Path root, String relative, String text) throws IOException {
    write(root, relative, text, StandardCharsets.UTF_8);
  }

  public static void write(Path root, String relative, String text, Charset charset)
      throws IOException {
    Files.writeString(root.resolve(relative), text, charset);
  }
}
