package io.smpsim.app.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smpsim.app.fidelity.FidelityScore.Line;
import io.smpsim.kernel.shell.CommandResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scorer's rules on small hand-written recordings. */
class FidelityScorerTest {

  /** A recording whose dmesg holds {@code dmesg} and whose script ran {@code script}. */
  private static Recording recording(List<String> dmesg, String... script) {
    StringBuilder b = new StringBuilder("# oracle/kernel result: test\n");
    b.append("+0004.757| @@INIT_START\n");
    for (String line : script) {
      b.append("+0004.800| ").append(line).append('\n');
    }
    b.append("+0005.000| @@DMESG_BEGIN\n");
    int n = 0;
    for (String line : dmesg) {
      b.append("+0005.001| ").append(String.format("[%5d.%06d] ", 2, 100 * n++)).append(line)
          .append('\n');
    }
    b.append("+0005.002| @@DMESG_END\n");
    return Recording.parse("test", b.toString());
  }

  private static CommandResult ran(String line, int exit, String stdout, String stderr) {
    return new CommandResult(0, "m0", line, exit, stdout, stderr, false);
  }

  private static FidelityScore score(Recording r, List<String> log, CommandResult... commands) {
    return FidelityScorer.score(r, "test.conf", log, List.of(commands));
  }

  @Test
  void aMissingLineCostsItselfAndNothingElse() {
    Recording r = recording(List.of("smp: Bringing up secondary CPUs ...",
        "x86: Booting SMP configuration:", "smp: Brought up 1 node, 8 CPUs"));
    FidelityScore s = score(r, List.of("smp: Bringing up secondary CPUs ...",
        "smp: Brought up 1 node, 8 CPUs"));
    assertEquals(3, s.keyLines());
    assertEquals(2, s.matched());
    assertEquals(List.of(new Line("machine", "x86: Booting SMP configuration:")), s.unmatched());
    assertEquals(66.6, s.percent());
  }

  @Test
  void aLineOutOfOrderWithinItsStreamIsNotMatched() {
    Recording r = recording(List.of("smpboot: CPU 3 is now offline",
        "smpboot: CPU 5 is now offline", "smpboot: Booting Node 0 Processor 3 APIC 0x3"));
    FidelityScore s = score(r, List.of("smpboot: Booting Node 0 Processor 3 APIC 0x3",
        "smpboot: CPU 3 is now offline", "smpboot: CPU 5 is now offline"));
    assertEquals(2, s.matched());
    assertEquals(List.of(new Line("machine", "smpboot: Booting Node 0 Processor 3 APIC 0x3")),
        s.unmatched());
    assertEquals(List.of(new Line("machine", "smpboot: Booting Node 0 Processor 3 APIC 0x3")),
        s.extra());
  }

  @Test
  void differentCpusMayAnswerAnNmiInAnyOrder() {
    Recording r = recording(List.of("sysrq: Show backtrace of all active CPUs",
        "Sending NMI from CPU 0 to CPUs 1-2:",
        "NMI backtrace for cpu 2 skipped: idling at native_safe_halt+0xb/0x10",
        "NMI backtrace for cpu 1 skipped: idling at native_safe_halt+0xb/0x10"));
    FidelityScore s = score(r, List.of("sysrq: Show backtrace of all active CPUs",
        "Sending NMI from CPU 0 to CPUs 1-2:",
        "NMI backtrace for cpu 1 skipped: idling at native_safe_halt+0xb/0x10",
        "NMI backtrace for cpu 2 skipped: idling at native_safe_halt+0xb/0x10"));
    assertEquals(4, s.matched());
    assertEquals(100.0, s.percent());
  }

