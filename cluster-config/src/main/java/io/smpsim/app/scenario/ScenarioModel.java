package io.smpsim.app.scenario;

import io.smpsim.sim.WorldFactory;
import java.util.Set;

/**
 * A kind of world a scenario can describe ({@code model = ...}). The Linux machines are built
 * in; other modules (the PHOLD benchmark) provide theirs through {@link java.util.ServiceLoader}.
 */
public interface ScenarioModel {

  /** The value of the scenario's {@code model} key. */
  String name();

  /** Top-level keys the model reads, besides seed, duration, lookahead and model. */
  Set<String> keys();

  /** Checks the model's part of a scenario; throws {@link ScenarioException} with file and line. */
  void validate(ConfigReader root, long lookaheadNs);

  /** Builds worlds from scenarios of this model. */
  WorldFactory factory();
}
