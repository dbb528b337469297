package io.smpsim.kernel.oprofile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.ShellJob;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code inject profiler} as typed: a 2.6 machine's oprofile session, and its mistakes. */
class ProfilerInjectTest {

  private static final MachineConfig MODERN = new MachineConfig("m0", 0, 4, 1, 250, true,
      "console=ttyS0", "Test CPU", 3_000_000, HwTimings.uniform(100), 1_000_000,
      MachineConfig.Placement.MACHINE);
  private static final MachineConfig OLD =
      MODERN.withKernel(KernelVersion.parse("2.6.21"), true);

  private static ShellJob parse(MachineConfig m, String... words) {
    return ProfilerInject.parse(List.of(words), m);
  }

  @Test
  void startSamplesEveryCpuOrTheOneNamedAndStopEndsTheSession() {
    assertEquals(new ProfilerInject.Session(true, -1), parse(OLD, "start"));
    assertEquals(new ProfilerInject.Session(true, 3), parse(OLD, "start", "cpu", "3"));
    assertEquals(new ProfilerInject.Session(false, -1), parse(OLD, "stop"));
  }

  @Test
  void aBadLineFailsWithExit2AndSaysWhatIsExpected() {
    assertEquals(new ShellJob.Failure(2, ProfilerInject.USAGE), parse(OLD));
    assertEquals(new ShellJob.Failure(2, ProfilerInject.USAGE), parse(OLD, "pause"));
    assertEquals(new ShellJob.Failure(2, "inject: no CPU '4' (CPUs 0-3)"),
        parse(OLD, "start", "cpu", "4"));
  }

  @Test
  void oprofilesNmiSamplingNeedsA26Kernel() {
    ShellJob j = parse(MODERN, "start");
    assertEquals(new ShellJob.Failure(2, "inject: oprofile's NMI sampling needs a 2.6 kernel"
        + " (kernel = \"2.6.x\"; 6.1 profiles through perf)"), j);
  }
}
