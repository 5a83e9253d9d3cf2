package org.citycluster.linkage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.citycluster.dq.DqIssue;
import org.citycluster.geo.Gcj02;
import org.citycluster.io.CsvTable;
import org.citycluster.io.InputDataException;

/**
 * Readers for the five linkage files described in {@code linkage/README.md}, built on {@link
 * CsvTable}. Each reads UTF-8 CSV from a stream (closed afterwards); {@code source} is the name
 * used in error messages (e.g. {@code linkage/rail_sythens88_stations.csv}).
 *
 * <p>Bad input fails with {@link InputDataException} naming file, line and field: missing required
 * column, empty or non-numeric required number, coordinates out of range, unknown {@code
 * coord_method} or {@code call_type}, a time that is not {@code HH:MM} (00:00..23:59) or {@code -},
 * a duplicate station name or airport id, a train whose {@code stop_seq} values are not 1..n or
 * disagree with {@code n_stops}, a route airport that resolves to no airport.
 */
public final class LinkageReaders {

  /** File names relative to the data root. */
  public static final String STATIONS = "linkage/rail_sythens88_stations.csv";

  public static final String TRAIN_STOPS = "linkage/rail_sythens88_train_stops.csv";
  public static final String TIMETABLE = "linkage/rail_railwayvis_keystation_timetable.csv";
  public static final String AIRPORTS = "linkage/air_openflights_airports_cn.csv";
  public static final String ROUTES = "linkage/air_openflights_routes_cn.csv";

  /** OpenFlights' null marker. */
  public static final String NULL_MARKER = "\\N";

  private static final Set<String> COORD_METHODS =
      Set.of(Station.GEOCODED, Station.IMPUTED, Station.MANUAL);

  /**
   * The trains of the stop file and what the doubled-stop repair did.
   *
   * @param trains trains in file order of first appearance, stops collapsed
   * @param trainsWithDoubledStops trains that had at least one doubled consecutive stop
   * @param collapsedRows rows dropped because they repeated the previous row's station
   */
  public record TrainStops(List<Train> trains, int trainsWithDoubledStops, int collapsedRows) {}

  /** The routes, and one {@code repaired} data-quality row per airport id resolved by IATA code. */
  public record AirRoutes(List<AirRoute> routes, List<DqIssue> resolvedIds) {}

  private LinkageReaders() {}

  /** Reads {@code rail_sythens88_stations.csv}, converting GCJ-02 coordinates to WGS84. */
  public static List<Station> readStations(InputStream in, String source) throws IOException {
    CsvTable t =
        CsvTable.read(
            in,
            source,
            List.of("station_name", "lng", "lat", "coord_method", "qa_min_neighbour_km"));
    List<Station> out = new ArrayList<>(t.rows().size());
    Set<String> seen = new java.util.HashSet<>();
    for (CsvTable.Row r : t.rows()) {
      String name = required(r, "station_name");
      if (!seen.add(name)) {
        throw error(r, "station_name", "duplicate station name '" + name + "'");
      }
      double lon = requiredDouble(r, "lng", -180, 180);
      double lat = requiredDouble(r, "lat", -90, 90);
      String method = required(r, "coord_method");
      if (!COORD_METHODS.contains(method)) {
        throw error(
            r,
            "coord_method",
            "unknown coord_method '" + method + "', expected one of " + COORD_METHODS);
      }
      Double qa = r.getDouble("qa_min_neighbour_km");
      if (qa != null && !(qa >= 0 && Double.isFinite(qa))) {
        throw error(r, "qa_min_neighbour_km", "must be a non-negative distance in km, found " + qa);
      }
      double[] wgs = Gcj02.gcj02ToWgs84(lon, lat);
      out.add(new Station(name, wgs[0], wgs[1], lon, lat, method, qa));
    }
    return out;
  }

