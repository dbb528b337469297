package io.smpsim.app.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.smpsim.app.scenario.ScenarioException;
import io.smpsim.sim.metrics.EngineMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import kamon.Kamon;
import scala.concurrent.Await;
import scala.concurrent.duration.FiniteDuration;

/**
 * The Prometheus endpoint of {@code --metrics-port}: Kamon's Prometheus reporter serving every
 * instrument of this process (all nodes of an in-JVM cluster) at {@code /metrics}. It binds
 * 127.0.0.1 unless the user's configuration sets
 * {@code kamon.prometheus.embedded-server.hostname}; Kamon is not started at all without it.
 */
public final class MetricsEndpoint implements AutoCloseable {

  private MetricsEndpoint() {}

  /**
   * Starts Kamon with the Prometheus reporter on {@code port}.
   *
   * @param user the user's configuration, for the bind host and other Kamon settings
   */
  public static MetricsEndpoint start(int port, Config user) {
    Config c = ConfigFactory.empty()
        .withValue("kamon.prometheus.embedded-server.port", ConfigValueFactory.fromAnyRef(port))
        .withFallback(user)
        .withFallback(ConfigFactory.parseResources("io/smpsim/app/metrics.conf"))
        .withFallback(ConfigFactory.load())
        .resolve();
    checkFree(c.getString("kamon.prometheus.embedded-server.hostname"), port);
    Kamon.init(c);
    EngineMetrics.enable();
    return new MetricsEndpoint();
  }

  /**
   * Fails (exit 2) if nothing can listen on {@code host:port}: Kamon's server would only log the
   * failure and the run would go on without the endpoint the user asked for.
   */
  static void checkFree(String host, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      String why = e instanceof UnknownHostException ? "unknown host" : e.getMessage();
      throw new ScenarioException("--metrics-port " + port + ": cannot listen on " + host + ":"
          + port + " (" + why + ")");
    }
  }

  @Override
  public void close() {
    try {
      Await.ready(Kamon.stop(), FiniteDuration.apply(5, TimeUnit.SECONDS));
    } catch (Exception e) {
      // The process is ending; a reporter that does not stop in time ends with it.
    }
  }
}
