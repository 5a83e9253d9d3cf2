package org.citycluster.stats;

import java.io.Serializable;

/**
 * The statistics of one unit resolved for a target year. Each group of fields carries the year it
 * was actually taken from (the target year, or the nearest year with a value); a null value means
 * "not available in any year".
 *
 * @param adcode canonical 6-digit adcode
 * @param population census resident population (persons)
 * @param populationYear the year of {@code population}
 * @param gdpCny GDP in CNY (yuan, current prices)
 * @param gdpYear the year of {@code gdpCny}
 * @param primaryShare primary-sector share of GDP, 0..1
 * @param secondaryShare secondary-sector share of GDP, 0..1
 * @param tertiaryShare tertiary-sector share of GDP, 0..1
 * @param sharesYear the year of the three sector shares (always taken together)
 * @param empPrimaryShare primary share of urban-unit employment, 0..1
 * @param empSecondaryShare secondary share of urban-unit employment, 0..1
 * @param empTertiaryShare tertiary share of urban-unit employment, 0..1
 * @param empSharesYear the year of the employment shares
 */
public record UnitStatistics(
    String adcode,
    Long population,
    Integer populationYear,
    Double gdpCny,
    Integer gdpYear,
    Double primaryShare,
    Double secondaryShare,
    Double tertiaryShare,
    Integer sharesYear,
    Double empPrimaryShare,
    Double empSecondaryShare,
    Double empTertiaryShare,
    Integer empSharesYear)
    implements Serializable {

  /** GDP per capita in CNY from {@code gdpCny / population}, or null if either is missing. */
  public Double gdpPerCapitaCny() {
    return gdpCny == null || population == null || population == 0 ? null : gdpCny / population;
  }
}
