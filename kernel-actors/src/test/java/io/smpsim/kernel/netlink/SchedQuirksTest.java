package io.smpsim.kernel.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.Quirk;
import io.smpsim.kernel.net.sched.SchedQuirk;
import org.junit.jupiter.api.Test;

/**
 * The packet scheduler's quirks reach the network namespace under the names scenarios use, and
 * the hrtimers' resolution behind /proc/net/psched follows {@code highres=}.
 */
class SchedQuirksTest {

  @Test
  void everySchedulerQuirkIsAMachineQuirkOfTheSameName() {
    for (SchedQuirk s : SchedQuirk.values()) {
      Quirk q = Quirk.byKey(s.key());
      assertNotNull(q, s.key());
      assertEquals(s, q.sched(), s.key());
    }
  }

  @Test
  void onlyTheSchedulerQuirksReachTheNamespace() {
    assertEquals(SchedQuirk.PSCHED_CLOCK_RES, Quirk.PSCHED_CLOCK_RES.sched());
    assertNull(Quirk.NMI_IGNORES_PIT_HPET.sched());
  }

  private static MachineConfig machine(String cmdline) {
    return new MachineConfig("m0", 0, 2, 1, 250, true, cmdline, "Test CPU", 3_000_000,
        HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE);
  }

  @Test
  void hrtimersAreOnTheTickOnlyWithHighresOff() {
    assertEquals(1, NetlinkSubsystem.hrtimerResolutionNs(machine("console=ttyS0")));
    assertEquals(4_000_000,
        NetlinkSubsystem.hrtimerResolutionNs(machine("console=ttyS0 highres=off")));
    assertEquals(1, NetlinkSubsystem.hrtimerResolutionNs(machine("highres=off highres=on")));
  }
}
