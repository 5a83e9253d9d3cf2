/**
 * The cluster diagnostics as Spark tasks (issue #16): {@link
 * org.citycluster.stages.diagnostics.DiagnosticsContext} joins each cluster's members, member pairs
 * and outside links into tagged rows; {@link
 * org.citycluster.stages.diagnostics.ClusterDiagnosticsTask} runs the Spark-free {@code
 * org.citycluster.diagnostics} core on one cluster's rows.
 *
 * <p>The driver rule: nothing that grows with units or pairs reaches the driver. What may: counts,
 * sums of a few numbers, and results bounded by the number of clusters. Held by {@code
 * DiagnosticsJobDriverBoundTest}, which bounds the task-result bytes of every job of the stage.
 */
package org.citycluster.stages.diagnostics;
