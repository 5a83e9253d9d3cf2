/**
 * Plain-Java (Spark-free) cluster diagnostics of issue #5: does functional linkage follow physical
 * adjacency inside a planned city cluster, which member pairs are adjacent but weakly linked (or
 * linked but not adjacent), and which units behave unlike their membership.
 *
 * <ul>
 *   <li>{@link org.citycluster.diagnostics.ClusterDiagnostics}: the per-cluster figures (QAP
 *       against rook adjacency, polycentricity, primacy, densities, mismatch shares);
 *   <li>{@link org.citycluster.diagnostics.MismatchLabeler}: the strong/weak thresholds and the
 *       label of each member pair;
 *   <li>{@link org.citycluster.diagnostics.BoundaryCandidateFinder}: outsiders linked like members
 *       and members linked like outsiders.
 * </ul>
 *
 * <p>Inputs are arrays indexed by the members in a fixed order (the caller sorts them by adcode so
 * results are reproducible); matrices are symmetric {@code double[n][n]} with a zero diagonal. The
 * metric formulas themselves live in {@code org.citycluster.metrics}.
 */
package org.citycluster.diagnostics;
