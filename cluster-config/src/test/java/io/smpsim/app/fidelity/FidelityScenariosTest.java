package io.smpsim.app.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.fidelity.FidelityScore.Line;
import io.smpsim.app.run.ScenarioRun;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each real-kernel recording of scenarios/fidelity/ replayed by its scenario: the key lines
 * smpsim already reproduces stay reproduced (the same text, in the same stream, in order). A
 * line listed here that goes missing is a fidelity regression; the score as a whole is what
 * {@code smpsim fidelity --all} prints.
 */
class FidelityScenariosTest {

  private static final String M = KeyLines.MACHINE;

  private static Line l(String stream, String text) {
    return new Line(stream, text);
  }

  /** The lines each recording must keep matching. */
  private static final Map<String, List<Line>> KEPT = Map.ofEntries(
      Map.entry("a_boot_smp8", List.of(
          l(M, "smpboot: Allowing 8 CPUs, 0 hotplug CPUs"),
          l(M, "..TIMER: vector=0x30 apic1=0 pin1=2 apic2=-1 pin2=-1"),
          l(M, "Calibrating delay loop (skipped), value calculated using timer frequency.. <n>"
              + " BogoMIPS (lpj=<n>)"),
          l(M, "smp: Bringing up secondary CPUs ..."),
          l(M, "x86: Booting SMP configuration:"),
          l(M, "smp: Brought up 1 node, 8 CPUs"),
          l(M, "smpboot: Total of 8 processors activated (<n> BogoMIPS)"),
          l(M, "ACPI: PM: (supports S0 S3 S4 S5)"),
          l(M, "IPI shorthand broadcast: enabled"),
          l("$ cat /sys/devices/system/cpu/online #1", "0-7"),
          l("$ grep -c ^processor /proc/cpuinfo #1", "8"))),
      Map.entry("b_sysrq_smp8", List.of(
          l(M, "sysrq: Show backtrace of all active CPUs"),
          l("cpu3", "NMI backtrace for cpu 3 skipped: idling at native_safe_halt+0xb/0x10"),
          l("cpu7", "NMI backtrace for cpu 7 skipped: idling at native_safe_halt+0xb/0x10"),
          l("cpu2", "NMI backtrace for cpu 2"),
          l("cpu2", "RSP: <x>:<x> EFLAGS: <x>"),
          l("$ cat /proc/sys/kernel/sysrq #1", "438"),
          l("$ echo l > /proc/sysrq-trigger #2", "[rc=0]"))),
      Map.entry("c_hotplug_smp8", List.of(
          l(M, "smpboot: CPU 3 is now offline"),
          l(M, "smpboot: CPU 5 is now offline"),
          l(M, "smpboot: Booting Node 0 Processor 1 APIC 0x1"),
          l(M, "smpboot: Booting Node 0 Processor 7 APIC 0x7"),
          l("$ cat /sys/devices/system/cpu/online #2", "0-2,4,6-7"),
          l("$ cat /sys/devices/system/cpu/offline #2", "3,5"),
          l("$ cat /sys/devices/system/cpu/cpu1/hotplug/state #1", "236"),
          l("$ cat /sys/devices/system/cpu/hotplug/states #1", "236: online"),
          l("$ echo abc > /sys/devices/system/cpu/cpu1/online #1",
              "sh: write error: Invalid argument"),
          l("$ echo 0 > /sys/devices/system/cpu/cpu0/online #1",
              "sh: can't create /sys/devices/system/cpu/cpu0/online: Permission denied"),
          l("$ echo 1 > /sys/devices/system/cpu/cpu8/online #1",
              "sh: can't create /sys/devices/system/cpu/cpu8/online: nonexistent directory"),
          l("$ nproc #2", "1"),
          l("$ echo 0 > /sys/devices/system/cpu/cpu1/hotplug/target #1", "[rc=0]"),
          l("$ echo 99999 > /sys/devices/system/cpu/cpu1/hotplug/target #1",
              "sh: write error: Invalid argument"))),
      Map.entry("e_softlockup_smp8", List.of(
          l("cpu1", "RIP: 0010:<stimulus fn>"),
          l("cpu1", "\t(t=5251 jiffies g=<n> q=<n> ncpus=8)"),
          l("cpu3", "Sending NMI from CPU 3 to CPUs 0-2,4-7:"),
          l("cpu0", "NMI backtrace for cpu 0 skipped: idling at native_safe_halt+0xb/0x10"),
          l("cpu2", "Modules linked in: <stimulus>"),
          l("$ cat /proc/sys/kernel/watchdog_cpumask #1", "0-7"),
          l("$ cat /sys/module/rcupdate/parameters/rcu_cpu_stall_timeout #1", "21"),
          l("$ cat /proc/sys/kernel/tainted #1", "16384"),
          l("$ cat /proc/sys/kernel/watchdog /proc/sys/kernel/soft_watchdog #1", "1"))),
      Map.entry("e_watchdog_sysctl_smp8", List.of(
          l("$ echo '61' > /proc/sys/kernel/watchdog_thresh #1",
              "sh: write error: Invalid argument"),
          l("$ cat /proc/sys/kernel/watchdog_thresh #11", "8"),
          l("$ cat /proc/sys/kernel/watchdog_cpumask #9", "0-7,64-99"),
          l("$ echo '3-1' > /proc/sys/kernel/watchdog_cpumask #1", "[rc=1]"),
          l("$ cat /proc/sys/kernel/watchdog /proc/sys/kernel/nmi_watchdog"
              + " /proc/sys/kernel/soft_watchdog #3", "0"),
          l("$ echo 2 > /proc/sys/kernel/softlockup_panic #1",
              "sh: write error: Invalid argument"),
          l("$ cat /proc/sys/kernel/hung_task_timeout_secs #1", "120"))),
      Map.entry("f_interrupts_smp8", List.of(
          l("$ cat /proc/interrupts #1", "0: N 0 0 0 0 0 0 0 IO-APIC 2-edge timer"),
          l("$ cat /proc/interrupts #1", "9: 0 0 0 0 0 0 0 0 IO-APIC 9-fasteoi acpi"),
          l("$ cat /proc/interrupts #1", "NMI: 0 0 0 0 0 0 0 0 Non-maskable interrupts"),
          l("$ cat /proc/interrupts #2", "LOC: N N N N N N N N Local timer interrupts"),
          l("$ cat /proc/interrupts #2", "ERR: 0"))),
      // smp_init() and print_ipi_mode() speak on one CPU too.
      Map.entry("a_boot_smp1", List.of(
          l(M, "smp: Bringing up secondary CPUs ..."),
          l(M, "smp: Brought up 1 node, 1 CPU"),
          l(M, "IPI shorthand broadcast: enabled"))),
      Map.entry("a_boot_smp32", List.of(
          l(M, "Switched APIC routing to physical flat."),
          l(M, "smp: Brought up 1 node, 32 CPUs"))),
      Map.entry("a_boot_smp2", List.of(
          l(M, "smp: Brought up 1 node, 2 CPUs"),
          l(M, "smpboot: Total of 2 processors activated (<n> BogoMIPS)"))),
      Map.entry("a_boot_smp4", List.of(
          l(M, "smp: Brought up 1 node, 4 CPUs"),
          l("$ cat /sys/devices/system/cpu/online #1", "0-3"))),
      Map.entry("a_boot_smp16", List.of(
          l(M, "Switched APIC routing to physical flat."),
          l(M, "setup_percpu: NR_CPUS:8192 nr_cpumask_bits:16 nr_cpu_ids:16 nr_node_ids:1"),
          l(M, "smp: Brought up 1 node, 16 CPUs"))),
      Map.entry("a_boot_smp64", List.of(
          l(M, "Switched APIC routing to physical flat."),
          l(M, "smp: Brought up 1 node, 64 CPUs"))),
      Map.entry("b_sysrq_smp64", List.of(
          l(M, "sysrq: Show backtrace of all active CPUs"),
          l("cpu63", "NMI backtrace for cpu 63 skipped: idling at native_safe_halt+0xb/0x10"),
          l("$ echo l > /proc/sysrq-trigger #2", "[rc=0]"))),
      // The 6.1 build's two-line freezer, dpm_suspend_start()'s own timing line, the
      // hibernation's bitmaps of the nosave regions, disk_show()'s trailing space.
      Map.entry("d_suspend_smp8", List.of(
          l(M, "Freezing user space processes completed (elapsed <n> seconds)"),
          l(M, "PM: start suspend of devices complete after <n> msecs"),
          l(M, "PM: hibernation: Marking nosave pages: [mem 0x0009f000-0x000fffff]"),
          l(M, "PM: hibernation: Basic memory bitmaps freed"),
          l("$ cat /sys/power/disk #1", "[platform] shutdown reboot suspend test_resume "),
          l("$ echo disk > /sys/power/state #1", "sh: write error: No such device"))),
      Map.entry("d_s2idle_smp8", List.of(
          l(M, "PM: suspend entry (s2idle)"),
          l(M, "printk: Suspending console(s) (use no_console_suspend to debug)"))),
      // The RCU stall report postpones the soft-lockup report past the spin's end: no panic.
      Map.entry("e_softlockup_panic_smp8", List.of(
          l("cpu1", "rcu: INFO: rcu_preempt self-detected stall on CPU"),
          l("$ cat /proc/sys/kernel/softlockup_panic #2", "1"),
          l("$ cat /proc/sys/kernel/softlockup_panic #1", "0"))),
      // The panic's frames as the recorded build prints them.
      Map.entry("e_softlockup_panic2_smp8", List.of(
          l(M, "Kernel panic - not syncing: softlockup: hung tasks"),
          l(M, " panic+0x118/0x2f4"),
          l(M, " watchdog_timer_fn.cold+0xc/0x16"),
          l(M, " __hrtimer_run_queues+0x10d/0x250"))));

