package io.smpsim.kernel.rcu;

import io.smpsim.kernel.JobAsker;
import io.smpsim.kernel.KernelCmdline;
import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.backtrace.NmiBacktrace;
import io.smpsim.kernel.core.BacktraceCaller;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.core.PerCpu;
import io.smpsim.kernel.printk.DumpStack;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.task.CpuTask;
import io.smpsim.kernel.watchdog.Watchdogs;
import io.smpsim.sim.serialization.WireMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One CPU's part in RCU's CPU stall detector (kernel/rcu/tree_stall.h, 6.1), for the grace
 * periods smpsim's tasks hold up.
 *
 * <p>A grace period ends once every online CPU passed a quiescent state: a context switch, the
 * idle loop, user mode, or a tick that finds preemption enabled outside a read-side section
 * (rcu_flavor_sched_clock_irq, kernel/rcu/tree_plugin.h). smpsim's injected tasks spin without
 * any of these (preemption or interrupts off), so the grace period the kernel starts right
 * after such a task took the CPU (at the next jiffy: its context switch was the CPU's last
 * quiescent state) waits on the CPU until the task leaves it. record_gp_stall_check_time()
 * sets {@code jiffies_stall} to the start plus rcu_jiffies_till_stall_check()
 * ({@code rcu_cpu_stall_timeout * HZ}, the timeout clamped to 3..300 s).
 *
 * <p>check_cpu_stall() runs from every ticking CPU's scheduler tick. A CPU still taking ticks
 * (preemption off) sees itself in the root's qsmask at the first tick with
 * {@code jiffies >= jiffies_stall} as it reads jiffies there. Jiffies are advanced by the
 * timekeeping CPU (tick_do_timer_cpu, kernel/time/tick-sched.c), which in these stalls is the
 * CPU that keeps ticking for the callbacks (below): every CPU's tick fires at the same instant,
 * and a stalled CPU other than the timekeeper reads jiffies in its tick before the timekeeper's
 * tick_do_update_jiffies64() of that tick. It sees the stall due one tick late, and its report,
 * which reads jiffies again after the lines before it went out, says {@code t=} one more than
 * the timeout (a real 6.1 guest: {@code t=5251} for 21 s at HZ=250, in three runs of four); the
 * timekeeper itself sees it on time. Then print_cpu_stall(), "self-detected", then its registers
 * from the tick (dump_cpu_task: show_regs of the interrupted context). A CPU with interrupts
 * off takes no tick; another CPU reports it once {@code jiffies >= jiffies_stall +
 * RCU_STALL_RAT_DELAY} (2 jiffies): print_other_cpu_stall(), then rcu_dump_cpu_stacks() sends
 * it an NMI for its backtrace (trigger_single_cpu_backtrace). The reporting CPU is the one
 * whose tick stays on because it holds the callbacks the grace period is for (rcu_needs_cpu):
 * in smpsim the CPU the shell that woke the task runs on, CPU 0 (CPU 1 if CPU 0 is the stalled
 * one). Either way the next warning is due at {@code jiffies + 3 * till_stall_check + 3}.
 * {@code rcu_cpu_stall_suppress} makes check_cpu_stall() return at once (the stall stays due:
 * the first tick after it is cleared reports it).
 *
 * <p>The report goes to the serial console from the reporting CPU, and
 * serial8250_console_write() calls touch_nmi_watchdog(), which touches that CPU's soft-lockup
 * watchdog: a self-detected stall postpones the CPU's own soft-lockup report by a whole
 * period (kernel/watchdog.c: SOFTLOCKUP_DELAY_REPORT).
 *
 * <p>The 2.6 kernels smpsim also runs ({@code nmi_watchdog=1|2}) predate the stall detector
 * (CONFIG_RCU_CPU_STALL_DETECTOR came with 2.6.29): they print nothing.
 */
public final class RcuStall implements WireMessage {

  /** The per-CPU variable. */
  public static final PerCpu<RcuStall> KEY = new PerCpu<>("rcu_stall");

  /** The parameters, as /sys/module/rcupdate/parameters names them. */
  public static final String TIMEOUT = "rcu_cpu_stall_timeout";
  public static final String SUPPRESS = "rcu_cpu_stall_suppress";

  /** CONFIG_RCU_CPU_STALL_TIMEOUT of the recorded (Debian) kernel, in seconds. */
  public static final int DEFAULT_TIMEOUT = 21;

  /** RCU_STALL_RAT_DELAY: jiffies another CPU leaves the stalled one to report itself. */
  public static final int RAT_DELAY = 2;

