package org.citycluster.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;

/**
 * Writes a synthetic data root in the layouts the pipeline ingests (the headers of {@code
 * ../shared/data}): boundaries of a {@link SyntheticTiling}, {@code stats/city_stats.csv} (one row
 * per unit for {@link #STATS_YEAR}), {@code stats/cities.csv}, {@code stats/clusters.csv} (up to 19
 * clusters of 5×5 neighbouring cells), and {@code linkage/*.csv} (a station in every 20th cell,
 * trains of 6 stops between nearby stations, a timetable, an airport in every 2,000th cell and
 * routes between them). Every value is a pure function of the seed and the unit index, so the same
 * {@code (n, seed, mismatchedEdges)} writes the same bytes.
 *
 * <p><b>Options</b> ({@link SyntheticOptions}; {@link SyntheticOptions#defaults()} writes exactly
 * the above): the station spacing, random connected clusters, planted linkage inside the first k
 * clusters and trains confined to square regions. With any other options a truth file {@link
 * #TRUTH} is written as well: {@code adcode,cluster_id,planted,region}, one row per unit in unit
 * order; {@code cluster_id} empty outside clusters, {@code planted} {@code true} for the units of a
 * planted cluster, {@code region} {@code r<row>_<col>} (the region's row and column, {@code row /
 * s} and {@code col / s} of the cell) or empty when {@code regionSide} is 0.
 *
 * <p><b>Base trains</b>: {@code max(1, stations / 2)}, each a 6-stop random walk over the station
 * grid from a random station (moves ±1 station, ±1 station row, wrapping around the grid). With
 * {@code regionSide = s} a move that would leave the start station's region (or the grid) is
 * replaced by the opposite move, then the two others, and the train stays put if none stays inside:
 * every base train then calls only in one region. Staying put repeats a stop (the pipeline
 * collapses it and counts the train as doubled); it happens only where a station has no move inside
 * its region: with a station in every cell only in one-cell regions (at the far edges, when the
 * grid's side is not a multiple of s); with sparser stations also at some region borders, as the
 * station grid is skewed when the columns are not a multiple of the spacing.
 *
 * <p><b>Planted trains</b>: a planted cluster whose cells hold m stations (core included) gets
 * {@code round(t·m)} trains when {@code m >= 2} (none otherwise), coded {@code GP<k>-<j>} (G: they
 * count as high-speed), each calling at {@code min(6, m)} distinct stations of the cluster drawn at
 * random, in random order; they follow the base trains in the same stop and timetable files, and
 * ignore regions.
 *
 * <p>Boundaries go to {@code boundaries/synthetic_units.geojson} (one FeatureCollection, written
 * here; practical up to about 100,000 units, since the pipeline reads a GeoJSON file as one JSON
 * document) or, via {@link SyntheticGeoParquet}, to the GeoParquet directory {@code
 * boundaries/synthetic_units.parquet} (any size). Run the pipeline on it with {@link
 * #pipelineOptions}.
 */
public final class SyntheticDataset {

  /**
   * Version of what the generator writes for a given (n, seed); raised whenever the output changes
   * (2: codes skip the municipality aliases), so cached data roots are not reused. It covers the
   * {@link SyntheticOptions#defaults()} output (unchanged by the options); a cache of roots written
   * with other options must key on them too.
   */
  public static final int VERSION = 2;

  /** The statistics year written (the pipeline's default {@code stats.year}). */
  public static final int STATS_YEAR = 2020;

  /** Boundary file names under {@code boundaries/}. */
  public static final String GEOJSON = "boundaries/synthetic_units.geojson";

  public static final String GEOPARQUET = "boundaries/synthetic_units.parquet";

  /** The truth file, written only for non-default {@link SyntheticOptions}. */
  public static final String TRUTH = "stats/synthetic_truth.csv";

  private static final long PLANT_STREAM = 0x91A47EDL;

  private static final String STATS_HEADER =
      "adcode,name_zh,name_en,province_zh,unit_type,year,population_census,"
          + "urban_population_census,urbanization_rate_pct,gdp_cny,gdp_per_capita_cny,"
          + "primary_share_pct,secondary_share_pct,tertiary_share_pct,primary_va_cny,"
          + "secondary_va_cny,tertiary_va_cny,emp_primary_share_pct,emp_secondary_share_pct,"
          + "emp_tertiary_share_pct,employed_persons_10k,avg_wage_employees_cny,"
          + "registered_population_10k,household_size,sex_ratio_m_per_100f,age_0_14_share_pct,"
          + "age_15_59_share_pct,age_60plus_share_pct,age_65plus_share_pct,sources";

