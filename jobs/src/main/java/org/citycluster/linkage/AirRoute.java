package org.citycluster.linkage;

/**
 * One airline's directed non-stop route, from {@code air_openflights_routes_cn.csv}, with both
 * airports resolved to OpenFlights ids (by IATA code where the source's id is {@code \N}).
 *
 * @param airline IATA (2-letter) or ICAO (3-letter) airline code
 * @param srcId origin airport id
 * @param dstId destination airport id
 * @param codeshare true where the row is a codeshare (operated by another carrier)
 */
public record AirRoute(String airline, int srcId, int dstId, boolean codeshare) {}
