package org.citycluster.synthetic;

/**
 * A deterministic stream of pseudo-random draws: the {@code k}-th draw is {@link
 * SyntheticTiling#mix}{@code (state, k)}, so a stream is fixed by its seed and key, independent of
 * JVM and platform. Not thread-safe.
 */
final class Draws {

  private final long state;
  private long counter;

  /** The stream for {@code key} under {@code seed} (distinct keys give unrelated streams). */
  Draws(long seed, long key) {
    this.state = SyntheticTiling.mix(seed, key);
  }

  long nextLong() {
    return SyntheticTiling.mix(state, counter++);
  }

  /** Uniform in [0, 1). */
  double nextUnit() {
    return SyntheticTiling.unit(nextLong());
  }

  /** Uniform in {@code 0..bound-1} ({@code bound >= 1}). */
  int nextInt(int bound) {
    return (int) (nextUnit() * bound);
  }
}
