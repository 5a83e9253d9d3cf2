/**
 * The answer per cluster, in plain Java (no Spark): is a planned cluster functionally linked, or
 * only adjacent? Definitions follow the section "Verdict, candidates and functional regions" of
 * {@code METRICS.md} in the shared project notes.
 *
 * <ul>
 *   <li>{@link org.citycluster.verdict.GravitySums} and {@link
 *       org.citycluster.verdict.GravityCoefficients}: the national fitted gravity model from
 *       aggregated normal equations, and the residual of any pair;
 *   <li>{@link org.citycluster.verdict.ClusterContext}: one cluster's neighbourhood (units,
 *       centroids, masses, rook graph, flows), the unit of work of one Spark task;
 *   <li>{@link org.citycluster.verdict.ClusterNullModel}: excess linkage, random connected sets
 *       (the spatially constrained null), affinity and share;
 *   <li>{@link org.citycluster.verdict.ConnectedSetSampler}, {@link
 *       org.citycluster.verdict.NullComparison}, {@link org.citycluster.verdict.Verdict}, {@link
 *       org.citycluster.verdict.CandidateRule}: the pieces, each tested with arrays in and values
 *       out.
 * </ul>
 *
 * <p>Bad input throws {@link java.lang.IllegalArgumentException} naming the argument.
 */
package org.citycluster.verdict;
