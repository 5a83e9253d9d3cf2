package org.citycluster.metrics;

/**
 * Gravity-model interaction potentials between pairs of cities.
 *
 * <ul>
 *   <li>Classic: {@code T_ij = k · M_i · M_j / d_ij^β}.
 *   <li>Chinese city-cluster variant: {@code R_ij = k · √(P_i G_i) · √(P_j G_j) / d_ij^β}, P =
 *       population, G = GDP (widely used in Chinese city-cluster studies of "economic linkage").
 * </ul>
 *
 * <p>Defaults are {@code k = 1}, {@code β = 2}. Units: the result carries the units of {@code
 * M²/d^β} (e.g. million persons² per km² for M in millions and d in km); it is a relative
 * potential, not a predicted flow. Compare with {@link FittedGravity}, which estimates the
 * exponents from observed flows (Burger &amp; Meijers 2012 discuss gravity-based functional
 * linkage).
 *
 * <p>Bad input throws {@link IllegalArgumentException} naming the argument: negative or non-finite
 * mass, population or GDP; negative, zero (off the diagonal) or non-finite distance; non-finite or
 * non-positive {@code k}; non-finite or negative {@code β}; non-square distance matrix; length
 * mismatch; fewer than 2 units.
 */
public final class Gravity {

  /** Default distance-decay exponent β. */
  public static final double DEFAULT_BETA = 2.0;

  /** Default constant k. */
  public static final double DEFAULT_K = 1.0;

  private Gravity() {}

  /** Classic {@code T_ij = M_i M_j / d_ij²} (k = 1, β = 2). */
  public static double classic(double massI, double massJ, double distance) {
    return classic(massI, massJ, distance, DEFAULT_K, DEFAULT_BETA);
  }

  /** Classic {@code T_ij = k M_i M_j / d_ij^β}; {@code distance} must be positive. */
  public static double classic(double massI, double massJ, double distance, double k, double beta) {
    Checks.nonNegative("massI", massI);
    Checks.nonNegative("massJ", massJ);
    checkParameters(k, beta);
    Checks.positive("distance", distance);
    return k * massI * massJ / Math.pow(distance, beta);
  }

  /** City-cluster variant {@code R_ij = √(P_i G_i) √(P_j G_j) / d_ij²} (k = 1, β = 2). */
  public static double cityCluster(
      double populationI, double gdpI, double populationJ, double gdpJ, double distance) {
    return cityCluster(populationI, gdpI, populationJ, gdpJ, distance, DEFAULT_K, DEFAULT_BETA);
  }

  /** City-cluster variant {@code R_ij = k √(P_i G_i) √(P_j G_j) / d_ij^β}. */
  public static double cityCluster(
      double populationI,
      double gdpI,
      double populationJ,
      double gdpJ,
      double distance,
      double k,
      double beta) {
    Checks.nonNegative("populationI", populationI);
    Checks.nonNegative("gdpI", gdpI);
    Checks.nonNegative("populationJ", populationJ);
    Checks.nonNegative("gdpJ", gdpJ);
    checkParameters(k, beta);
    Checks.positive("distance", distance);
    return k
        * Math.sqrt(populationI * gdpI)
        * Math.sqrt(populationJ * gdpJ)
        / Math.pow(distance, beta);
  }

  /** Whole matrix of classic potentials with k = 1, β = 2; diagonal 0. */
  public static double[][] classicMatrix(double[] mass, double[][] distance) {
    return classicMatrix(mass, distance, DEFAULT_K, DEFAULT_BETA);
  }

  /**
   * Whole matrix {@code T[i][j] = k M_i M_j / d_ij^β} for i ≠ j, {@code T[i][i] = 0}. The diagonal
   * of {@code distance} is ignored; off-diagonal distances must be positive. A non-symmetric
   * distance matrix gives a non-symmetric result.
   */
  public static double[][] classicMatrix(
      double[] mass, double[][] distance, double k, double beta) {
    int n = checkMatrixInput(distance, k, beta);
    Checks.sameLength("mass", mass, n);
    Checks.allNonNegative("mass", mass);
    return potentials(mass, distance, k, beta);
  }

  /** Whole matrix of city-cluster potentials with k = 1, β = 2; diagonal 0. */
  public static double[][] cityClusterMatrix(
      double[] population, double[] gdp, double[][] distance) {
    return cityClusterMatrix(population, gdp, distance, DEFAULT_K, DEFAULT_BETA);
  }

  /**
   * Whole matrix {@code R[i][j] = k √(P_i G_i) √(P_j G_j) / d_ij^β} for i ≠ j, {@code R[i][i] = 0};
   * the diagonal of {@code distance} is ignored.
   */
  public static double[][] cityClusterMatrix(
      double[] population, double[] gdp, double[][] distance, double k, double beta) {
    int n = checkMatrixInput(distance, k, beta);
    Checks.sameLength("population", population, n);
    Checks.sameLength("gdp", gdp, n);
    Checks.allNonNegative("population", population);
    Checks.allNonNegative("gdp", gdp);
    double[] mass = new double[n];
    for (int i = 0; i < n; i++) {
      mass[i] = Math.sqrt(population[i] * gdp[i]);
    }
    return potentials(mass, distance, k, beta);
  }

  private static double[][] potentials(double[] mass, double[][] distance, double k, double beta) {
    int n = mass.length;
    double[][] t = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          t[i][j] = k * mass[i] * mass[j] / Math.pow(distance[i][j], beta);
        }
      }
    }
    return t;
  }

  private static int checkMatrixInput(double[][] distance, double k, double beta) {
    checkParameters(k, beta);
    int n = Checks.square("distance", distance);
    Checks.atLeast("distance", n, 2);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          Checks.positive("distance[" + i + "][" + j + "]", distance[i][j]);
        }
      }
    }
    return n;
  }

  private static void checkParameters(double k, double beta) {
    Checks.positive("k", k);
    Checks.nonNegative("beta", beta);
  }
}