  @Test
  void aCpusReportIsOrderedWithinItselfAndBelongsToThatCpu() {
    List<String> report = List.of("watchdog: BUG: soft lockup - CPU#1 stuck for 26s!"
        + " [lockup_test/1:154]", "Modules linked in: lockup_test(OE)",
        "CPU: 1 PID: 154 Comm: lockup_test/1 Tainted: G           OE      6.1.0-56-amd64 #1 "
            + " Debian 6.1.192-2",
        "Call Trace:", " <TASK>", " kthread+0xda/0x100", " ? kthread_complete_and_exit+0x20/0x20",
        " ret_from_fork+0x22/0x30", " </TASK>");
    Recording r = recording(report);
    List<KeyLines.KeyLine> keys = KeyLines.kernel(r.dmesg());
    // The unreliable "?" frame is not scored; the stimulus (the test module) is taken out.
    assertEquals(8, keys.size());
    assertEquals(new KeyLines.KeyLine("cpu1",
        "watchdog: BUG: soft lockup - CPU#1 stuck for 26s! [<stimulus>/1:<n>]"), keys.get(0));
    assertEquals(new KeyLines.KeyLine("cpu1", "CPU: 1 PID: <n> Comm: <stimulus>/1 Not tainted"
        + " 6.1.0-56-amd64 #1  Debian 6.1.192-2"), keys.get(2));
    // smpsim's injected thread stands for the module's; its frames are another kernel's.
    FidelityScore s = score(r, List.of(
        "watchdog: BUG: soft lockup - CPU#1 stuck for 26s! [softlockup/1:148]",
        "Modules linked in:",
        "CPU: 1 PID: 148 Comm: softlockup/1 Not tainted 6.1.0-56-amd64 #1  Debian 6.1.192-2",
        "Call Trace:", " <TASK>", " kthread+0xe8/0x120", " ret_from_fork+0x22/0x30",
        " </TASK>"));
    assertEquals(List.of(new Line("cpu1", " kthread+0xda/0x100")), s.unmatched());
    assertEquals(List.of(new Line("cpu1", " kthread+0xe8/0x120")), s.extra());
  }

  @Test
  void timestampsRegisterValuesAndPerRunCountersAreNormalizedAway() {
    Recording r = recording(List.of("NMI backtrace for cpu 1",
        "CPU: 1 PID: 0 Comm: swapper/1 Not tainted 6.1.0-56-amd64 #1  Debian 6.1.192-2",
        "Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2 04/01/2014",
        "RSP: 0018:ffffd17580100fd8 EFLAGS: 00000002",
        "INFO: NMI handler (nmi_cpu_backtrace_handler) took too long to run: 3.027 msecs",
        "smpboot: Total of 8 processors activated (52455.29 BogoMIPS)",
        "tsc: Detected 2600.011 MHz processor"));
    // The recording's lines were stamped [    2.000000] and later; smpsim's at other times.
    FidelityScore s = score(r, List.of("NMI backtrace for cpu 1",
        "CPU: 1 PID: 0 Comm: swapper/1 Not tainted 6.1.0-56-amd64 #1  Debian 6.1.192-2",
        "Hardware name: smpsim Simulated SMP machine/smpsim, BIOS 1.0 01/01/2026",
        "RSP: 0018:ffffc90000007e98 EFLAGS: 00000246",
        "INFO: NMI handler (nmi_cpu_backtrace_handler) took too long to run: 1.000 msecs",
        "smpboot: Total of 8 processors activated (41599.84 BogoMIPS)",
        "tsc: Detected 2599.990 MHz processor"));
    assertEquals(List.of(), s.unmatched());
    assertEquals(7, s.matched());
    assertEquals("INFO: NMI handler (nmi_cpu_backtrace_handler) took too long to run: <n> msecs",
        s.matchedLines().get(4).text());
  }

  @Test
  void howLongDevicePhasesAndTheSleepTookIsNormalizedAway() {
    Recording r = recording(List.of("PM: suspend of devices complete after 21.533 msecs",
        "PM: noirq resume of devices complete after 3.120 msecs",
        "PM: suspend of devices aborted after 1.002 msecs",
        "PM: Timekeeping suspended for 4.873 seconds"));
    FidelityScore s = score(r, List.of("PM: suspend of devices complete after 0.001 msecs",
        "PM: noirq resume of devices complete after 0.001 msecs",
        "PM: suspend of devices complete after 0.001 msecs",
        "PM: Timekeeping suspended for 5.000 seconds"));
    // Whether a phase completed or was aborted is kernel behaviour; its duration is the host's.
    assertEquals(3, s.matched());
    assertEquals(List.of(new Line("machine", "PM: suspend of devices aborted after <n> msecs")),
        s.unmatched());
  }

