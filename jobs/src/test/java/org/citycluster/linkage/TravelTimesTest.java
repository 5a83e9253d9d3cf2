package org.citycluster.linkage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.citycluster.linkage.TimetableCall.CallType;
import org.junit.jupiter.api.Test;

class TravelTimesTest {

  static final Map<String, String> UNITS =
      Map.of("X", "100000", "Y", "200000", "Z", "300000", "P", "400000", "Q", "500000");

  static TimetableCall call(String station, String train, CallType type, String arr, String dep) {
    return new TimetableCall(station, train, "t", type, minutes(arr), minutes(dep));
  }

  static Integer minutes(String hhmm) {
    return hhmm == null
        ? null
        : Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3));
  }

  @Test
  void overnightRunWrapsPastMidnight() {
    // Z1: X 22:30 -> Y 23:50/00:10 -> Z 06:00, rows deliberately out of order
    List<TimetableCall> calls =
        List.of(
            call("Z", "Z1", CallType.TERMINUS, "06:00", null),
            call("X", "Z1", CallType.ORIGIN, null, "22:30"),
            call("Y", "Z1", CallType.PASSING, "23:50", "00:10"));
    TravelTimes t = TravelTimes.compute(calls, UNITS, "tt");
    assertEquals(80, t.minMinutes("100000", "200000"));
    assertEquals(350, t.minMinutes("300000", "200000"));
    assertEquals(450, t.minMinutes("100000", "300000"));
  }

  @Test
  void minimumOverTrainsAndDirections() {
    List<TimetableCall> calls =
        List.of(
            call("X", "Z1", CallType.ORIGIN, null, "22:30"),
            call("Z", "Z1", CallType.TERMINUS, "06:00", null),
            // the other direction is faster: Z 08:00 -> X 14:00
            call("Z", "G2", CallType.ORIGIN, null, "08:00"),
            call("X", "G2", CallType.TERMINUS, "14:00", null));
    TravelTimes t = TravelTimes.compute(calls, UNITS, "tt");
    assertEquals(360, t.minMinutes("300000", "100000"));
    assertNull(t.minMinutes("100000", "200000"));
  }

  @Test
  void passingCallsOnlyAreOrderedByTheLargestGap() {
    // P 23:00/23:05 then Q 01:00/01:02 (no origin or terminus among the key stations)
    List<TimetableCall> calls =
        List.of(
            call("Q", "K3", CallType.PASSING, "01:00", "01:02"),
            call("P", "K3", CallType.PASSING, "23:00", "23:05"));
    assertEquals(115, TravelTimes.compute(calls, UNITS, "tt").minMinutes("400000", "500000"));
  }

  @Test
  void callsWithoutArrivalOrDepartureAndDuplicates() {
    List<TimetableCall> calls =
        List.of(
            call("X", "Z8", CallType.PASSING, null, "10:00"),
            call("X", "Z8", CallType.PASSING, null, "10:00"),
            call("Y", "Z8", CallType.PASSING, "11:00", null),
            call("Y", "Z8", CallType.PASSING, "11:30", null));
    TravelTimes t = TravelTimes.compute(calls, UNITS, "tt");
    assertEquals(60, t.minMinutes("100000", "200000"));
    assertEquals(1, t.issues().size());
    assertEquals("Z8@Y", t.issues().get(0).recordId());
  }

  @Test
  void stationsOfOneUnitOrUnassignedGiveNoPair() {
    Map<String, String> units = Map.of("X", "100000", "Y", "100000");
    List<TimetableCall> calls =
        List.of(
            call("X", "G5", CallType.ORIGIN, null, "10:00"),
            call("Y", "G5", CallType.PASSING, "10:30", "10:32"),
            call("W", "G5", CallType.TERMINUS, "11:00", null));
    assertEquals(Map.of(), TravelTimes.compute(calls, units, "tt").pairs());
  }
}
