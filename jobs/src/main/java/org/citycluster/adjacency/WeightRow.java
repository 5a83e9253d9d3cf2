package org.citycluster.adjacency;

/**
 * One non-zero entry of a spatial weights matrix in long format: scheme ({@code rook}, {@code
 * queen}, {@code knn}, {@code distance_band}), row unit {@code i}, column unit {@code j}, weight (1
 * for binary; {@code 1/|N(i)|} row-standardised).
 */
public record WeightRow(String scheme, String i, String j, double weight) {}
