package io.smpsim.app.cli;

import io.smpsim.app.cluster.MetricsEndpoint;
import io.smpsim.app.cluster.RunTarget;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where and how a run happens: the options {@code run} and {@code resume} share. */
public final class ClusterOptions {

  @Option(names = "--nodes", paramLabel = "N",
      description = "In-JVM cluster nodes (default 1); with --cluster, how many worker nodes to"
          + " wait for and use (default: every worker that is up).")
  Integer nodes;

  @Option(names = "--cluster", paramLabel = "HOST:PORT", split = ",",
      description = "Join the cluster of worker nodes (smpsim node) with these seed nodes as a"
          + " client, and run there.")
  List<String> cluster = new ArrayList<>();

  @Option(names = "--host", paramLabel = "H",
      description = "With --cluster: this client's address in the cluster (default 127.0.0.1).")
  String host;

  @Mixin
  ConfigOption config;

  @Option(names = "--show-placement",
      description = "Print which node hosts which entities, on stderr.")
  boolean showPlacement;

  @Option(names = "--metrics-port", paramLabel = "P",
      description = "Serve Prometheus metrics on 127.0.0.1:P while the run goes on.")
  Integer metricsPort;

  /** The run's target, checked. */
  RunTarget target() {
    return new RunTarget(nodes, List.copyOf(cluster), host, config.file).validate();
  }

  /** The metrics endpoint asked for, or null. */
  MetricsEndpoint metrics() {
    return metricsPort == null ? null
        : MetricsEndpoint.start(Main.port(metricsPort, "--metrics-port"), config.settings());
  }
}
