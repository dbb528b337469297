package io.smpsim.app.scenario;

import io.smpsim.sim.SimWorld;
import io.smpsim.sim.WorldFactory;
import io.smpsim.sim.WorldSpec;
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

  /** Builds the world of one scenario of this model, whose text {@code spec} carries. */
  SimWorld build(WorldSpec spec);

  /** Builds worlds from scenarios of this model: the engine's factory, named as the model. */
  default WorldFactory factory() {
    ScenarioModel model = this;
    return new WorldFactory() {
      @Override
      public String name() {
        return model.name();
      }

      @Override
      public SimWorld build(WorldSpec spec) {
        return model.build(spec);
      }
    };
  }
}
