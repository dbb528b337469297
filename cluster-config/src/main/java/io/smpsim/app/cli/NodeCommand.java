package io.smpsim.app.cli;

import com.typesafe.config.Config;
import io.smpsim.app.cluster.MembershipLog;
import io.smpsim.app.cluster.MetricsEndpoint;
import io.smpsim.app.cluster.NodeLogging;
import io.smpsim.app.cluster.NodeSettings;
import io.smpsim.app.cluster.RunTarget;
import io.smpsim.app.run.Simulation;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.sim.engine.ClusterMember;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.CoordinatedShutdown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code smpsim node}: a cluster member that hosts simulation entities and waits for runs
 * ({@code smpsim run --cluster}). It runs until it is stopped (SIGTERM or Ctrl-C: it leaves the
 * cluster gracefully), or the cluster downs it (exit 3).
 */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = "Start a cluster member that hosts simulation entities and waits for runs.")
public final class NodeCommand implements Callable<Integer> {

  /** The port of a node when neither --port nor the configuration gives one. */
  static final int DEFAULT_PORT = 2551;

  /** How long a node tries to reach its seed nodes (one started alongside may not listen yet). */
  private static final Duration SEED_WAIT = Duration.ofSeconds(10);

  /** How long a node waits for its seed nodes to let it in. */
  private static final Duration JOIN_TIMEOUT = Duration.ofMinutes(2);

  @Option(names = "--host", paramLabel = "H",
      description = "Address to bind and to be reached at (default 127.0.0.1).")
  String host;

  @Option(names = "--port", paramLabel = "P",
      description = "Port (default " + DEFAULT_PORT + "; 0 picks a free one).")
  Integer port;

  @Option(names = "--seed-nodes", paramLabel = "HOST:PORT", split = ",",
      description = "Seed nodes of the cluster to join; none: start a new cluster.")
  List<String> seedNodes;

  @Option(names = "--roles", paramLabel = "ROLE", split = ",",
      description = "Cluster roles (default worker: hosts entities).")
  List<String> roles;

  @Mixin
  ConfigOption config;

  @Option(names = "--scenario", paramLabel = "FILE",
      description = "Reserve this node for one scenario: runs and nodes of another are refused.")
  Path scenario;

  @Option(names = "--metrics-port", paramLabel = "P",
      description = "Serve Prometheus metrics on 127.0.0.1:P.")
  Integer metricsPort;

  @Option(names = "--stop-on-eof",
      description = "Stop (leaving the cluster) when standard input closes: for supervisors and"
          + " scripts that hold a pipe to the node.")
  boolean stopOnEof;

  @Override
  public Integer call() {
    return Main.guard(() -> {
      if (port != null) {
        Main.port(port == 0 ? 1 : port, "--port");
      }
      ScenarioLoader loader = new ScenarioLoader();
      String pinned = scenario == null ? ""
          : loader.load(scenario, null, null).worldSpec().scenarioHash();
      Config user = config.settings();
      Config c = NodeLogging.enable(
          NodeSettings.member(user, host, port, DEFAULT_PORT, seedNodes, roles, pinned));
      NodeSettings.checkPortFree(c);
      List<String> others = NodeSettings.otherSeeds(c);
      if (!others.isEmpty() && NodeSettings.tcp(c)) {
        // Pekko would retry the seeds silently for the whole join timeout.
        RunTarget.probe(others, SEED_WAIT, "start the first node there (smpsim node --port P),"
            + " or check --seed-nodes");
      }
      MetricsEndpoint metrics = metricsPort == null ? null
          : MetricsEndpoint.start(Main.port(metricsPort, "--metrics-port"), user);
      try {
        ClusterMember member = ClusterMember.join(c, Simulation.factories(loader),
            JOIN_TIMEOUT);
        System.err.println("smpsim: node " + member.address() + " is up (roles "
            + String.join(",", c.getStringList("pekko.cluster.roles")) + ")"
            + (pinned.isEmpty() ? "" : ", reserved for " + scenario)
            + "; waiting for runs");
        System.err.flush();
        MembershipLog.start(member.system(), System.err);
        if (stopOnEof) {
          stopOnEndOfInput(member);
        }
        member.system().getWhenTerminated().toCompletableFuture().join();
        Optional<CoordinatedShutdown.Reason> reason =
            CoordinatedShutdown.get(member.system()).getShutdownReason();
        if (reason.isPresent()
            && reason.get().equals(CoordinatedShutdown.clusterDowningReason())) {
          System.err.println("smpsim: node " + member.address() + " was downed by the cluster"
              + " (unreachable, or on the minority side of a partition); stopping");
          return ExitCodes.ABORTED;
        }
      } finally {
        if (metrics != null) {
          metrics.close();
        }
      }
      return ExitCodes.OK;
    });
  }

  private static void stopOnEndOfInput(ClusterMember member) {
    Thread t = new Thread(() -> {
      InputStream in = System.in;
      try {
        while (in.read() >= 0) {
          // Whatever the supervisor writes is ignored; only the end of input matters.
        }
      } catch (IOException e) {
        // A broken pipe means the supervisor is gone, like end of input.
      }
      member.close();
    }, "smpsim-stop-on-eof");
    t.setDaemon(true);
    t.start();
  }
}
