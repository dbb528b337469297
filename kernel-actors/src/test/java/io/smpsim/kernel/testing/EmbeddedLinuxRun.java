package io.smpsim.kernel.testing;

import com.typesafe.config.Config;
import io.smpsim.kernel.linux.LinuxWorld;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.SimWorld;
import io.smpsim.sim.WorldFactory;
import io.smpsim.sim.WorldSpec;
import io.smpsim.sim.engine.EmbeddedCluster;
import io.smpsim.sim.engine.RunClient;
import io.smpsim.sim.testing.SerializationErrors;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a {@link LinuxWorld} of one machine and a timeline on one embedded engine node for
 * {@code durationNs} of simulated time, handing every output to the caller, and checks that no
 * message failed to serialize.
 */
public final class EmbeddedLinuxRun {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private EmbeddedLinuxRun() {}

  public static void run(MachineConfig machine, List<TimelineCommand> timeline, long durationNs,
      Config config, Consumer<OutputRecord> sink) {
    WorldFactory f = new WorldFactory() {
      @Override
      public String name() {
        return "linux-test";
      }

      @Override
      public SimWorld build(WorldSpec spec) {
        return new LinuxWorld(List.of(machine), timeline);
      }
    };
    try (EmbeddedCluster c = EmbeddedCluster.start(1, config, List.of(f), TIMEOUT)) {
      RunClient client = c.client(TIMEOUT);
      WorldSpec spec = new WorldSpec("linux-test", "", "test", 1);
      client.start(spec, 100, 1);
      client.inject(f.build(spec).initialEvents());
      while (client.now() < durationNs) {
        client.runUntil(durationNs, sink, null);
      }
      client.finish(sink);
    }
    SerializationErrors.assertNone();
  }
}
