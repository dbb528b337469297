package io.smpsim.app.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.checkpoint.CheckpointDir;
import io.smpsim.sim.engine.Handshake;
import io.smpsim.sim.serialization.StateCodec;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How a run uses checkpoints: not at all, every {@code everyNs} of simulated time into a new
 * directory ({@code run --checkpoint-every D --checkpoint-dir DIR}), or resuming the latest
 * checkpoint of a directory and going on taking them there ({@code resume DIR}).
 *
 * @param dir the checkpoint directory, or null for none
 * @param everyNs the interval in simulated ns, 0 for none
 * @param resume whether the run resumes the directory's latest checkpoint
 */
public record Checkpointing(Path dir, long everyNs, boolean resume) {

  /** Manifest key (app section): the run's simulated duration. */
  public static final String DURATION_KEY = "duration-ns";

  /** Manifest key (app section): the checkpoint interval. */
  public static final String EVERY_KEY = "checkpoint-every-ns";

  /** No checkpoints. */
  public static Checkpointing none() {
    return new Checkpointing(null, 0, false);
  }

  public boolean enabled() {
    return dir != null;
  }

  /**
   * Opens the directory: a fresh one for a new run; for a resume, with the outputs that precede
   * the checkpoint handed to {@code replay}. The client's own configuration decides how state is
   * read and written.
   */
  CheckpointDir open(Consumer<OutputRecord> replay) {
    Config config = ConfigFactory.load();
    StateCodec codec = StateCodec.fromConfig(config);
    return resume ? CheckpointDir.resume(dir, codec, self(), replay)
        : CheckpointDir.create(dir, codec);
  }

  /** This build's version and wire fingerprint, as checkpoints record them. */
  static Handshake self() {
    return Handshake.of(ConfigFactory.load(), "");
  }

  /** The settings a resume needs besides the engine's, kept in the manifest. */
  static Config appSettings(long durationNs, long everyNs) {
    return ConfigFactory.parseMap(Map.of(DURATION_KEY, durationNs, EVERY_KEY, everyNs));
  }
}
