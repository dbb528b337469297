package io.smpsim.kernel.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.kernel.testing.EmbeddedLinuxRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * kernel/cpu.c bringup_wait_for_ap() unparks the AP's hotplug thread while the AP is online but
 * not yet active: 6.x try_to_wake_up() then skips the wake list (ttwu_queue_cond(): "Do not
 * complicate things with the async wake_list while the CPU is in hotplug state") and
 * check_preempt_curr() -> resched_curr() IPIs the idle AP to reschedule, one RES on each AP
 * after boot, and one more each time it is brought up again through sysfs (cpu_up() takes the
 * same path). 2.6 kernels had no hotplug threads to unpark.
 */
class ReschedCurrTest {

  @Test
  void eachApTakesOneRescheduleInterruptWhenItsHotplugThreadIsUnparked() {
    assertEquals("RES: 0 1 1 1 Rescheduling interrupts",
        WakeListTest.row(WakeListTest.machine(), "RES"));
  }

  @Test
  void a26KernelSendsNoneAtBoot() {
    MachineConfig m = WakeListTest.machine().withKernel(KernelVersion.parse("2.6.20"), true);
    assertEquals("RES: 0 0 0 0 Rescheduling interrupts", WakeListTest.row(m, "RES"));
  }

  @Test
  void onliningAnApAgainUnparksItsHotplugThreadAgain() {
    long s = 1_000_000_000L;
    String cpu1 = "/sys/devices/system/cpu/cpu1/online";
    List<String> rows = new ArrayList<>();
    EmbeddedLinuxRun.run(WakeListTest.machine(), List.of(
        new TimelineCommand(2 * s, 0, "echo 0 > " + cpu1, "off"),
        new TimelineCommand(3 * s, 0, "echo 1 > " + cpu1, "on"),
        new TimelineCommand(4 * s, 0, "cat /proc/interrupts", "t")), 5 * s,
        ConfigFactory.empty(), o -> {
          if (o.output() instanceof CommandResult r) {
            r.stdout().lines().filter(l -> l.startsWith("RES:") || l.startsWith("CAL:"))
                .forEach(rows::add);
          }
        });
    assertEquals(List.of("RES: 0 2 1 1 Rescheduling interrupts",
        "CAL: 8 1 1 1 Function call interrupts"),
        rows.stream().map(l -> l.replaceAll("\\s+", " ").strip()).toList(),
        "the control CPU's task is woken twice more (the AP's call-in, its hotplug thread)");
  }
}
