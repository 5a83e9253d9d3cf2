/**
 * Plain-Java (Spark-free) functional regions and their comparison with the plans: {@link
 * org.citycluster.regions.LeidenRegions} detects communities of a weighted unit graph with the
 * Leiden algorithm (reference implementation {@code nl.cwts:networkanalysis}), and {@link
 * org.citycluster.regions.PartitionComparison} matches plan clusters to regions (Jaccard, best
 * match) and scores two partitions against each other (adjusted Rand index, normalised mutual
 * information).
 *
 * <p>Inputs are plain arrays, sets and maps; nodes are indices 0..n−1 and units string ids. Every
 * public method validates its input and throws {@link java.lang.IllegalArgumentException} naming
 * the offending argument. Definitions and worked examples follow {@code METRICS.md} ("Verdict,
 * candidates and functional regions") in the shared project notes. No Spark type appears here.
 */
package org.citycluster.regions;
