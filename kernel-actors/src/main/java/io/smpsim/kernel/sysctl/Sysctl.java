package io.smpsim.kernel.sysctl;

import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.panic.KernelLock;
import io.smpsim.kernel.panic.PanicMail;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.printk.Printk;
import io.smpsim.kernel.shell.Shell;
import io.smpsim.kernel.watchdog.NmiWatchdogMode;
import io.smpsim.kernel.watchdog.WatchdogBoot;
import io.smpsim.kernel.watchdog.WatchdogMail;
import io.smpsim.kernel.watchdog.WatchdogParams;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;

/**
 * The kernel's global variables behind {@code /proc/sys/kernel} and the machine-wide half of
 * the lockup detectors (kernel/watchdog.c): it answers sysctl reads and writes with the
 * kernel's proc handlers and errnos, and turns a change into the kernel's reconfiguration
 * (stop every detector, recompute, restart on the allowed CPUs) by telling each CPU, one
 * request at a time as {@code watchdog_mutex} serializes them. It also brings each CPU's
 * detectors up as the CPU comes online, and publishes the knobs the per-CPU code reads.
 */
public final class Sysctl extends Entity<Sysctl.Command> {

  /** CONFIG_NR_CPUS: the length of {@code watchdog_cpumask}. */
  public static final int NR_CPUS = 8192;
  /** {@code watchdog_enabled} bits. */
  static final int HARD_ENABLED = 1;
  static final int SOFT_ENABLED = 2;

  /** The files of /proc/sys/kernel smpsim serves, in directory order. */
  public static final List<String> NAMES = List.of("hardlockup_all_cpu_backtrace",
      "hardlockup_panic", "hung_task_panic", "hung_task_timeout_secs", "nmi_watchdog", "panic",
      "panic_on_oops", "panic_on_rcu_stall", "perf_event_paranoid", "soft_watchdog",
      "softlockup_all_cpu_backtrace", "softlockup_panic", "sysrq", "tainted",
      "unknown_nmi_panic", "watchdog", "watchdog_cpumask", "watchdog_thresh");

  /** What the sysctl entity accepts. */
  public sealed interface Command extends SimMessage
      permits Read, Write, LockupDetectorInit, CpuOnline, Ack, PerfEnabled, AddTaint,
          LegacyNmiActive, Acquire, Release, CpuOffline {}

  /** Read /proc/sys/kernel/{@code name} for shell job {@code job}. */
  public record Read(long job, String name) implements Command {}

  /** Write {@code text} to /proc/sys/kernel/{@code name} for shell job {@code job}. */
  public record Write(long job, String name, String text) implements Command {
    @Override
    public long traceId() {
      return job * 31 + name.hashCode() * 17L + text.hashCode();
    }
  }

  /** lockup_detector_init() on the boot CPU. */
  public record LockupDetectorInit(int cpu) implements Command {}

  /** The CPU reached the lockup detectors' hotplug state (lockup_detector_online_cpu). */
  public record CpuOnline(int cpu) implements Command {}

  /**
   * The CPU leaves the lockup detectors' hotplug state (lockup_detector_offline_cpu): its
   * detectors stop; then the hotplug controller hears {@code WatchdogOffline}.
   */
  public record CpuOffline(int cpu) implements Command {}

  /** A CPU finished what it was told. */
  public record Ack(int cpu) implements Command {}

  /** A CPU's perf hard-lockup event was enabled or released ({@code watchdog_cpus}). */
  public record PerfEnabled(int cpu, boolean on) implements Command {}

  /** add_taint(). */
  public record AddTaint(int flag) implements Command {}

  /** A CPU's 2.6 NMI watchdog was armed or silenced ({@code nmi_active}). */
  public record LegacyNmiActive(int cpu, boolean on) implements Command {}

  /** A CPU wants {@code lock} (the machine's memory decides who comes first). */
  public record Acquire(int cpu, KernelLock lock) implements Command {}

  /** A CPU lets {@code lock} go. */
  public record Release(int cpu, KernelLock lock) implements Command {}

  /**
   * The answer to a read (the file's text) or a write.
   *
   * @param text what a read returns
   * @param error the write's or read's errno, or null
   */
  public record Answer(String text, Errno error) implements SimMessage {}

