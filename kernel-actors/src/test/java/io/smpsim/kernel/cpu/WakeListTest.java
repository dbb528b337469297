package io.smpsim.kernel.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.kernel.testing.EmbeddedLinuxRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bringing up the APs wakes tasks across CPUs (kernel/cpu.c bringup_cpu, arch/x86/kernel/smpboot.c
 * native_smp_cpus_done): each AP completes the boot CPU's wait for it twice (its idle task
 * once it is online, its hotplug thread once it ran the online states), and once all are up
 * mtrr_aps_init()'s stop_machine() wakes every AP's stopper thread. On 6.x all of them wake an
 * idle, active CPU through its wake list, a CALL_FUNCTION_SINGLE IPI (kernel/sched/core.c
 * ttwu_queue_wakelist): after boot every CPU has function-call interrupts, the boot CPU two per
 * AP. (The AP's hotplug thread, unparked while the AP is not yet active, is woken with a
 * RESCHEDULE IPI instead: {@link ReschedCurrTest}.) 2.6 kernels had no wake list.
 */
class WakeListTest {

  private static final long S = 1_000_000_000L;

  static String row(MachineConfig m, String label) {
    List<String> out = new ArrayList<>();
    EmbeddedLinuxRun.run(m, List.of(new TimelineCommand(3 * S, 0, "cat /proc/interrupts", "t")),
        4 * S, ConfigFactory.empty(), o -> {
          if (o.output() instanceof CommandResult r) {
            r.stdout().lines().filter(l -> l.startsWith(label + ":")).forEach(out::add);
          }
        });
    assertEquals(1, out.size(), out.toString());
    return out.get(0).replaceAll("\\s+", " ").strip();
  }

  static MachineConfig machine() {
    return new MachineConfig("m0", 0, 4, 1, 250, true, "console=ttyS0", "Test CPU", 3_000_000,
        HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE);
  }

  @Test
  void afterBootEveryCpuHasTakenFunctionCallInterrupts() {
    assertEquals("CAL: 6 1 1 1 Function call interrupts", row(machine(), "CAL"));
  }

  @Test
  void a26KernelWakesWithoutTheWakeList() {
    MachineConfig m = machine().withKernel(KernelVersion.parse("2.6.20"), true);
    assertEquals("CAL: 0 0 0 0 Function call interrupts", row(m, "CAL"));
  }
}
