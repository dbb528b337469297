package io.smpsim.kernel.net.core;

/**
 * A tiny seeded {@link NetRandom} (SplitMix64) for tests and for machines that are not driven by
 * the engine. Plain state, so it checkpoints with the rest of the network state.
 */
public final class SplitMixRandom implements NetRandom {

  private long state;

  /** A generator whose sequence is fixed by {@code seed}. */
  public SplitMixRandom(long seed) {
    this.state = seed;
  }

  @Override
  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