  /** The initial rcu_state.gp_seq: (0UL - 300UL) << RCU_SEQ_CTR_SHIFT. */
  private static final long GP_SEQ_INIT = -300L << 2;

  /**
   * The NMI backtrace print_other_cpu_stall()'s rcu_dump_cpu_stacks() asks for; once it is
   * over, panic_on_rcu_stall().
   */
  enum StackDump implements BacktraceCaller {
    RCU;

    @Override
    public void backtraceDone(KernelCpu cpu, long job) {
      panicOnRcuStall(cpu);
    }
  }

  /**
   * panic_on_rcu_stall() (kernel/rcu/tree_stall.h): with {@code kernel.panic_on_rcu_stall}
   * set, the CPU that reported the stall panics from its scheduler tick, once the report and
   * its stack dumps are out ({@code kernel.max_rcu_stall_to_panic} is 1: the first stall).
   * The frames between panic() and the hrtimer core are smpsim's stand-ins for the tick's
   * path (rcu_sched_clock_irq, update_process_times, tick_sched_handle, tick_sched_timer).
   */
  static void panicOnRcuStall(KernelCpu k) {
    if (!Watchdogs.of(k).params().panicOnRcuStall()) {
      return;
    }
    KernelVersion v = k.config().kernel();
    List<String> frames = new ArrayList<>(List.of(" <IRQ>", v.dumpStackLvlFrame(),
        v.panicFrame(), " panic_on_rcu_stall.cold+0xc/0xc",
        " rcu_sched_clock_irq.cold+0x15f/0x3db", " update_process_times+0x8c/0xb0",
        " tick_sched_handle+0x22/0x60", " tick_sched_timer+0x7a/0x90"));
    frames.addAll(v.hrtimerCoreFrames());
    frames.addAll(v.timerInterruptFrames());
    frames.add(" </IRQ>");
    k.panic("RCU Stall", frames);
  }

  /** A stall another CPU is waited on for (the reporting CPU's view). */
  static final class Watch implements WireMessage {
    long gp;
    long gpStart;
    long jiffiesStall;
    long timer = -1;
  }

  /** {@code cpu}'s copy. */
  public static RcuStall of(KernelCpu cpu) {
    return cpu.get(KEY);
  }

  private int timeout = DEFAULT_TIMEOUT;
  private int suppress;

  /**
   * A CPU's copy, with the parameters the command line sets ({@code
   * rcupdate.rcu_cpu_stall_timeout=}, {@code rcupdate.rcu_cpu_stall_suppress=}: built-in module
   * parameters; a value kstrtoint() refuses leaves the default).
   */
  RcuStall(MachineConfig config) {
    KernelCmdline cmd = config.kernelCmdline();
    Integer t = param(cmd, TIMEOUT);
    if (t != null) {
      timeout = Math.max(3, Math.min(300, t));
    }
    Integer s = param(cmd, SUPPRESS);
    if (s != null) {
      suppress = s;
    }
  }

  private static Integer param(KernelCmdline cmd, String name) {
    String v = cmd.value("rcupdate." + name);
    return v == null ? null : RcuParamFile.parse(v);
  }

  /** Grace periods this CPU saw start on it (the counter g= is printed from). */
  private long gp;
  /** The start (jiffies) of the grace period this CPU holds up with preemption off, or -1. */
  private long gpStart = -1;
  private long jiffiesStall;
  private long selfTimer = -1;
  /** Whether the holding task runs with interrupts off (another CPU reports it). */
  private boolean irqsOff;
  /** The CPU that reports this CPU's stall when it has interrupts off. */
  private int reporter = -1;
  /** Context switches seen: the model's dynticks counter. */
  private long switches;

  /** Stalls of other CPUs this CPU reports, by CPU. */
  private final TreeMap<Integer, Watch> watches = new TreeMap<>();

  /** The current value of parameter {@code name}, as the file shows it. */
  String param(String name) {
    return switch (name) {
      case TIMEOUT -> timeout + "\n";
      case SUPPRESS -> suppress + "\n";
      default -> "0\n";
    };
  }

  /**
   * rcu_jiffies_till_stall_check(): the timeout clamped to 3..300 s (the kernel writes the
   * clamped value back) in jiffies.
   */
  static long tillStallCheck(int timeoutSec, int hz) {
    return (long) Math.max(3, Math.min(300, timeoutSec)) * hz;
  }

