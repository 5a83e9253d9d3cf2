/**
 * The pair-level linkage in Spark (issue #16): {@link org.citycluster.stages.linkage.LinkagePairs}
 * (the {@code city_pairs} linkage columns, the rail gravity fit from summed normal equations) and
 * {@link org.citycluster.stages.linkage.ClusterLinkShares} (in-cluster link shares by joins).
 *
 * <p>The driver rule: nothing that grows with units or pairs reaches the driver; counts, a few sums
 * and minima/maxima may. Held by {@code LinkagePairsTest}, which bounds the task-result bytes of
 * every job when all 44,850 pairs of 300 units are candidates. Not yet distributed: the parsed rail
 * and air inputs and the counters built from them ({@code RailPairCounts}, {@code TravelTimes},
 * {@code AirPairCounts}) and the sector profiles, which {@code LinkageJob} still runs on the
 * driver.
 */
package org.citycluster.stages.linkage;
