package org.citycluster.geo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * The per-unit measures published in {@code cities}: geodesic area (km²) and perimeter (km) on the
 * WGS84 ellipsoid, the planar centroid in lon/lat degrees, and a point guaranteed to lie on the
 * surface (JTS interior point), also in lon/lat degrees. Input must be a lon/lat WGS84 polygonal
 * geometry; an empty geometry gives NaN coordinates.
 */
public record UnitMeasures(
    double areaKm2,
    double perimeterKm,
    double centroidLon,
    double centroidLat,
    double pointOnSurfaceLon,
    double pointOnSurfaceLat) {

  public static UnitMeasures of(Geometry lonLat) {
    Point centroid = lonLat.getCentroid();
    Point inside = lonLat.getInteriorPoint();
    double[] areaPerimeter = GeodesicMeasures.areaAndPerimeter(lonLat);
    return new UnitMeasures(
        areaPerimeter[0],
        areaPerimeter[1],
        centroid.isEmpty() ? Double.NaN : centroid.getX(),
        centroid.isEmpty() ? Double.NaN : centroid.getY(),
        inside.isEmpty() ? Double.NaN : inside.getX(),
        inside.isEmpty() ? Double.NaN : inside.getY());
  }
}