  /** A write to the parameter {@code name}. */
  void setParam(KernelCpu k, String name, int value) {
    if (name.equals(TIMEOUT)) {
      // The next grace period's record_gp_stall_check_time() writes the clamp back, and grace
      // periods start all the time: the file shows the clamped value.
      timeout = Math.max(3, Math.min(300, value));
    } else if (name.equals(SUPPRESS)) {
      boolean resumed = suppress != 0 && value == 0;
      suppress = value;
      if (resumed) {
        // The stalls that came due meanwhile are reported at the next tick.
        long next = k.jiffies() + 1;
        if (gpStart >= 0 && !irqsOff && selfTimer < 0) {
          armSelfCheck(k, next);
        }
        for (var e : watches.entrySet()) {
          if (e.getValue().timer < 0) {
            e.getValue().timer = k.hw().later(delayTo(k, next),
                new RcuMail.Check(e.getKey(), e.getValue().gp));
          }
        }
      }
    }
  }

  /** Answers a read of a parameter for a shell job. */
  void query(KernelCpu k, RcuMail.Query q) {
    k.hw().send(k.layout().shell(), k.config().timings().mmio(),
        new JobAsker.Answer(q.job(), new RcuMail.Value(param(q.name()))));
  }

  /** rcu_note_context_switch(): the task that leaves passed a quiescent state. */
  static void switched(KernelCpu k, CpuTask prev, CpuTask next) {
    RcuStall r = of(k);
    r.switches++;
    if (prev != null && r.gpStart >= 0) {
      r.quiescent(k);
    }
    // A user-space task passes a quiescent state at every tick (kernel/rcu/tree.c
    // rcu_sched_clock_irq(user): rcu_qs()): it holds up no grace period.
    if (next != null && !next.kind().userMode() && !Watchdogs.of(k).boot().mode().legacy()) {
      r.blocked(k, next);
    }
  }

  private void blocked(KernelCpu k, CpuTask task) {
    gp++;
    gpStart = k.jiffies() + 1;
    jiffiesStall = gpStart + tillStallCheck(timeout, k.config().hz());
    irqsOff = task.irqsOff();
    if (irqsOff) {
      reporter = k.index() == 0 ? 1 : 0;
      if (reporter < k.config().cpus()) {
        k.mail(reporter, new RcuMail.Blocking(k.index(), gp, gpStart, timeout));
      }
    } else {
      armSelfCheck(k, jiffiesStall);
    }
  }

  /**
   * Arms this CPU's own check_cpu_stall() for the tick at which it sees jiffies reach
   * {@code due}.
   */
  private void armSelfCheck(KernelCpu k, long due) {
    selfTimer = k.hw().later(delayTo(k, due + staleJiffies(k)),
        new RcuMail.Check(k.index(), gp));
  }

  /**
   * How many ticks late this CPU's own tick sees jiffies reach a value: 1 unless it is the
   * timekeeping CPU (see the class comment), the CPU that keeps ticking for the callbacks: CPU 0.
   */
  private static int staleJiffies(KernelCpu k) {
    return k.index() == 0 ? 0 : 1;
  }

  private void quiescent(KernelCpu k) {
    if (selfTimer >= 0) {
      k.hw().cancel(selfTimer);
      selfTimer = -1;
    }
    if (irqsOff && reporter >= 0 && reporter < k.config().cpus()) {
      k.mail(reporter, new RcuMail.Quiescent(k.index()));
    }
    gpStart = -1;
    irqsOff = false;
    reporter = -1;
  }

  /** The reporting CPU hears of a CPU with interrupts off holding up a grace period. */
  void watch(KernelCpu k, RcuMail.Blocking b) {
    Watch w = new Watch();
    w.gp = b.gp();
    w.gpStart = b.gpStart();
    w.jiffiesStall = b.gpStart() + tillStallCheck(b.timeout(), k.config().hz());
    w.timer = k.hw().later(delayTo(k, w.jiffiesStall + RAT_DELAY),
        new RcuMail.Check(b.cpu(), b.gp()));
    Watch old = watches.put(b.cpu(), w);
    if (old != null && old.timer >= 0) {
      k.hw().cancel(old.timer);
    }
  }

  /** The stalled CPU passed its quiescent state. */
  void unwatch(KernelCpu k, int cpu) {
    Watch w = watches.remove(cpu);
    if (w != null && w.timer >= 0) {
      k.hw().cancel(w.timer);
    }
  }

