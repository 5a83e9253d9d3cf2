package org.citycluster.linkage;

import java.util.List;

/**
 * One passenger train with its stop list in running order, doubled consecutive stops collapsed.
 *
 * @param code train number, upper case (e.g. {@code G10}); the first letter gives the class
 * @param stations station names in order; never two equal names in a row (a genuine loop whose
 *     first and last station are equal is kept)
 * @param collapsedStops how many redundant consecutive rows were dropped for this train
 */
public record Train(String code, List<String> stations, int collapsedStops) {

  public Train {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("train code must not be empty");
    }
    stations = List.copyOf(stations);
  }

  /** True for G (high-speed), D (EMU) and C (intercity EMU) trains. */
  public boolean isHighSpeed() {
    return isHighSpeed(code);
  }

  /** True when the code's first character is G, D or C (case-insensitive). */
  public static boolean isHighSpeed(String code) {
    if (code == null || code.isEmpty()) {
      return false;
    }
    char c = Character.toUpperCase(code.charAt(0));
    return c == 'G' || c == 'D' || c == 'C';
  }
}
