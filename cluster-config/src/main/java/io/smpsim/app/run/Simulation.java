package io.smpsim.app.run;

import com.typesafe.config.Config;
import io.smpsim.app.cluster.RunTarget;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.app.scenario.ScenarioModel;
import io.smpsim.sim.Event;
import io.smpsim.sim.SimWorld;
import io.smpsim.sim.WorldFactory;
import io.smpsim.sim.checkpoint.CheckpointDir;
import io.smpsim.sim.engine.EmbeddedCluster;
import io.smpsim.sim.engine.RunClient;
import io.smpsim.sim.engine.RunReply;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario running on a cluster — in-JVM, or other processes this one joined as a client —
 * with the run's client: started afresh with the scenario's timeline injected, or resumed from a
 * checkpoint. Shared by {@code smpsim run}, {@code smpsim resume} and {@code smpsim shell}.
 */
public final class Simulation implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  /**
   * How long a run may take to start: the cluster, then every entity created and started. A
   * million-CPU world takes minutes on two cores, so big worlds get more time.
   */
  private static Duration startTimeout(SimWorld world) {
    return START_TIMEOUT.plusMillis(world.entityCount() / 5);
  }

  private final Scenario scenario;
  private final SimWorld world;
  private final RunTarget.Connection connection;
  private final RunReply.Started started;
  private final long startedAtMs;

  private Simulation(Scenario scenario, SimWorld world, RunTarget.Connection connection,
      RunReply.Started started) {
    this.scenario = scenario;
    this.world = world;
    this.connection = connection;
    this.started = started;
    this.startedAtMs = System.currentTimeMillis();
  }

  /** Every world factory the loader knows. */
  public static List<WorldFactory> factories(ScenarioLoader loader) {
    List<WorldFactory> f = new ArrayList<>();
    for (ScenarioModel m : loader.models().values()) {
      f.add(m.factory());
    }
    return f;
  }

  private static SimWorld world(Scenario scenario, List<WorldFactory> factories) {
    WorldFactory own = factories.stream().filter(f -> f.name().equals(scenario.model()))
        .findFirst().orElseThrow();
    return own.build(scenario.worldSpec());
  }

  /** Starts the scenario's run on {@code target}. */
  public static Simulation start(Scenario scenario, ScenarioLoader loader, RunTarget target) {
    List<WorldFactory> factories = factories(loader);
    SimWorld world = world(scenario, factories);
    return begin(scenario, world, target.connect(factories,
        scenario.worldSpec().scenarioHash(), startTimeout(world)));
  }

  /** Starts on {@code nodes} in-JVM nodes. */
  public static Simulation start(Scenario scenario, ScenarioLoader loader, int nodes) {
    return start(scenario, loader, RunTarget.embedded(nodes));
  }

  /** Starts on {@code nodes} in-JVM nodes with {@code config} over the defaults (tests). */
  public static Simulation start(Scenario scenario, ScenarioLoader loader, int nodes,
      Config config) {
    List<WorldFactory> factories = factories(loader);
    SimWorld world = world(scenario, factories);
    EmbeddedCluster cluster = EmbeddedCluster.start(nodes, config, factories, START_TIMEOUT);
    return begin(scenario, world,
        new RunTarget.Connection(cluster.client(startTimeout(world)), nodes, cluster));
  }

  /**
   * Starts the scenario's run on a cluster that outlives it (started with this loader's
   * {@link #factories}), driven by {@code client}: closing the simulation ends the run and
   * leaves the cluster up for the next one. Tests running many short scenarios share a cluster
   * this way.
   */
  public static Simulation on(EmbeddedCluster cluster, RunClient client, Scenario scenario,
      ScenarioLoader loader) {
    AutoCloseable endRun = () -> {
      if (client.running()) {
        client.finish(o -> { });
      }
    };
    return begin(scenario, world(scenario, factories(loader)),
        new RunTarget.Connection(client, cluster.nodes().size(), endRun));
  }

  private static Simulation begin(Scenario scenario, SimWorld world,
      RunTarget.Connection connection) {
    try {
      RunReply.Started started = connection.client().start(scenario.worldSpec(),
          scenario.lookaheadNs(), connection.nodes());
      List<Event> initial = world.initialEvents();
      if (!initial.isEmpty()) {
        connection.client().inject(initial);
      }
      return new Simulation(scenario, world, connection, started);
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * Resumes the latest checkpoint of {@code checkpoints} (whose outputs were already replayed)
   * on {@code target}; the run goes on from the checkpoint's time.
   */
  public static Simulation resume(Scenario scenario, ScenarioLoader loader, RunTarget target,
      CheckpointDir checkpoints) {
    List<WorldFactory> factories = factories(loader);
    SimWorld world = world(scenario, factories);
    RunTarget.Connection connection = target.connect(factories,
        scenario.worldSpec().scenarioHash(), startTimeout(world));
    try {
      RunReply.Started started = connection.client().resume(checkpoints.latest(),
          checkpoints.latestStateFiles(), world, connection.nodes());
      return new Simulation(scenario, world, connection, started);
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  public Scenario scenario() {
    return scenario;
  }

  /** The world, as built on this process (for names and groups). */
  public SimWorld world() {
    return world;
  }

  public RunClient client() {
    return connection.client();
  }

  public RunReply.Started started() {
    return started;
  }

  public int nodes() {
    return started.nodeAddresses().size();
  }

  /** Wall-clock ms since the run started (its first window could begin). */
  public long wallMs() {
    return System.currentTimeMillis() - startedAtMs;
  }

  /**
   * Wall-clock ms from the JVM's start to the run's start: what a user of {@code smpsim run}
   * waits before the first window (the JVM, the cluster, the entities).
   */
  public long startupMs() {
    return startedAtMs - ManagementFactory.getRuntimeMXBean().getStartTime();
  }

  /** Stops the cluster, or on a shared cluster ends the run if it is still going. */
  @Override
  public void close() {
    connection.close();
  }
}
