package org.citycluster.linkage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interns unit adcodes to dense int indices and packs an unordered index pair into one {@code long}
 * hash key, so that pair counters never hold a dense n×n matrix. Not thread-safe.
 */
final class UnitIndex {

  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> adcodes = new ArrayList<>();

  /** The index of {@code adcode}, assigning the next one if new. */
  int intern(String adcode) {
    if (adcode == null || adcode.isEmpty()) {
      throw new IllegalArgumentException("unit adcode must not be null or empty");
    }
    Integer i = index.get(adcode);
    if (i == null) {
      i = adcodes.size();
      index.put(adcode, i);
      adcodes.add(adcode);
    }
    return i;
  }

  /** The index of a known adcode, or -1. */
  int find(String adcode) {
    Integer i = index.get(adcode);
    return i == null ? -1 : i;
  }

  String adcode(int i) {
    return adcodes.get(i);
  }

  int size() {
    return adcodes.size();
  }

  /** Key of the unordered pair {i, j}, i ≠ j: smaller index in the high 32 bits. */
  static long pack(int i, int j) {
    int lo = Math.min(i, j);
    int hi = Math.max(i, j);
    return ((long) lo << 32) | (hi & 0xffffffffL);
  }

  static int first(long key) {
    return (int) (key >>> 32);
  }

  static int second(long key) {
    return (int) key;
  }
}