  /** check_cpu_stall() from the tick at the jiffy a stall is due. */
  void check(KernelCpu k, RcuMail.Check c) {
    if (c.stalled() == k.index()) {
      if (gpStart < 0 || c.gp() != gp) {
        return;
      }
      selfTimer = -1;
      if (suppress != 0) {
        return;
      }
      printSelf(k);
      jiffiesStall = k.jiffies() + 3 * tillStallCheck(timeout, k.config().hz()) + 3;
      armSelfCheck(k, jiffiesStall);
      return;
    }
    Watch w = watches.get(c.stalled());
    if (w == null || w.gp != c.gp()) {
      return;
    }
    w.timer = -1;
    if (suppress != 0) {
      return;
    }
    printOther(k, c.stalled(), w);
    w.jiffiesStall = k.jiffies() + 3 * tillStallCheck(timeout, k.config().hz()) + 3;
    w.timer = k.hw().later(delayTo(k, w.jiffiesStall + RAT_DELAY),
        new RcuMail.Check(c.stalled(), w.gp));
  }

  /** print_cpu_stall(): the CPU rats on itself, then show_regs() of the tick's context. */
  private void printSelf(KernelCpu k) {
    long t = k.jiffies() - gpStart;
    List<String> lines = new ArrayList<>();
    lines.add("rcu: INFO: rcu_preempt self-detected stall on CPU");
    lines.add(cpuInfo(k, k.index(), t, '.', t, switches));
    lines.add("\t(t=" + t + " jiffies g=" + gpSeq(gp) + " q=1 ncpus=" + k.config().cpus() + ")");
    List<String> regs = DumpStack.showRegs(k.where());
    // show_regs() from the tick's registers: no "Modules linked in:" (the oops path's line).
    lines.addAll(regs.subList(1, regs.size()));
    k.printk(LogLevel.ERR, lines);
    k.touchNmiWatchdog();
    panicOnRcuStall(k);
  }

  /** print_other_cpu_stall(), then the stalled CPU's backtrace by NMI. */
  private void printOther(KernelCpu k, int cpu, Watch w) {
    long t = k.jiffies() - w.gpStart;
    List<String> lines = new ArrayList<>();
    lines.add("rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:");
    // No tick on the stalled CPU: no tick counted, and the irq_work RCU queued to it (half a
    // timeout in, rcu_implicit_dynticks_qs) is still pending, in this grace period: '0'.
    lines.add(cpuInfo(k, cpu, 0, '0', t, 0));
    lines.add("\t(detected by " + k.index() + ", t=" + t + " jiffies, g=" + gpSeq(w.gp)
        + ", q=1 ncpus=" + k.config().cpus() + ")");
    k.printk(LogLevel.ERR, lines);
    k.touchNmiWatchdog();
    if (!NmiBacktrace.of(k).triggerSingle(k, cpu, StackDump.RCU)) {
      // Another backtrace is in progress: rcu_dump_cpu_stacks() goes on without this one.
      panicOnRcuStall(k);
    }
  }

  /**
   * print_cpu_stall_info(): "CPU-oNNI: (ticks this GP) idle=dynticks/nesting/nmi_nesting
   * softirq=snap/count fqs=N". The online, qsmaskinit and qsmaskinitnext columns are '.' for
   * an online CPU; {@code iw} is the irq_work column. The dynticks counter and the softirq
   * counts are not modelled: smpsim prints its own counters there (context switches, grace
   * periods). fqs counts the force-quiescent-state scans: one per jiffies_till_first_fqs
   * (1 + (HZ > 250) + (HZ > 500) + nr_cpu_ids / 256, kernel/rcu/tree.c) plus the jiffy the
   * grace-period kthread's timer takes to wake it.
   */
  private String cpuInfo(KernelCpu k, int cpu, long ticks, char iw, long t, long dynticks) {
    int hz = k.config().hz();
    long fqsEvery = 1 + (hz > 250 ? 1 : 0) + (hz > 500 ? 1 : 0) + k.config().cpus() / 256 + 1;
    return String.format("rcu: \t%d-...%c: (%d ticks this GP) idle=%04x/1/0x4000000000000000"
        + " softirq=%d/%d fqs=%d", cpu, iw, ticks, (dynticks * 4) & 0xffff, gp, gp,
        t / fqsEvery);
  }

  /** rcu_seq_current(&rcu_state.gp_seq) while grace period {@code n} is in progress. */
  private static long gpSeq(long n) {
    return GP_SEQ_INIT + 4 * n + 1;
  }

  /** Nanoseconds from now to the tick of jiffy {@code j} (now if it is past). */
  private static long delayTo(KernelCpu k, long j) {
    return Math.max(0, j * k.config().tickNs() - k.hw().now());
  }
}