  private final SyntheticTiling tiling;
  private final long seed;
  private final SyntheticOptions options;

  /** Cells of cluster {@code syn<k>}, the core first (empty for a block beyond the grid). */
  private final int[][] clusters;

  /** The original generator ({@link SyntheticOptions#defaults()}). */
  public SyntheticDataset(SyntheticTiling tiling, long seed) {
    this(tiling, seed, SyntheticOptions.defaults());
  }

  /**
   * Lays out the clusters (random ones are grown here).
   *
   * @throws IllegalArgumentException if the options do not fit this tiling (more planted clusters
   *     than the layout has, random clusters that do not fit)
   */
  public SyntheticDataset(SyntheticTiling tiling, long seed, SyntheticOptions options) {
    this.tiling = tiling;
    this.seed = seed;
    this.options = options;
    if (options.clusters() instanceof SyntheticOptions.ClusterLayout.Random r) {
      this.clusters =
          RandomConnectedSets.grow(
              tiling.size(), tiling.cols(), r.count(), r.minSize(), r.maxSize(), seed);
    } else {
      this.clusters = blocks(tiling);
    }
    if (options.plantedClusters() > clusters.length) {
      throw new IllegalArgumentException(
          "plantedClusters (--plant) must be <= the "
              + clusters.length
              + " clusters of the layout, got "
              + options.plantedClusters());
    }
  }

  public SyntheticTiling tiling() {
    return tiling;
  }

  public SyntheticOptions options() {
    return options;
  }

  /** Cells of cluster {@code syn<k>} ({@code k < clusterCount()}), the core first. */
  public int[] clusterCells(int k) {
    return clusters[k].clone();
  }

  public int clusterCount() {
    return clusters.length;
  }

  /**
   * The {@code --set} options pointing the pipeline's prefecture level at these boundaries ({@code
   * geoparquet}: the GeoParquet directory, else the GeoJSON file).
   */
  public static String[] pipelineOptions(boolean geoparquet) {
    return new String[] {
      "boundaries.prefecture.path=" + (geoparquet ? GEOPARQUET : GEOJSON),
      "boundaries.prefecture.format=" + (geoparquet ? "geoparquet" : "geojson"),
      "boundaries.prefecture.crs=EPSG:4326"
    };
  }

  /** Writes the CSVs under {@code root} (creating {@code stats/} and {@code linkage/}). */
  public void writeTables(Path root) throws IOException {
    Files.createDirectories(root.resolve("stats"));
    Files.createDirectories(root.resolve("linkage"));
    writeStats(root.resolve("stats"));
    writeClusters(root.resolve("stats/clusters.csv"));
    writeLinkage(root.resolve("linkage"));
    if (!options.isDefault()) {
      writeTruth(root.resolve(TRUTH));
    }
  }

