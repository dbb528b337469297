package io.smpsim.kernel.testing;

import com.typesafe.config.ConfigFactory;
import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.shell.CommandResult;
import java.util.ArrayList;
import java.util.List;

/** Runs shell commands on a booted machine, for the shell applets' tests. */
public final class ShellScript {

  /** A file that stays the same between reads (/proc/softirqs moves on: TIMER, for one). */
  public static final String STATES = "/sys/devices/system/cpu/hotplug/states";

  private static final long S = 1_000_000_000L;

  private ShellScript() {}

  /** {@link #run(int, String...)} on 4 CPUs. */
  public static List<String> run(String... script) {
    return run(4, script);
  }

  /**
   * Runs {@code script} on a machine of {@code cpus} CPUs from 2 s, one command each 100 ms,
   * every message serialized; each command's result as "exit:stdout+stderr".
   */
  public static List<String> run(int cpus, String... script) {
    List<TimelineCommand> timeline = new ArrayList<>();
    for (int i = 0; i < script.length; i++) {
      timeline.add(new TimelineCommand(2 * S + i * S / 10, 0, script[i], "test"));
    }
    MachineConfig m = new MachineConfig("m0", 0, cpus, 1, 250, true, "console=ttyS0",
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
