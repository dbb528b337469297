package io.smpsim.kernel.sysctl;

import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.panic.KernelLock;
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
  private final KernelKnobs knobs;
  private final BitSet cpumask = new BitSet();
  private final BitSet allowed = new BitSet();
  private final BitSet online = new BitSet();
  private final boolean hardAvailable;
  private int watchdogEnabled;
  private int perfCpus;
  private final BitSet legacyActive = new BitSet();
  private final KernelLocks locks = new KernelLocks();

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
    this.knobs = new KernelKnobs(boot);
    // Every machine has a PMU; the 2.6 modes run their own NMI watchdog instead.
    this.hardAvailable = boot.mode() == NmiWatchdogMode.PERF;
    this.cpumask.set(0, config.cpus());
  }

  /** The knobs as the per-CPU code sees them. */
  public WatchdogParams params() {
    return new WatchdogParams(boot.mode(), (watchdogEnabled & SOFT_ENABLED) != 0,
        (watchdogEnabled & HARD_ENABLED) != 0, thresh, knobs.hardPanic != 0,
        knobs.softPanic != 0, knobs.hardBacktrace != 0, knobs.softBacktrace != 0,
        knobs.unknownNmiPanic != 0, knobs.panicTimeout, knobs.panicOnOops != 0, knobs.taint);
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
      if ((knobs.taint & (1 << t.flag())) == 0) {
        knobs.taint |= 1 << t.flag();
        publish();
      }
    } else if (msg instanceof LegacyNmiActive a) {
      legacyActive.set(a.cpu(), a.on());
    } else if (msg instanceof Acquire a) {
      locks.acquire(a.cpu(), a.lock(), online, this::toCpu);
    } else if (msg instanceof Release r) {
      locks.release(r.cpu(), r.lock(), this::toCpu);
    } else {
      queue.add(msg);
    }
    while (current == null && !queue.isEmpty()) {
      start(queue.poll());
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
      default -> KernelKnobs.owns(name) ? knobs.read(name) : "";
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
      default -> {
        if (KernelKnobs.owns(w.name())) {
          Errno e = knobs.write(w.name(), t);
          if (e == null) {
            publish();
          }
          reply(w.job(), new Answer("", e));
        } else {
          reply(w.job(), new Answer("", Errno.EINVAL));
        }
      }
    }
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