  /**
   * Reads {@code rail_sythens88_train_stops.csv} into trains ordered by {@code stop_seq}, dropping
   * a row whose station equals the previous row's in the same train.
   */
  public static TrainStops readTrainStops(InputStream in, String source) throws IOException {
    CsvTable t =
        CsvTable.read(in, source, List.of("train_code", "stop_seq", "station_name", "n_stops"));
    Map<String, List<CsvTable.Row>> byTrain = new LinkedHashMap<>();
    for (CsvTable.Row r : t.rows()) {
      String code = required(r, "train_code").toUpperCase(java.util.Locale.ROOT);
      byTrain.computeIfAbsent(code, k -> new ArrayList<>()).add(r);
    }
    List<Train> trains = new ArrayList<>(byTrain.size());
    int doubledTrains = 0;
    int collapsed = 0;
    for (Map.Entry<String, List<CsvTable.Row>> e : byTrain.entrySet()) {
      List<CsvTable.Row> rows = e.getValue();
      CsvTable.Row[] bySeq = new CsvTable.Row[rows.size()];
      for (CsvTable.Row r : rows) {
        int seq = requiredInt(r, "stop_seq");
        int n = requiredInt(r, "n_stops");
        if (n != rows.size()) {
          throw error(
              r,
              "n_stops",
              "train " + e.getKey() + " has " + rows.size() + " rows but n_stops " + n);
        }
        if (seq < 1 || seq > rows.size()) {
          throw error(r, "stop_seq", "stop_seq " + seq + " outside 1.." + rows.size());
        }
        if (bySeq[seq - 1] != null) {
          throw error(r, "stop_seq", "stop_seq " + seq + " repeated for train " + e.getKey());
        }
        bySeq[seq - 1] = r;
      }
      List<String> stations = new ArrayList<>(rows.size());
      int dropped = 0;
      for (CsvTable.Row r : bySeq) {
        String name = required(r, "station_name");
        if (!stations.isEmpty() && stations.get(stations.size() - 1).equals(name)) {
          dropped++;
        } else {
          stations.add(name);
        }
      }
      if (dropped > 0) {
        doubledTrains++;
        collapsed += dropped;
      }
      trains.add(new Train(e.getKey(), stations, dropped));
    }
    return new TrainStops(List.copyOf(trains), doubledTrains, collapsed);
  }

  /** Reads {@code rail_railwayvis_keystation_timetable.csv}; {@code -} means no time. */
  public static List<TimetableCall> readTimetable(InputStream in, String source)
      throws IOException {
    CsvTable t =
        CsvTable.read(
            in,
            source,
            List.of(
                "station_name", "train_type", "call_type", "train_code", "arr_time", "dep_time"));
    List<TimetableCall> out = new ArrayList<>(t.rows().size());
    for (CsvTable.Row r : t.rows()) {
      String station = required(r, "station_name");
      String code = required(r, "train_code");
      String rawType = r.get("call_type").trim();
      TimetableCall.CallType type = TimetableCall.CallType.parse(rawType);
      if (type == null) {
        throw error(r, "call_type", "expected 始, 过 or 终, found '" + rawType + "'");
      }
      Integer arr = time(r, "arr_time");
      Integer dep = time(r, "dep_time");
      if (type == TimetableCall.CallType.ORIGIN && arr != null) {
        throw error(
            r, "arr_time", "an originating call (始) has no arrival, found " + r.get("arr_time"));
      }
      if (type == TimetableCall.CallType.TERMINUS && dep != null) {
        throw error(
            r, "dep_time", "a terminating call (终) has no departure, found " + r.get("dep_time"));
      }
      if (arr == null && dep == null) {
        throw error(r, "arr_time", "neither arrival nor departure time");
      }
      out.add(new TimetableCall(station, code, r.get("train_type").trim(), type, arr, dep));
    }
    return out;
  }

  /** Reads {@code air_openflights_airports_cn.csv}; {@code \N} codes and types become null. */
  public static List<Airport> readAirports(InputStream in, String source) throws IOException {
    CsvTable t =
        CsvTable.read(in, source, List.of("airport_id", "name", "iata", "lat", "lon", "type"));
    List<Airport> out = new ArrayList<>(t.rows().size());
    Set<Integer> seen = new java.util.HashSet<>();
    for (CsvTable.Row r : t.rows()) {
      int id = requiredInt(r, "airport_id");
      if (!seen.add(id)) {
        throw error(r, "airport_id", "duplicate airport id " + id);
      }
      out.add(
          new Airport(
              id,
              nullable(r, "iata"),
              r.get("name").trim(),
              requiredDouble(r, "lon", -180, 180),
              requiredDouble(r, "lat", -90, 90),
              nullable(r, "type")));
    }
    return out;
  }

