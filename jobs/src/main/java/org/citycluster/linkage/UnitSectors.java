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
 *
 * <p>Distributed: {@link Reference} accumulates the reference shares one unit at a time (in adcode
 * order, in one task) and {@link #profile} computes one unit's profile from them; {@link #of} is
 * the two together, the same doubles as {@link Specialisation}.
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
    Reference reference = new Reference();
    with.forEach(reference::add);
    double[] total = reference.shares();
    for (UnitAttributes u : with) {
      out.put(u.adcode(), profile(u.adcode(), u.sectorShares(), total));
    }
    return new UnitSectors(out, reference.gdpWeighted());
  }

  /**
   * The reference shares {@code S_i}, accumulated unit by unit: {@link Specialisation#ofShares(
   * double[][], double[])}'s sums ({@code Σ_r w_r s_ri} and {@code Σ_r w_r}) in the order of the
   * calls, kept both GDP-weighted and unweighted until {@link #shares()} knows whether every unit
   * had a GDP. Add the units in adcode order for results that do not depend on their arrival order
   * (a Spark stage runs this in one task over the units sorted by adcode: O(1) memory per unit).
   */
  public static final class Reference implements java.io.Serializable {
    private double[] weighted;
    private double[] unweighted;
    private double weightSum;
    private double count;
    private boolean allHaveGdp = true;

    /** Adds a unit; its {@code sectorShares} must be non-null. */
    public void add(String adcode, double[] sectorShares, Double gdp) {
      double[] s = rescaled(adcode, sectorShares);
      if (weighted == null) {
        weighted = new double[s.length];
        unweighted = new double[s.length];
      } else if (s.length != weighted.length) {
        throw new IllegalArgumentException(
            "shares is ragged: unit " + adcode + " does not have " + weighted.length + " sectors");
      }
      allHaveGdp &= gdp != null && gdp >= 0;
      double w = gdp == null ? 0 : gdp;
      for (int i = 0; i < s.length; i++) {
        weighted[i] += w * s[i];
        unweighted[i] += 1.0 * s[i];
      }
      weightSum += w;
      count += 1.0;
    }

    /** {@link #add(String, double[], Double)} with the unit's shares and GDP. */
    public void add(UnitAttributes u) {
      add(u.adcode(), u.sectorShares(), u.gdp());
    }

    /** True when every unit added has a GDP (the reference is then GDP-weighted). */
    public boolean gdpWeighted() {
      return weighted != null && allHaveGdp;
    }

    /** The reference shares; throws as Specialisation does for all-zero weights or a sector. */
    public double[] shares() {
      if (weighted == null) {
        throw new IllegalArgumentException("shares must have at least one region");
      }
      double[] total = (gdpWeighted() ? weighted : unweighted).clone();
      double wsum = gdpWeighted() ? weightSum : count;
      if (wsum <= 0) {
        throw new IllegalArgumentException("weights must not all be zero");
      }
      for (int i = 0; i < total.length; i++) {
        if (total[i] <= 0) {
          throw new IllegalArgumentException("shares: sector " + i + " has zero weighted total");
        }
        total[i] /= wsum;
      }
      return total;
    }
  }

  /**
   * One unit's profile against the reference shares {@code total} ({@link Reference#shares()}):
   * {@code LQ_i = s_i / S_i} with the unit's shares rescaled to sum to 1, and the index of the
   * largest (ties: lowest), the same doubles as {@link Specialisation}.
   */
  public static Profile profile(String adcode, double[] sectorShares, double[] total) {
    double[] s = rescaled(adcode, sectorShares);
    double[] lq = new double[total.length];
    int best = 0;
    for (int i = 0; i < total.length; i++) {
      lq[i] = s[i] / total[i];
      if (lq[i] > lq[best]) {
        best = i;
      }
    }
    return new Profile(adcode, lq, best);
  }

  private static double[] rescaled(String adcode, double[] shares) {
    if (shares == null || shares.length == 0) {
      throw new IllegalArgumentException("shares of unit " + adcode + " must have a sector");
    }
    double rowTotal = 0;
    for (double v : shares) {
      if (!(v >= 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException(
            "shares of unit " + adcode + " must be non-negative and finite, found " + v);
      }
      rowTotal += v;
    }
    if (rowTotal <= 0) {
      throw new IllegalArgumentException("shares: unit " + adcode + " has zero total");
    }
    double[] s = new double[shares.length];
    for (int i = 0; i < shares.length; i++) {
      s[i] = shares[i] / rowTotal;
    }
    return s;
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
