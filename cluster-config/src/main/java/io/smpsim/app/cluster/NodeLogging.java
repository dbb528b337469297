package io.smpsim.app.cluster;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.slf4j.LoggerFactory;

/**
 * What a worker process logs on stderr besides errors: cluster membership (members up, leaving,
 * unreachable, downed by the split-brain resolver, joins refused by the handshake), which an
 * operator needs to follow a cluster. Runs and in-JVM clusters stay quiet.
 */
public final class NodeLogging {

  private NodeLogging() {}

  /** {@code config} with Pekko's cluster events logged; sets the log levels of this process. */
  public static Config enable(Config config) {
    ((Logger) LoggerFactory.getLogger("org.apache.pekko.cluster")).setLevel(Level.INFO);
    ((Logger) LoggerFactory.getLogger("org.apache.pekko.cluster.sharding")).setLevel(Level.WARN);
    return ConfigFactory.parseString("pekko.loglevel = INFO\npekko.cluster.log-info = on")
        .withFallback(config);
  }
}
