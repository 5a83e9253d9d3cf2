package org.citycluster.adjacency;

/**
 * How two units touch. {@link #ROOK}: the boundaries share a line of positive length (DE-9IM {@code
 * F***1****}). {@link #QUEEN}: they share only isolated points. The libpysal "queen" neighbour set
 * is ROOK ∪ QUEEN.
 */
public enum ContiguityRelation {
  ROOK,
  QUEEN
}
