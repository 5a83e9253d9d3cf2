/**
 * citycluster: adjacency versus functional linkage of China's city clusters.
 *
 * <p>Packages {@code geo}, {@code metrics}, {@code verdict}, {@code regions}, {@code balance},
 * {@code stats} and {@code plan} hold plain-Java logic with no Spark dependency; {@code spark},
 * {@code jobs} and {@code stages} are the thin Spark layer over them.
 *
 * <p><b>The rule of the Spark layer: nothing on the driver grows with the number of units, pairs,
 * stations or trains.</b> Per-unit, per-pair, per-cluster and per-permutation work runs in tasks:
 * Datasets keyed by unit, pair, spatial partition, cluster, or cluster × seed block, joined in
 * Spark. What may reach the driver: results bounded by the number of clusters, scopes and
 * attributes (a verdict row per cluster, a Moran's I per attribute), counts, and small sufficient
 * statistics (the k×k normal equations of a regression, the sums of a global statistic). What may
 * be broadcast: values bounded by the units times a constant that a permutation task needs whole
 * (z-values of one attribute), never geometries or pair lists. A {@code collect()} whose size grows
 * with units or pairs is a bug. Input files parsed on the driver (the linkage CSVs, through {@code
 * CsvTable} for its file/line/field errors) are O(input file) there until they are copied into
 * Datasets, which must happen before any other work on them; say so where it happens. {@code
 * SyntheticScaleClusterIT} holds the rule: the full pipeline over 10,000 synthetic units on a
 * standalone cluster with a 1 GiB driver; per stage, the driver-bound tests measure the task-result
 * bytes of every job ({@code DriverResultBytes}): {@code DiagnosticsJobDriverBoundTest}, {@code
 * MoranStageDriverBoundTest}, {@code LinkagePairsTest}, {@code LinkageJobDriverBoundTest}.
 */
package org.citycluster;
