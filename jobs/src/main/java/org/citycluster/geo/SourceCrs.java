package org.citycluster.geo;

import java.io.Serial;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.NoSuchAuthorityCodeException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.datum.Datum;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.api.referencing.operation.OperationNotFoundException;
import org.geotools.api.referencing.operation.TransformException;
import org.geotools.geometry.jts.JTS;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.locationtech.jts.geom.Geometry;

/**
 * The coordinate reference system an input source declares in its config, and the conversion of its
 * geometries to WGS84 longitude/latitude degrees (x = lon, y = lat), the pipeline's working CRS.
 *
 * <p>Accepted declarations (surrounding blanks and letter case ignored):
 *
 * <ul>
 *   <li>{@code EPSG:4326} (WGS84) and {@code EPSG:4490} (CGCS2000, within centimetres of WGS84):
 *       the identity, whatever axis order the source file claims; x must be longitude.
 *   <li>{@code GCJ-02} or {@code GCJ02}: Chinese web-map coordinates, converted by {@link
 *       Gcj02#toWgs84}.
 *   <li>any other {@code EPSG:<code>} known to the EPSG database bundled with GeoTools (works
 *       offline; the first use unpacks it, which takes a few seconds), read longitude/easting first
 *       ({@code CRS.decode(code, true)}) and transformed to WGS84. CRSs on the CGCS2000 datum (e.g.
 *       the {@code EPSG:4491..4554} Gauss-Kruger zones), for which the database has no datum shift,
 *       are taken as WGS84 datum, consistent with {@code EPSG:4490}. Any other datum without a
 *       known shift to WGS84 is rejected rather than silently shifted by tens to hundreds of
 *       metres.
 * </ul>
 *
 * <p>Bad input: {@link #parse} throws {@link IllegalArgumentException} naming the value and the
 * accepted forms, for unknown syntax, unknown EPSG codes, CRSs GeoTools cannot build (e.g. {@code
 * EPSG:6933}, whose projection this GeoTools build lacks) and CRSs with no transformation to WGS84
 * (e.g. vertical CRSs). Errors therefore surface when the config is read, not inside a job.
 *
 * <p>Serializable for use in Spark UDFs: only the declaration is serialised; the GeoTools transform
 * is transient and rebuilt lazily on first use after deserialisation. Instances are immutable and
 * thread-safe.
 */
public final class SourceCrs implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  /** Human-readable list of the accepted forms, used in error messages. */
  public static final String ACCEPTED_FORMS =
      "EPSG:4326, EPSG:4490, GCJ-02 (or GCJ02), or EPSG:<code> from the EPSG database";

  private static final Pattern EPSG_CODE = Pattern.compile("EPSG:\\d{1,9}");

  private enum Kind {
    IDENTITY,
    GCJ02,
    EPSG
  }

  private final String declared;
  private final Kind kind;

  /** Normalised authority code, e.g. "EPSG:3857", for {@link Kind#EPSG}; null otherwise. */
  private final String epsgCode;

  private transient volatile MathTransform toWgs84Transform;

  private SourceCrs(String declared, Kind kind, String epsgCode, MathTransform transform) {
    this.declared = declared;
    this.kind = kind;
    this.epsgCode = epsgCode;
    this.toWgs84Transform = transform;
  }

  /**
   * Parses a declared CRS (see the class comment for the accepted forms); EPSG codes are resolved
   * and their transform to WGS84 built here, so an unusable code fails now.
   *
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  public static SourceCrs parse(String declared) {
    if (declared == null) {
      throw new IllegalArgumentException(
          "source CRS is missing (null); expected " + ACCEPTED_FORMS);
    }
    String norm = declared.trim().toUpperCase(Locale.ROOT);
    switch (norm) {
      case "EPSG:4326", "EPSG:4490":
        return new SourceCrs(declared, Kind.IDENTITY, norm, null);
      case "GCJ-02", "GCJ02":
        return new SourceCrs(declared, Kind.GCJ02, null, null);
      default:
        break;
    }
    if (!EPSG_CODE.matcher(norm).matches()) {
      throw new IllegalArgumentException(
          "unknown source CRS '" + declared + "'; expected " + ACCEPTED_FORMS);
    }
    try {
      return new SourceCrs(declared, Kind.EPSG, norm, buildTransform(norm));
    } catch (NoSuchAuthorityCodeException e) {
      throw new IllegalArgumentException(
          "unknown source CRS '"
              + declared
              + "': no such code in the EPSG database; expected "
              + ACCEPTED_FORMS,
          e);
    } catch (FactoryException e) {
      throw new IllegalArgumentException(
          "unusable source CRS '"
              + declared
              + "': "
              + e.getMessage()
              + "; expected "
              + ACCEPTED_FORMS
              + " that can be transformed to WGS84",
          e);
    }
  }

  /** The declaration exactly as given to {@link #parse}. */
  public String declared() {
    return declared;
  }

  /**
   * The geometry in WGS84 longitude/latitude degrees. For the identity declarations this is the
   * input itself, otherwise a transformed copy; the input is never modified. Null gives null.
   *
   * @throws IllegalStateException if a coordinate cannot be transformed (e.g. outside the
   *     projection's domain)
   */
  public Geometry toWgs84(Geometry g) {
    if (g == null) {
      return null;
    }
    switch (kind) {
      case IDENTITY:
        return g;
      case GCJ02:
        return Gcj02.toWgs84(g);
      default:
        try {
          return JTS.transform(g, transform());
        } catch (TransformException e) {
          throw new IllegalStateException(
              "cannot transform geometry from " + epsgCode + " to WGS84: " + e.getMessage(), e);
        }
    }
  }

  private MathTransform transform() {
    MathTransform t = toWgs84Transform;
    if (t == null) {
      try {
        t = buildTransform(epsgCode);
      } catch (FactoryException e) {
        // parse() succeeded with the same code, so only a broken classpath gets here
        throw new IllegalStateException("cannot rebuild transform for " + epsgCode, e);
      }
      toWgs84Transform = t;
    }
    return t;
  }

  private static MathTransform buildTransform(String code) throws FactoryException {
    CoordinateReferenceSystem source = CRS.decode(code, true);
    try {
      return CRS.findMathTransform(source, DefaultGeographicCRS.WGS84, false);
    } catch (OperationNotFoundException noDatumShift) {
      if (isOnCgcs2000Datum(source)) {
        // CGCS2000 and WGS84 agree to centimetres; GeoTools only needs permission to ignore it
        return CRS.findMathTransform(source, DefaultGeographicCRS.WGS84, true);
      }
      throw noDatumShift;
    }
  }

  private static boolean isOnCgcs2000Datum(CoordinateReferenceSystem crs) throws FactoryException {
    Datum cgcs2000 = CRS.getHorizontalCRS(CRS.decode("EPSG:4490", true)).getDatum();
    var horizontal = CRS.getHorizontalCRS(crs);
    return horizontal != null && CRS.equalsIgnoreMetadata(horizontal.getDatum(), cgcs2000);
  }

  /** Equal when they convert the same way (e.g. "gcj02" equals "GCJ-02"). */
  @Override
  public boolean equals(Object o) {
    return o instanceof SourceCrs other
        && kind == other.kind
        && Objects.equals(epsgCode, other.epsgCode);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, epsgCode);
  }

  @Override
  public String toString() {
    return "SourceCrs[" + declared + "]";
  }
}