  private final MachineConfig config;
  private final MachineLayout layout;
  private final WatchdogBoot boot;
  private int watchdogUser;
  private int hardUser;
  private int softUser;
  private int thresh;
  private int hardPanic;
  private int softPanic;
  private int hardBacktrace;
  private int softBacktrace;
  private int unknownNmiPanic;
  private int panicTimeout;
  private int panicOnOops;
  /**
   * kernel.sysrq: which SysRq functions the keyboard may use (the trigger file is always
   * allowed). 438 = 0x1b6, the CONFIG_MAGIC_SYSRQ_DEFAULT_ENABLE of the recorded Debian kernel.
   */
  private int sysrq = 438;
  /**
   * Knobs of the neighbouring detectors that smpsim does not model (hung tasks, RCU stalls)
   * and perf's access level: kept and answered as the recorded kernel does, no more.
   */
  private int hungTaskPanic;
  private int hungTaskTimeoutSecs = 120;
  private int panicOnRcuStall;
  private int perfEventParanoid = 3;
  private int taint;
  private final BitSet cpumask = new BitSet();
  private final BitSet allowed = new BitSet();
  private final BitSet online = new BitSet();
  private final boolean hardAvailable;
  private int watchdogEnabled;
  private int perfCpus;
  private final BitSet legacyActive = new BitSet();
  /** Who holds die_lock, or -1, and who spins on it. */
  private int dieOwner = -1;
  private final ArrayDeque<Integer> dieWaiters = new ArrayDeque<>();
  private int panicCpu = -1;
  /** The CPU that set backtrace_flag, or -1. */
  private int backtraceCpu = -1;

  private final ArrayDeque<Command> queue = new ArrayDeque<>();
  /** The request being carried out while CPUs answer, or null. */
  private Command current;
  private int pendingAcks;
  /** 1: stopping the detectors, 2: starting them. */
  private int phase;

  private transient EntityContext ctx;

  public Sysctl(MachineConfig config, MachineLayout layout) {
    this.config = config;
    this.layout = layout;
    this.boot = WatchdogBoot.parse(config.kernelCmdline());
    this.watchdogUser = boot.watchdogUserEnabled() ? 1 : 0;
    this.hardUser = boot.hardUserEnabled() ? 1 : 0;
    this.softUser = boot.softUserEnabled() ? 1 : 0;
    this.thresh = boot.thresh();
    this.hardPanic = boot.hardlockupPanic() ? 1 : 0;
    this.softPanic = boot.softlockupPanic() ? 1 : 0;
    this.hardBacktrace = boot.hardAllCpuBacktrace() ? 1 : 0;
    this.softBacktrace = boot.softAllCpuBacktrace() ? 1 : 0;
    this.unknownNmiPanic = boot.unknownNmiPanic() ? 1 : 0;
    this.panicTimeout = boot.panicTimeout();
    // Every machine has a PMU; the 2.6 modes run their own NMI watchdog instead.
    this.hardAvailable = boot.mode() == NmiWatchdogMode.PERF;
    this.cpumask.set(0, config.cpus());
  }

  /** The knobs as the per-CPU code sees them. */
  public WatchdogParams params() {
    return new WatchdogParams(boot.mode(), (watchdogEnabled & SOFT_ENABLED) != 0,
        (watchdogEnabled & HARD_ENABLED) != 0, thresh, hardPanic != 0, softPanic != 0,
        hardBacktrace != 0, softBacktrace != 0, unknownNmiPanic != 0, panicTimeout,
        panicOnOops != 0, taint);
  }

  @Override
  public void onEvent(EntityContext ctx, int src, Command msg) {
    this.ctx = ctx;
    if (msg instanceof Ack) {
      if (current != null && --pendingAcks == 0) {
        advance();
      }
    } else if (msg instanceof PerfEnabled p) {
      perfEnabled(p);
    } else if (msg instanceof AddTaint t) {
      if ((taint & (1 << t.flag())) == 0) {
        taint |= 1 << t.flag();
        publish();
      }
    } else if (msg instanceof LegacyNmiActive a) {
      legacyActive.set(a.cpu(), a.on());
    } else if (msg instanceof Acquire a) {
      acquire(a);
    } else if (msg instanceof Release r) {
      if (r.lock() == KernelLock.BACKTRACE && backtraceCpu == r.cpu()) {
        backtraceCpu = -1;
      } else if (r.lock() == KernelLock.DIE && dieOwner == r.cpu()) {
        dieOwner = -1;
        if (!dieWaiters.isEmpty()) {
          dieOwner = dieWaiters.poll();
          toCpu(dieOwner, new PanicMail.Granted(KernelLock.DIE, true));
        }
      }
    } else {
      queue.add(msg);
    }
    while (current == null && !queue.isEmpty()) {
      start(queue.poll());
    }
  }

