package org.citycluster.metrics;

/**
 * Sectoral specialisation and complementarity of regions (Krugman 1991).
 *
 * <p>With a volume matrix {@code E} (rows = regions r, columns = sectors i; e.g. employment or
 * value added), region shares are {@code s_ri = E_ri / E_r} and total shares {@code S_i = E_i / E}.
 * Then
 *
 * <ul>
 *   <li>location quotient {@code LQ_ri = s_ri / S_i = (E_ri / E_r) / (E_i / E)} (dimensionless, 1 =
 *       national/cluster average, &gt; 1 = specialised);
 *   <li>Krugman specialisation {@code K_r = Σ_i |s_ri − S_i|}, in 0..2;
 *   <li>pairwise dissimilarity {@code K_rs = Σ_i |s_ri − s_si|}, in 0..2, a complementarity proxy
 *       (high = different sector mixes);
 *   <li>dominant sector = index of the largest LQ of a region (ties: lowest index).
 * </ul>
 *
 * <p>Alternatively the input may be share rows (e.g. primary/secondary/tertiary shares of GDP in
 * 0..1, or percentages): each row is rescaled to sum to 1, and the total shares {@code S_i} are the
 * weighted mean of the rows, with the given region weights (e.g. GDP) or equal weights. Share rows
 * with weights {@code w} are thus equivalent to volumes {@code E_ri = w_r s_ri}.
 *
 * <p>Bad input throws {@link IllegalArgumentException} naming the argument: null, empty or ragged
 * matrix, negative or non-finite entry, a region whose row sums to 0, a sector with zero total, or
 * weights of the wrong length / negative / all zero.
 */
public final class Specialisation {

  private final double[][] shares;
  private final double[] total;

  private Specialisation(double[][] shares, double[] total) {
    this.shares = shares;
    this.total = total;
  }

  /** From a volume matrix E (rows = regions, columns = sectors). */
  public static Specialisation ofVolumes(double[][] volumes) {
    int[] dims = checkRows("volumes", volumes);
    int regions = dims[0];
    int sectors = dims[1];
    double grand = 0;
    double[] colTotal = new double[sectors];
    double[][] s = new double[regions][sectors];
    for (int r = 0; r < regions; r++) {
      double rowTotal = 0;
      for (int i = 0; i < sectors; i++) {
        rowTotal += volumes[r][i];
        colTotal[i] += volumes[r][i];
      }
      if (rowTotal <= 0) {
        throw new IllegalArgumentException("volumes: region " + r + " has zero total");
      }
      for (int i = 0; i < sectors; i++) {
        s[r][i] = volumes[r][i] / rowTotal;
      }
      grand += rowTotal;
    }
    double[] total = new double[sectors];
    for (int i = 0; i < sectors; i++) {
      if (colTotal[i] <= 0) {
        throw new IllegalArgumentException("volumes: sector " + i + " has zero total");
      }
      total[i] = colTotal[i] / grand;
    }
    return new Specialisation(s, total);
  }

  /** From share rows with equal region weights (S_i = unweighted mean of the rows). */
  public static Specialisation ofShares(double[][] shares) {
    int[] dims = checkRows("shares", shares);
    double[] w = new double[dims[0]];
    java.util.Arrays.fill(w, 1.0);
    return ofShares(shares, w);
  }

  /**
   * From share rows, each rescaled to sum to 1, with region weights (e.g. GDP) used for the total
   * shares {@code S_i = Σ_r w_r s_ri / Σ_r w_r}.
   */
  public static Specialisation ofShares(double[][] shares, double[] weights) {
    int[] dims = checkRows("shares", shares);
    Checks.sameLength("weights", weights, dims[0]);
    Checks.allNonNegative("weights", weights);
    double[][] s = new double[dims[0]][dims[1]];
    double[] total = new double[dims[1]];
    double wsum = 0;
    for (int r = 0; r < dims[0]; r++) {
      double rowTotal = 0;
      for (double v : shares[r]) {
        rowTotal += v;
      }
      if (rowTotal <= 0) {
        throw new IllegalArgumentException("shares: region " + r + " has zero total");
      }
      for (int i = 0; i < dims[1]; i++) {
        s[r][i] = shares[r][i] / rowTotal;
        total[i] += weights[r] * s[r][i];
      }
      wsum += weights[r];
    }
    if (wsum <= 0) {
      throw new IllegalArgumentException("weights must not all be zero");
    }
    for (int i = 0; i < dims[1]; i++) {
      if (total[i] <= 0) {
        throw new IllegalArgumentException("shares: sector " + i + " has zero weighted total");
      }
      total[i] /= wsum;
    }
    return new Specialisation(s, total);
  }

