package org.citycluster.verdict;

import java.io.Serializable;

/**
 * Sufficient statistics of the symmetric log-linear gravity fit {@code y = b0 + b1·s + b2·z} over
 * unordered pairs, with {@code y = log(1 + F_ab)}, {@code s = log M_a + log M_b} and {@code z = log
 * d_ab} (natural logs; M = √(P·G), d in km): the count and the first and second moments. Summing
 * them over a Dataset of pairs and solving on the driver is the whole fit (a 3×3 system): nothing
 * else of the pairs is held in one place.
 *
 * <p>The fit equals {@code FittedGravity}'s OLS with both orientations of every pair (its {@code b1
 * = b2} is then this {@code b1}): the symmetric design makes the two mass coefficients equal, and
 * with them equal the ordered-pair sum of squares is twice this one.
 */
public record GravitySums(
    long n,
    double s,
    double z,
    double y,
    double ss,
    double sz,
    double zz,
    double sy,
    double zy,
    double yy)
    implements Serializable {

  /** No pairs. */
  public static final GravitySums EMPTY = new GravitySums(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** These sums plus one pair (for tests and small inputs; Spark sums the columns itself). */
  public GravitySums add(double sv, double zv, double yv) {
    return new GravitySums(
        n + 1,
        s + sv,
        z + zv,
        y + yv,
        ss + sv * sv,
        sz + sv * zv,
        zz + zv * zv,
        sy + sv * yv,
        zy + zv * yv,
        yy + yv * yv);
  }

  /** A mutable accumulator of the same moments (one per task; adds in the caller's order). */
  public static final class Accumulator {
    private long n;
    private double s;
    private double z;
    private double y;
    private double ss;
    private double sz;
    private double zz;
    private double sy;
    private double zy;
    private double yy;

    /** Adds one pair. */
    public void add(double sv, double zv, double yv) {
      n++;
      s += sv;
      z += zv;
      y += yv;
      ss += sv * sv;
      sz += sv * zv;
      zz += zv * zv;
      sy += sv * yv;
      zy += zv * yv;
      yy += yv * yv;
    }

    /** The sums so far. */
    public GravitySums sums() {
      return new GravitySums(n, s, z, y, ss, sz, zz, sy, zy, yy);
    }
  }

  /** The moments in declaration order after {@link #n}: s, z, y, ss, sz, zz, sy, zy, yy. */
  public double[] moments() {
    return new double[] {s, z, y, ss, sz, zz, sy, zy, yy};
  }

  /**
   * Solves the normal equations from centred moments. Null when fewer than 4 pairs, or when {@code
   * s} and {@code z} are (numerically) collinear or constant: the fit is then undefined and every
   * residual is null.
   */
  public GravityCoefficients fit() {
    return fit(4);
  }

  /**
   * As {@link #fit()} with another least number of pairs (at least 3, the parameters): {@code
   * city_pairs.rail_gravity_residual} fits from 3 pairs on, as {@code FittedGravity} with both
   * orientations of each pair does.
   */
  public GravityCoefficients fit(int minPairs) {
    if (minPairs < 3) {
      throw new IllegalArgumentException("minPairs must be at least 3, got " + minPairs);
    }
    if (n < minPairs) {
      return null;
    }
    double ms = s / n;
    double mz = z / n;
    double my = y / n;
    double css = ss - s * ms;
    double csz = sz - s * mz;
    double czz = zz - z * mz;
    double csy = sy - s * my;
    double czy = zy - z * my;
    double cyy = yy - y * my;
    double det = css * czz - csz * csz;
    if (!(css > 0) || !(czz > 0) || !(det > 1e-10 * css * czz)) {
      return null;
    }
    double b1 = (csy * czz - czy * csz) / det;
    double b2 = (czy * css - csy * csz) / det;
    double b0 = my - b1 * ms - b2 * mz;
    double ssr = cyy - b1 * csy - b2 * czy;
    double r2 = cyy > 0 ? 1 - ssr / cyy : Double.NaN;
    return new GravityCoefficients(b0, b1, b2, n, r2);
  }
}
