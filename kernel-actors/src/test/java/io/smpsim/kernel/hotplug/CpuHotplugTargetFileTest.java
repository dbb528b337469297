package io.smpsim.kernel.hotplug;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.kernel.testing.EmbeddedLinuxRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * /sys/devices/system/cpu/cpuN/hotplug/target is writable as kernel/cpu.c target_store() makes
 * it without CONFIG_CPU_HOTPLUG_STATE_CONTROL (the recorded Debian 6.1 kernel of
 * fidelity/real-kernel/c_hotplug_smp8.txt): CPUHP_OFFLINE (0) and CPUHP_ONLINE (236) take the
 * CPU down and up, anything else kstrtoint() accepts is EINVAL.
 */
class CpuHotplugTargetFileTest {

  private static final long S = 1_000_000_000L;
  private static final String CPU1 = "/sys/devices/system/cpu/cpu1/";

  @Test
  void kstrtointTakesOneDecimalIntWithAtMostATrailingNewline() {
    assertEquals(236, CpuHotplugTargetFile.kstrtoint("236\n").value());
    assertEquals(236, CpuHotplugTargetFile.kstrtoint("+236").value());
    assertEquals(-1, CpuHotplugTargetFile.kstrtoint("-1\n").value());
    for (String bad : List.of("", "\n", " 0\n", "0 \n", "0\n\n", "0x10", "abc\n", "-\n")) {
      assertEquals("Invalid argument", CpuHotplugTargetFile.kstrtoint(bad).error(), bad);
    }
    assertEquals("Numerical result out of range",
        CpuHotplugTargetFile.kstrtoint("2147483648\n").error());
    assertEquals(Integer.MIN_VALUE, CpuHotplugTargetFile.kstrtoint("-2147483648").value());
  }

  @Test
  void writingTheTargetTakesTheCpuDownAndUpLikeTheOnlineFile() {
    List<TimelineCommand> timeline = new ArrayList<>();
    String[] script = {"echo 0 > " + CPU1 + "hotplug/target", "cat " + CPU1 + "online",
        "cat " + CPU1 + "hotplug/target", "echo 0 > " + CPU1 + "hotplug/target",
        "echo 99999 > " + CPU1 + "hotplug/target", "echo 1 > " + CPU1 + "hotplug/target",
        "echo 236 > " + CPU1 + "hotplug/target", "cat " + CPU1 + "hotplug/state"};
    for (int i = 0; i < script.length; i++) {
      timeline.add(new TimelineCommand(2 * S + i * S / 10, 0, script[i], "test"));
    }
    MachineConfig m = new MachineConfig("m0", 0, 4, 1, 250, true, "console=ttyS0", "Test CPU",
        3_000_000, HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE);
    List<String> results = new ArrayList<>();
    List<String> log = new ArrayList<>();
    EmbeddedLinuxRun.run(m, timeline, 3 * S,
        ConfigFactory.parseString("pekko.actor.serialize-messages = on"), o -> {
          if (o.output() instanceof CommandResult c) {
            results.add(c.exit() + ":" + c.stdout() + c.stderr());
          } else if (o.output() instanceof KernelLog k) {
            k.lines().forEach(l -> log.add(l.text()));
          }
        });
    assertEquals(List.of("0:", "0:0\n", "0:0\n", "0:",
        "1:sh: write error: Invalid argument\n", "1:sh: write error: Invalid argument\n", "0:",
        "0:236\n"), results);
    assertEquals(List.of("smpboot: CPU 1 is now offline", "x86: Booting SMP configuration:",
        "smpboot: Booting Node 0 Processor 1 APIC 0x1"), log.stream()
        .dropWhile(l -> !l.equals("smpboot: CPU 1 is now offline")).toList());
  }
}
