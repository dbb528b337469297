package io.smpsim.sim;

/**
 * A small seeded generator (SplitMix64) owned by one entity and seeded from the scenario seed
 * and the entity's name, so every entity draws the same numbers on every run and every node,
 * and adding an entity elsewhere in the world (which renumbers ids) does not change anyone's
 * draws. Its whole state is one long, which keeps checkpoints trivial.
 */
public final class SimRandom {

  private static final long GOLDEN = 0x9e3779b97f4a7c15L;

  private long state;

  public SimRandom(long seed) {
    this.state = seed;
  }

  /** The generator of the entity named {@code name} (e.g. {@code m0/cpu3}) under {@code seed}. */
  public static SimRandom forEntity(long seed, String name) {
    return new SimRandom(TraceHash.mix(seed ^ TraceHash.mix(TraceHash.fnv1a(name))));
  }

  public long nextLong() {
    state += GOLDEN;
    return TraceHash.mix(state);
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return (int) ((nextLong() >>> 33) % bound);
  }

  /** Exponentially distributed with the given mean. */
  public double nextExponential(double mean) {
    return -mean * Math.log(1.0 - nextDouble());
  }

  /** A standard normal deviate (Box-Muller), in StrictMath so every JVM draws the same. */
  public double nextGaussian() {
    double u = 1.0 - nextDouble();
    double v = nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
  }

  /** The raw state, for checkpoints and tests. */
  public long state() {
    return state;
  }
}
