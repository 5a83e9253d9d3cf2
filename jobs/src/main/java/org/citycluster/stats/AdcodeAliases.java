package org.citycluster.stats;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.citycluster.io.CsvTable;

/**
 * Maps the codes that sources use for a unit to the pipeline's canonical 6-digit adcode.
 *
 * <p>Two rules: (1) the four municipalities are keyed by their province code, so {@code 110100},
 * {@code 120100}, {@code 310100} and {@code 500100} become {@code 110000}, {@code 120000}, {@code
 * 310000} and {@code 500000}; (2) every code listed in {@code cities.csv/source_codes} (entries
 * {@code SOURCE:code} separated by {@code ;}, e.g. CSMAR's {@code 469003} for Danzhou {@code
 * 460400}) maps to that row's adcode. Unknown codes map to themselves.
 */
public final class AdcodeAliases implements Serializable {

  private static final String[] MUNICIPALITIES = {"110000", "120000", "310000", "500000"};

  private final Map<String, String> aliasToCanonical;

  private AdcodeAliases(Map<String, String> aliasToCanonical) {
    this.aliasToCanonical = Map.copyOf(aliasToCanonical);
  }

  /** Only the municipality rule. */
  public static AdcodeAliases municipalitiesOnly() {
    return new AdcodeAliases(municipalityAliases());
  }

  /** The municipality rule plus the aliases listed in {@code cities.csv}. */
  public static AdcodeAliases fromCitiesTable(CsvTable cities) {
    Map<String, String> map = municipalityAliases();
    for (CsvTable.Row row : cities.rows()) {
      String canonical = row.get("adcode").trim();
      for (String entry : row.get("source_codes").split(";")) {
        String code = entry.substring(entry.lastIndexOf(':') + 1).trim();
        if (!code.isEmpty() && !code.equals(canonical)) {
          map.put(code, canonical);
        }
      }
    }
    return new AdcodeAliases(map);
  }

  private static Map<String, String> municipalityAliases() {
    Map<String, String> map = new HashMap<>();
    for (String m : MUNICIPALITIES) {
      map.put(m.substring(0, 3) + "100", m);
    }
    return map;
  }

  /** The canonical adcode for a code as a source wrote it (trimmed); itself when not an alias. */
  public String canonical(String code) {
    if (code == null) {
      return null;
    }
    String trimmed = code.trim();
    return aliasToCanonical.getOrDefault(trimmed, trimmed);
  }

  /** True when the code is a known alias of another code. */
  public boolean isAlias(String code) {
    return code != null && aliasToCanonical.containsKey(code.trim());
  }
}
