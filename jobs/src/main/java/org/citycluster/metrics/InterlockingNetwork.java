package org.citycluster.metrics;

import java.util.Arrays;

/**
 * Taylor's (2001) interlocking network model. From a service-value matrix {@code V} (rows = cities
 * a, columns = "firms" j; in this project trains play the firms and {@code v_aj} is the service a
 * train gives a city, e.g. 1 per stop or the seats offered) the city-dyad connectivity is
 *
 * <pre>  r_ab = Σ_j v_aj · v_bj        (a ≠ b; r_aa is set to 0)</pre>
 *
 * and the nodal (total network) connectivity {@code N_a = Σ_{b≠a} r_ab}. Units: products of service
 * values (e.g. stop-pairs served by the same train).
 *
 * <p>The dense form takes {@code V}; the sparse form takes, per firm, the cities it serves with
 * their values, so that millions of trains never form a dense matrix: cost is {@code Σ_j m_j²} for
 * m_j cities per firm, memory n² for the result. A city listed more than once for the same firm has
 * its values summed (the sparse form then equals the dense form with {@code v_aj} = that sum).
 *
 * <p>Bad input throws {@link IllegalArgumentException} naming the argument: null or ragged matrix,
 * negative or non-finite value, city index out of range, mismatched array lengths, fewer than 2
 * cities.
 */
public final class InterlockingNetwork {

  private InterlockingNetwork() {}

  /** Dense form: {@code r[a][b] = Σ_j V[a][j] V[b][j]}, symmetric, zero diagonal. */
  public static double[][] links(double[][] serviceValues) {
    if (serviceValues == null) {
      throw new IllegalArgumentException("serviceValues must not be null");
    }
    int n = serviceValues.length;
    Checks.atLeast("serviceValues", n, 2);
    int firms = serviceValues[0] == null ? -1 : serviceValues[0].length;
    for (int a = 0; a < n; a++) {
      if (serviceValues[a] == null || serviceValues[a].length != firms) {
        throw new IllegalArgumentException(
            "serviceValues is ragged: row " + a + " does not have " + firms + " firms");
      }
      for (int j = 0; j < firms; j++) {
        Checks.nonNegative("serviceValues[" + a + "][" + j + "]", serviceValues[a][j]);
      }
    }
    double[][] r = new double[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        double s = 0;
        for (int j = 0; j < firms; j++) {
          s += serviceValues[a][j] * serviceValues[b][j];
        }
        r[a][b] = s;
        r[b][a] = s;
      }
    }
    return r;
  }

  /**
   * Sparse form: {@code cities.length} firms; firm j serves cities {@code cities[j][k]} with values
   * {@code values[j][k]}. Result as {@link #links(double[][])}.
   */
  public static double[][] links(int cityCount, int[][] cities, double[][] values) {
    if (cities == null || values == null) {
      throw new IllegalArgumentException("cities and values must not be null");
    }
    Accumulator acc = new Accumulator(cityCount);
    if (cities.length != values.length) {
      throw new IllegalArgumentException(
          "values must have one row per firm: " + values.length + " vs " + cities.length);
    }
    for (int j = 0; j < cities.length; j++) {
      acc.addFirm(cities[j], values[j]);
    }
    return acc.links();
  }

  /** Nodal connectivity {@code N_a = Σ_{b≠a} r_ab} from a link matrix. */
  public static double[] nodalConnectivity(double[][] links) {
    int n = Checks.squareNonNegative("links", links, 2);
    double[] out = new double[n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        if (a != b) {
          out[a] += links[a][b];
        }
      }
    }
    return out;
  }

  /**
   * Streaming accumulator for the sparse form: call {@link #addFirm} once per firm (train), then
   * {@link #links()}. Not thread-safe.
   */
  public static final class Accumulator {
    private final int n;
    private final double[][] r;

    /** An empty accumulator for {@code cityCount} ≥ 2 cities indexed 0..cityCount−1. */
    public Accumulator(int cityCount) {
      Checks.atLeast("cityCount", cityCount, 2);
      this.n = cityCount;
      this.r = new double[cityCount][cityCount];
    }

    /** Adds one firm serving {@code cities[k]} with service value {@code values[k]}. */
    public void addFirm(int[] cities, double[] values) {
      if (cities == null || values == null || cities.length != values.length) {
        throw new IllegalArgumentException(
            "cities and values must be non-null and of equal length");
      }
      int m = cities.length;
      Integer[] order = new Integer[m];
      for (int k = 0; k < m; k++) {
        if (cities[k] < 0 || cities[k] >= n) {
          throw new IllegalArgumentException(
              "cities[" + k + "] = " + cities[k] + " out of range 0.." + (n - 1));
        }
        Checks.nonNegative("values[" + k + "]", values[k]);
        order[k] = k;
      }
      Arrays.sort(order, (x, y) -> Integer.compare(cities[x], cities[y]));
      int[] c = new int[m];
      double[] v = new double[m];
      int u = -1;
      for (int k = 0; k < m; k++) {
        int idx = order[k];
        if (u >= 0 && c[u] == cities[idx]) {
          v[u] += values[idx];
        } else {
          u++;
          c[u] = cities[idx];
          v[u] = values[idx];
        }
      }
      for (int x = 0; x <= u; x++) {
        for (int y = x + 1; y <= u; y++) {
          double p = v[x] * v[y];
          r[c[x]][c[y]] += p;
          r[c[y]][c[x]] += p;
        }
      }
    }

    /** The link matrix accumulated so far (a copy). */
    public double[][] links() {
      double[][] out = new double[n][];
      for (int a = 0; a < n; a++) {
        out[a] = r[a].clone();
      }
      return out;
    }
  }
}
