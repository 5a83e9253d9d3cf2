package org.citycluster.linkage;

/**
 * One OpenFlights place of {@code air_openflights_airports_cn.csv} (airports, but also railway
 * stations, ports and unknowns; see {@code type}).
 *
 * @param id OpenFlights airport id
 * @param iata IATA code, or null where the source has {@code \N}
 * @param name English name
 * @param lon WGS84 longitude, degrees
 * @param lat WGS84 latitude, degrees
 * @param type {@code airport}, {@code station}, {@code port}, {@code unknown}, or null for {@code
 *     \N}
 */
public record Airport(int id, String iata, String name, double lon, double lat, String type) {}
