package org.citycluster.linkage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.citycluster.dq.DqIssue;

/**
 * Shortest scheduled in-vehicle time between units ({@code min_travel_minutes}), from the
 * key-station timetable: for every unordered unit pair, the minimum over trains and over stations s
 * of A and t of B (either direction) of {@code arrival at the later station − departure at the
 * earlier one}, in minutes.
 *
 * <p>Per train, the calls at key stations are ordered as follows. Each call has a clock time (its
 * arrival, or its departure where there is none), and the calls are sorted on the 24-hour circle.
 * The run starts at the origin call (始) if present, else just after the terminus call (终) if
 * present, else after the largest gap of the circle. Elapsed time is then accumulated event by
 * event along that order (arrival, then departure, at each call), each step being the forward
 * difference of clock times modulo 1440: this is the midnight wrap (if arr &lt; dep add 1440),
 * applied to every step, so a run may cross midnight more than once.
 *
 * <p>Known limits. The timetable has no day offsets, so a run whose key calls span 24 h or more
 * (some K/Z/T trains to Xinjiang or Tibet) cannot be ordered or timed from clock times: such a run
 * is ordered as if shorter than a day and may get a wrong (too short) time. Without an origin or
 * terminus call the largest-gap rule is right whenever the observed calls span less than 12 h. A
 * passing call lacking its arrival can only be a start, one lacking its departure only an end.
 * Repeated station–train rows with identical times are merged; with different times the first is
 * kept and a DqIssue ({@code reported}) is listed. Stations absent from {@code stationUnit} are
 * skipped. Train codes are taken as given (a compound code such as {@code Z806/Z803} is one train).
 */
public final class TravelTimes {

  private static final int DAY = 1440;

  private final Map<UnitPair, Integer> minutes;
  private final List<DqIssue> issues;

  private TravelTimes(Map<UnitPair, Integer> minutes, List<DqIssue> issues) {
    this.minutes = minutes;
    this.issues = issues;
  }

  /**
   * Computes the minimum times.
   *
   * @param calls the timetable rows
   * @param stationUnit key station name → unit adcode
   * @param source file name for DqIssue rows
   */
  public static TravelTimes compute(
      List<TimetableCall> calls, Map<String, String> stationUnit, String source) {
    Map<String, List<TimetableCall>> byTrain = new LinkedHashMap<>();
    for (TimetableCall c : calls) {
      byTrain.computeIfAbsent(c.trainCode(), k -> new ArrayList<>()).add(c);
    }
    Map<UnitPair, Integer> best = new HashMap<>();
    List<DqIssue> issues = new ArrayList<>();
    for (List<TimetableCall> train : byTrain.values()) {
      TrainTimes t = train(train, stationUnit::get, source);
      t.minutes().forEach((p, m) -> best.merge(p, m, Math::min));
      issues.addAll(t.issues());
    }
    return new TravelTimes(best, List.copyOf(issues));
  }

  /**
   * One train's result: the shortest time per unit pair along this train, and its data-quality
   * rows. {@link #compute} is the minimum over trains of these, so a Spark stage can run {@link
   * #train} per train in a task and aggregate with {@code min}.
   *
   * @param minutes unit pair → shortest minutes along the train
   * @param issues conflicting repeated station rows of the train
   */
  public record TrainTimes(Map<UnitPair, Integer> minutes, List<DqIssue> issues) {}