  private static int[] checkRows(String name, double[][] m) {
    if (m == null || m.length == 0) {
      throw new IllegalArgumentException(name + " must have at least one region");
    }
    if (m[0] == null || m[0].length == 0) {
      throw new IllegalArgumentException(name + " must have at least one sector");
    }
    int sectors = m[0].length;
    for (int r = 0; r < m.length; r++) {
      if (m[r] == null || m[r].length != sectors) {
        throw new IllegalArgumentException(
            name + " is ragged: row " + r + " does not have " + sectors + " sectors");
      }
      for (int i = 0; i < sectors; i++) {
        Checks.nonNegative(name + "[" + r + "][" + i + "]", m[r][i]);
      }
    }
    return new int[] {m.length, sectors};
  }

  /** Number of regions. */
  public int regions() {
    return shares.length;
  }

  /** Number of sectors. */
  public int sectors() {
    return total.length;
  }

  /** Region shares {@code s_ri} (a copy; each row sums to 1). */
  public double[][] regionShares() {
    double[][] out = new double[shares.length][];
    for (int r = 0; r < shares.length; r++) {
      out[r] = shares[r].clone();
    }
    return out;
  }

  /** Total shares {@code S_i} (a copy; sums to 1). */
  public double[] totalShares() {
    return total.clone();
  }

  /** {@code LQ_ri = s_ri / S_i}. */
  public double locationQuotient(int region, int sector) {
    checkRegion("region", region);
    if (sector < 0 || sector >= total.length) {
      throw new IllegalArgumentException("sector out of range: " + sector);
    }
    return shares[region][sector] / total[sector];
  }

  /** All location quotients, {@code [region][sector]}. */
  public double[][] locationQuotients() {
    double[][] lq = new double[shares.length][total.length];
    for (int r = 0; r < shares.length; r++) {
      for (int i = 0; i < total.length; i++) {
        lq[r][i] = shares[r][i] / total[i];
      }
    }
    return lq;
  }

  /** Krugman specialisation {@code K_r = Σ_i |s_ri − S_i|} per region (0..2). */
  public double[] krugman() {
    double[] k = new double[shares.length];
    for (int r = 0; r < shares.length; r++) {
      for (int i = 0; i < total.length; i++) {
        k[r] += Math.abs(shares[r][i] - total[i]);
      }
    }
    return k;
  }

  /**
   * {@link #dissimilarity} of two share rows on their own: each rescaled to sum to 1 as {@link
   * #ofShares(double[][], double[])} does, then {@code Σ_i |s_ri − s_si|} (0..2), the same double.
   * Rows of different lengths, negative or non-finite entries, or a zero row throw {@link
   * IllegalArgumentException}.
   */
  public static double shareDissimilarity(double[] r, double[] s) {
    checkRows("shares", new double[][] {r, s});
    double[] a = rescaled(r, 0);
    double[] b = rescaled(s, 1);
    double k = 0;
    for (int i = 0; i < a.length; i++) {
      k += Math.abs(a[i] - b[i]);
    }
    return k;
  }

  /** A share row divided by its total, as in {@link #ofShares(double[][], double[])}. */
  private static double[] rescaled(double[] row, int region) {
    double rowTotal = 0;
    for (double v : row) {
      rowTotal += v;
    }
    if (rowTotal <= 0) {
      throw new IllegalArgumentException("shares: region " + region + " has zero total");
    }
    double[] out = new double[row.length];
    for (int i = 0; i < row.length; i++) {
      out[i] = row[i] / rowTotal;
    }
    return out;
  }

  /** Pairwise dissimilarity {@code K_rs = Σ_i |s_ri − s_si|} (0..2). */
  public double dissimilarity(int r, int s) {
    checkRegion("r", r);
    checkRegion("s", s);
    double k = 0;
    for (int i = 0; i < total.length; i++) {
      k += Math.abs(shares[r][i] - shares[s][i]);
    }
    return k;
  }

  /** Symmetric matrix of {@code K_rs}, zero diagonal. */
  public double[][] dissimilarityMatrix() {
    int n = shares.length;
    double[][] k = new double[n][n];
    for (int r = 0; r < n; r++) {
      for (int s = r + 1; s < n; s++) {
        k[r][s] = dissimilarity(r, s);
        k[s][r] = k[r][s];
      }
    }
    return k;
  }

  /** Index of the sector with the largest LQ for each region; ties go to the lowest index. */
  public int[] dominantSectors() {
    double[][] lq = locationQuotients();
    int[] out = new int[lq.length];
    for (int r = 0; r < lq.length; r++) {
      int best = 0;
      for (int i = 1; i < lq[r].length; i++) {
        if (lq[r][i] > lq[r][best]) {
          best = i;
        }
      }
      out[r] = best;
    }
    return out;
  }

  private void checkRegion(String name, int r) {
    if (r < 0 || r >= shares.length) {
      throw new IllegalArgumentException(name + " out of range: " + r);
    }
  }
}
