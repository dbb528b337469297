package io.smpsim.kernel.printk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.kernel.testing.EmbeddedLinuxRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which lines reach the console (kernel/printk/printk.c suppress_message_printing(): a level
 * below console_loglevel), as the command line (init/main.c quiet, debug, loglevel=;
 * ignore_loglevel), kernel.printk (proc_dointvec over console_printk[]) and dmesg -n
 * (SYSLOG_ACTION_CONSOLE_LEVEL) set it; the buffer keeps every line.
 */
class ConsoleLoglevelTest {

  private static final long S = 1_000_000_000L;

  private record Run(List<KernelLog> logs, List<String> results) {}

  private static Run run(String cmdline, String... script) {
    List<TimelineCommand> timeline = new ArrayList<>();
    for (int i = 0; i < script.length; i++) {
      timeline.add(new TimelineCommand(2 * S + i * S / 10, 0, script[i], "test"));
    }
    MachineConfig m = new MachineConfig("m0", 0, 4, 1, 250, true, cmdline, "Test CPU",
        3_000_000, HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE);
    List<KernelLog> logs = new ArrayList<>();
    List<String> results = new ArrayList<>();
    EmbeddedLinuxRun.run(m, timeline, 2 * S + script.length * S / 10 + S / 2,
        ConfigFactory.parseString("pekko.actor.serialize-messages = on"), o -> {
          if (o.output() instanceof KernelLog k) {
            logs.add(k);
          } else if (o.output() instanceof CommandResult c) {
            results.add(c.exit() + ":" + c.stdout() + c.stderr());
          }
        });
    return new Run(logs, results);
  }

  /** Whether the console showed the line containing {@code text}. */
  private static boolean shown(Run r, String text) {
    for (KernelLog k : r.logs()) {
      for (LogLine l : k.lines()) {
        if (l.text().contains(text)) {
          return k.onConsole(l);
        }
      }
    }
    throw new AssertionError("no line with " + text);
  }

  @Test
  void theCommandLineSetsTheConsoleLevelTheLastOneGivenWinning() {
    assertEquals(7, ConsoleLoglevel.of("console=ttyS0"));
    assertEquals(4, ConsoleLoglevel.of("loglevel=3 quiet"));
    assertEquals(8, ConsoleLoglevel.of("quiet loglevel=8"));
    assertEquals(10, ConsoleLoglevel.of("quiet debug"));
    assertTrue(ConsoleLoglevel.ignored("quiet ignore_loglevel"));
    Run quiet = run("console=ttyS0 quiet", "cat /proc/sys/kernel/printk", "dmesg | grep -c 'smp: Brought up'");
    assertEquals("0:4\t4\t1\t7\n", quiet.results().get(0));
    assertFalse(shown(quiet, "smp: Brought up"), "an INFO line stays off a quiet console");
    assertEquals("0:1\n", quiet.results().get(1), "but it is in the buffer");
    Run all = run("console=ttyS0 quiet ignore_loglevel", "cat /proc/sys/kernel/printk");
    assertTrue(shown(all, "smp: Brought up"));
    assertEquals("0:4\t4\t1\t7\n", all.results().get(0));
  }

  @Test
  void dmesgDashNAndKernelPrintkChangeItAsTheKernelDoes() {
    Run r = run("console=ttyS0", "cat /proc/sys/kernel/printk", "dmesg -n 3",
        "echo 0 > /sys/devices/system/cpu/cpu1/online", "cat /proc/sys/kernel/printk",
        "dmesg -n 0", "dmesg -n 9", "echo '5 x' > /proc/sys/kernel/printk",
        "cat /proc/sys/kernel/printk", "echo '7 4 1 7 9' > /proc/sys/kernel/printk",
        "echo 0 > /sys/devices/system/cpu/cpu2/online", "echo '' > /proc/sys/kernel/printk",
        "dmesg -r | tail -n 1", "dmesg -n x");
    assertEquals("0:7\t4\t1\t7\n", r.results().get(0));
    assertEquals("0:", r.results().get(1));
    assertFalse(shown(r, "CPU 1 is now offline"), "INFO (6) is not below 3");
    assertEquals("0:3\t4\t1\t7\n", r.results().get(3));
    assertEquals("1:dmesg: klogctl: Invalid argument\n", r.results().get(4));
    assertEquals("1:dmesg: klogctl: Invalid argument\n", r.results().get(5));
    assertEquals("1:sh: write error: Invalid argument\n", r.results().get(6));
    assertEquals("0:5\t4\t1\t7\n", r.results().get(7), "the value before the bad word stays");
    assertEquals("0:", r.results().get(8), "a fifth value is ignored");
    assertTrue(shown(r, "CPU 2 is now offline"));
    assertEquals("1:sh: write error: Invalid argument\n", r.results().get(10));
    assertTrue(r.results().get(11).matches("0:<6>\\[ *\\d+\\.\\d{6}\\] smpboot: CPU 2 is now"
        + " offline\n"), r.results().get(11));
    assertEquals("1:dmesg: invalid number 'x'\n", r.results().get(12));
  }

  @Test
  void sysrqsDigitsSetTheConsoleLevel() {
    Run r = run("console=ttyS0", "echo h > /proc/sysrq-trigger", "echo 3 > /proc/sysrq-trigger",
        "cat /proc/sys/kernel/printk", "echo 0 > /sys/devices/system/cpu/cpu1/online",
        "echo 0 > /proc/sysrq-trigger", "cat /proc/sys/kernel/printk");
    assertTrue(shown(r, "HELP : loglevel(0-9) crash(c) show-backtrace-all-active-cpus(l)"));
    assertTrue(shown(r, "sysrq: Loglevel set to 3"));
    assertEquals("0:3\t4\t1\t7\n", r.results().get(2));
    assertFalse(shown(r, "CPU 1 is now offline"));
    assertEquals("0:0\t4\t1\t7\n", r.results().get(5), "no minimum for SysRq's digits");
    assertTrue(shown(r, "sysrq: Loglevel set to 0"),
        "__handle_sysrq() prints at the default level, whatever the console's (3 then)");
  }
}