  private void acquire(Acquire a) {
    if (a.lock() == KernelLock.BACKTRACE) {
      // test_and_set_bit(0, &backtrace_flag); the answer carries cpu_online_mask.
      boolean ok = backtraceCpu < 0;
      if (ok) {
        backtraceCpu = a.cpu();
      }
      toCpu(a.cpu(), new io.smpsim.kernel.backtrace.BacktraceMail.Flag(ok,
          (BitSet) online.clone()));
    } else if (a.lock() == KernelLock.PANIC) {
      boolean first = panicCpu < 0;
      if (first) {
        panicCpu = a.cpu();
      }
      toCpu(a.cpu(), new PanicMail.Granted(KernelLock.PANIC, first || panicCpu == a.cpu()));
    } else if (dieOwner < 0) {
      dieOwner = a.cpu();
      toCpu(a.cpu(), new PanicMail.Granted(KernelLock.DIE, true));
    } else {
      dieWaiters.add(a.cpu());
    }
  }

  private void perfEnabled(PerfEnabled p) {
    if (p.on()) {
      // kernel/watchdog_perf.c: the first CPU to enable its event says so.
      if (perfCpus++ == 0) {
        ctx.send(layout.klog(), config.timings().mmio(), Printk.line(ctx.now(), LogLevel.INFO,
            "NMI watchdog: Enabled. Permanently consumes one hw-PMU counter."));
      }
    } else if (perfCpus > 0) {
      perfCpus--;
    }
  }

  private void start(Command msg) {
    if (msg instanceof Read r) {
      reply(r.job(), new Answer(read(r.name()), null));
    } else if (msg instanceof Write w) {
      write(w);
    } else if (msg instanceof LockupDetectorInit init) {
      online.set(init.cpu());
      current = init;
      reconfigure();
    } else if (msg instanceof CpuOnline on) {
      online.set(on.cpu());
      if (allowed.get(on.cpu())) {
        current = on;
        pendingAcks = 1;
        phase = 2;
        toCpu(on.cpu(), new WatchdogMail.Enable(params()));
      } else {
        toCpu(on.cpu(), new WatchdogMail.Params(params()));
      }
    } else if (msg instanceof CpuOffline off) {
      online.clear(off.cpu());
      current = off;
      pendingAcks = 1;
      phase = 2;
      if (allowed.get(off.cpu())) {
        toCpu(off.cpu(), new WatchdogMail.Disable());
      } else {
        finish();
      }
    }
  }

  // ---- reads ----------------------------------------------------------------------------------

  private String read(String name) {
    // proc_watchdog_common: a read first syncs the user value from what actually runs.
    return switch (name) {
      case "watchdog" -> {
        watchdogUser = (watchdogEnabled & (HARD_ENABLED | SOFT_ENABLED)) != 0 ? 1 : 0;
        yield watchdogUser + "\n";
      }
      case "nmi_watchdog" -> {
        if (boot.mode().legacy()) {
          yield (legacyActive.isEmpty() ? 0 : 1) + "\n";
        }
        hardUser = (watchdogEnabled & HARD_ENABLED) != 0 ? 1 : 0;
        yield hardUser + "\n";
      }
      case "soft_watchdog" -> {
        softUser = (watchdogEnabled & SOFT_ENABLED) != 0 ? 1 : 0;
        yield softUser + "\n";
      }
      case "watchdog_thresh" -> thresh + "\n";
      case "watchdog_cpumask" -> ProcBitmap.format(cpumask);
      case "hardlockup_panic" -> hardPanic + "\n";
      case "softlockup_panic" -> softPanic + "\n";
      case "hardlockup_all_cpu_backtrace" -> hardBacktrace + "\n";
      case "softlockup_all_cpu_backtrace" -> softBacktrace + "\n";
      case "unknown_nmi_panic" -> unknownNmiPanic + "\n";
      case "panic" -> panicTimeout + "\n";
      case "panic_on_oops" -> panicOnOops + "\n";
      case "sysrq" -> sysrq + "\n";
      case "hung_task_panic" -> hungTaskPanic + "\n";
      case "hung_task_timeout_secs" -> hungTaskTimeoutSecs + "\n";
      case "panic_on_rcu_stall" -> panicOnRcuStall + "\n";
      case "perf_event_paranoid" -> perfEventParanoid + "\n";
      case "tainted" -> taint + "\n";
      default -> "";
    };
  }