  /**
   * The times along one train.
   *
   * @param calls the train's rows (all with the same train code), in file order: a station's first
   *     row is kept
   * @param stationUnit key station name → unit adcode, or null where the station has none
   * @param source file name for DqIssue rows
   */
  public static TrainTimes train(
      List<TimetableCall> calls, Function<String, String> stationUnit, String source) {
    LinkedHashMap<String, TimetableCall> train = new LinkedHashMap<>();
    List<DqIssue> issues = new ArrayList<>();
    for (TimetableCall c : calls) {
      TimetableCall first = train.putIfAbsent(c.station(), c);
      if (first != null
          && !(Objects.equals(first.arr(), c.arr()) && Objects.equals(first.dep(), c.dep()))) {
        issues.add(
            new DqIssue(
                source,
                c.trainCode() + "@" + c.station(),
                null,
                "station listed twice for the train with different times; first row kept",
                "reported",
                null));
      }
    }
    Map<UnitPair, Integer> best = new HashMap<>();
    List<TimetableCall> ordered = order(new ArrayList<>(train.values()));
    if (ordered.size() < 2) {
      return new TrainTimes(best, issues);
    }
    int m = ordered.size();
    long[] arrAt = new long[m];
    long[] depAt = new long[m];
    long t = 0;
    int prev = clock(ordered.get(0));
    for (int k = 0; k < m; k++) {
      TimetableCall c = ordered.get(k);
      arrAt[k] = -1;
      depAt[k] = -1;
      if (c.arr() != null) {
        t += Math.floorMod(c.arr() - prev, DAY);
        prev = c.arr();
        arrAt[k] = t;
      }
      if (c.dep() != null) {
        t += Math.floorMod(c.dep() - prev, DAY);
        prev = c.dep();
        depAt[k] = t;
      }
    }
    for (int i = 0; i < m; i++) {
      String ui = stationUnit.apply(ordered.get(i).station());
      if (ui == null || depAt[i] < 0) {
        continue;
      }
      for (int j = i + 1; j < m; j++) {
        String uj = stationUnit.apply(ordered.get(j).station());
        if (uj == null || uj.equals(ui) || arrAt[j] < 0) {
          continue;
        }
        int minutes = (int) (arrAt[j] - depAt[i]);
        best.merge(UnitPair.of(ui, uj), minutes, Math::min);
      }
    }
    return new TrainTimes(best, issues);
  }

  /** The train's calls in running order (see the class comment). */
  static List<TimetableCall> order(List<TimetableCall> calls) {
    int m = calls.size();
    if (m < 2) {
      return calls;
    }
    calls.sort(Comparator.comparingInt(TravelTimes::clock).thenComparing(TimetableCall::station));
    int start = -1;
    for (int k = 0; k < m && start < 0; k++) {
      if (calls.get(k).callType() == TimetableCall.CallType.ORIGIN) {
        start = k;
      }
    }
    for (int k = 0; k < m && start < 0; k++) {
      if (calls.get(k).callType() == TimetableCall.CallType.TERMINUS) {
        start = (k + 1) % m;
      }
    }
    if (start < 0) {
      int widest = -1;
      int gapIndex = 0;
      for (int k = 0; k < m; k++) {
        int gap = Math.floorMod(clock(calls.get((k + 1) % m)) - clock(calls.get(k)), DAY);
        if (k == m - 1 && gap == 0) {
          gap = DAY; // all clock times equal: keep the sorted order
        }
        if (gap > widest) {
          widest = gap;
          gapIndex = k;
        }
      }
      start = (gapIndex + 1) % m;
    }
    List<TimetableCall> out = new ArrayList<>(m);
    for (int k = 0; k < m; k++) {
      out.add(calls.get((start + k) % m));
    }
    return out;
  }

  private static int clock(TimetableCall c) {
    return c.arr() != null ? c.arr() : c.dep();
  }

  /**
   * Shortest time between units x and y in minutes, or null where no timetable train links them.
   */
  public Integer minMinutes(String x, String y) {
    return minutes.get(UnitPair.of(x, y));
  }

  /** All measured pairs with their minimum minutes, sorted by pair. */
  public Map<UnitPair, Integer> pairs() {
    Map<UnitPair, Integer> out = new java.util.TreeMap<>(minutes);
    return java.util.Collections.unmodifiableMap(out);
  }

  /** Data-quality rows: conflicting repeated station–train rows. */
  public List<DqIssue> issues() {
    return issues;
  }
}
