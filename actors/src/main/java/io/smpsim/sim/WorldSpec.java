package io.smpsim.sim;

import io.smpsim.sim.serialization.WireMessage;

/**
 * The recipe of a world, small enough to send to every node: which {@link WorldFactory} builds
 * it, from which source text (a scenario), with which seed.
 *
 * @param factory the factory's name, e.g. {@code machines} or {@code phold}
 * @param source the scenario text the factory parses
 * @param origin where the source came from (a file name), for error messages
 * @param seed the scenario seed
 */
public record WorldSpec(String factory, String source, String origin, long seed)
    implements WireMessage {

  /**
   * What identifies the scenario, whatever its file is called and whichever seed a run uses: a
   * digest of the factory and the source. A node reserved for one scenario compares it.
   */
  public String scenarioHash() {
    return TraceHash.hex(TraceHash.fnv1a(factory + "\n" + source));
  }
}