  // ---- writes ---------------------------------------------------------------------------------

  private void write(Write w) {
    String t = w.text();
    switch (w.name()) {
      case "watchdog" -> enableKnob(w, 0);
      case "nmi_watchdog" -> {
        if (boot.mode().legacy()) {
          legacyNmiWatchdog(w);
        } else if (!hardAvailable) {
          reply(w.job(), new Answer("", Errno.ENOTSUPP));
        } else {
          enableKnob(w, 1);
        }
      }
      case "soft_watchdog" -> enableKnob(w, 2);
      case "watchdog_thresh" -> {
        Integer v = ProcInt.parse(t, 0, 60);
        if (v == null) {
          reply(w.job(), new Answer("", Errno.EINVAL));
        } else if (v != thresh) {
          thresh = v;
          update(w);
        } else {
          reply(w.job(), new Answer("", null));
        }
      }
      case "watchdog_cpumask" -> {
        BitSet m = ProcBitmap.parse(t, NR_CPUS);
        if (m == null) {
          reply(w.job(), new Answer("", Errno.EINVAL));
        } else {
          cpumask.clear();
          cpumask.or(m);
          update(w);
        }
      }
      case "hardlockup_panic", "softlockup_panic", "hardlockup_all_cpu_backtrace",
          "softlockup_all_cpu_backtrace", "hung_task_panic", "panic_on_rcu_stall" -> {
        Integer v = ProcInt.parse(t, 0, 1);
        if (v != null) {
          setPlain(w.name(), v);
        }
        reply(w.job(), new Answer("", v == null ? Errno.EINVAL : null));
      }
      // sysrq_sysctl_handler() (kernel/sysctl.c, drivers/tty/sysrq.c): any int.
      case "unknown_nmi_panic", "panic", "panic_on_oops", "tainted", "sysrq",
          "perf_event_paranoid" -> {
        Integer v = ProcInt.parse(t);
        if (v != null) {
          setPlain(w.name(), v);
        }
        reply(w.job(), new Answer("", v == null ? Errno.EINVAL : null));
      }
      case "hung_task_timeout_secs" -> {
        // proc_dohung_task_timeout_secs(): an unsigned long; a negative value is EINVAL.
        Integer v = ProcInt.parse(t, 0, Integer.MAX_VALUE);
        if (v != null) {
          setPlain(w.name(), v);
        }
        reply(w.job(), new Answer("", v == null ? Errno.EINVAL : null));
      }
      default -> reply(w.job(), new Answer("", Errno.EINVAL));
    }
  }

  private void setPlain(String name, int v) {
    switch (name) {
      case "hardlockup_panic" -> hardPanic = v;
      case "softlockup_panic" -> softPanic = v;
      case "hardlockup_all_cpu_backtrace" -> hardBacktrace = v;
      case "softlockup_all_cpu_backtrace" -> softBacktrace = v;
      case "unknown_nmi_panic" -> unknownNmiPanic = v;
      case "panic" -> panicTimeout = v;
      case "panic_on_oops" -> panicOnOops = v;
      case "sysrq" -> sysrq = v;
      case "hung_task_panic" -> hungTaskPanic = v;
      case "hung_task_timeout_secs" -> hungTaskTimeoutSecs = v;
      case "panic_on_rcu_stall" -> panicOnRcuStall = v;
      case "perf_event_paranoid" -> perfEventParanoid = v;
      case "tainted" -> taint |= v;
      default -> throw new IllegalArgumentException(name);
    }
    publish();
  }

  /** proc_watchdog_common(): a 0/1 knob; a change reconfigures the detectors. */
  private void enableKnob(Write w, int which) {
    Integer v = ProcInt.parse(w.text(), 0, 1);
    if (v == null) {
      reply(w.job(), new Answer("", Errno.EINVAL));
      return;
    }
    int old = switch (which) {
      case 0 -> watchdogUser;
      case 1 -> hardUser;
      default -> softUser;
    };
    switch (which) {
      case 0 -> watchdogUser = v;
      case 1 -> hardUser = v;
      default -> softUser = v;
    }
    if (old != v) {
      update(w);
    } else {
      reply(w.job(), new Answer("", null));
    }
  }

