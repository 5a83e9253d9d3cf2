/**
 * Plain-Java (Spark-free) functional-linkage core: readers for the rail and air service data
 * ({@code linkage/README.md} in the shared data), station reliability screening, and the
 * aggregation of services to unordered pairs of spatial units ({@code city_pairs}) and to units
 * ({@code city_metrics}).
 *
 * <p>Units are identified by their adcode (text; 6-digit codes compare the same as text and as
 * numbers). Unordered pairs are always written with {@code adcodeA < adcodeB} (see {@link
 * org.citycluster.linkage.UnitPair}). The assignment of stations and airports to units (a
 * point-in-polygon join) is done elsewhere and arrives here as a map; stations or airports absent
 * from the map are ignored. Units: distances in km, times in minutes, services as counts. Readers
 * fail with {@link org.citycluster.io.InputDataException} naming file, line and field; computations
 * fail with {@link java.lang.IllegalArgumentException} on invalid arguments.
 */
package org.citycluster.linkage;
