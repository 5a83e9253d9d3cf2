package org.citycluster.adjacency;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * An areal unit (e.g. a prefecture) for the adjacency engine: an id and a polygonal geometry in
 * WGS84 lon/lat degrees (x = longitude, y = latitude). Ids must be unique within one computation.
 * {@code null} id or geometry is rejected; type checks are left to the consumers.
 */
public record Unit(String id, Geometry geometry) {

  /** Rejects a {@code null} id or geometry. */
  public Unit {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(geometry, "geometry of unit " + id);
  }
}
