package org.citycluster.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.sedona_sql.UDT.GeometryUDT;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.citycluster.geo.GeodesicMeasures;
import org.citycluster.geo.GeometryRepair;
import org.citycluster.geo.RegionUnion;
import org.citycluster.geo.SourceCrs;
import org.citycluster.geo.UnitMeasures;
import org.citycluster.io.GeoJsonGeometry;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Spark SQL functions that hand geometries to the plain-Java logic in {@code org.citycluster.geo}
 * (the thin engine layer, as Sedona's {@code Functions.scala} wraps its {@code common} module):
 *
 * <ul>
 *   <li>{@code cc_prepare_geometry(geometry, crs)}: struct(geometry, status, problem) — validated
 *       and repaired ({@link GeometryRepair}), then converted from the declared CRS to WGS84
 *       lon/lat ({@link SourceCrs}); status VALID, REPAIRED or QUARANTINED; a geometry whose extent
 *       looks like swapped lat/lon is QUARANTINED;
 *   <li>{@code cc_geometry_from_geojson(text)}, {@code cc_geometry_from_wkb(binary)}:
 *       struct(geometry, status, problem) — the source's geometry parsed in the task ({@link
 *       GeoJsonGeometry}, JTS WKB) and sanitised ({@link GeometryRepair#sanitize}); status null (as
 *       read), REPAIRED or QUARANTINED (geometry null), so that nothing Sedona cannot take reaches
 *       a geometry column;
 *   <li>{@code cc_unit_measures(geometry)}: struct(area_km2, perimeter_km, centroid_lon,
 *       centroid_lat, point_on_surface_lon, point_on_surface_lat) ({@link UnitMeasures});
 *   <li>{@code cc_area_km2(geometry)}: geodesic area in km²;
 *   <li>{@code cc_geodesic_km(lon_a, lat_a, lon_b, lat_b)}: geodesic distance in km on WGS84
 *       ({@link GeodesicMeasures#distanceKm}), from point a to point b;
 *   <li>{@code cc_region_union(array<struct<id string, geometry>>)}: the union of the members'
 *       geometries ({@link RegionUnion}: a coverage union where the members tile the region), taken
 *       in the order of their ids so the result does not depend on row order; null for no member
 *       with area.
 * </ul>
 */
public final class GeometryFunctions {

  public static final StructType PREPARED =
      new StructType()
          .add("geometry", new GeometryUDT(), true)
          .add("status", DataTypes.StringType, false)
          .add("problem", DataTypes.StringType, true);

  /** A geometry as read from the source: status null (as read), REPAIRED or QUARANTINED. */
  public static final StructType READ =
      new StructType()
          .add("geometry", new GeometryUDT(), true)
          .add("status", DataTypes.StringType, true)
          .add("problem", DataTypes.StringType, true);

  public static final StructType MEASURES =
      new StructType()
          .add("area_km2", DataTypes.DoubleType, false)
          .add("perimeter_km", DataTypes.DoubleType, false)
          .add("centroid_lon", DataTypes.DoubleType, false)
          .add("centroid_lat", DataTypes.DoubleType, false)
          .add("point_on_surface_lon", DataTypes.DoubleType, false)
          .add("point_on_surface_lat", DataTypes.DoubleType, false);

  /** Parsed CRS declarations, per executor JVM: parsing an EPSG code is not free. */
  private static final java.util.Map<String, SourceCrs> PARSED_CRS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private GeometryFunctions() {}

  /** Registers the functions on the session (idempotent). */
  public static void register(SparkSession spark) {
    if (spark.catalog().functionExists("cc_prepare_geometry")) {
      return;
    }
    spark
        .udf()
        .register(
            "cc_geodesic_km",
            (UDF4<Double, Double, Double, Double, Double>) GeodesicMeasures::distanceKm,
            DataTypes.DoubleType);
    spark
        .udf()
        .register(
            "cc_prepare_geometry",
            (UDF2<Geometry, String, Row>) GeometryFunctions::prepare,
            PREPARED);
    spark
        .udf()
        .register(
            "cc_geometry_from_geojson", (UDF1<String, Row>) GeometryFunctions::fromGeoJson, READ);
    spark
        .udf()
        .register("cc_geometry_from_wkb", (UDF1<byte[], Row>) GeometryFunctions::fromWkb, READ);
    spark
        .udf()
        .register(
            "cc_unit_measures",
            (UDF1<Geometry, Row>)
                g -> {
                  UnitMeasures m = UnitMeasures.of(g);
                  return RowFactory.create(
                      m.areaKm2(),
                      m.perimeterKm(),
                      m.centroidLon(),
                      m.centroidLat(),
                      m.pointOnSurfaceLon(),
                      m.pointOnSurfaceLat());
                },
            MEASURES);
    spark
        .udf()
        .register(
            "cc_area_km2",
            (UDF1<Geometry, Double>) g -> g == null ? null : GeodesicMeasures.areaKm2(g),
            DataTypes.DoubleType);
    spark
        .udf()
        .register(
            "cc_region_union",
            (UDF1<scala.collection.Seq<Row>, Geometry>) GeometryFunctions::regionUnion,
            new GeometryUDT());
  }

  static Geometry regionUnion(scala.collection.Seq<Row> members) {
    if (members == null) {
      return null;
    }
    List<Row> rows = new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(members));
    rows.removeIf(java.util.Objects::isNull);
    rows.sort(Comparator.comparing((Row r) -> r.getString(0)));
    List<Geometry> geometries = new ArrayList<>(rows.size());
    for (Row r : rows) {
      geometries.add((Geometry) r.get(1));
    }
    return RegionUnion.union(geometries);
  }

  /** A GeoJSON geometry's text as a READ row: parsed ({@link GeoJsonGeometry}), then sanitised. */
  static Row fromGeoJson(String json) {
    GeoJsonGeometry.Parsed parsed = GeoJsonGeometry.parse(json);
    if (parsed.error() != null) {
      return RowFactory.create(null, GeometryRepair.Status.QUARANTINED.name(), parsed.error());
    }
    return sanitized(parsed.geometry(), parsed.repairs());
  }

  /** A WKB geometry as a READ row: parsed by JTS, then sanitised. */
  static Row fromWkb(byte[] wkb) {
    if (wkb == null) {
      return RowFactory.create(null, null, null);
    }
    try {
      return sanitized(new WKBReader().read(wkb), List.of());
    } catch (ParseException | RuntimeException e) {
      return RowFactory.create(
          null, GeometryRepair.Status.QUARANTINED.name(), "unreadable WKB: " + e.getMessage());
    }
  }

  /** {@code g} sanitised ({@link GeometryRepair#sanitize}) as a READ row, with earlier repairs. */
  static Row sanitized(Geometry g, List<String> repairs) {
    GeometryRepair.Result r = GeometryRepair.sanitize(g);
    if (r.status() == GeometryRepair.Status.QUARANTINED) {
      return RowFactory.create(null, r.status().name(), r.problem());
    }
    List<String> notes = new ArrayList<>(repairs);
    if (r.problem() != null) {
      notes.add(r.problem());
    }
    return notes.isEmpty()
        ? RowFactory.create(r.geometry(), null, null)
        : RowFactory.create(
            r.geometry(), GeometryRepair.Status.REPAIRED.name(), String.join("; ", notes));
  }

  static Row prepare(Geometry source, String crs) {
    GeometryRepair.Result sanitized = GeometryRepair.sanitize(source);
    if (sanitized.status() == GeometryRepair.Status.QUARANTINED) {
      return RowFactory.create(null, sanitized.status().name(), sanitized.problem());
    }
    GeometryRepair.Result checked;
    Geometry wgs84;
    try {
      checked = GeometryRepair.check(sanitized.geometry());
      if (checked.status() == GeometryRepair.Status.QUARANTINED) {
        return RowFactory.create(null, checked.status().name(), checked.problem());
      }
      wgs84 = PARSED_CRS.computeIfAbsent(crs, SourceCrs::parse).toWgs84(checked.geometry());
    } catch (RuntimeException e) {
      return RowFactory.create(
          null,
          GeometryRepair.Status.QUARANTINED.name(),
          "geometry could not be repaired or converted from " + crs + ": " + e.getMessage());
    }
    if (GeometryRepair.looksLikeSwappedLonLat(wgs84.getEnvelopeInternal())) {
      return RowFactory.create(
          null,
          GeometryRepair.Status.QUARANTINED.name(),
          "coordinates look like (lat, lon) instead of (lon, lat): extent "
              + wgs84.getEnvelopeInternal()
              + " fits China only with x and y swapped");
    }
    String outside = GeometryRepair.outsideLonLatRange(wgs84.getEnvelopeInternal());
    if (outside != null) {
      return RowFactory.create(null, GeometryRepair.Status.QUARANTINED.name(), outside);
    }
    wgs84.setSRID(4326);
    String problem =
        sanitized.problem() == null
            ? checked.problem()
            : checked.problem() == null
                ? sanitized.problem()
                : sanitized.problem() + "; " + checked.problem();
    String status =
        sanitized.status() == GeometryRepair.Status.REPAIRED
            ? GeometryRepair.Status.REPAIRED.name()
            : checked.status().name();
    return RowFactory.create(wgs84, status, problem);
  }
}
