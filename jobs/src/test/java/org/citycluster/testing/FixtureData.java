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
        + "\",\"name_short\":\""
        + name
        + "\",\"name_pinyin\":null,\"province_adcode\":\"320000\",\"province_name\":\"江苏省\","
        + "\"mainland\":true,\"kind\":\"prefecture_city\"},\"geometry\":{\"type\":\"Polygon\","
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
    Files.createDirectories(root.resolve("linkage"));
    // two stations (GCJ-02 coordinates near the squares' centres), one G train between them, its
    // timetable at both, one airport in 320500 and no routes
    write(
        root,
        "linkage/rail_sythens88_stations.csv",
        "station_name,lng,lat,coord_method,src_province,src_city,src_district,n_trains,"
            + "qa_min_neighbour_km\n"
            + "苏州站,120.5,31.5,geocoded,江苏省,苏州市,,1,100.0\n"
            + "南通站,121.5,31.5,geocoded,江苏省,南通市,,1,100.0\n");
    write(
        root,
        "linkage/rail_sythens88_train_stops.csv",
        "train_code,stop_seq,station_name,n_stops,src_file\n"
            + "G1,1,苏州站,2,fixture\nG1,2,南通站,2,fixture\n");
    write(
        root,
        "linkage/rail_railwayvis_keystation_timetable.csv",
        "station_name,train_type,call_type,train_code,origin,terminus,arr_time,dep_time\n"
            + "苏州站,高速动车,始,G1,苏州站,南通站,-,08:00\n"
            + "南通站,高速动车,终,G1,苏州站,南通站,08:45,-\n");
    write(
        root,
        "linkage/air_openflights_airports_cn.csv",
        "airport_id,name,city,country,iata,icao,lat,lon,altitude_ft,utc_offset_h,dst,tz,type,"
            + "source\n"
            + "1,Sunan,Wuxi,China,WUX,ZSWX,31.5,120.4,24,8,U,Asia/Shanghai,airport,OurAirports\n");
    write(
        root,
        "linkage/air_openflights_routes_cn.csv",
        "airline,airline_id,src_airport,src_airport_id,dst_airport,dst_airport_id,codeshare,"
            + "stops,equipment\n");
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
