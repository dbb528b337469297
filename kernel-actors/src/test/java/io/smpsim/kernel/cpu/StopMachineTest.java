package io.smpsim.kernel.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.kernel.testing.EmbeddedLinuxRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A suspend to RAM takes the APs down (freeze_secondary_cpus) and brings them back
 * (kernel/cpu.c thaw_secondary_cpus): each cpu_up() unparks the AP's hotplug thread before
 * the AP is active (a RESCHEDULE IPI, {@link ReschedCurr}), and arch_thaw_secondary_cpus_end()
 * runs mtrr_aps_init()'s stop_machine() over the online CPUs, waking each AP's stopper
 * through its wake list (a function-call IPI): after one resume every AP has one more of each
 * than after boot, and the CPU that ran the resume two more function calls per AP (the AP's
 * completions of its waits).
 */
class StopMachineTest {

  @Test
  void aResumeBringsEveryApBackWithOneRescheduleAndOneFunctionCallInterrupt() {
    long s = 1_000_000_000L;
    List<String> rows = new ArrayList<>();
    EmbeddedLinuxRun.run(WakeListTest.machine(), List.of(
        new TimelineCommand(2 * s, 0, "echo +2 > /sys/class/rtc/rtc0/wakealarm", "alarm"),
        new TimelineCommand(2 * s, 0, "echo mem > /sys/power/state", "mem"),
        new TimelineCommand(8 * s, 0, "cat /proc/interrupts", "t")), 9 * s,
        ConfigFactory.empty(), o -> {
          if (o.output() instanceof CommandResult r && r.stdout().contains("RES:")) {
            r.stdout().lines().filter(l -> l.startsWith("RES:") || l.startsWith("CAL:"))
                .map(l -> l.replaceAll("\\s+", " ").strip()).forEach(rows::add);
          }
        });
    assertEquals(List.of("RES: 0 2 2 2 Rescheduling interrupts",
        "CAL: 12 2 2 2 Function call interrupts"), rows);
  }
}
