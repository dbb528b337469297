package io.smpsim.kernel.kprobes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.KernelCmdline;
import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.Quirk;
import io.smpsim.kernel.core.ShellJob;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code inject kprobe FUNC} as typed: which kernels take the probe, and the mistakes; and how
 * long a handler's printk keeps the CPU on a serial console.
 */
class KprobeInjectTest {

  private static final MachineConfig MODERN = new MachineConfig("m0", 0, 1, 1, 250, true,
      "console=ttyS0", "Test CPU", 3_000_000, HwTimings.uniform(100), 1_000_000,
      MachineConfig.Placement.MACHINE);
  private static final MachineConfig FIXED =
      MODERN.withKernel(KernelVersion.parse("2.6.21"), true);
  private static final MachineConfig BEFORE_FIX = new MachineConfig("m0", 0, 1, 1, 250, true,
      "console=ttyS0", "Test CPU", 3_000_000, HwTimings.uniform(100), 1_000_000,
      MachineConfig.Placement.MACHINE, List.of(Quirk.KPROBE_EARLY_IRET))
      .withKernel(KernelVersion.parse("2.6.21"), true);

  private static ShellJob parse(MachineConfig m, String... words) {
    return KprobeInject.parse(List.of(words), m);
  }

  @Test
  void theNmiPathTakesAProbeOnlyBeforeTheFix() {
    for (String f : List.of("do_nmi", "default_do_nmi", "nmi_watchdog_tick")) {
      assertEquals(new KprobeInject.Insmod(f, false), parse(BEFORE_FIX, f));
      // __kprobes: register_kprobe() returns -EINVAL, insmod fails.
      assertEquals(new KprobeInject.Insmod(f, true), parse(FIXED, f));
    }
  }

  @Test
  void aBadLineFailsWithExit2AndSaysWhatIsExpected() {
    String usage = "usage: inject kprobe FUNC (FUNC: default_do_nmi, do_nmi, nmi_watchdog_tick)";
    assertEquals(KprobeInject.USAGE, usage);
    assertEquals(new ShellJob.Failure(2, usage), parse(FIXED));
    assertEquals(new ShellJob.Failure(2, usage), parse(FIXED, "do_nmi", "do_nmi"));
    assertEquals(new ShellJob.Failure(2, "inject: kprobe: smpsim runs no 'do_fork' to probe;"
        + " inject kprobe FUNC (FUNC: default_do_nmi, do_nmi, nmi_watchdog_tick)"),
        parse(BEFORE_FIX, "do_fork"));
  }

  @Test
  void theProbedNmiPathIsThe26Kernels() {
    assertEquals(new ShellJob.Failure(2, "inject: kprobe: the probed NMI path is the 2.6"
        + " kernel's (kernel = \"2.6.x\"; 6.1 runs another)"), parse(MODERN, "do_nmi"));
  }

  @Test
  void aPrintkOnTheSerialConsoleTakesTheLinesTransmissionTime() {
    assertEquals(9600, Serial8250Console.baud(KernelCmdline.parse("console=ttyS0")));
    assertEquals(115200,
        Serial8250Console.baud(KernelCmdline.parse("console=tty0 console=ttyS1,115200n8")));
    assertEquals(0, Serial8250Console.baud(KernelCmdline.parse("console=tty0")));
    // 15 (time stamp) + 10 + 2 (CR LF) characters of 10 bits at 9600 baud.
    assertEquals(28_125_000L, Serial8250Console.writeNs("0123456789", 9600));
    assertEquals(0L, Serial8250Console.writeNs("0123456789", 0));
  }
}
