package io.smpsim.kernel.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.MachineConfig;
import org.junit.jupiter.api.Test;

/**
 * kernel/cpu.c bringup_wait_for_ap() unparks the AP's hotplug thread while the AP is online but
 * not yet active: 6.x try_to_wake_up() then skips the wake list (ttwu_queue_cond(): "Do not
 * complicate things with the async wake_list while the CPU is in hotplug state") and
 * check_preempt_curr() -> resched_curr() IPIs the idle AP to reschedule, one RES on each AP
 * after boot. 2.6 kernels had no hotplug threads to unpark.
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
}
