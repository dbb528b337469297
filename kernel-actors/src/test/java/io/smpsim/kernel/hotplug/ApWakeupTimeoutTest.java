package io.smpsim.kernel.hotplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.kernel.testing.EmbeddedLinuxRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An AP that never answers INIT/SIPI (its start-up takes longer than do_boot_cpu()'s 10 s wait
 * for a first sign of life, arch/x86/kernel/smpboot.c): the kernel logs
 * {@code do_boot_cpu failed(-1) to wakeup CPU#N}, leaves the CPU offline and boots on; a later
 * online write fails with EIO after the same wait.
 */
class ApWakeupTimeoutTest {

  private static final long S = 1_000_000_000L;
  private static final long HOUR = 3600 * S;

  private record Run(List<LogLine> log, List<String> commands) {
    List<String> texts() {
      return log.stream().map(LogLine::text).toList();
    }

    LogLine first(String prefix) {
      return log.stream().filter(l -> l.text().startsWith(prefix)).findFirst().orElseThrow(
          () -> new AssertionError("no line starting with " + prefix + " in " + texts()));
    }
  }

  private static Run run(long apStartupNs, List<TimelineCommand> timeline, long durationNs) {
    MachineConfig m = new MachineConfig("m0", 0, 3, 1, 250, true, "console=ttyS0", "Test CPU",
        3_000_000, HwTimings.uniform(100), apStartupNs, MachineConfig.Placement.MACHINE);
    Run r = new Run(new ArrayList<>(), new ArrayList<>());
    EmbeddedLinuxRun.run(m, timeline, durationNs,
        ConfigFactory.parseString("pekko.actor.serialize-messages = on"), o -> {
          if (o.output() instanceof KernelLog log) {
            r.log().addAll(log.lines());
          } else if (o.output() instanceof CommandResult c) {
            r.commands().add(c.line() + " -> " + c.exit() + " " + c.stdout() + c.stderr());
          }
        });
    return r;
  }

  @Test
  void bootGivesUpOnEachSilentApAfterTenSecondsAndGoesOn() {
    Run r = run(1000 * HOUR, List.of(
        new TimelineCommand(40 * S, 0, "cat /sys/devices/system/cpu/online", "test")), 41 * S);
    List<String> texts = r.texts();
    int announce = texts.indexOf(".... node  #0, CPUs:      #1");
    int failed1 = texts.indexOf("smpboot: do_boot_cpu failed(-1) to wakeup CPU#1");
    int next = texts.indexOf(" #2");
    int failed2 = texts.indexOf("smpboot: do_boot_cpu failed(-1) to wakeup CPU#2");
    int up = texts.indexOf("smp: Brought up 1 node, 1 CPU");
    assertTrue(announce >= 0 && announce < failed1 && failed1 < next && next < failed2
        && failed2 < up, "announce, give up, the next CPU's continuation, ...: " + texts);
    long kick = r.first(".... node  #0, CPUs:").timeNs();
    long gaveUp = r.first("smpboot: do_boot_cpu failed(-1) to wakeup CPU#1").timeNs();
    // INIT, two STARTUPs 10 us apart, then jiffies + 10*HZ.
    assertEquals(10 * S + 20_000, gaveUp - kick);
    assertTrue(texts.contains("Run /init as init process"), "the boot goes on: " + texts);
    assertEquals(List.of("cat /sys/devices/system/cpu/online -> 0 0\n"), r.commands());
  }

  @Test
  void onliningASilentApFailsWithEioAfterTheSameWait() {
    Run r = run(1000 * HOUR, List.of(
        new TimelineCommand(30 * S, 0, "echo 1 > /sys/devices/system/cpu/cpu1/online", "test"),
        new TimelineCommand(45 * S, 0, "cat /sys/devices/system/cpu/cpu1/online", "test")),
        46 * S);
    assertEquals(List.of(
        "echo 1 > /sys/devices/system/cpu/cpu1/online -> 1 sh: write error: Input/output error\n",
        "cat /sys/devices/system/cpu/cpu1/online -> 0 0\n"), r.commands());
    List<LogLine> failures = r.log().stream()
        .filter(l -> l.text().equals("smpboot: do_boot_cpu failed(-1) to wakeup CPU#1")).toList();
    assertEquals(2, failures.size(), "at boot and at the online write: " + r.texts());
    assertTrue(failures.get(1).timeNs() > 40 * S && failures.get(1).timeNs() < 41 * S,
        "10 s after the write at 30 s: " + failures.get(1));
  }

  @Test
  void anApThatAnswersWithinTheWaitComesUpAsBefore() {
    Run r = run(9 * S, List.of(), 30 * S);
    assertTrue(r.texts().contains("smp: Brought up 1 node, 3 CPUs"), r.texts().toString());
    assertTrue(r.texts().stream().noneMatch(t -> t.contains("do_boot_cpu failed")));
  }
}
