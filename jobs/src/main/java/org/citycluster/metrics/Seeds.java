package org.citycluster.metrics;

import java.nio.charset.StandardCharsets;

/**
 * Seeds derived from a base seed and a name, independent of JVM, run, partitioning and order of
 * processing: a 64-bit FNV-1a hash of the name mixed into the seed through SplitMix64's finaliser.
 */
public final class Seeds {

  private Seeds() {}

  /** The seed of {@code name} (e.g. {@code "yrd/trains_all"}) under {@code seed}. */
  public static long derive(long seed, String name) {
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return mix(seed ^ h);
  }

  /** SplitMix64's finaliser: a bijective mix of the 64 bits. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
