package org.citycluster.adjacency;

import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.api.referencing.operation.TransformException;
import org.geotools.geometry.jts.JTS;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.locationtech.jts.geom.Geometry;

/**
 * Polsby–Popper compactness {@code 4πA / P²} (1 for a disk, towards 0 for elongated or ragged
 * shapes), with area A and perimeter P (all rings, holes included; parts summed) measured in an
 * Albers equal-area conic projection for China: WGS84 ellipsoid, standard parallels 25°N and 47°N,
 * central meridian 105°E, latitude of origin 0°, metres ({@link #CHINA_ALBERS_WKT}; the transform
 * is built by GeoTools from this WKT, no EPSG database needed). Input is lon/lat degrees (WGS84 or
 * CGCS2000). The projection preserves area exactly; lengths carry its scale error (a few per cent
 * at China's northern and southern extremes, under 1% between the standard parallels), which is the
 * usual convention for this metric. Non-polygonal or empty input raises {@link
 * IllegalArgumentException}.
 */
public final class Compactness {

  /** The Albers equal-area projection used, as OGC WKT 1. */
  public static final String CHINA_ALBERS_WKT =
      "PROJCS[\"China Albers equal-area conic (WGS84, 25N/47N, 105E)\","
          + "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],"
          + "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],"
          + "PROJECTION[\"Albers_Conic_Equal_Area\"],"
          + "PARAMETER[\"standard_parallel_1\",25],PARAMETER[\"standard_parallel_2\",47],"
          + "PARAMETER[\"latitude_of_center\",0],PARAMETER[\"longitude_of_center\",105],"
          + "PARAMETER[\"false_easting\",0],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1]]";

  private static final MathTransform TO_ALBERS = albers();

  private Compactness() {}

  private static MathTransform albers() {
    try {
      CoordinateReferenceSystem target = CRS.parseWKT(CHINA_ALBERS_WKT);
      return CRS.findMathTransform(DefaultGeographicCRS.WGS84, target, true);
    } catch (FactoryException e) {
      throw new IllegalStateException("cannot build the China Albers projection", e);
    }
  }

  /** The geometry projected to China Albers, metres. */
  public static Geometry toAlbers(Geometry lonLat) {
    try {
      return JTS.transform(lonLat, TO_ALBERS);
    } catch (TransformException e) {
      throw new IllegalArgumentException("cannot project geometry: " + e.getMessage(), e);
    }
  }

  /** Polsby–Popper {@code 4πA/P²} in China Albers, in (0, 1]. */
  public static double polsbyPopper(Geometry polygonal) {
    Geometry projected = checkedProjection(polygonal);
    double perimeter = projected.getLength();
    return 4 * Math.PI * projected.getArea() / (perimeter * perimeter);
  }

  /** Area in km² in China Albers (equal to the geodesic area up to numerical precision). */
  public static double albersAreaKm2(Geometry polygonal) {
    return checkedProjection(polygonal).getArea() / 1e6;
  }

  /** Perimeter in km in China Albers (carries the projection's scale error). */
  public static double albersPerimeterKm(Geometry polygonal) {
    return checkedProjection(polygonal).getLength() / 1e3;
  }

  private static Geometry checkedProjection(Geometry polygonal) {
    if (polygonal.isEmpty() || polygonal.getDimension() != 2) {
      throw new IllegalArgumentException(
          "not a non-empty polygonal geometry: " + polygonal.getGeometryType());
    }
    return toAlbers(polygonal);
  }
}
