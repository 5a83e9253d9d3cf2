package org.citycluster.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Function;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.citycluster.io.InputDataException;
import org.citycluster.linkage.Airport;
import org.citycluster.linkage.LinkageReaders;
import org.citycluster.linkage.Station;
import org.citycluster.linkage.TimetableCall;

/**
 * The five linkage files, parsed into plain-Java records by {@link LinkageReaders} (stations
 * already converted from GCJ-02 to WGS84, doubled consecutive stops already collapsed, route
 * airport ids already resolved).
 *
 * <p>Scale: parsed on the driver (commons-csv through {@code CsvTable}, whose errors name file,
 * line and field), so these records are O(input file) on the driver; {@link LinkageJob} copies them
 * into Datasets ({@code stages.linkage.LinkageFrames}) before any other work, and nothing after
 * that is collected. The real files: 6.4 MB, 156,000 rows (110,771 stop rows of 10,337 trains,
 * 35,150 timetable rows, 2,826 stations, 7,375 routes, 457 places).
 *
 * @param stations every station of the stations file, reliable or not
 * @param trainStops the trains with their collapsed stop lists
 * @param timetable the key-station timetable rows
 * @param airports every OpenFlights place of the airports file
 * @param routes the route records and the ids resolved by IATA code
 */
public record LinkageInputs(
    List<Station> stations,
    LinkageReaders.TrainStops trainStops,
    List<TimetableCall> timetable,
    List<Airport> airports,
    LinkageReaders.AirRoutes routes) {

  public LinkageInputs {
    if (stations == null
        || trainStops == null
        || timetable == null
        || airports == null
        || routes == null) {
      throw new IllegalArgumentException("all five linkage inputs are required");
    }
    stations = List.copyOf(stations);
    timetable = List.copyOf(timetable);
    airports = List.copyOf(airports);
  }

  /**
   * Reads the files named by {@code options} through the Hadoop FileSystem of each path (local or
   * any Hadoop URI). A missing file fails with an {@link InputDataException} naming the configured
   * path; malformed content fails as described in {@link LinkageReaders}.
   *
   * @param dataPath resolves a configured (data-root relative) path to a full path
   */
  public static LinkageInputs read(
      SparkSession spark, Function<String, String> dataPath, LinkageJob.Options options)
      throws IOException {
    options.validate();
    List<Station> stations;
    try (InputStream in = open(spark, dataPath, options.stationsPath())) {
      stations = LinkageReaders.readStations(in, options.stationsPath());
    }
    LinkageReaders.TrainStops stops;
    try (InputStream in = open(spark, dataPath, options.trainStopsPath())) {
      stops = LinkageReaders.readTrainStops(in, options.trainStopsPath());
    }
    List<TimetableCall> timetable;
    try (InputStream in = open(spark, dataPath, options.timetablePath())) {
      timetable = LinkageReaders.readTimetable(in, options.timetablePath());
    }
    List<Airport> airports;
    try (InputStream in = open(spark, dataPath, options.airportsPath())) {
      airports = LinkageReaders.readAirports(in, options.airportsPath());
    }
    LinkageReaders.AirRoutes routes;
    try (InputStream in = open(spark, dataPath, options.routesPath())) {
      routes = LinkageReaders.readAirRoutes(in, options.routesPath(), airports);
    }
    return new LinkageInputs(stations, stops, timetable, airports, routes);
  }

  private static InputStream open(
      SparkSession spark, Function<String, String> dataPath, String relative) throws IOException {
    Path path = new Path(dataPath.apply(relative));
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(path)) {
      throw new InputDataException(relative, "file", null, "not found at " + path);
    }
    return fs.open(path);
  }
}
