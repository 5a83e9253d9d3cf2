/**
 * The adjacency stage's Spark adapters over the Spark-free maths of {@code org.citycluster.metrics}
 * and {@code org.citycluster.adjacency}.
 *
 * <p>Driver rule (issue #16): nothing that grows with the number of units or pairs is collected to
 * or broadcast from the driver. What may reach it: per-cluster and per-attribute results, counts, a
 * few sums per attribute, one count per permutation block. Vectors the permutation tasks need whole
 * (z and the sparse rook weights, O(n + non-zeros)) are built in a task and copied to the other
 * tasks by a shuffle. {@code MoranStageDriverBoundTest} holds {@link
 * org.citycluster.stages.adjacency.MoranStage} to it, and {@code AdjacencyJobDriverBoundTest} the
 * adjacency job. Contiguity order ({@link org.citycluster.stages.adjacency.ContiguityOrders}: a
 * breadth-first search by joins), the k nearest neighbours ({@link
 * org.citycluster.stages.adjacency.NearestUnits}: Sedona's {@code ST_KNN} and range joins, ranked
 * in tasks) and the rook/queen/knn/distance-band weights ({@link
 * org.citycluster.stages.adjacency.WeightTables}) are distributed joins and aggregates. Not yet
 * under the rule (in {@code AdjacencyJob}): the WKB of every unit, collected and broadcast for
 * {@code gap_km}, and the units' perimeter and centroid columns broadcast into the pair join.
 */
package org.citycluster.stages.adjacency;
