package org.citycluster.linkage;

/**
 * Statistics of one unit used for gravity and complementarity. Any field may be null where the
 * statistics lack it; the measures needing it are then null for the unit's pairs.
 *
 * @param adcode unit adcode
 * @param population population (any consistent unit, e.g. 10k persons), or null
 * @param gdp GDP (any consistent unit, e.g. 100 million CNY), or null
 * @param sectorShares shares (or volumes) of GDP by sector, e.g. primary/secondary/tertiary; each
 *     row is rescaled to sum to 1; all units must use the same sectors; or null
 * @param employmentShares shares (or volumes) of employment by sector, likewise, or null
 */
public record UnitAttributes(
    String adcode,
    Double population,
    Double gdp,
    double[] sectorShares,
    double[] employmentShares) {

  public UnitAttributes {
    if (adcode == null || adcode.isEmpty()) {
      throw new IllegalArgumentException("adcode must not be empty");
    }
    sectorShares = sectorShares == null ? null : sectorShares.clone();
    employmentShares = employmentShares == null ? null : employmentShares.clone();
  }

  /** The gravity mass {@code √(P·G)}, or null where population or GDP is missing. */
  public Double mass() {
    return population == null || gdp == null ? null : Math.sqrt(population * gdp);
  }

  /**
   * Three sector shares as a row, or null when any is missing or they do not sum to a positive
   * value (the unit then has no profile and no complementarity).
   */
  public static double[] shares(Double a, Double b, Double c) {
    if (a == null || b == null || c == null || !(a + b + c > 0)) {
      return null;
    }
    return new double[] {a, b, c};
  }
}
