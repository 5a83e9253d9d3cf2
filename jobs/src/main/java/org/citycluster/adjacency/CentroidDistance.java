package org.citycluster.adjacency;

/**
 * Great-circle (WGS84 geodesic) distance in km between the centroids of two units, from unit {@code
 * from} to unit {@code to} (directed for k nearest neighbours; {@code from < to} for distance
 * bands).
 */
public record CentroidDistance(String from, String to, double km) {}
