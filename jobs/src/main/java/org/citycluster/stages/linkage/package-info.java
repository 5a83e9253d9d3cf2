/**
 * The linkage stage in Spark (issue #16): {@link org.citycluster.stages.linkage.LinkageFrames} (the
 * parsed linkage records as Datasets), {@link org.citycluster.stages.linkage.LinkageCounters}
 * (rail, timetable and air counts per train and per unit pair in tasks, aggregated by Spark),
 * {@link org.citycluster.stages.linkage.SectorProfiles} (location quotients: the reference shares
 * summed in adcode order in one task, the profiles per unit), {@link
 * org.citycluster.stages.linkage.LinkagePairs} (the {@code city_pairs} linkage columns, the rail
 * gravity fit from summed normal equations) and {@link
 * org.citycluster.stages.linkage.ClusterLinkShares} (in-cluster link shares by joins).
 *
 * <p>The driver rule: nothing that grows with units, pairs, stations or trains reaches the driver;
 * counts, a few sums and minima/maxima may. Held by {@code LinkagePairsTest} (every job's
 * task-result bytes bounded when all 44,850 pairs of 300 units are candidates) and {@code
 * LinkageJobDriverBoundTest} (the whole stage at 400 and 3,600 synthetic units, stations and
 * trains: the largest job result does not grow). Still O(input file) on the driver: the parsed
 * linkage files, before {@code LinkageFrames} turns them into Datasets ({@code LinkageInputs}).
 */
package org.citycluster.stages.linkage;
