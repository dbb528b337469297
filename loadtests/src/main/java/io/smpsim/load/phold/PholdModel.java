package io.smpsim.load.phold;

import io.smpsim.app.scenario.ConfigReader;
import io.smpsim.app.scenario.ScenarioModel;
import io.smpsim.sim.SimWorld;
import io.smpsim.sim.WorldSpec;
import java.util.Set;

/**
 * {@code model = phold}: a scenario whose world is PHOLD.
 *
 * <pre>
 * model = phold
 * phold { entities = 10000, events-per-entity = 16, remote = 0.9, mean-delay = 100ns, groups = 64 }
 * </pre>
 */
public final class PholdModel implements ScenarioModel {

  public static final String NAME = "phold";

  static final Set<String> KEYS =
      Set.of("entities", "events-per-entity", "remote", "mean-delay", "groups");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> keys() {
    return Set.of(NAME);
  }

  @Override
  public void validate(ConfigReader root, long lookaheadNs) {
    params(root);
  }

  /** The PHOLD parameters of a scenario. */
  public static PholdParams params(ConfigReader root) {
    ConfigReader p = root.object(NAME);
    p.allowOnly(KEYS);
    int entities = p.intIn("entities", 1000, 1, 50_000_000);
    int events = p.intIn("events-per-entity", 16, 1, 1_000_000);
    double remote = p.number("remote", 0.9);
    if (remote < 0 || remote > 1) {
      throw p.error("remote", "must be between 0 and 1, got " + remote);
    }
    long mean = p.duration("mean-delay", 100);
    int groups = p.intIn("groups", 64, 1, 1_000_000);
    return new PholdParams(entities, events, remote, mean, groups);
  }

  @Override
  public SimWorld build(WorldSpec spec) {
    return new PholdWorld(params(io.smpsim.app.scenario.ScenarioLoader.reader(
        spec.source(), spec.origin())));
  }
}
