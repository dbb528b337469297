package io.smpsim.kernel.cpu;

import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Shorthand;
import io.smpsim.kernel.Quirk;
import io.smpsim.kernel.core.Vectors;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.sysctl.NmiWatchdogMode;
import io.smpsim.kernel.task.CpuTask;
import io.smpsim.kernel.task.TaskKind;
import io.smpsim.sim.serialization.WireMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * check_nmi_watchdog(), the 2.6 NMI watchdog's boot self-test on the boot CPU
 * (arch/i386/kernel/nmi.c, a late_initcall): in local APIC mode the other CPUs are made busy
 * (smp_call_function(nmi_cpu_busy)), every CPU's NMI count is read, the boot CPU waits 10
 * watchdog ticks ({@code mdelay(10*1000/nmi_hz)}), and a CPU whose count rose by 5 or less is
 * reported stuck and loses its watchdog. The end flag then releases the busy CPUs; if some CPU
 * still has its watchdog the test prints {@code OK.} and local APIC mode slows to one NMI a
 * second. It runs on a 2.6 machine with {@code nmi-selftest = true} whose watchdog is on.
 *
 * <p>Quirks bring back its bugs: {@link Quirk#NMI_SELFTEST_IDLE_CPUS} (no nmi_cpu_busy, the
 * first stuck CPU ends the test and the watchdog), {@link Quirk#NMI_SELFTEST_EARLY} (run from
 * check_timer() at the end of smp_boot_cpus(), before the APs enable their NMI) and
 * {@link Quirk#NMI_SELFTEST_FLAG_LEAK} (the early return that leaves the end flag clear).
 */
final class CheckNmiWatchdog implements WireMessage {

  /** How the test ended. */
  enum Outcome { PENDING, DONE, HUNG }

  /** The watchdog ticks the test waits ({@code mdelay((10*1000)/nmi_hz)}). */
  static final int TICKS = 10;

  /** More NMIs than this in the wait and the CPU's watchdog works. */
  static final int MIN_NMIS = 5;

  private long[] prev;
  private long[] now;
  private int replies;
  private boolean busy;

  /** Whether {@code cpu}'s machine runs the self-test at all (and its watchdog is on). */
  static boolean runs(LinuxCpu cpu) {
    NmiWatchdogMode mode = cpu.boot().mode();
    return cpu.config().nmiSelftest() && cpu.config().kernel().legacyNmiWatchdog()
        && mode.legacy() && cpu.boot().hardUserEnabled() && cpu.legacy().nmi().enabled();
  }

  /** Whether the test runs early, from check_timer(), rather than as a late_initcall. */
  static boolean early(LinuxCpu cpu) {
    return cpu.config().has(Quirk.NMI_SELFTEST_EARLY) && runs(cpu);
  }

  /**
   * Whether an AP leaves its watchdog NMI for cpu_up() to enable, after the early test (the
   * IO-APIC watchdog of the kernel before the test became a late_initcall).
   */
  static boolean apDefersNmi(LinuxCpu cpu) {
    return cpu.config().has(Quirk.NMI_SELFTEST_EARLY) && cpu.config().nmiSelftest()
        && cpu.boot().mode() == NmiWatchdogMode.IO_APIC;
  }

  /** Starts the test on the boot CPU: the busy-wait, the first reading, the wait. */
  void start(LinuxCpu cpu, int delayStep) {
    int n = cpu.config().cpus();
    prev = new long[n];
    now = new long[n];
    replies = 0;
    busy = cpu.boot().mode() == NmiWatchdogMode.LOCAL_APIC
        && !cpu.config().has(Quirk.NMI_SELFTEST_IDLE_CPUS) && n > 1;
    if (busy) {
      for (int c = 0; c < n; c++) {
        if (c != cpu.index()) {
          cpu.mail(c, new NmiSelfTestMail.Busy());
        }
      }
      cpu.hw().apic(new LocalApic.WriteIcr(DeliveryMode.FIXED, Shorthand.ALL_EXCLUDING_SELF, 0,
          Vectors.CALL_FUNCTION));
    }
    sample(cpu, 0);
    int nmiHz = Math.max(1, cpu.legacy().nmiHz());
    cpu.hw().later(TICKS * 1_000_000_000L / nmiHz, new CpuMessages.BootStep(delayStep));
  }

  /** The wait is over: the second reading (the verdict at once on a uniprocessor). */
  Outcome waited(LinuxCpu cpu) {
    sample(cpu, 1);
    return now.length == 1 ? verdict(cpu) : Outcome.PENDING;
  }

  private void sample(LinuxCpu cpu, int phase) {
    long[] into = phase == 0 ? prev : now;
    into[cpu.index()] = cpu.irqs().nmi;
    for (int c = 0; c < into.length; c++) {
      if (c != cpu.index()) {
        cpu.mail(c, new NmiSelfTestMail.Sample(cpu.index(), phase));
      }
    }
  }

  /** Another CPU's count arrived; returns how the test stands. */
  Outcome count(LinuxCpu cpu, NmiSelfTestMail.Count c) {
    if (c.phase() == 0) {
      prev[c.cpu()] = c.nmis();
      return Outcome.PENDING;
    }
    now[c.cpu()] = c.nmis();
    if (++replies < now.length - 1) {
      return Outcome.PENDING;
    }
    return verdict(cpu);
  }

  private Outcome verdict(LinuxCpu cpu) {
    String head = "Testing NMI watchdog ... ";
    List<String> lines = new ArrayList<>();
    List<Integer> stuck = new ArrayList<>();
    // The kernels before 2.6.18 (either quirk): the first stuck CPU ends the test.
    boolean firstStuckEnds = cpu.config().has(Quirk.NMI_SELFTEST_IDLE_CPUS)
        || cpu.config().has(Quirk.NMI_SELFTEST_EARLY);
    for (int c = 0; c < now.length; c++) {
      if (now[c] - prev[c] > MIN_NMIS) {
        continue;
      }
      if (firstStuckEnds) {
        lines.add(head + "CPU#" + c + ": NMI appears to be stuck!");
        cpu.printk(LogLevel.INFO, lines);
        endFlag(cpu, false);
        if (cpu.boot().mode() == NmiWatchdogMode.LOCAL_APIC) {
          // nmi_active = 0, lapic_nmi_owner released: the local APIC watchdog is off. (The
          // IO-APIC one goes on taking its NMIs, as the xSeries report saw.)
          for (int d = 0; d < now.length; d++) {
            stuck(cpu, d);
          }
        }
        return Outcome.DONE;
      }
      lines.add((stuck.isEmpty() ? head : "") + String.format(
          "CPU#%d: NMI appears to be stuck (%d->%d)!", c, prev[c], now[c]));
      stuck.add(c);
    }
    for (int c : stuck) {
      stuck(cpu, c);
    }
    boolean anyActive = stuck.size() < now.length;
    if (!anyActive && cpu.config().has(Quirk.NMI_SELFTEST_FLAG_LEAK)) {
      // 2.6.19: "if (!atomic_read(&nmi_active)) return -1;" came before "endflag = 1".
      cpu.printk(LogLevel.INFO, lines);
      return busy ? Outcome.HUNG : Outcome.DONE;
    }
    endFlag(cpu, anyActive && cpu.boot().mode() == NmiWatchdogMode.LOCAL_APIC);
    if (anyActive) {
      lines.add(stuck.isEmpty() ? head + "OK." : "OK.");
    }
    cpu.printk(LogLevel.INFO, lines);
    return Outcome.DONE;
  }

  /** endflag = 1: the busy CPUs return; nmi_hz drops to 1 if {@code slow}. */
  private void endFlag(LinuxCpu cpu, boolean slow) {
    for (int c = 0; c < now.length; c++) {
      if (c != cpu.index()) {
        cpu.mail(c, new NmiSelfTestMail.EndFlag(slow));
      }
    }
    if (slow) {
      cpu.legacy().nmiHz(1);
    }
    cpu.legacy().selfTested(true);
  }

  private static void stuck(LinuxCpu cpu, int c) {
    if (c == cpu.index()) {
      cpu.legacy().disarm(cpu);
    } else {
      cpu.mail(c, new NmiSelfTestMail.Stuck());
    }
  }

  // ---- the other CPUs' side -------------------------------------------------------------------

  /** A CPU's answer to the test's mail. */
  static void onMail(LinuxCpu cpu, NmiSelfTestMail m) {
    if (m instanceof NmiSelfTestMail.Sample s) {
      cpu.mail(s.from(), new NmiSelfTestMail.Count(cpu.index(), s.phase(), cpu.irqs().nmi));
    } else if (m instanceof NmiSelfTestMail.Count c) {
      cpu.bootCpu().selfTestCount(c);
    } else if (m instanceof NmiSelfTestMail.Busy) {
      // Queued now; the CALL_FUNCTION IPI that follows runs it.
      cpu.sched.wake(new CpuTask("swapper", 0, TaskKind.NMI_CPU_BUSY, -1, -1));
    } else if (m instanceof NmiSelfTestMail.EndFlag e) {
      if (cpu.current() != null && cpu.current().kind() == TaskKind.NMI_CPU_BUSY) {
        cpu.finishTask(false);
      }
      if (e.slowNmiHz()) {
        cpu.legacy().nmiHz(1);
      }
      cpu.legacy().selfTested(true);
    } else if (m instanceof NmiSelfTestMail.Stuck) {
      if (cpu.legacy().nmi().enabled()) {
        cpu.legacy().disarm(cpu);
      }
    } else if (m instanceof NmiSelfTestMail.EnableNmi) {
      cpu.armLegacyWatchdog();
    }
  }
}