  static List<String> recordings() {
    return KEPT.keySet().stream().sorted().toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordings")
  void theLinesSmpsimReproducesStayReproduced(String name) {
    Path dir = ScenarioRun.scenario("fidelity");
    ScenarioLoader loader = new ScenarioLoader();
    assertKept(name, Recording.read(dir.resolve(name + ".txt")),
        loader.load(dir.resolve(name + ".conf"), null, null), loader);
  }

  /**
   * The scenario smpsim derives from a recording alone (what {@code smpsim fidelity} runs for a
   * recording without a hand-written one) reproduces the same lines: its commands, the
   * machine, and the stimuli the script starts at its phase markers.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("recordings")
  void theDerivedScenarioReproducesThemToo(String name) {
    Path dir = ScenarioRun.scenario("fidelity");
    ScenarioLoader loader = new ScenarioLoader();
    Recording recording = Recording.read(dir.resolve(name + ".txt"));
    assertKept(name, recording,
        loader.load(RecordedScenario.text(recording), name + ".derived", null, null), loader);
  }

  private static void assertKept(String name, Recording recording, Scenario scenario,
      ScenarioLoader loader) {
    Replay run = Replay.run(scenario, loader);
    FidelityScore score = FidelityScorer.score(recording, scenario.origin(), run.logAsRecorded(recording),
        run.commands());
    assertEquals(score.matched(), score.matchedLines().size());
    assertEquals(score.keyLines(), score.matched() + score.unmatched().size());
    List<Line> lost = new ArrayList<>();
    for (Line kept : KEPT.get(name)) {
      if (!score.matchedLines().contains(kept)) {
        lost.add(kept);
      }
    }
    assertTrue(lost.isEmpty(), () -> name + ": no longer reproduced: " + lost
        + "\nsmpsim printed instead: " + score.extra());
  }
}
