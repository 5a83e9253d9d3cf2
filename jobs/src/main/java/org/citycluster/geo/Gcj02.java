package org.citycluster.geo;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/**
 * The GCJ-02 ("Mars coordinates") obfuscation used by Chinese web maps (AMap/Gaode, Tencent, Google
 * Maps China), and its inverse.
 *
 * <p>Algorithm: the widely published "eviltransform" formula (reverse-engineered, not an official
 * specification). An offset is computed from a fixed trigonometric polynomial in (lon - 105, lat -
 * 35), scaled to degrees on the Krasovsky-1940 ellipsoid (a = 6378245.0 m, e² =
 * 0.00669342162296594323), and added to the WGS84 longitude/latitude. The offset is a few hundred
 * metres inside China and varies smoothly.
 *
 * <p>Accuracy: the forward transform reproduces the published formula to floating-point precision.
 * The formula itself is reverse-engineered, so its agreement with the official (unpublished)
 * implementation is only empirical, commonly put at the metre level; data digitised from GCJ-02
 * maps is in any case rarely better than that. The inverse solves the forward formula iteratively
 * to better than 1e-9 degrees (sub-millimetre), unlike the one-step inverse found in many copies
 * (1-2 m error), so a WGS84 -> GCJ-02 -> WGS84 round trip is exact for practical purposes.
 *
 * <p>Coordinates are decimal degrees, x = longitude, y = latitude. Outside the rough rectangle of
 * {@link #outsideChina} both directions are the identity. The rectangle is the published
 * algorithm's rough one, not China's border: Korea, Vietnam, the Philippines and other neighbours
 * inside it <em>are</em> shifted, so declare GCJ-02 only for data that really comes from a Chinese
 * map service. Known limit: a WGS84 point just inside the rectangle edge can be shifted outside it;
 * its inverse then returns it unchanged (an error of a few hundred metres, at the rectangle's edges
 * only, which lie in sea or neighbouring countries). NaN and infinite inputs are returned
 * unchanged.
 */
public final class Gcj02 {

  /** Semi-major axis of the Krasovsky-1940 ellipsoid, metres. */
  private static final double A = 6378245.0;

  /** First eccentricity squared of the Krasovsky-1940 ellipsoid. */
  private static final double EE = 0.00669342162296594323;

  /** The inverse stops when both coordinates moved by less than this, degrees. */
  private static final double INVERSE_TOLERANCE_DEG = 1e-10;

  private static final int INVERSE_MAX_ITERATIONS = 50;

  private Gcj02() {}

  /**
   * True when (lon, lat) lies outside the rectangle lon 72.004..137.8347, lat 0.8293..55.8271 where
   * the published algorithm applies the offset (bounds inclusive as inside). NaN is outside.
   */
  public static boolean outsideChina(double lon, double lat) {
    return !(lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271);
  }

  /** WGS84 lon/lat (degrees) to GCJ-02 lon/lat; identity outside {@link #outsideChina}. */
  public static double[] wgs84ToGcj02(double lon, double lat) {
    if (outsideChina(lon, lat)) {
      return new double[] {lon, lat};
    }
    double[] d = offset(lon, lat);
    return new double[] {lon + d[0], lat + d[1]};
  }

  /**
   * GCJ-02 lon/lat (degrees) to WGS84 lon/lat, by fixed-point iteration on the forward formula to
   * better than 1e-9 degrees; identity outside {@link #outsideChina}.
   */
  public static double[] gcj02ToWgs84(double lon, double lat) {
    if (outsideChina(lon, lat)) {
      return new double[] {lon, lat};
    }
    // Solve wgs + offset(wgs) = gcj. The offset's derivative is ~1e-3, so each step gains about
    // three digits; a handful of iterations reach the tolerance.
    double wLon = lon;
    double wLat = lat;
    for (int i = 0; i < INVERSE_MAX_ITERATIONS; i++) {
      double[] d = offset(wLon, wLat);
      double nextLon = lon - d[0];
      double nextLat = lat - d[1];
      boolean converged =
          Math.abs(nextLon - wLon) < INVERSE_TOLERANCE_DEG
              && Math.abs(nextLat - wLat) < INVERSE_TOLERANCE_DEG;
      wLon = nextLon;
      wLat = nextLat;
      if (converged) {
        break;
      }
    }
    return new double[] {wLon, wLat};
  }

  /**
   * A copy of {@code gcj} with every coordinate converted from GCJ-02 to WGS84 by {@link
   * #gcj02ToWgs84}; the input is not modified. Null gives null; Z/M values are kept.
   */
  public static Geometry toWgs84(Geometry gcj) {
    if (gcj == null) {
      return null;
    }
    Geometry copy = gcj.copy();
    copy.apply(new ToWgs84Filter());
    copy.geometryChanged();
    return copy;
  }

  /** Offset (dLon, dLat) in degrees added by the forward transform at (lon, lat). */
  private static double[] offset(double lon, double lat) {
    double x = lon - 105.0;
    double y = lat - 35.0;
    double dLat = shapeLat(x, y);
    double dLon = shapeLon(x, y);
    double radLat = Math.toRadians(lat);
    double sinLat = Math.sin(radLat);
    double magic = 1 - EE * sinLat * sinLat;
    double sqrtMagic = Math.sqrt(magic);
    // divide the metre-like shape values by the meridian / parallel radius of curvature
    dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
    dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
    return new double[] {dLon, dLat};
  }

  private static double shapeLat(double x, double y) {
    double r =
        -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
    r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320.0 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
    return r;
  }

  private static double shapeLon(double x, double y) {
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
    r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
    return r;
  }

  private static final class ToWgs84Filter implements CoordinateSequenceFilter {
    @Override
    public void filter(CoordinateSequence seq, int i) {
      double[] wgs = gcj02ToWgs84(seq.getX(i), seq.getY(i));
      seq.setOrdinate(i, CoordinateSequence.X, wgs[0]);
      seq.setOrdinate(i, CoordinateSequence.Y, wgs[1]);
    }

    @Override
    public boolean isDone() {
      return false;
    }

    @Override
    public boolean isGeometryChanged() {
      return true;
    }
  }
}
