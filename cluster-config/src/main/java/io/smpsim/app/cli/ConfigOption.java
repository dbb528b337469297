package io.smpsim.app.cli;

import com.typesafe.config.Config;
import io.smpsim.app.cluster.NodeSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}: the user's HOCON settings over smpsim's, the option that {@code node},
 * {@code run} and {@code resume} share (through {@link ClusterOptions}) and read alike.
 */
public final class ConfigOption {

  @Option(names = "--config", paramLabel = "FILE",
      description = "HOCON settings over smpsim's: addresses, TLS (see cluster-config/conf).")
  Path file;

  /** The file's settings, checked ({@link NodeSettings#userConfig}); empty without the option. */
  Config settings() {
    return NodeSettings.userConfig(file);
  }
}
