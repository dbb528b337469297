package io.smpsim.app.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.app.scenario.ScenarioModel;
import io.smpsim.sim.Event;
import io.smpsim.sim.WorldFactory;
import io.smpsim.sim.engine.EmbeddedCluster;
import io.smpsim.sim.engine.RunClient;
import io.smpsim.sim.engine.RunReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario running on an embedded cluster: the cluster, the run's client, and the run started
 * with the scenario's timeline injected. Shared by {@code smpsim run} and {@code smpsim shell}.
 */
public final class Simulation implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  private final Scenario scenario;
  private final EmbeddedCluster cluster;
  private final RunClient client;
  private final RunReply.Started started;
  private final long startedAtMs;
  private final boolean ownsCluster;

  private Simulation(Scenario scenario, EmbeddedCluster cluster, RunClient client,
      RunReply.Started started, boolean ownsCluster) {
    this.scenario = scenario;
    this.cluster = cluster;
    this.client = client;
    this.started = started;
    this.startedAtMs = System.currentTimeMillis();
    this.ownsCluster = ownsCluster;
  }

  /** Every world factory the loader knows. */
  public static List<WorldFactory> factories(ScenarioLoader loader) {
    List<WorldFactory> f = new ArrayList<>();
    for (ScenarioModel m : loader.models().values()) {
      f.add(m.factory());
    }
    return f;
  }

  /** Starts {@code nodes} in-JVM nodes and the scenario's run on them. */
  public static Simulation start(Scenario scenario, ScenarioLoader loader, int nodes,
      Config config) {
    List<WorldFactory> factories = factories(loader);
    EmbeddedCluster cluster = EmbeddedCluster.start(nodes, config, factories, START_TIMEOUT);
    try {
      return begin(scenario, factories, cluster, cluster.client(START_TIMEOUT), true);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * Starts the scenario's run on a cluster that outlives it (started with this loader's
   * {@link #factories}), driven by {@code client}: closing the simulation ends the run and
   * leaves the cluster up for the next one. Tests running many short scenarios share a cluster
   * this way.
   */
  public static Simulation on(EmbeddedCluster cluster, RunClient client, Scenario scenario,
      ScenarioLoader loader) {
    return begin(scenario, factories(loader), cluster, client, false);
  }

  private static Simulation begin(Scenario scenario, List<WorldFactory> factories,
      EmbeddedCluster cluster, RunClient client, boolean ownsCluster) {
    RunReply.Started started = client.start(scenario.worldSpec(), scenario.lookaheadNs(),
        cluster.nodes().size());
    WorldFactory own = factories.stream().filter(f -> f.name().equals(scenario.model()))
        .findFirst().orElseThrow();
    List<Event> initial = own.build(scenario.worldSpec()).initialEvents();
    if (!initial.isEmpty()) {
      client.inject(initial);
    }
    return new Simulation(scenario, cluster, client, started, ownsCluster);
  }

  /** Starts with the default configuration. */
  public static Simulation start(Scenario scenario, ScenarioLoader loader, int nodes) {
    return start(scenario, loader, nodes, ConfigFactory.empty());
  }

  public Scenario scenario() {
    return scenario;
  }

  public RunClient client() {
    return client;
  }

  public RunReply.Started started() {
    return started;
  }

  public int nodes() {
    return cluster.nodes().size();
  }

  /** Wall-clock ms since the run started. */
  public long wallMs() {
    return System.currentTimeMillis() - startedAtMs;
  }

  /** Stops the cluster, or on a shared cluster ends the run if it is still going. */
  @Override
  public void close() {
    if (ownsCluster) {
      cluster.close();
    } else if (client.running()) {
      client.finish(o -> { });
    }
  }
}
