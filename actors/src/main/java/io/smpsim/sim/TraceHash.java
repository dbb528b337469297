package io.smpsim.sim;

import java.nio.charset.StandardCharsets;

/**
 * The trace hash: a digest of every processed event. Each event is mixed into a 64-bit value
 * from its time, source, sequence number, destination and payload identity, and the values are
 * summed. Every entity handles its events in the canonical {@code (time, source, seq)} order,
 * which the keys themselves fix, so the set of events determines the whole trace; a sum makes
 * the digest independent of how the run was cut into windows and epochs, and of which node
 * processed which entity, so it is the same on any number of nodes.
 */
public final class TraceHash {

  private static final ClassValue<Long> CLASS_IDS = new ClassValue<>() {
    @Override
    protected Long computeValue(Class<?> type) {
      return fnv1a(stableName(type));
    }
  };

  private TraceHash() {}

  /**
   * The name a class is hashed by: its binary name without the package ({@code Klog$Read}), so
   * that moving a protocol to another package, as code is reorganised, leaves every trace hash
   * as it was.
   */
  static String stableName(Class<?> type) {
    String pkg = type.getPackageName();
    return pkg.isEmpty() ? type.getName() : type.getName().substring(pkg.length() + 1);
  }

  /** A stable id of a class, from its name (never from identity hash codes). */
  public static long classId(Class<?> type) {
    return CLASS_IDS.get(type);
  }

  /** FNV-1a over the UTF-8 bytes of a string: stable across JVMs. */
  public static long fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** The SplitMix64 finaliser: a strong 64-bit mixer. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** One processed event's contribution to the sum. */
  public static long event(long time, int src, long seq, int dst, long payloadId) {
    long a = mix(time ^ seq * 0x9e3779b97f4a7c15L);
    long b = mix((((long) src << 32) | (dst & 0xffffffffL)) ^ payloadId * 0xc2b2ae3d27d4eb4fL);
    return a + 31 * b;
  }

  /** The hash as printed in summaries: 16 hex digits. */
  public static String hex(long h) {
    return String.format("%016x", h);
  }
}
