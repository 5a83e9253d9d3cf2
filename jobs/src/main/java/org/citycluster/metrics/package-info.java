/**
 * Plain-Java (Spark-free) metrics for the adjacency-versus-linkage question: gravity models,
 * specialisation and complementarity, network structure and polycentricity, interlocking network
 * connectivity, QAP correlation and spatial autocorrelation.
 *
 * <p>Inputs are plain arrays. Matrices are {@code double[n][n]} indexed {@code [i][j]}; where a
 * matrix is directed, rows are origins and columns destinations. Every public method validates its
 * input and throws {@link java.lang.IllegalArgumentException} naming the offending argument
 * (non-square or ragged matrix, length mismatch, negative or non-finite value, too few units).
 * Definitions and worked examples follow {@code METRICS.md} in the shared project notes.
 */
package org.citycluster.metrics;
