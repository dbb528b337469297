package io.smpsim.app.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueFactory;
import io.smpsim.app.scenario.ScenarioException;
import io.smpsim.app.scenario.ScenarioText;
import io.smpsim.sim.engine.EmbeddedCluster;
import io.smpsim.sim.engine.Handshake;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Pekko configuration of one smpsim process in a cluster, layered from the most specific:
 * what the command line set explicitly ({@code --host}, {@code --port}, {@code --seed-nodes},
 * {@code --roles}), then the user's HOCON file ({@code --config}: seed nodes, canonical and bind
 * addresses, TLS; see {@code cluster-config/conf/}), then smpsim's defaults (Artery TCP on
 * 127.0.0.1, the split-brain resolver, the join handshake).
 */
public final class NodeSettings {

  private static final String ARTERY = "pekko.remote.artery.";

  private NodeSettings() {}

  /**
   * Reads the user's configuration file, or an empty configuration.
   *
   * @throws ScenarioException (exit 2) if the file is missing or not valid HOCON
   */
  public static Config userConfig(Path file) {
    if (file == null) {
      return ConfigFactory.empty();
    }
    if (!Files.isRegularFile(file)) {
      throw new ScenarioException(file + ": no such file (--config)");
    }
    // The checks of scenario files: text, not binary; not nested deep enough to overflow the
    // parser's stack.
    ScenarioText.read(file, file + " (--config)");
    try {
      return ConfigFactory.parseFile(file.toFile(),
          ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
    } catch (ConfigException e) {
      throw new ScenarioException(file + ": " + e.getMessage());
    } catch (StackOverflowError e) {
      throw new ScenarioException(file + ": nested too deeply to read (--config)");
    }
  }

  /**
   * The seed nodes of {@code config} ({@code host:port}) other than this node itself: empty when
   * there are none, or when this node is one of them (it may start the cluster).
   */
  public static List<String> otherSeeds(Config config) {
    String self = config.getString(ARTERY + "canonical.hostname") + ":"
        + config.getInt(ARTERY + "canonical.port");
    List<String> others = new ArrayList<>();
    for (String address : config.getStringList("pekko.cluster.seed-nodes")) {
      // pekko://smpsim@host:port
      String hostPort = address.substring(address.indexOf('@') + 1);
      if (hostPort.equals(self)) {
        return List.of();
      }
      others.add(hostPort);
    }
    return others;
  }

  /** Whether the cluster talks TCP (or TLS over it), where a seed can be probed. */
  public static boolean tcp(Config config) {
    String transport = config.getString(ARTERY + "transport");
    return transport.equals("tcp") || transport.equals("tls-tcp");
  }

  /**
   * The configuration of a member process.
   *
   * @param user the user's file ({@link #userConfig})
   * @param host the canonical and bind host, or null for the file's (default 127.0.0.1)
   * @param port the port, or null for the file's, else {@code defaultPort}
   * @param seeds seed nodes as {@code host:port}, or null for the file's
   *     ({@code pekko.cluster.seed-nodes}); none at all: this node starts a new cluster
   * @param roles the cluster roles, or null for the file's (default: worker)
   * @param pinnedScenario the handshake's scenario hash, or empty
   */
  public static Config member(Config user, String host, Integer port, int defaultPort,
      List<String> seeds, List<String> roles, String pinnedScenario) {
    Config c = user;
    if (host != null) {
      c = c.withValue(ARTERY + "canonical.hostname", ConfigValueFactory.fromAnyRef(host))
          .withValue(ARTERY + "bind.hostname", ConfigValueFactory.fromAnyRef(host));
    }
    if (port != null) {
      c = c.withValue(ARTERY + "canonical.port", ConfigValueFactory.fromAnyRef(port));
    } else if (!c.hasPath(ARTERY + "canonical.port")) {
      c = c.withValue(ARTERY + "canonical.port", ConfigValueFactory.fromAnyRef(defaultPort));
    }
    if (seeds != null) {
      List<String> addresses = new ArrayList<>();
      for (String s : seeds) {
        addresses.add(seedAddress(s));
      }
      c = c.withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(addresses));
    }
    if (roles != null) {
      c = c.withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(roles));
    }
    c = c.withValue(Handshake.SCENARIO_KEY, ConfigValueFactory.fromAnyRef(pinnedScenario))
        // A process leaves the cluster gracefully when it is asked to stop (SIGTERM, Ctrl-C).
        .withValue("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook",
            ConfigValueFactory.fromAnyRef("on"));
    return EmbeddedCluster.nodeConfig(c);
  }

  /**
   * Fails (exit 2) if the node's port is taken, before the actor system starts: Pekko would
   * fail on it with its own exception text.
   */
  public static void checkPortFree(Config member) {
    int port = member.getInt(ARTERY + "canonical.port");
    if (port == 0) {
      return;
    }
    String host = member.getString(ARTERY + "bind.hostname");
    if (host.isEmpty()) {
      host = member.getString(ARTERY + "canonical.hostname");
    }
    if (host.startsWith("<")) {
      // Pekko's <getHostAddress> / <getHostName>: it picks the interface itself.
      return;
    }
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      throw new ScenarioException("cannot listen on " + host + ":" + port + " ("
          + (e instanceof UnknownHostException ? "unknown host" : e.getMessage())
          + "): choose another --port, or --host");
    }
  }

  /** {@code host:port} as a Pekko seed-node address; a bad one is invalid input. */
  static String seedAddress(String hostPort) {
    String s = hostPort.strip();
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      throw new ScenarioException("expected HOST:PORT for a cluster node, got '" + hostPort + "'");
    }
    int port;
    try {
      port = Integer.parseInt(s.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new ScenarioException("expected HOST:PORT for a cluster node, got '" + hostPort + "'");
    }
    if (port < 1 || port > 65535) {
      throw new ScenarioException("port out of range in '" + hostPort + "'");
    }
    return "pekko://" + EmbeddedCluster.SYSTEM_NAME + "@" + s.substring(0, colon) + ":" + port;
  }
}
