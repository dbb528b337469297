package io.smpsim.kernel.net.core;

/**
 * The random source a simulated kernel draws from (netem loss, jitter, duplication; sfq and
 * fq_codel perturbation). The engine backs it with the entity's seeded generator, so the same
 * scenario and seed always give the same packets.
 */
public interface NetRandom {

  /** A uniformly distributed 64-bit value. */
  long nextLong();

  /** A uniformly distributed value in [0, 1). */
  default double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** A uniformly distributed unsigned 32-bit value, as the kernel's {@code get_random_u32()}. */
  default long nextU32() {
    return nextLong() >>> 32;
  }
}
