package io.smpsim.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.core.CpuList;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.kernel.testing.EmbeddedLinuxRun;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * busybox taskset on smpsim's tasks: the shell's and its loops' affinity shown as
 * sched_getaffinity() answers it (the mask and the active CPUs), set as sched_setaffinity()
 * keeps it (refused with EINVAL when no active CPU is in it), and the task moved off a CPU its
 * new mask lacks; a loop started under taskset runs on its mask. Where the task runs shows in
 * an NMI backtrace (sysrq-l is handled on the shell's CPU).
 */
class TasksetTest {

  private static final long MS = 1_000_000L;
  private static final String PINNED = "taskset -c %s sh -c 'while :; do :; done' &";

  private record Run(List<String> log, List<CommandResult> results) {
    CommandResult result(int i) {
      return results.get(i);
    }
  }

  private static Run run(String... lines) {
    return runFor(500, lines);
  }

  /** The lines 100 ms apart from 2 s on, the run going on {@code tailMs} after the last. */
  private static Run runFor(long tailMs, String... lines) {
    MachineConfig m = new MachineConfig("m0", 0, 4, 1, 250, true, "console=ttyS0", "Test CPU",
        3_000_000, HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE);
    List<TimelineCommand> timeline = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      timeline.add(new TimelineCommand((2000 + 100L * i) * MS, 0, lines[i], "test"));
    }
    List<String> log = new ArrayList<>();
    List<CommandResult> results = new ArrayList<>();
    EmbeddedLinuxRun.run(m, timeline, (2000 + 100L * lines.length + tailMs) * MS,
        ConfigFactory.empty(), o -> {
          if (o.output() instanceof KernelLog l) {
            l.lines().stream().map(LogLine::text).forEach(log::add);
          } else if (o.output() instanceof CommandResult r) {
            results.add(r);
          }
        });
    assertEquals(lines.length, results.size(), results.toString());
    return new Run(log, results);
  }

  @Test
  void theShellMayRunOnEveryCpuUntilToldOtherwise() {
    Run r = run("taskset -p 1", "taskset -pc 1", "taskset -a -p 1", "nproc");
    assertEquals("pid 1's current affinity mask: f\n", r.result(0).stdout());
    assertEquals("pid 1's current affinity list: 0-3\n", r.result(1).stdout());
    assertEquals("pid 1's current affinity mask: f\n", r.result(2).stdout());
    assertEquals("4\n", r.result(3).stdout());
  }

  @Test
  void aLoopStartedUnderTasksetRunsOnItsMask() {
    Run r = run(String.format(PINNED, 3), "taskset -pc $!", "echo l > /proc/sysrq-trigger");
    assertEquals(0, r.result(0).exit(), r.result(0).stderr());
    assertTrue(r.result(1).stdout().matches("pid \\d+'s current affinity list: 3\n"),
        r.result(1).stdout());
    assertTrue(r.log().stream().anyMatch(l -> l.startsWith("CPU: 3 PID: ")
        && l.contains(" Comm: sh ")), r.log().toString());
    assertTrue(r.log().contains("NMI backtrace for cpu 1 skipped: idling at"
        + " native_safe_halt+0xb/0x10"), "the first idle CPU after the shell's stays idle");
  }

  @Test
  void theShellMovesToItsNewMaskAndHandlesSysrqThere() {
    Run r = run("taskset -pc 2 1", "nproc", "echo l > /proc/sysrq-trigger", "taskset -p 1");
    assertEquals("pid 1's current affinity list: 0-3\npid 1's new affinity list: 2\n",
        r.result(0).stdout());
    assertEquals("1\n", r.result(1).stdout());
    assertTrue(r.log().contains("Sending NMI from CPU 2 to CPUs 0-1,3:"), r.log().toString());
    assertTrue(r.log().contains("CPU: 2 PID: 1 Comm: init Not tainted 6.1.0-56-amd64 #1  Debian"
        + " 6.1.192-2"), r.log().toString());
    assertEquals("pid 1's current affinity mask: 4\n", r.result(3).stdout());
  }

  @Test
  void aRunningLoopMovesOffACpuItsNewMaskLacks() {
    // The loop starts on CPU 1 (the first idle one after the shell's); 1-3 keeps it there, 3
    // moves it.
    Run r = run("while :; do :; done &", "taskset -pc 1-3 $!", "taskset -pc 3 $!",
        "echo l > /proc/sysrq-trigger");
    String pid = r.result(1).stdout().replaceAll("(?s)pid (\\d+)'s.*", "$1");
    assertEquals("pid " + pid + "'s current affinity list: 0-3\npid " + pid
        + "'s new affinity list: 1-3\n", r.result(1).stdout());
    assertEquals("pid " + pid + "'s current affinity list: 1-3\npid " + pid
        + "'s new affinity list: 3\n", r.result(2).stdout());
    assertTrue(r.log().stream().anyMatch(l -> l.equals("CPU: 3 PID: " + pid + " Comm: sh Not"
        + " tainted 6.1.0-56-amd64 #1  Debian 6.1.192-2")), r.log().toString());
    assertTrue(r.log().contains("NMI backtrace for cpu 1 skipped: idling at"
        + " native_safe_halt+0xb/0x10"), r.log().toString());
  }

  @Test
  void theAffinityShownIsTheMaskAndTheActiveCpus() {
    Run r = run("echo 0 > /sys/devices/system/cpu/cpu3/online", "taskset -pc 1",
        "taskset -p 8 1", "echo 1 > /sys/devices/system/cpu/cpu3/online", "taskset -p c 1",
        "echo 0 > /sys/devices/system/cpu/cpu3/online", "taskset -pc 1");
    assertEquals("pid 1's current affinity list: 0-2\n", r.result(1).stdout());
    // Only the offline CPU: EINVAL, and nothing changes.
    assertEquals(1, r.result(2).exit());
    assertEquals("pid 1's current affinity mask: 7\n", r.result(2).stdout());
    assertEquals("taskset: can't set pid 1's affinity: Invalid argument\n",
        r.result(2).stderr());
    // CPUs 2 and 3, 3 offline later: the mask keeps 3, the answer shows 2.
    assertEquals("pid 1's current affinity mask: f\npid 1's new affinity mask: c\n",
        r.result(4).stdout());
    assertEquals("pid 1's current affinity list: 2\n", r.result(6).stdout());
  }

  @Test
  void badInputIsRefusedAsBusyboxRefusesIt() {
    Run r = run("taskset -p zz 1", "taskset -p 999", "taskset -p 0", "taskset -p x1",
        "taskset", "taskset -x 1", "taskset -c 1 cat /proc/uptime",
        "taskset -c 1- sh -c 'while :; do :; done' &", "taskset -p 4294967295",
        "taskset -p 4294967296", "taskset -p 1");
    assertEquals("pid 1's current affinity mask: f\n", r.result(0).stdout());
    assertEquals("taskset: bad affinity 'zz'\n", r.result(0).stderr());
    assertEquals("taskset: can't get pid 999's affinity: No such process\n",
        r.result(1).stderr());
    assertEquals("taskset: number 0 is not in 1..2147483647 range\n", r.result(2).stderr());
    assertEquals("taskset: invalid number 'x1'\n", r.result(3).stderr());
    assertTrue(r.result(4).stderr().contains("Usage: taskset [-ap] [HEXMASK | -c LIST]"),
        r.result(4).stderr());
    assertTrue(r.result(5).stderr().startsWith("taskset: invalid option -- 'x'\n"),
        r.result(5).stderr());
    assertEquals(2, r.result(6).exit());
    assertTrue(r.result(6).stderr().contains("smpsim's taskset runs only a background busy"
        + " loop"), r.result(6).stderr());
    assertEquals("taskset: bad affinity '1-'\n", r.result(7).stderr());
    assertEquals("taskset: number 4294967295 is not in 1..2147483647 range\n",
        r.result(8).stderr());
    assertEquals("taskset: invalid number '4294967296'\n", r.result(9).stderr());
    for (int i = 0; i < 10; i++) {
      assertTrue(r.result(i).exit() != 0, "command " + i + " should fail");
    }
    assertEquals("pid 1's current affinity mask: f\n", r.result(10).stdout(),
        "a refused change changes nothing");
  }

  @Test
  void loopsPinnedToOneCpuShareItInCfsSlices() {
    // Three loops end up on CPU 2: two started there, one moved there. CFS gives each its
    // slice (kernel/sched/fair.c sched_slice: 6 ms x (1 + ilog2(4 CPUs)) / 3 = 6 ms, taken
    // back at the first tick past it), so backtraces 100 ms apart find different ones there.
    Run r = run(String.format(PINNED, 2), String.format(PINNED, 2), "while :; do :; done &",
        "taskset -pc 2 $!", "cat /proc/loadavg", "echo l > /proc/sysrq-trigger",
        "echo l > /proc/sysrq-trigger", "echo l > /proc/sysrq-trigger",
        "echo l > /proc/sysrq-trigger");
    for (int i = 0; i < 9; i++) {
      assertEquals(0, r.result(i).exit(), i + ": " + r.result(i).stderr());
    }
    assertTrue(r.result(4).stdout().matches("\\S+ \\S+ \\S+ 4/\\d+ \\d+\n"),
        "three loops and the reader are runnable: " + r.result(4).stdout());
    List<String> onCpu2 = r.log().stream().filter(l -> l.matches("CPU: 2 PID: \\d+ Comm: sh .*"))
        .map(l -> l.split(" ")[3]).toList();
    assertEquals(4, onCpu2.size(), r.log().toString());
    assertTrue(onCpu2.stream().distinct().count() >= 2, "one loop kept CPU 2: " + onCpu2);
    assertTrue(r.log().contains("NMI backtrace for cpu 1 skipped: idling at"
        + " native_safe_halt+0xb/0x10"), "the moved loop left CPU 1: " + r.log());
  }

  @Test
  void aForkedLoopInheritsTheShellsAffinity() {
    // The first loop takes CPU 2, the idle CPU of the shell's mask; the second finds no other
    // idle CPU there and stays on the shell's own, which the waiting shell leaves as good as
    // idle (find_idlest_group keeps the local group).
    Run r = run("taskset -pc 0,2 1", "while :; do :; done &", "while :; do :; done &",
        "taskset -pc $!", "echo l > /proc/sysrq-trigger");
    for (int i = 0; i < 5; i++) {
      assertEquals(0, r.result(i).exit(), i + ": " + r.result(i).stderr());
    }
    assertTrue(r.result(3).stdout().matches("pid \\d+'s current affinity list: 0,2\n"),
        r.result(3).stdout());
    assertTrue(r.log().stream().anyMatch(l -> l.matches("CPU: 2 PID: \\d+ Comm: sh .*")),
        r.log().toString());
    for (int c : new int[] {1, 3}) {
      assertTrue(r.log().contains("NMI backtrace for cpu " + c + " skipped: idling at"
          + " native_safe_halt+0xb/0x10"), r.log().toString());
    }
  }

  @Test
  void aContinuedLoopIsPlacedWithinItsMask() {
    // The loop pinned to CPUs 1 and 3 stops on CPU 1; another takes CPU 1; the first
    // continues on CPU 3, its mask's free CPU, not on CPU 2, the next idle one.
    Run r = run(String.format(PINNED, "1,3"), "kill -STOP %1", String.format(PINNED, 1),
        "kill -CONT %1", "echo l > /proc/sysrq-trigger");
    for (int i = 0; i < 4; i++) {
      assertEquals(0, r.result(i).exit(), r.result(i).stderr());
    }
    assertTrue(r.log().contains("NMI backtrace for cpu 2 skipped: idling at"
        + " native_safe_halt+0xb/0x10"), r.log().toString());
    assertEquals(2, r.log().stream().filter(l -> l.matches("CPU: [13] PID: \\d+ Comm: sh .*"))
        .count(), r.log().toString());
  }

  @Test
  void aLoopWhoseCpuGoesOfflineMovesWithinItsMaskOrFallsBackToEveryCpu() {
    Run r = run(String.format(PINNED, "2-3"), "echo 0 > /sys/devices/system/cpu/cpu2/online",
        "taskset -pc $!", "echo 0 > /sys/devices/system/cpu/cpu3/online", "taskset -pc $!",
        "echo l > /proc/sysrq-trigger");
    String pid = r.result(2).stdout().replaceAll("(?s)pid (\\d+)'s.*", "$1");
    // CPU 2 goes: the loop moves to CPU 3, still in its mask, without a word.
    assertEquals("pid " + pid + "'s current affinity list: 3\n", r.result(2).stdout());
    // CPU 3 goes: no CPU of its mask is left, so the mask falls back to every CPU.
    int said = r.log().indexOf("process " + pid + " (sh) no longer affine to cpu3");
    assertTrue(said >= 0, r.log().toString());
    assertTrue(said < r.log().indexOf("smpboot: CPU 3 is now offline"), r.log().toString());
    assertEquals(1, r.log().stream().filter(l -> l.contains("no longer affine")).count());
    assertEquals("pid " + pid + "'s current affinity list: 0-1\n", r.result(4).stdout());
  }

  @Test
  void aStoppedLoopKeepsTheMaskTheKernelLeftIt() {
    // Its CPU went offline and its mask fell back to every CPU; stopped and continued, it runs
    // again, and its affinity is still every CPU.
    Run r = run(String.format(PINNED, 3), "echo 0 > /sys/devices/system/cpu/cpu3/online",
        "kill -STOP %1", "kill -CONT %1", "taskset -pc $!", "echo l > /proc/sysrq-trigger");
    for (int i = 0; i < 4; i++) {
      assertEquals(0, r.result(i).exit(), r.result(i).stderr());
    }
    assertTrue(r.result(4).stdout().endsWith("'s current affinity list: 0-2\n"),
        r.result(4).stdout());
    assertTrue(r.log().stream().anyMatch(l -> l.matches("CPU: \\d PID: \\d+ Comm: sh .*")),
        r.log().toString());
  }

  @Test
  void suspendMovesNoFrozenLoopAndResetsNoMask() {
    // The freezer stops user tasks before freeze_secondary_cpus() takes the CPUs down: a loop
    // pinned to CPU 3 is not migrated off it, so the kernel says nothing of its affinity.
    Run r = runFor(5000, String.format(PINNED, 3), "echo +2 > /sys/class/rtc/rtc0/wakealarm",
        "echo mem > /sys/power/state", "taskset -pc 1");
    assertEquals(0, r.result(2).exit(), r.result(2).stderr());
    assertTrue(r.log().contains("smpboot: CPU 3 is now offline"), r.log().toString());
    assertTrue(r.log().contains("PM: suspend exit"), r.log().toString());
    assertTrue(r.log().stream().noneMatch(l -> l.contains("no longer affine")),
        r.log().toString());
  }

  @Test
  void frozenLoopsWakeOnTheirOwnCpusAfterResume() {
    // Frozen, the loops are on no runqueue when their CPUs go down; thaw_processes() wakes
    // each on the CPU it last ran on, online again: the pinned loop on CPU 3, the other on 1.
    Run r = runFor(5000, String.format(PINNED, 3), "while :; do :; done &",
        "echo +2 > /sys/class/rtc/rtc0/wakealarm", "echo mem > /sys/power/state",
        "echo l > /proc/sysrq-trigger");
    for (int i = 0; i < 5; i++) {
      assertEquals(0, r.result(i).exit(), i + ": " + r.result(i).stderr());
    }
    int thawed = r.log().indexOf("Restarting tasks ... done.");
    List<String> after = r.log().subList(thawed, r.log().size());
    assertTrue(thawed > r.log().indexOf("smpboot: CPU 3 is now offline"), r.log().toString());
    assertTrue(after.contains("Sending NMI from CPU 0 to CPUs 1-3:"), after.toString());
    for (int c : new int[] {1, 3}) {
      assertTrue(after.stream().anyMatch(l -> l.matches("CPU: " + c + " PID: \\d+ Comm: sh .*")),
          "cpu " + c + ": " + after);
    }
    assertTrue(after.contains("NMI backtrace for cpu 2 skipped: idling at"
        + " native_safe_halt+0xb/0x10"), after.toString());
  }

  @Test
  void theShellWhoseCpuGoesOfflineMovesWithinItsMaskOrFallsBack() {
    Run r = run("taskset -pc 2-3 1", "echo 0 > /sys/devices/system/cpu/cpu2/online",
        "echo 0 > /sys/devices/system/cpu/cpu3/online", "taskset -pc 1",
        "echo l > /proc/sysrq-trigger");
    for (int i = 0; i < 3; i++) {
      assertEquals(0, r.result(i).exit(), r.result(i).stderr());
    }
    assertEquals(List.of("process 1 (init) no longer affine to cpu3"),
        r.log().stream().filter(l -> l.contains("no longer affine")).toList(),
        "only when its last CPU goes");
    assertTrue(r.log().indexOf("process 1 (init) no longer affine to cpu3")
        < r.log().indexOf("smpboot: CPU 3 is now offline"), r.log().toString());
    assertEquals("pid 1's current affinity list: 0-1\n", r.result(3).stdout());
    assertTrue(r.log().contains("Sending NMI from CPU 0 to CPUs 1:"), r.log().toString());
  }

  @Test
  void affinitiesReadAndPrintAsBusyboxDoes() {
    assertEquals(8, Taskset.maskBytes(8));
    assertEquals(8, Taskset.maskBytes(64));
    assertEquals(16, Taskset.maskBytes(65));
    assertEquals(32, Taskset.maskBytes(130));
    BitSet m = Taskset.parseAffinity("1,3,5-7", true, 64);
    assertEquals("1,3,5-7", CpuList.format(m));
    assertEquals("ea", Taskset.hexMask(m, 8));
    assertEquals(m, Taskset.parseAffinity("0xEA", false, 64));
    assertEquals(new BitSet(), Taskset.parseAffinity("0x", false, 64));
    // Bits and CPUs past the mask are ignored, not errors.
    assertEquals(Taskset.parseAffinity("1", false, 64),
        Taskset.parseAffinity("100000000000000001", false, 64));
    assertEquals(Taskset.parseAffinity("0", true, 64), Taskset.parseAffinity("0,64-70", true,
        64));
    for (String bad : new String[] {"", "1,", ",1", "2-1", "a", "1-2-3", "-1"}) {
      assertNull(Taskset.parseAffinity(bad, true, 64), bad);
    }
    assertNull(Taskset.parseAffinity("0xg", false, 64));
    assertEquals("g", Taskset.quoted("0xg", false));
    // Wider than a long: each long as 16 digits, the first (CPUs 0-63) first.
    BitSet wide = new BitSet();
    wide.set(0);
    wide.set(64);
    assertEquals("10000000000000001", Taskset.hexMask(wide, 16));
    assertEquals("0", Taskset.hexMask(new BitSet(), 8));
  }
}
