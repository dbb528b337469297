package io.smpsim.app.cluster;

import com.typesafe.config.Config;
import io.smpsim.app.scenario.ScenarioException;
import io.smpsim.sim.WorldFactory;
import io.smpsim.sim.engine.ClusterMember;
import io.smpsim.sim.engine.EmbeddedCluster;
import io.smpsim.sim.engine.RunClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a run happens: an in-JVM cluster of {@code nodes} nodes (the default, one node), or an
 * existing cluster of worker processes that this process joins as a client ({@code --cluster}),
 * using {@code nodes} of its workers (default: every worker up when the client has joined).
 *
 * @param nodes in-JVM nodes, or workers to wait for; null for the default
 * @param seeds the cluster's seed nodes as {@code host:port}; empty for an in-JVM cluster
 * @param host the client's own address in the cluster, or null (127.0.0.1, or the file's)
 * @param configFile the user's HOCON file, or null
 */
public record RunTarget(Integer nodes, List<String> seeds, String host, Path configFile) {

  /** The most in-JVM nodes a run may ask for. */
  public static final int MAX_NODES = 64;

  /** The role of the process that drives a run on a cluster: it hosts nothing. */
  public static final String CLIENT_ROLE = "client";

  /** An in-JVM cluster of {@code nodes} nodes. */
  public static RunTarget embedded(int nodes) {
    return new RunTarget(nodes, List.of(), null, null);
  }

  /** Whether the run happens on a cluster of other processes. */
  public boolean remote() {
    return !seeds.isEmpty();
  }

  /** Checks the options; bad ones are invalid input. */
  public RunTarget validate() {
    if (nodes != null && (nodes < 1 || nodes > MAX_NODES)) {
      throw new ScenarioException("--nodes must be between 1 and " + MAX_NODES + ", got "
          + nodes);
    }
    if (!remote() && host != null) {
      throw new ScenarioException("--host is the client's address in a cluster: it needs"
          + " --cluster");
    }
    for (String s : seeds) {
      NodeSettings.seedAddress(s);
    }
    return this;
  }

  /** How long a client waits for a seed node that answers to let it join. */
  static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);

  /** How long a client tries to open a TCP connection to each seed node. */
  static final int PROBE_TIMEOUT_MS = 3_000;

  /**
   * Fails within seconds, saying what was tried, when no seed node accepts a connection: Pekko
   * would retry silently until the join timeout.
   *
   * @throws ClusterUnreachableException (exit 3) if none does
   */
  static void probe(List<String> seeds) {
    probe(seeds, Duration.ZERO, "start a worker there with `smpsim node`, or check --cluster");
  }

  /**
   * Tries the seed nodes ({@code host:port}) until one accepts a TCP connection, for up to
   * {@code retryFor} (a seed started at the same time may need a few seconds to listen).
   *
   * @param hint what to do about it, after the list of what was tried
   * @throws ClusterUnreachableException (exit 3) if none does in time
   */
  public static void probe(List<String> seeds, Duration retryFor, String hint) {
    long deadline = System.nanoTime() + retryFor.toNanos();
    while (true) {
      List<String> tried = new ArrayList<>();
      for (String seed : seeds) {
        String s = seed.strip();
        int colon = s.lastIndexOf(':');
        String h = s.substring(0, colon);
        int p = Integer.parseInt(s.substring(colon + 1));
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(h, p), PROBE_TIMEOUT_MS);
          return;
        } catch (UnknownHostException e) {
          tried.add(s + " (unknown host)");
        } catch (SocketTimeoutException e) {
          tried.add(s + " (no answer within " + PROBE_TIMEOUT_MS / 1000 + " s)");
        } catch (IOException e) {
          tried.add(s + " (" + (e.getMessage() == null ? "cannot connect" : e.getMessage()
              .toLowerCase(java.util.Locale.ROOT)) + ")");
        }
      }
      if (System.nanoTime() >= deadline) {
        throw new ClusterUnreachableException("no cluster reachable: tried " + String.join(", ",
            tried) + (retryFor.isZero() ? "" : " for " + retryFor.toSeconds() + " s") + "; "
            + hint);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClusterUnreachableException("interrupted while trying " + String.join(", ",
            seeds));
      }
    }
  }

  /** A cluster to run on, with the client that drives the run. */
  public record Connection(RunClient client, int nodes, AutoCloseable cluster)
      implements AutoCloseable {
    @Override
    public void close() {
      try {
        cluster.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop the cluster", e);
      }
    }
  }

  /**
   * Starts the in-JVM cluster, or joins the remote one as a client.
   *
   * @param scenarioHash the run's scenario, which the client announces in its handshake
   * @param timeout how long to wait for the cluster to form, or to answer
   */
  public Connection connect(List<WorldFactory> factories, String scenarioHash,
      Duration timeout) {
    Config user = NodeSettings.userConfig(configFile);
    if (!remote()) {
      int n = nodes == null ? 1 : nodes;
      EmbeddedCluster cluster = EmbeddedCluster.start(n, user, factories, timeout);
      return new Connection(cluster.client(timeout), n, cluster);
    }
    Config config = NodeSettings.member(user, host, null, 0, seeds, List.of(CLIENT_ROLE),
        scenarioHash);
    String transport = config.getString("pekko.remote.artery.transport");
    if (transport.equals("tcp") || transport.equals("tls-tcp")) {
      probe(seeds);
    }
    // A seed that accepts connections but never lets us in (not an smpsim node, or one that is
    // stuck) is reported after a minute, not after the whole start-up allowance.
    Duration join = timeout.compareTo(JOIN_TIMEOUT) < 0 ? timeout : JOIN_TIMEOUT;
    ClusterMember member = ClusterMember.join(config, factories, join);
    try {
      member.awaitWorkers(nodes == null ? 1 : nodes, timeout);
      int n = nodes == null ? member.workersUp() : nodes;
      return new Connection(member.client(timeout), n, member);
    } catch (RuntimeException e) {
      member.close();
      throw e;
    }
  }
}
