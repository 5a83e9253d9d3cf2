/**
 * The adjacency stage's Spark adapters over the Spark-free maths of {@code org.citycluster.metrics}
 * and {@code org.citycluster.adjacency}.
 *
 * <p>Driver rule (issue #16): nothing that grows with the number of units or pairs is collected to
 * or broadcast from the driver. What may reach it: per-cluster and per-attribute results, counts, a
 * few sums per attribute, one count per permutation block. Vectors the permutation tasks need whole
 * (z and the sparse rook weights, O(n + non-zeros)) are built in a task and copied to the other
 * tasks by a shuffle. {@code MoranStageDriverBoundTest} holds {@link
 * org.citycluster.stages.adjacency.MoranStage} to it. Not yet under the rule (in {@code
 * AdjacencyJob}): the touching pairs and centroids collected for contiguity order, k nearest
 * neighbours and the rook/queen/knn weights, and the WKB broadcast for {@code gap_km}.
 */
package org.citycluster.stages.adjacency;