  @Test
  void theKernelReleaseAndCpuNumbersAreNotNormalized() {
    Recording r = recording(List.of("Sending NMI from CPU 5 to CPUs 0-4,6-7:",
        "smpboot: CPU0: AMD QEMU Virtual CPU version 2.5+ (family: 0xf, model: 0x6b, stepping:"
            + " 0x1)"));
    FidelityScore s = score(r, List.of("Sending NMI from CPU 0 to CPUs 1-7:",
        "smpboot: CPU0: AMD QEMU Virtual CPU version 2.5+ (family: 0x6, model: 0x55, stepping:"
            + " 0x4)"));
    assertEquals(0, s.matched());
    assertEquals(List.of("cpu5", "machine"), s.unmatched().stream().map(Line::stream).toList());
  }

  @Test
  void commandsArePairedByLineAndOccurrenceAndScoredWithTheirExitStatus() {
    Recording r = recording(List.of(),
        "$ cat /sys/devices/system/cpu/online", "0-7", "[rc=0]",
        "$ echo 0 > /sys/devices/system/cpu/cpu3/online",
        "[    2.650978] smpboot: CPU 3 is now offline", "[rc=0]",
        "$ cat /sys/devices/system/cpu/online", "0-2,4-7", "[rc=0]",
        "$ echo 0 > /sys/devices/system/cpu/cpu0/online",
        "/init: eval: line 23: can't create /sys/devices/system/cpu/cpu0/online: Permission"
            + " denied", "[rc=1]",
        "$ insmod /lockup_test.ko cpu=1 secs=50 mode=0", "[rc=0]");
    assertEquals(5, r.commands().size());
    assertEquals(List.of("0-7"), r.commands().get(0).output(), "kernel lines are not output");
    FidelityScore s = score(r, List.of(),
        ran("cat /sys/devices/system/cpu/online", 0, "0-7\n", ""),
        ran("inject softlockup cpu 1 for 50s", 0, "", ""),
        ran("echo 0 > /sys/devices/system/cpu/cpu3/online", 0, "", ""),
        ran("cat /sys/devices/system/cpu/online", 0, "0-2,4,6-7\n", ""),
        ran("echo 0 > /sys/devices/system/cpu/cpu0/online", 1, "",
            "sh: can't create /sys/devices/system/cpu/cpu0/online: Permission denied\n"));
    // The module load is the stimulus: neither it nor smpsim's inject is scored.
    assertEquals(7, s.keyLines());
    assertEquals(6, s.matched());
    assertEquals(List.of(new Line("$ cat /sys/devices/system/cpu/online #2", "0-2,4-7")),
        s.unmatched());
    assertEquals(List.of(new Line("$ cat /sys/devices/system/cpu/online #2", "0-2,4,6-7")),
        s.extra());
  }

  @Test
  void aCommandSmpsimNeverRanLosesAllItsLines() {
    Recording r = recording(List.of(), "$ cat /proc/softirqs", "  HI: 0", "[rc=0]");
    FidelityScore s = score(r, List.of());
    assertEquals(0, s.matched());
    assertEquals(2, s.unmatched().size());
  }

  @Test
  void countersInInterruptTablesScoreOnlyWhetherTheyMoved() {
    String cmd = "cat /proc/interrupts";
    assertEquals("LOC: N N 0 Local timer interrupts",
        Normalizer.output(cmd, "LOC:        348        248          0   Local timer interrupts"));
    assertEquals("4: 0 N IO-APIC 4-edge ttyS0",
        Normalizer.output(cmd, "  4:          0         15   IO-APIC   4-edge      ttyS0"));
    List<String> moved = new ArrayList<>();
    for (String raw : List.of("cpu  5 0 240 9004 0 0 10 0 0 0", "btime 1795311453")) {
      moved.add(Normalizer.output("cat /proc/stat", raw));
    }
    assertEquals(List.of("cpu N 0 N N 0 0 N 0 0 0", "btime N"), moved);
    // The test module's O and E taint bits are the stimulus's; L (soft lockup) is the kernel's.
    assertEquals("16384", Normalizer.output("cat /proc/sys/kernel/tainted", "28672"));
  }

