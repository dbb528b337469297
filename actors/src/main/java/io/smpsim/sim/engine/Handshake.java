package io.smpsim.sim.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.smpsim.sim.BuildInfo;
import io.smpsim.sim.serialization.KryoRegistry;

/**
 * What a node tells the cluster about itself when it joins (checked by
 * {@link HandshakeChecker}): the smpsim build version, the fingerprint of its Kryo registrations
 * (nodes that disagree on it cannot decode each other's messages) and, for a node reserved for
 * one scenario, that scenario's hash.
 *
 * @param version the smpsim build version
 * @param wire the {@link KryoRegistry#fingerprint()} of the node's registrars
 * @param scenario the pinned scenario's {@link io.smpsim.sim.WorldSpec#scenarioHash()}, or empty
 */
public record Handshake(String version, String wire, String scenario) {

  public static final String VERSION_KEY = "smpsim.handshake.version";
  public static final String WIRE_KEY = "smpsim.handshake.wire";
  public static final String SCENARIO_KEY = "smpsim.handshake.scenario";

  /** This build's handshake for a node with configuration {@code config}. */
  public static Handshake of(Config config, String scenario) {
    return new Handshake(BuildInfo.version(), KryoRegistry.fromConfig(config).fingerprint(),
        scenario);
  }

  /** {@code config} with this handshake's values on top. */
  public Config applyTo(Config config) {
    return ConfigFactory.empty()
        .withValue(VERSION_KEY, ConfigValueFactory.fromAnyRef(version))
        .withValue(WIRE_KEY, ConfigValueFactory.fromAnyRef(wire))
        .withValue(SCENARIO_KEY, ConfigValueFactory.fromAnyRef(scenario))
        .withFallback(config);
  }

  @Override
  public String toString() {
    return "smpsim " + version + ", wire " + wire
        + (scenario.isEmpty() ? "" : ", pinned to scenario " + scenario);
  }
}