  /** Writes the boundaries as one GeoJSON FeatureCollection to {@code root/}{@link #GEOJSON}. */
  public void writeGeoJson(Path root) throws IOException {
    Path file = root.resolve(GEOJSON);
    Files.createDirectories(file.getParent());
    try (Writer w = writer(Files.newOutputStream(file))) {
      w.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
      StringBuilder sb = new StringBuilder(8192);
      for (int i = 0; i < tiling.size(); i++) {
        sb.setLength(0);
        String code = SyntheticTiling.adcode(i);
        sb.append(i == 0 ? "" : ",\n")
            .append("{\"type\":\"Feature\",\"id\":\"")
            .append(code)
            .append("\",\"properties\":{\"adcode\":\"")
            .append(code)
            .append("\",\"name\":\"")
            .append(name(i))
            .append("\",\"province_adcode\":\"")
            .append(province(i))
            .append("\",\"kind\":\"prefecture_city\",\"mainland\":true},")
            .append("\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
        Coordinate[] cs = tiling.polygon(i).getExteriorRing().getCoordinates();
        for (int k = 0; k < cs.length; k++) {
          sb.append(k == 0 ? "[" : ",[");
          appendNano(sb, cs[k].x);
          sb.append(',');
          appendNano(sb, cs[k].y);
          sb.append(']');
        }
        sb.append("]]}}");
        w.write(sb.toString());
      }
      w.write("\n]}\n");
    }
  }

  /** Unit name: "S" and the adcode (ASCII, so names never need escaping). */
  static String name(int i) {
    return "S" + SyntheticTiling.adcode(i);
  }

  /** Province code: the adcode's first two digits and 0000 (7-digit codes: first three). */
  static String province(int i) {
    String code = SyntheticTiling.adcode(i);
    return code.substring(0, code.length() - 4) + "0000";
  }

  private void writeStats(Path dir) throws IOException {
    try (Writer stats = writer(Files.newOutputStream(dir.resolve("city_stats.csv")));
        Writer units = writer(Files.newOutputStream(dir.resolve("cities.csv")))) {
      stats.write(STATS_HEADER + "\n");
      units.write(
          "adcode,name_zh,name_en,province_zh,province_adcode,unit_type,source_codes,"
              + "boundary_area_km2_calc\n");
      for (int i = 0; i < tiling.size(); i++) {
        String code = SyntheticTiling.adcode(i);
        long h = SyntheticTiling.mix(seed, 1_000_003L * i + 17);
        long population = 200_000 + (long) (SyntheticTiling.unit(h) * 9_800_000);
        double perCapita = 20_000 + Math.round(SyntheticTiling.unit(h ^ 0x55) * 180_000);
        long gdp = (long) (population * perCapita);
        double primary = round1(2 + SyntheticTiling.unit(h ^ 0x66) * 18);
        double secondary = round1(25 + SyntheticTiling.unit(h ^ 0x77) * 25);
        double tertiary = round1(100 - primary - secondary);
        long urban = (long) (population * (0.3 + 0.6 * SyntheticTiling.unit(h ^ 0x88)));
        stats.write(
            String.format(
                Locale.ROOT,
                "%s,%s,%s,%s,prefecture_city,%d,%d,%d,%.2f,%d,%.1f,%.1f,%.1f,%.1f,%d,%d,%d,"
                    + ",,,,,,,,,,,,SYNTHETIC\n",
                code,
                name(i),
                name(i),
                "P" + province(i),
                STATS_YEAR,
                population,
                urban,
                100.0 * urban / population,
                gdp,
                perCapita,
                primary,
                secondary,
                tertiary,
                Math.round(gdp * primary / 100),
                Math.round(gdp * secondary / 100),
                Math.round(gdp * tertiary / 100)));
        units.write(
            code
                + ","
                + name(i)
                + ","
                + name(i)
                + ",P"
                + province(i)
                + ","
                + province(i)
                + ",prefecture_city,,\n");
      }
    }
  }

  /** Up to 19 blocks of 5×5 cells (smaller on narrow grids), row by row within a block. */
  private static int[][] blocks(SyntheticTiling tiling) {
    int side = Math.min(5, Math.max(1, tiling.cols() / 2));
    int blocksPerRow = Math.max(1, tiling.cols() / side);
    int blockRows = Math.max(1, tiling.rows() / side);
    int blocks = blocksPerRow * blockRows;
    int count = Math.min(19, blocks);
    int[][] out = new int[count][];
    for (int k = 0; k < count; k++) {
      int block = (int) ((long) k * blocks / count);
      int r0 = (block / blocksPerRow) * side;
      int c0 = (block % blocksPerRow) * side;
      int[] cells = new int[side * side];
      int size = 0;
      for (int r = r0; r < r0 + side; r++) {
        for (int c = c0; c < c0 + side; c++) {
          int i = r * tiling.cols() + c;
          if (c < tiling.cols() && i < tiling.size()) {
            cells[size++] = i;
          }
        }
      }
      out[k] = Arrays.copyOf(cells, size);
    }
    return out;
  }

  private void writeClusters(Path file) throws IOException {
    try (Writer w = writer(Files.newOutputStream(file))) {
      w.write(
          "cluster_id,cluster_name_en,cluster_name_zh,plan_year,adcode,city_name_zh,city_name_en,"
              + "province_zh,role,role_detail,partial,partial_scope,membership_confidence,sources,"
              + "note\n");
      for (int k = 0; k < clusters.length; k++) {
        String id = "syn" + k;
        boolean first = true;
        for (int i : clusters[k]) {
          w.write(
              String.join(
                      ",",
                      id,
                      "Synthetic " + k,
                      "合成" + k,
                      "2020",
                      SyntheticTiling.adcode(i),
                      name(i),
                      name(i),
                      "P" + province(i),
                      first ? "core" : "member",
                      "",
                      "false",
                      "",
                      "high",
                      "SYNTHETIC",
                      "")
                  + "\n");
          first = false;
        }
      }
    }
  }

  private void writeTruth(Path file) throws IOException {
    int n = tiling.size();
    int[] clusterOf = new int[n];
    Arrays.fill(clusterOf, -1);
    for (int k = 0; k < clusters.length; k++) {
      for (int i : clusters[k]) {
        clusterOf[i] = k;
      }
    }
    int side = options.regionSide();
    try (Writer w = writer(Files.newOutputStream(file))) {
      w.write("adcode,cluster_id,planted,region\n");
      StringBuilder sb = new StringBuilder(64);
      for (int i = 0; i < n; i++) {
        sb.setLength(0);
        int k = clusterOf[i];
        sb.append(SyntheticTiling.adcode(i))
            .append(',')
            .append(k < 0 ? "" : "syn" + k)
            .append(',')
            .append(k >= 0 && k < options.plantedClusters())
            .append(',');
        if (side > 0) {
          sb.append('r')
              .append(i / tiling.cols() / side)
              .append('_')
              .append(i % tiling.cols() / side);
        }
        w.write(sb.append('\n').toString());
      }
    }
  }

  /** The region index of cell {@code i} (regions of {@code side}×{@code side} cells). */
  private int region(int i, int side) {
    int regionCols = (tiling.cols() + side - 1) / side;
    return (i / tiling.cols() / side) * regionCols + i % tiling.cols() / side;
  }

  private void writeLinkage(Path dir) throws IOException {
    int n = tiling.size();
    int stationEvery = options.stationEvery(n);
    int stations = Math.max(1, n / stationEvery);
    try (Writer w = writer(Files.newOutputStream(dir.resolve("rail_sythens88_stations.csv")))) {
      w.write(
          "station_name,lng,lat,coord_method,src_province,src_city,src_district,n_trains,"
              + "qa_min_neighbour_km\n");
      for (int s = 0; s < stations; s++) {
        int i = s * stationEvery;
        Point p = tiling.polygon(i).getInteriorPoint();
        w.write(
            String.format(
                Locale.ROOT,
                "ST%d,%.6f,%.6f,geocoded,P%s,%s,,%d,%.1f\n",
                s,
                p.getX(),
                p.getY(),
                province(i),
                name(i),
                6,
                5.0));
      }
    }
    int trains = options.baseTrains(stations);
    int stationCols = Math.max(1, (tiling.cols() + stationEvery - 1) / stationEvery);
    int side = options.regionSide();
    try (Writer stops =
            writer(Files.newOutputStream(dir.resolve("rail_sythens88_train_stops.csv")));
        Writer table =
            writer(
                Files.newOutputStream(dir.resolve("rail_railwayvis_keystation_timetable.csv")))) {
      stops.write("train_code,stop_seq,station_name,n_stops,src_file\n");
      table.write(
          "station_name,train_type,call_type,train_code,origin,terminus,arr_time,dep_time\n");
      int[] route = new int[6];
      for (int t = 0; t < trains; t++) {
        long h = SyntheticTiling.mix(seed, 7_000_001L * t + 3);
        int s = (int) (SyntheticTiling.unit(h) * stations);
        int home = side > 0 ? region(s * stationEvery, side) : 0;
        for (int k = 0; k < 6; k++) {
          route[k] = s;
          long step = SyntheticTiling.mix(h, k);
          int move = (int) (SyntheticTiling.unit(step) * 4);
          if (side > 0) {
            s = confinedStep(s, move, stations, stationCols, stationEvery, side, home);
            continue;
          }
          int next =
              switch (move) {
                case 0 -> s + 1;
                case 1 -> s - 1;
                case 2 -> s + stationCols;
                default -> s - stationCols;
              };
          s = Math.floorMod(next, stations);
        }
        String code = (t % 2 == 0 ? "G" : "D") + t;
        int minutes = 360 + (int) (SyntheticTiling.unit(h ^ 0x99) * 600);
        writeTrain(stops, table, code, route, 6, minutes);
      }
      for (int k = 0; k < options.plantedClusters(); k++) {
        int[] at = stationsOf(clusters[k], stations, stationEvery);
        int m = at.length;
        long count = m < 2 ? 0 : Math.round(options.plantedTrainsPerMember() * m);
        int len = Math.min(6, m);
        Draws draws = new Draws(SyntheticTiling.mix(seed, k), PLANT_STREAM);
        for (long j = 0; j < count; j++) {
          // a uniformly random ordered sample of len distinct stations (partial Fisher-Yates)
          for (int x = 0; x < len; x++) {
            int y = x + draws.nextInt(m - x);
            int tmp = at[x];
            at[x] = at[y];
            at[y] = tmp;
            route[x] = at[x];
          }
          int minutes = 360 + draws.nextInt(600);
          writeTrain(stops, table, "GP" + k + "-" + j, route, len, minutes);
        }
      }
    }
    int airportEvery = Math.max(1, Math.min(2000, n / 5));
    int airports = Math.max(1, n / airportEvery);
    try (Writer w = writer(Files.newOutputStream(dir.resolve("air_openflights_airports_cn.csv")))) {
      w.write(
          "airport_id,name,city,country,iata,icao,lat,lon,altitude_ft,utc_offset_h,dst,tz,type,"
              + "source\n");
      for (int a = 0; a < airports; a++) {
        Point p = tiling.polygon(a * airportEvery).getInteriorPoint();
        w.write(
            String.format(
                Locale.ROOT,
                "%d,Airport %d,%s,China,%s,%s,%.6f,%.6f,100,8,N,Asia/Shanghai,airport,SYNTHETIC\n",
                10_000 + a,
                a,
                name(a * airportEvery),
                iata(a),
                "Z" + iata(a),
                p.getY(),
                p.getX()));
      }
    }
    try (Writer w = writer(Files.newOutputStream(dir.resolve("air_openflights_routes_cn.csv")))) {
      w.write(
          "airline,airline_id,src_airport,src_airport_id,dst_airport,dst_airport_id,codeshare,"
              + "stops,equipment\n");
      for (int a = 0; a < airports; a++) {
        for (int k = 1; k <= Math.min(3, airports - 1); k++) {
          int b = (a + k * 7) % airports;
          if (b == a) {
            continue;
          }
          w.write(
              String.format(
                  Locale.ROOT,
                  "SY,9999,%s,%d,%s,%d,,0,320\n",
                  iata(a),
                  10_000 + a,
                  iata(b),
                  10_000 + b));
        }
      }
    }
  }

  /** One train's rows: its stops and its timetable calls, 40 minutes apart from {@code minutes}. */
  private static void writeTrain(
      Writer stops, Writer table, String code, int[] route, int len, int minutes)
      throws IOException {
    for (int k = 0; k < len; k++) {
      stops.write(code + "," + (k + 1) + ",ST" + route[k] + "," + len + ",synthetic\n");
      int arr = minutes + 40 * k;
      table.write(
          String.format(
              Locale.ROOT,
              "ST%d,高速,%s,%s,ST%d,ST%d,%s,%s\n",
              route[k],
              k == 0 ? "始" : k == len - 1 ? "终" : "过",
              code,
              route[0],
              route[len - 1],
              k == 0 ? "" : clock(arr),
              k == len - 1 ? "" : clock(arr + 2)));
    }
  }

  /**
   * The walk's next station from {@code s}: the drawn move (0: +1, 1: −1, 2: +1 row, 3: −1 row of
   * the station grid), else its opposite, else the other two, the first that stays on the grid and
   * in region {@code home}; {@code s} itself if none does.
   */
  private int confinedStep(
      int s, int move, int stations, int stationCols, int every, int side, int home) {
    for (int d = 0; d < 4; d++) {
      int m = move ^ d;
      int next =
          switch (m) {
            case 0 -> s + 1;
            case 1 -> s - 1;
            case 2 -> s + stationCols;
            default -> s - stationCols;
          };
      if (next >= 0 && next < stations && region(next * every, side) == home) {
        return next;
      }
    }
    return s;
  }

  /**
   * The stations in {@code cells} (station s is in cell {@code s * every}), in their order there.
   */
  static int[] stationsOf(int[] cells, int stations, int every) {
    List<Integer> out = new ArrayList<>();
    for (int i : cells) {
      if (i % every == 0 && i / every < stations) {
        out.add(i / every);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static String iata(int a) {
    char[] c = new char[3];
    int v = a;
    for (int k = 2; k >= 0; k--) {
      c[k] = (char) ('A' + v % 26);
      v /= 26;
    }
    return new String(c);
  }

  private static String clock(int minutes) {
    int m = Math.floorMod(minutes, 24 * 60);
    return String.format(Locale.ROOT, "%02d:%02d", m / 60, m % 60);
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** Appends a whole-nanodegree coordinate with exactly 9 decimals. */
  static void appendNano(StringBuilder sb, double v) {
    long nano = Math.round(v * 1e9);
    if (nano < 0) {
      sb.append('-');
      nano = -nano;
    }
    sb.append(nano / 1_000_000_000L).append('.');
    String frac = Long.toString(nano % 1_000_000_000L);
    sb.append("000000000", 0, 9 - frac.length()).append(frac);
  }

  private static Writer writer(OutputStream out) {
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
  }
}
