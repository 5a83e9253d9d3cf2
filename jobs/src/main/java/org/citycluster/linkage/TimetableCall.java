package org.citycluster.linkage;

/**
 * One train calling at one key station, from {@code rail_railwayvis_keystation_timetable.csv}.
 * Times are minutes after midnight (0..1439, Beijing time) with no day offset.
 *
 * @param station the key station's name
 * @param trainCode train number as given (one compound code, {@code Z806/Z803}, is kept as is)
 * @param trainType the source's class label (e.g. 高速动车)
 * @param callType origin (始), passing (过) or terminus (终)
 * @param arr arrival, minutes of day, or null (none at the origin, 2 passing rows lack one)
 * @param dep departure, minutes of day, or null (none at the terminus)
 */
public record TimetableCall(
    String station,
    String trainCode,
    String trainType,
    CallType callType,
    Integer arr,
    Integer dep) {

  /** How the train calls at the station. */
  public enum CallType {
    /** 始: the train originates here (no arrival). */
    ORIGIN,
    /** 过: the train calls in passing. */
    PASSING,
    /** 终: the train terminates here (no departure). */
    TERMINUS;

    /** Parses 始 / 过 / 终; null for anything else. */
    public static CallType parse(String s) {
      return switch (s) {
        case "始" -> ORIGIN;
        case "过" -> PASSING;
        case "终" -> TERMINUS;
        default -> null;
      };
    }
  }
}
