package org.citycluster.linkage;

/**
 * One railway station of {@code rail_sythens88_stations.csv}.
 *
 * @param name station name in Chinese (join key to the stop lists and the timetable)
 * @param lon WGS84 longitude, degrees, after GCJ-02 to WGS84 conversion ({@link
 *     org.citycluster.geo.Gcj02#gcj02ToWgs84}); the few Baidu (BD-09) fallbacks of the source are
 *     treated as GCJ-02 too, an error of up to about 1 km that the source does not let us detect
 * @param lat WGS84 latitude, degrees, likewise
 * @param rawLon longitude as given (GCJ-02, degrees)
 * @param rawLat latitude as given (GCJ-02, degrees)
 * @param coordMethod {@code geocoded}, {@code imputed_neighbour_mean} or {@code manual}
 * @param qaMinNeighbourKm km to the nearest other station adjacent in any train's stop list, or
 *     null where the station has no neighbour
 */
public record Station(
    String name,
    double lon,
    double lat,
    double rawLon,
    double rawLat,
    String coordMethod,
    Double qaMinNeighbourKm) {

  /** coord_method value of stations put at the mean of their neighbours (not a real location). */
  public static final String IMPUTED = "imputed_neighbour_mean";

  public static final String GEOCODED = "geocoded";
  public static final String MANUAL = "manual";
}
