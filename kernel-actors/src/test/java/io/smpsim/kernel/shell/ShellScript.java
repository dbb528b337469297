package io.smpsim.kernel.shell;

import com.typesafe.config.ConfigFactory;
import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.testing.EmbeddedLinuxRun;
import java.util.ArrayList;
import java.util.List;

/** Runs shell commands on a booted 4-CPU machine, for the shell applets' tests. */
final class ShellScript {

  private static final long S = 1_000_000_000L;

  private ShellScript() {}

  /**
   * Runs {@code script} from 2 s, one command each 100 ms, every message serialized; each
   * command's result as "exit:stdout+stderr".
   */
  static List<String> run(String... script) {
    List<TimelineCommand> timeline = new ArrayList<>();
    for (int i = 0; i < script.length; i++) {
      timeline.add(new TimelineCommand(2 * S + i * S / 10, 0, script[i], "test"));
    }
    MachineConfig m = new MachineConfig("m0", 0, 4, 1, 250, true, "console=ttyS0",
        "Test CPU", 3_000_000, HwTimings.uniform(100), 1_000_000,
        MachineConfig.Placement.MACHINE);
    List<String> results = new ArrayList<>();
    EmbeddedLinuxRun.run(m, timeline, 2 * S + script.length * S / 10 + S / 2,
        ConfigFactory.parseString("pekko.actor.serialize-messages = on"), o -> {
          if (o.output() instanceof CommandResult c) {
            results.add(c.exit() + ":" + c.stdout() + c.stderr());
          }
        });
    return results;
  }
}
