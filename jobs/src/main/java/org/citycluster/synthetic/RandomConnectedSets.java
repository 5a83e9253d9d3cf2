package org.citycluster.synthetic;

import java.util.Arrays;

/**
 * Disjoint random connected sets of grid cells, for the {@code random} cluster layout. Cells are
 * numbered as in {@link SyntheticTiling} ({@code n} cells, row-major, {@code cols} per row, the
 * last row possibly partly filled); neighbours are rook neighbours (same row ±1 column, same column
 * ±1 row) inside the tiling.
 *
 * <p>Set {@code k} gets a target size drawn uniformly from {@code minSize..maxSize}, then grows
 * from a uniformly chosen free cell by repeatedly adding a uniformly chosen cell of its current
 * frontier (the free cells, not in any set, rook-adjacent to the set; each counted once) until it
 * reaches the target. If the frontier runs out first (the set is boxed in by the border and other
 * sets), the attempt is discarded and the set regrown from another free seed cell, up to {@link
 * #MAX_ATTEMPTS} times; then, or when {@code count × minSize > n}, {@link
 * IllegalArgumentException}. So every set has exactly its drawn size. All draws come from {@link
 * Draws} under the seed: the same arguments give the same sets. Time and memory O(n + total size).
 */
public final class RandomConnectedSets {

  /** Attempts per set before giving up. */
  public static final int MAX_ATTEMPTS = 100;

  private static final long STREAM = 0xC1A57E5L;

  private RandomConnectedSets() {}

  /**
   * The sets, each in growth order (its first cell is the seed cell).
   *
   * @param n cells in the tiling
   * @param cols cells per row
   */
  public static int[][] grow(int n, int cols, int count, int minSize, int maxSize, long seed) {
    if ((long) count * minSize > n) {
      throw new IllegalArgumentException(
          "clusters (--clusters random:"
              + count
              + ":"
              + minSize
              + "-"
              + maxSize
              + "): "
              + count
              + " clusters of at least "
              + minSize
              + " cells do not fit in "
              + n
              + " units");
    }
    Draws draws = new Draws(seed, STREAM);
    int[] owner = new int[n];
    Arrays.fill(owner, -1);
    int[] mark = new int[n];
    int stamp = 0;
    int free = n;
    int[] frontier = new int[16];
    int[] nb = new int[4];
    int[][] sets = new int[count][];
    for (int k = 0; k < count; k++) {
      int target = minSize + draws.nextInt(maxSize - minSize + 1);
      int[] cells = new int[target];
      for (int attempt = 0; attempt < MAX_ATTEMPTS && sets[k] == null; attempt++) {
        int start = freeCell(draws, owner, free);
        if (start < 0) {
          break;
        }
        stamp++;
        int size = 0;
        int fsize = 0;
        mark[start] = stamp;
        int next = start;
        while (true) {
          owner[next] = k;
          cells[size++] = next;
          free--;
          if (size == target) {
            break;
          }
          int deg = neighbours(next, n, cols, nb);
          for (int d = 0; d < deg; d++) {
            int c = nb[d];
            if (owner[c] < 0 && mark[c] != stamp) {
              mark[c] = stamp;
              if (fsize == frontier.length) {
                frontier = Arrays.copyOf(frontier, 2 * fsize);
              }
              frontier[fsize++] = c;
            }
          }
          if (fsize == 0) {
            break;
          }
          int j = draws.nextInt(fsize);
          next = frontier[j];
          frontier[j] = frontier[--fsize];
        }
        if (size == target) {
          sets[k] = cells;
        } else {
          for (int x = 0; x < size; x++) {
            owner[cells[x]] = -1;
          }
          free += size;
        }
      }
      if (sets[k] == null) {
        throw new IllegalArgumentException(
            "clusters (--clusters random:"
                + count
                + ":"
                + minSize
                + "-"
                + maxSize
                + "): could not grow cluster syn"
                + k
                + " to "
                + target
                + " connected free cells in "
                + MAX_ATTEMPTS
                + " attempts among "
                + n
                + " units; use fewer or smaller clusters");
      }
    }
    return sets;
  }

  /** The rook neighbours of cell {@code c} into {@code out}; returns how many. */
  static int neighbours(int c, int n, int cols, int[] out) {
    int col = c % cols;
    int deg = 0;
    if (col > 0) {
      out[deg++] = c - 1;
    }
    if (col + 1 < cols && c + 1 < n) {
      out[deg++] = c + 1;
    }
    if (c - cols >= 0) {
      out[deg++] = c - cols;
    }
    if (c + cols < n) {
      out[deg++] = c + cols;
    }
    return deg;
  }

  /** A uniformly chosen free cell (-1 if none): by rejection, else by counting. */
  private static int freeCell(Draws draws, int[] owner, int free) {
    if (free <= 0) {
      return -1;
    }
    for (int t = 0; t < 64; t++) {
      int c = draws.nextInt(owner.length);
      if (owner[c] < 0) {
        return c;
      }
    }
    int r = draws.nextInt(free);
    for (int c = 0; c < owner.length; c++) {
      if (owner[c] < 0 && r-- == 0) {
        return c;
      }
    }
    throw new IllegalStateException("free count " + free + " does not match the cells");
  }
}
