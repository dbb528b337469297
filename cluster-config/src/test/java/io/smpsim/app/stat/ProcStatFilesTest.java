package io.smpsim.app.stat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.run.ScenarioRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /proc/interrupts, /proc/softirqs and /proc/stat on the 8-CPU, HZ=250, NO_HZ idle machine of
 * the f_interrupts_smp8 recording: read after boot (2.65 s), after 10 s idle (12.70 s), and
 * /proc/stat at 12.74 s. Each assertion is a rule of the kernel's code, cited.
 */
class ProcStatFilesTest {

  private static final String M = "m0";
  private static final int CPUS = 8;
  private static ScenarioRun run;

  @BeforeAll
  static void runScenario() {
    run = ScenarioRun.alone("fidelity/f_interrupts_smp8.conf", null);
  }

  private static List<String> reads(String command) {
    List<String> out = new ArrayList<>();
    for (var c : run.commands()) {
      if (c.machine().equals(M) && c.line().equals(command)) {
        assertEquals(0, c.exit(), c.stderr());
        out.add(c.stdout());
      }
    }
    return out;
  }

  /** The rows of a per-CPU table: label, then one count per CPU column. */
  private static Map<String, long[]> table(String text) {
    Map<String, long[]> rows = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String t = line.strip();
      int colon = t.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String[] f = t.substring(colon + 1).strip().split("\\s+");
      long[] v = new long[Math.min(CPUS, f.length)];
      for (int i = 0; i < v.length; i++) {
        v[i] = f[i].matches("\\d+") ? Long.parseLong(f[i]) : -1;
      }
      rows.put(t.substring(0, colon), v);
    }
    return rows;
  }

  @Test
  void interruptsHasTheX86RowsInArchShowInterruptsOrder() {
    // arch/x86/kernel/irq.c arch_show_interrupts (6.1), with CONFIG_X86_MCE_AMD and
    // CONFIG_HAVE_KVM and no x86_platform_ipi_callback (no PLT row).
    List<String> labels = new ArrayList<>(table(reads("cat /proc/interrupts").get(0)).keySet());
    assertEquals(List.of("0", "1", "4", "8", "9", "12", "NMI", "LOC", "SPU", "PMI", "IWI", "RTR", "RES", "CAL",
        "TLB", "TRM", "THR", "DFR", "MCE", "MCP", "ERR", "MIS", "PIN", "NPI", "PIW"), labels);
  }

  @Test
  void everyCpuTakesLocalTimerInterruptsFromBringUpAndFewWhileIdle() {
    List<String> r = reads("cat /proc/interrupts");
    long[] before = table(r.get(0)).get("LOC");
    long[] after = table(r.get(1)).get("LOC");
    for (int cpu = 0; cpu < CPUS; cpu++) {
      // kernel/time/tick-sched.c: until clocksource_done_booting() switches to a clocksource
      // valid for high resolution, each online CPU runs the periodic tick, idle or not.
      assertTrue(before[cpu] > 0, "LOC of CPU" + cpu + " after boot: " + before[cpu]);
      // NO_HZ idle stops the tick of an idle CPU, which still takes its hrtimers (the
      // watchdog's every 4 s): some interrupts in 10 s, far fewer than HZ * 10.
      long delta = after[cpu] - before[cpu];
      assertTrue(delta > 0 && delta < 250, "LOC of idle CPU" + cpu + " in 10 s: " + delta);
    }
  }

  @Test
  void rtcTakesTheOneInterruptOfTheHpetChannelItsProbeArms() {
    // drivers/rtc/rtc-cmos.c cmos_do_probe() -> hpet_rtc_timer_init() (arch/x86/kernel/hpet.c):
    // channel 1 one shot, 1/64 s ahead, IRQ 8 in legacy replacement mode; its handler finds no
    // RTC interrupt enabled and disables the channel. One interrupt, on one CPU, for good.
    for (String read : reads("cat /proc/interrupts")) {
      assertEquals(1, Arrays.stream(table(read).get("8")).sum(), read);
    }
  }

  @Test
  void machineCheckPollsOncePerCpuAtBringUp() {
    // arch/x86/kernel/cpu/mce/core.c: __mcheck_cpu_init_generic() -> machine_check_poll().
    long[] mcp = table(reads("cat /proc/interrupts").get(0)).get("MCP");
    long[] ones = new long[CPUS];
    Arrays.fill(ones, 1);
    assertEquals(Arrays.toString(ones), Arrays.toString(mcp));
  }

  @Test
  void softirqsHasEveryPossibleCpuAndTheSoftirqNamesAndNeverGoesBack() {
    List<String> r = reads("cat /proc/softirqs");
    String first = r.get(0);
    // fs/proc/softirqs.c: 20 spaces, "CPU%-8d" per possible CPU; "%12s:" and " %10u".
    StringBuilder header = new StringBuilder("                    ");
    for (int cpu = 0; cpu < CPUS; cpu++) {
      header.append(String.format("CPU%-8d", cpu));
    }
    assertEquals(header.toString(), first.split("\n")[0]);
    assertEquals(String.format("%12s:", "HI") + String.format(" %10d", 0).repeat(CPUS),
        first.split("\n")[1]);
    Map<String, long[]> a = table(first);
    Map<String, long[]> b = table(r.get(1));
    assertEquals(List.of("HI", "TIMER", "NET_TX", "NET_RX", "BLOCK", "IRQ_POLL", "TASKLET",
        "SCHED", "HRTIMER", "RCU"), new ArrayList<>(a.keySet()));
    for (String name : a.keySet()) {
      for (int cpu = 0; cpu < CPUS; cpu++) {
        assertTrue(b.get(name)[cpu] >= a.get(name)[cpu], name + " went back on CPU" + cpu);
      }
    }
    for (int cpu = 0; cpu < CPUS; cpu++) {
      // kernel/sched/fair.c trigger_load_balance(): the tick raises SCHED_SOFTIRQ each
      // balance interval, and every CPU has ticked since it came up.
      assertTrue(a.get("SCHED")[cpu] > 0, "SCHED on CPU" + cpu);
    }
  }

  @Test
  void everyCpuRaisedRcuSoftirqsForTheGracePeriodsItsBringUpAndTheLaterOnesCost() {
    // kernel/cpu.c _cpu_up(): cpus_write_lock()/cpus_write_unlock() on cpu_hotplug_lock, a
    // percpu_rw_semaphore whose rcu_sync_exit() (kernel/rcu/sync.c) queues a call_rcu() the
    // next cpu_up() waits for: one normal grace period per secondary CPU brought up. Each CPU
    // online for one ticks periodically through it (no one-shot tick before the clocksource
    // switch) and rcu_pending() (kernel/rcu/tree.c) raises RCU_SOFTIRQ three times: the new
    // grace period noted, the quiescent state reported, the end noted. The APs come up in
    // order, the boot CPU is online for all seven.
    long[] rcu = table(reads("cat /proc/softirqs").get(0)).get("RCU");
    for (int cpu = 0; cpu < CPUS; cpu++) {
      int gracePeriods = CPUS - Math.max(cpu, 1);
      assertEquals(3L * gracePeriods, rcu[cpu], "RCU on CPU" + cpu);
    }
  }

  @Test
  void timerSoftirqsFollowDeviceInterruptsAtMostOnceASecond() {
    // drivers/char/random.c add_interrupt_randomness() (6.1), from every device interrupt:
    // the CPU's first one, and any a second after the last mix, adds the fast pool's mix
    // timer on that CPU expiring at once; kernel/time/timer.c run_local_timers() raises
    // TIMER_SOFTIRQ for it at the CPU's next tick. A CPU that took no device interrupt has
    // no timer of smpsim's on its wheel.
    List<String> irqs = reads("cat /proc/interrupts");
    List<String> softirqs = reads("cat /proc/softirqs");
    for (int read = 0; read < 2; read++) {
      Map<String, long[]> t = table(irqs.get(read));
      long[] timer = table(softirqs.get(read)).get("TIMER");
      for (int cpu = 0; cpu < CPUS; cpu++) {
        long devices = 0;
        for (String row : List.of("0", "1", "4", "8", "9", "12")) {
          devices += t.get(row)[cpu];
        }
        assertEquals(devices > 0, timer[cpu] > 0, "TIMER on CPU" + cpu + " (read " + read
            + ") with " + devices + " device interrupts: " + timer[cpu]);
      }
    }
    long[] before = table(softirqs.get(0)).get("TIMER");
    long[] after = table(softirqs.get(1)).get("TIMER");
    long[] serial = table(irqs.get(1)).get("4");
    for (int cpu = 0; cpu < CPUS; cpu++) {
      // fast_pool->last + HZ: one mix a second at most below 1024 interrupts, over 10.05 s.
      long bound = 11 + serial[cpu] / 1024;
      assertTrue(after[cpu] - before[cpu] <= bound, "TIMER on CPU" + cpu + " in 10 s: "
          + (after[cpu] - before[cpu]));
    }
  }

  @Test
  void statAccountsEachCpusTimeAndSumsItsCounters() {
    String stat = reads("cat /proc/stat").get(0);
    Map<String, long[]> lines = new LinkedHashMap<>();
    for (String line : stat.split("\n")) {
      String[] f = line.split(" +");
      lines.put(f[0], Arrays.stream(f, 1, f.length).mapToLong(Long::parseLong).toArray());
    }
    // fs/proc/stat.c show_stat: the lines, in order.
    List<String> expected = new ArrayList<>(List.of("cpu"));
    for (int cpu = 0; cpu < CPUS; cpu++) {
      expected.add("cpu" + cpu);
    }
    expected.addAll(List.of("intr", "ctxt", "btime", "processes", "procs_running",
        "procs_blocked", "softirq"));
    assertEquals(expected, new ArrayList<>(lines.keySet()));
    assertTrue(stat.startsWith("cpu  "), "two spaces after the sum line's label");
    long[] sum = new long[10];
    for (int cpu = 0; cpu < CPUS; cpu++) {
      long[] t = lines.get("cpu" + cpu);
      assertEquals(10, t.length);
      long total = Arrays.stream(t).sum();
      // USER_HZ = 100: a CPU online since boot (APs by 1.2 s) has accounted its time to
      // 12.74 s, each nanosecond either idle or not.
      assertTrue(total >= 1150 && total <= 1274, "cpu" + cpu + " accounted " + total);
      if (cpu > 0) {
        // The APs have done nothing but idle: the idle ticks accumulated while idle.
        assertTrue(t[3] >= total - 1, "cpu" + cpu + " idle " + t[3] + " of " + total);
      }
      for (int i = 0; i < 10; i++) {
        sum[i] += t[i];
      }
    }
    long[] all = lines.get("cpu");
    for (int i = 0; i < 10; i++) {
      // The sum line converts the summed nanoseconds: at most one tick per CPU more.
      assertTrue(all[i] >= sum[i] && all[i] < sum[i] + CPUS, "field " + i);
    }
    long[] intr = lines.get("intr");
    // nr_irqs for 8 CPUs, one 24-pin IO-APIC, PCI MSI (arch_probe_nr_irqs): 488.
    assertEquals(1 + 488, intr.length);
    long devices = Arrays.stream(intr, 1, intr.length).sum();
    long[] interrupts0 = table(reads("cat /proc/interrupts").get(1)).get("LOC");
    long loc = Arrays.stream(interrupts0).sum();
    assertTrue(intr[0] >= devices + loc, "intr total counts device and local interrupts");
    long[] softirq = lines.get("softirq");
    assertEquals(softirq[0], Arrays.stream(softirq, 1, softirq.length).sum());
    assertEquals(11, softirq.length);
    // getboottime64(): the wall clock at boot, which the kernel took from the RTC; the
    // scenario's RTC powers on at the recording's time.
    assertEquals(1_795_311_453L, lines.get("btime")[0]);
    assertTrue(lines.get("processes")[0] > 0);
    assertEquals(1, lines.get("procs_running")[0], "only the reader runs");
    assertEquals(0, lines.get("procs_blocked")[0]);
    assertTrue(lines.get("ctxt")[0] > 0);
  }
}
