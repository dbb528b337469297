package io.smpsim.app.run;

import com.typesafe.config.ConfigFactory;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.sim.engine.EmbeddedCluster;
import io.smpsim.sim.engine.RunClient;
import io.smpsim.sim.testing.SerializationErrors;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded node that the scenario runs of a test class share: started before the class's
 * first test, closed after its last, when no message may have failed to serialize. A class
 * registers it as {@code @RegisterExtension static final SharedCluster CLUSTER}.
 */
final class SharedCluster implements BeforeAllCallback, AfterAllCallback {

  private final ScenarioLoader loader = new ScenarioLoader();
  private final Duration timeout;
  private EmbeddedCluster cluster;
  private RunClient client;

  /** @param timeout how long the node may take to start, and a run's steps to answer */
  SharedCluster(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster = EmbeddedCluster.start(1, ConfigFactory.empty(), Simulation.factories(loader),
        timeout);
    client = cluster.client(timeout);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    cluster.close();
    SerializationErrors.assertNone();
  }

  /** The loader the node's runs build their worlds with. */
  ScenarioLoader loader() {
    return loader;
  }

  /** Runs the scenario file {@code file} (relative to the repository root) to its end. */
  ScenarioRun run(String file) {
    return ScenarioRun.of(cluster, client, loader, file);
  }

  /** Runs {@code scenario}, loaded with {@link #loader()}, to its end. */
  ScenarioRun run(Scenario scenario) {
    return ScenarioRun.of(cluster, client, loader, scenario);
  }
}