  @Test
  void aKernelThatNeverReturnedToTheScriptIsScoredOnItsConsole() {
    // softlockup_panic with panic=-1: the machine rebooted before the script's dmesg.
    Recording r = Recording.parse("panic", String.join("\n",
        "+0004.757| @@INIT_START",
        "+0004.800| $ echo 1 > /proc/sys/kernel/softlockup_panic",
        "+0004.801| [rc=0]",
        "+0031.000| [   28.000000] watchdog: BUG: soft lockup - CPU#1 stuck for 26s!"
            + " [lockup_test/1:154]",
        "+0031.001| [   28.000100] Kernel panic - not syncing: softlockup: hung tasks",
        "+0031.002| [   28.000200] Rebooting in 1 seconds..", ""));
    assertEquals(List.of("watchdog: BUG: soft lockup - CPU#1 stuck for 26s! [lockup_test/1:154]",
        "Kernel panic - not syncing: softlockup: hung tasks", "Rebooting in 1 seconds.."),
        r.dmesg());
    assertEquals(1, r.commands().size());
    assertEquals(List.of("cpu1", "machine", "machine"),
        KeyLines.kernel(r.dmesg()).stream().map(KeyLines.KeyLine::stream).toList());
  }

  @Test
  void aShellLineCutByKernelLinesIsJoinedAgain() {
    // The console shows the shell's tty output cut wherever the kernel wrote a line of its own.
    Recording r = Recording.parse("cut", String.join("\n",
        "+0004.757| @@INIT_START",
        "+0011.352| $ echo l > /proc[    7.842351] sysrq: Show backtrace of all active CPUs",
        "+0011.352| [    7.842638] NMI backtrace for cpu 0",
        "+0011.376| /sysrq-trigger",
        "+0011.380| [    7.864751] Sending NMI from CPU 0 to CPUs 1-7:",
        "+0011.452| [rc=0][    7.837291] NMI backtrace for cpu 4 skipped: idling at"
            + " native_safe_halt+0xb/0x10",
        "+0011.456| ",
        "+0011.460| $ cat /proc/sys/kernel/sysrq",
        "+0011.470| 438",
        "+0011.471| [rc=0]", ""));
    assertEquals(2, r.commands().size());
    Recording.RecordedCommand echo = r.commands().get(0);
    assertEquals("echo l > /proc/sysrq-trigger", echo.line());
    assertEquals(List.of(), echo.output());
    assertEquals(0, echo.rc());
    assertEquals(11_352, echo.hostMs());
    assertEquals(List.of("438"), r.commands().get(1).output());
    assertEquals(List.of("sysrq: Show backtrace of all active CPUs", "NMI backtrace for cpu 0",
        "Sending NMI from CPU 0 to CPUs 1-7:",
        "NMI backtrace for cpu 4 skipped: idling at native_safe_halt+0xb/0x10"), r.dmesg());
  }

  @Test
  void aDmesgLineCutByALiveKernelLineIsJoinedAgainWithoutIt() {
    Recording r = Recording.parse("cut", String.join("\n",
        "+0008.605| @@INIT_START",
        "+0018.400| @@DMESG_BEGIN",
        "+0018.406| [    2.198800] PCI: CLS 0 bytes, default 64[   14.265835] hrtimer: interrupt"
            + " took 29023560 ns",
        "+0018.406| [   14.270000] another live line while the dump's line waits",
        "+0018.406| ",
        "+0018.407| [    2.300000] smp: Brought up 1 node, 8 CPUs",
        "+0018.410| @@DMESG_END", ""));
    assertEquals(List.of("PCI: CLS 0 bytes, default 64", "smp: Brought up 1 node, 8 CPUs"),
        r.dmesg());
  }

  @Test
  void aFileWithoutConsoleLinesIsNotARecording() {
    assertThrows(IllegalArgumentException.class, () -> Recording.parse("x", "hello\n"));
  }
}