  /**
   * Reads {@code air_openflights_routes_cn.csv}. An airport id of {@code \N} is resolved by the
   * row's IATA code ({@code src_airport} / {@code dst_airport}) among {@code airports}, with a
   * {@code repaired} DqIssue; an id or code that matches no airport is an error. {@code codeshare}
   * must be {@code Y} or empty.
   */
  public static AirRoutes readAirRoutes(InputStream in, String source, List<Airport> airports)
      throws IOException {
    CsvTable t =
        CsvTable.read(
            in,
            source,
            List.of(
                "airline",
                "src_airport",
                "src_airport_id",
                "dst_airport",
                "dst_airport_id",
                "codeshare"));
    Map<Integer, Airport> byId = new HashMap<>();
    Map<String, Airport> byIata = new HashMap<>();
    for (Airport a : airports) {
      byId.put(a.id(), a);
      if (a.iata() != null) {
        byIata.put(a.iata(), a);
      }
    }
    List<AirRoute> routes = new ArrayList<>(t.rows().size());
    List<DqIssue> issues = new ArrayList<>();
    for (CsvTable.Row r : t.rows()) {
      String airline = required(r, "airline");
      int src = airportId(r, "src_airport_id", "src_airport", byId, byIata, issues);
      int dst = airportId(r, "dst_airport_id", "dst_airport", byId, byIata, issues);
      String cs = r.get("codeshare").trim();
      if (!cs.isEmpty() && !cs.equals("Y")) {
        throw error(r, "codeshare", "expected Y or empty, found '" + cs + "'");
      }
      routes.add(new AirRoute(airline, src, dst, cs.equals("Y")));
    }
    return new AirRoutes(List.copyOf(routes), List.copyOf(issues));
  }

  private static int airportId(
      CsvTable.Row r,
      String idField,
      String codeField,
      Map<Integer, Airport> byId,
      Map<String, Airport> byIata,
      List<DqIssue> issues) {
    String raw = r.get(idField).trim();
    if (raw.equals(NULL_MARKER) || raw.isEmpty()) {
      String code = r.get(codeField).trim();
      Airport a = byIata.get(code);
      if (a == null) {
        throw error(
            r, idField, "id is " + raw + " and IATA code '" + code + "' matches no airport");
      }
      issues.add(
          new DqIssue(
              r.source(),
              "line " + r.line(),
              idField,
              "airport id missing; resolved by IATA code " + code + " to id " + a.id(),
              "repaired",
              raw));
      return a.id();
    }
    int id = requiredInt(r, idField);
    if (!byId.containsKey(id)) {
      throw error(r, idField, "airport id " + id + " is not in the airports file");
    }
    return id;
  }

  /** Minutes of day from HH:MM, or null for "-" or empty. */
  static Integer time(CsvTable.Row r, String field) {
    String v = r.get(field).trim();
    if (v.isEmpty() || v.equals("-")) {
      return null;
    }
    int colon = v.indexOf(':');
    try {
      if (colon > 0 && colon < v.length() - 1) {
        int h = Integer.parseInt(v.substring(0, colon));
        int m = Integer.parseInt(v.substring(colon + 1));
        if (h >= 0 && h < 24 && m >= 0 && m < 60 && v.length() - colon == 3) {
          return h * 60 + m;
        }
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw error(r, field, "expected HH:MM (00:00..23:59) or -, found '" + v + "'");
  }

  private static String nullable(CsvTable.Row r, String field) {
    String v = r.get(field).trim();
    return v.isEmpty() || v.equals(NULL_MARKER) ? null : v;
  }

  private static String required(CsvTable.Row r, String field) {
    String v = r.get(field).trim();
    if (v.isEmpty()) {
      throw error(r, field, "empty value");
    }
    return v;
  }

  private static int requiredInt(CsvTable.Row r, String field) {
    String v = required(r, field);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new InputDataException(
          r.source(), "line " + r.line(), field, "not an integer: '" + v + "'", e);
    }
  }

  private static double requiredDouble(CsvTable.Row r, String field, double min, double max) {
    Double v = r.getDouble(field);
    if (v == null) {
      throw error(r, field, "empty value");
    }
    if (!(v >= min && v <= max)) {
      throw error(r, field, "must be in " + min + ".." + max + ", found " + v);
    }
    return v;
  }

  private static InputDataException error(CsvTable.Row r, String field, String problem) {
    return new InputDataException(r.source(), "line " + r.line(), field, problem);
  }
}