  /**
   * 2.6 proc_nmi_enabled(): reads as {@code nmi_active > 0}; writing the other state arms or
   * silences the NMI watchdog on every CPU; permanently disabled means EIO.
   */
  private void legacyNmiWatchdog(Write w) {
    Integer v = ProcInt.parse(w.text());
    if (v == null) {
      reply(w.job(), new Answer("", Errno.EINVAL));
      return;
    }
    boolean old = !legacyActive.isEmpty();
    if (old == (v != 0)) {
      reply(w.job(), new Answer("", null));
      return;
    }
    current = w;
    phase = 3;
    pendingAcks = 0;
    for (int c = online.nextSetBit(0); c >= 0; c = online.nextSetBit(c + 1)) {
      pendingAcks++;
      toCpu(c, new WatchdogMail.LegacyToggle(v != 0));
    }
    if (pendingAcks == 0) {
      finish();
    }
  }

  /** proc_watchdog_update(): drop impossible CPUs from the mask, then reconfigure. */
  private void update(Write w) {
    // cpumask_and() works on whole words up to nr_cpu_ids: bits past them stay.
    int words = (config.cpus() + 63) / 64;
    cpumask.clear(config.cpus(), words * 64);
    current = w;
    reconfigure();
  }

  /** __lockup_detector_reconfigure(): stop every detector, recompute, start them again. */
  private void reconfigure() {
    phase = 1;
    pendingAcks = 0;
    BitSet stop = (BitSet) allowed.clone();
    stop.and(online);
    allowed.clear();
    for (int c = stop.nextSetBit(0); c >= 0; c = stop.nextSetBit(c + 1)) {
      pendingAcks++;
      toCpu(c, new WatchdogMail.Disable());
    }
    if (pendingAcks == 0) {
      advance();
    }
  }

  private void advance() {
    if (phase == 1) {
      phase = 2;
      updateEnable();
      pendingAcks = 0;
      if (watchdogEnabled != 0 && thresh != 0) {
        allowed.or(cpumask);
        BitSet go = (BitSet) allowed.clone();
        go.and(online);
        WatchdogParams p = params();
        for (int c = go.nextSetBit(0); c >= 0; c = go.nextSetBit(c + 1)) {
          pendingAcks++;
          toCpu(c, new WatchdogMail.Enable(p));
        }
      }
      publishExcept(allowed);
      if (pendingAcks == 0) {
        finish();
      }
    } else {
      finish();
    }
  }

  /** lockup_detector_update_enable(). */
  private void updateEnable() {
    watchdogEnabled = 0;
    if (watchdogUser == 0) {
      return;
    }
    if (hardAvailable && hardUser != 0) {
      watchdogEnabled |= HARD_ENABLED;
    }
    if (softUser != 0) {
      watchdogEnabled |= SOFT_ENABLED;
    }
  }

  private void finish() {
    Command done = current;
    current = null;
    phase = 0;
    if (done instanceof Write w) {
      reply(w.job(), new Answer("", null));
    } else if (done instanceof LockupDetectorInit init) {
      toCpu(init.cpu(), new WatchdogMail.InitDone());
    } else if (done instanceof CpuOffline off) {
      ctx.send(layout.hotplug(), config.timings().mmio(),
          new io.smpsim.kernel.hotplug.CpuHotplug.WatchdogOffline(off.cpu()));
    }
  }

  /** Tells every online CPU the knobs' new values. */
  private void publish() {
    publishExcept(new BitSet());
  }

  private void publishExcept(BitSet skip) {
    WatchdogParams p = params();
    for (int c = online.nextSetBit(0); c >= 0; c = online.nextSetBit(c + 1)) {
      if (!skip.get(c)) {
        toCpu(c, new WatchdogMail.Params(p));
      }
    }
  }

  private void toCpu(int cpu, SimMessage msg) {
    ctx.send(layout.cpu(cpu), config.timings().mmio(), new Cpu.KernelMail(msg));
  }

  private void reply(long job, Answer a) {
    ctx.send(layout.shell(), config.timings().mmio(), new Shell.Reply(job, a));
  }
}
