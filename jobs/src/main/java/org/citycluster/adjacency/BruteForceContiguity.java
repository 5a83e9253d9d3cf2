package org.citycluster.adjacency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.citycluster.geo.GeodesicMeasures;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Reference contiguity by plain JTS predicates, independent of {@link ContiguityBuilder}'s hashing:
 * candidate pairs come from an {@link STRtree} of unit envelopes; for each candidate the exact
 * intersection of the two boundaries is computed (OverlayNG, floating precision, no tolerance).
 * Dimension 1 → {@link ContiguityRelation#ROOK} with the geodesic length (km, WGS84) of the linear
 * part; dimension 0 → {@link ContiguityRelation#QUEEN}; empty → not a pair.
 *
 * <p>Same input contract as {@link ContiguityBuilder} (unique ids, polygonal lon/lat geometries,
 * else {@link IllegalArgumentException}). Limits: exact arithmetic only, so borders whose two sides
 * are not identical (different vertices, sub-tolerance offsets) are missed or reported as points;
 * cost is one boundary overlay per envelope-overlapping pair (seconds on the real layers), which is
 * why it is a test reference and not the engine.
 */
public final class BruteForceContiguity {

  /** All touching pairs of {@code units}, sorted by (idA, idB). */
  public List<ContiguityPair> build(List<Unit> units) {
    ContiguityBuilder.checkUnits(units);
    STRtree tree = new STRtree();
    List<Geometry> boundaries = new ArrayList<>(units.size());
    for (int i = 0; i < units.size(); i++) {
      Geometry g = units.get(i).geometry();
      boundaries.add(g.getBoundary());
      if (!g.isEmpty()) {
        tree.insert(g.getEnvelopeInternal(), i);
      }
    }
    List<ContiguityPair> result = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      Geometry gi = units.get(i).geometry();
      if (gi.isEmpty()) {
        continue;
      }
      for (Object o : tree.query(gi.getEnvelopeInternal())) {
        int j = (Integer) o;
        if (j <= i) {
          continue;
        }
        Geometry common =
            OverlayNGRobust.overlay(boundaries.get(i), boundaries.get(j), OverlayNG.INTERSECTION);
        if (common.isEmpty()) {
          continue;
        }
        String a = units.get(i).id();
        String b = units.get(j).id();
        if (common.getDimension() >= 1) {
          result.add(
              ContiguityPair.of(
                  a, b, ContiguityRelation.ROOK, GeodesicMeasures.lineLengthKm(common)));
        } else {
          result.add(ContiguityPair.of(a, b, ContiguityRelation.QUEEN, 0));
        }
      }
    }
    result.sort(Comparator.comparing(ContiguityPair::idA).thenComparing(ContiguityPair::idB));
    return result;
  }
}
