package org.citycluster.adjacency;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.citycluster.geo.GeodesicMeasures;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Centroid-distance neighbours: the k nearest units of every unit, and all pairs of units within a
 * distance band.
 *
 * <p>The centroid of a unit is the JTS centroid of its geometry computed in lon/lat degrees (planar
 * centroid of the degree coordinates; for a multi-part unit it may fall outside the unit, e.g. in
 * the sea). Distances between centroids are WGS84 geodesic distances in km ({@link
 * GeodesicMeasures}). Candidate centroids come from an {@link STRtree} queried with a
 * latitude/longitude box that is guaranteed to contain the search circle; the k-nearest search
 * doubles its radius until it holds k centroids, so no all-pairs loop is run. Ties are broken by
 * id. Units with an empty geometry and duplicate ids raise {@link IllegalArgumentException}. Limit:
 * boxes are not wrapped at the antimeridian (irrelevant for China).
 */
public final class NearestNeighbours {

  private static final double MIN_KM_PER_DEGREE_LAT = 110.0; // true minimum 110.57 km
  private static final double MIN_KM_PER_DEGREE_LON_AT_EQUATOR = 111.0; // times cos(lat); 111.32
  private static final double HALF_EARTH_KM = 20_100;

  private final List<String> ids = new ArrayList<>();
  private final Map<String, Coordinate> centroids = new HashMap<>();
  private final STRtree tree = new STRtree();

  /** Indexes the centroids of {@code units}. */
  public NearestNeighbours(List<Unit> units) {
    for (Unit u : units) {
      if (u.geometry().isEmpty()) {
        throw new IllegalArgumentException("unit " + u.id() + " has an empty geometry");
      }
      Coordinate c = u.geometry().getCentroid().getCoordinate();
      if (centroids.put(u.id(), c) != null) {
        throw new IllegalArgumentException("duplicate unit id " + u.id());
      }
      ids.add(u.id());
      tree.insert(new Envelope(c), u.id());
    }
    tree.build();
  }

  /** Centroid of unit {@code id}, lon/lat degrees (x = lon, y = lat). */
  public Coordinate centroid(String id) {
    Coordinate c = centroids.get(id);
    if (c == null) {
      throw new IllegalArgumentException("unknown unit id " + id);
    }
    return c.copy();
  }

  /** Geodesic distance between the centroids of two units, km. */
  public double distanceKm(String a, String b) {
    Coordinate p = centroid(a);
    Coordinate q = centroid(b);
    return GeodesicMeasures.distanceKm(p.x, p.y, q.x, q.y);
  }

  /**
   * For every unit (in input order), its {@code k} nearest other units by centroid distance,
   * nearest first ({@code min(k, n − 1)} of them).
   */
  public List<CentroidDistance> kNearest(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1: " + k);
    }
    int wanted = Math.min(k, ids.size() - 1);
    List<CentroidDistance> result = new ArrayList<>();
    for (String id : ids) {
      double radius = 50;
      List<CentroidDistance> near;
      while (true) {
        near = within(id, radius);
        if (near.size() >= wanted || radius > HALF_EARTH_KM) {
          break;
        }
        radius *= 2;
      }
      near.sort(byDistanceThenId());
      result.addAll(near.subList(0, wanted));
    }
    return result;
  }

  /**
   * All unordered pairs with {@code minKm ≤ distance ≤ maxKm}, each once with {@code from < to},
   * sorted by (from, to).
   */
  public List<CentroidDistance> withinBand(double minKm, double maxKm) {
    if (!(minKm >= 0) || !(maxKm >= minKm)) {
      throw new IllegalArgumentException("bad band [" + minKm + ", " + maxKm + "]");
    }
    List<CentroidDistance> result = new ArrayList<>();
    for (String id : ids) {
      for (CentroidDistance d : within(id, maxKm)) {
        if (id.compareTo(d.to()) < 0 && d.km() >= minKm) {
          result.add(d);
        }
      }
    }
    result.sort(Comparator.comparing(CentroidDistance::from).thenComparing(CentroidDistance::to));
    return result;
  }

  /** Other units whose centroid lies within {@code radiusKm} of {@code id}'s centroid. */
  private List<CentroidDistance> within(String id, double radiusKm) {
    Coordinate c = centroids.get(id);
    Envelope box = searchBox(c.x, c.y, radiusKm);
    List<CentroidDistance> found = new ArrayList<>();
    for (Object o : tree.query(box)) {
      String other = (String) o;
      if (other.equals(id)) {
        continue;
      }
      Coordinate q = centroids.get(other);
      double km = GeodesicMeasures.distanceKm(c.x, c.y, q.x, q.y);
      if (km <= radiusKm) {
        found.add(new CentroidDistance(id, other, km));
      }
    }
    return found;
  }

  /**
   * The lon/lat box (degrees) that contains every point within {@code radiusKm} (geodesic) of (lon,
   * lat): the search box of {@link #kNearest} and {@link #withinBand}. A radius that is not finite
   * or exceeds half the Earth's circumference gives a box holding the whole globe.
   */
  public static Envelope searchBox(double lon, double lat, double radiusKm) {
    if (!(radiusKm <= HALF_EARTH_KM)) {
      return new Envelope(lon - 360, lon + 360, -180, 180);
    }
    double dLat = radiusKm / MIN_KM_PER_DEGREE_LAT;
    double maxAbsLat = Math.min(90, Math.abs(lat) + dLat);
    double cos = Math.cos(Math.toRadians(maxAbsLat));
    double dLon =
        maxAbsLat >= 89.9
            ? 360
            : Math.min(360, radiusKm / (MIN_KM_PER_DEGREE_LON_AT_EQUATOR * cos));
    return new Envelope(lon - dLon, lon + dLon, lat - dLat, lat + dLat);
  }

  /** A unit's centroid, lon/lat degrees: a candidate of {@link #kNearestOf}. */
  public record Centroid(String id, double lon, double lat) {}

  /**
   * The {@code k} nearest of {@code candidates} to unit {@code from} at (lon, lat), nearest first,
   * with {@link #kNearest}'s distance (geodesic km from {@code from}'s centroid) and tie-break (by
   * id); {@code from} itself and repeated ids are skipped; {@code min(k, distinct others)} rows.
   * Equals {@link #kNearest}'s rows of {@code from} whenever {@code candidates} hold every unit
   * whose distance is at most that of {@code from}'s k-th nearest: the ranking task of the
   * distributed k nearest neighbours ({@code org.citycluster.stages.adjacency.NearestUnits}).
   */
  public static List<CentroidDistance> kNearestOf(
      String from, double lon, double lat, Collection<Centroid> candidates, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1: " + k);
    }
    List<CentroidDistance> near = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Centroid c : candidates) {
      if (!c.id().equals(from) && seen.add(c.id())) {
        near.add(
            new CentroidDistance(
                from, c.id(), GeodesicMeasures.distanceKm(lon, lat, c.lon(), c.lat())));
      }
    }
    near.sort(byDistanceThenId());
    return new ArrayList<>(near.subList(0, Math.min(k, near.size())));
  }

  private static Comparator<CentroidDistance> byDistanceThenId() {
    return Comparator.comparingDouble(CentroidDistance::km).thenComparing(CentroidDistance::to);
  }
}
