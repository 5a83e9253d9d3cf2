package org.citycluster.linkage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.citycluster.metrics.Specialisation;

/**
 * Location quotients and the dominant sector per unit, {@code city_metrics} columns, from the
 * sector shares of {@link UnitAttributes} via {@link Specialisation#ofShares(double[][],
 * double[])}. The reference shares {@code S_i} are the mean of the units' shares weighted by GDP
 * where every unit with shares has a GDP, else unweighted (stated by {@link #gdpWeighted()}). Units
 * without shares are absent. The dominant sector is the index of the largest LQ (ties: the lowest
 * index). Bad shares throw {@link IllegalArgumentException} (see Specialisation).
 */
public final class UnitSectors {

  /** One unit's location quotients (one per sector) and dominant sector index. */
  public record Profile(String adcode, double[] locationQuotients, int dominantSector) {}

  private final Map<String, Profile> profiles;
  private final boolean gdpWeighted;

  private UnitSectors(Map<String, Profile> profiles, boolean gdpWeighted) {
    this.profiles = profiles;
    this.gdpWeighted = gdpWeighted;
  }

  /**
   * Profiles of the units with sector shares. The reference shares are summed in adcode order, so
   * the figures do not depend on the order the units arrive in (a collect's order follows the
   * partitioning: local and cluster runs differed in the last bit).
   */
  public static UnitSectors of(List<UnitAttributes> units) {
    List<UnitAttributes> with = new ArrayList<>();
    for (UnitAttributes u : units) {
      if (u.sectorShares() != null) {
        with.add(u);
      }
    }
    with.sort(java.util.Comparator.comparing(UnitAttributes::adcode));
    Map<String, Profile> out = new TreeMap<>();
    if (with.isEmpty()) {
      return new UnitSectors(out, false);
    }
    double[][] shares = new double[with.size()][];
    double[] weights = new double[with.size()];
    boolean weighted = true;
    for (int r = 0; r < with.size(); r++) {
      shares[r] = with.get(r).sectorShares();
      Double gdp = with.get(r).gdp();
      weighted &= gdp != null && gdp >= 0;
      weights[r] = gdp == null ? 0 : gdp;
    }
    if (!weighted) {
      java.util.Arrays.fill(weights, 1.0);
    }
    Specialisation s = Specialisation.ofShares(shares, weights);
    double[][] lq = s.locationQuotients();
    int[] dominant = s.dominantSectors();
    for (int r = 0; r < with.size(); r++) {
      out.put(with.get(r).adcode(), new Profile(with.get(r).adcode(), lq[r], dominant[r]));
    }
    return new UnitSectors(out, weighted);
  }

  /** Profiles sorted by adcode. */
  public Map<String, Profile> profiles() {
    return java.util.Collections.unmodifiableMap(profiles);
  }

  /** True when the reference shares were GDP-weighted. */
  public boolean gdpWeighted() {
    return gdpWeighted;
  }
}
