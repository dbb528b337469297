package io.smpsim.app.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.smpsim.sim.metrics.EngineMetrics;
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
    Kamon.init(c);
    EngineMetrics.enable();
    return new MetricsEndpoint();
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
