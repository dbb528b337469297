package io.smpsim.kernel.sysctl;

import io.smpsim.kernel.core.Errno;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.sysctl.Sysctl.Answer;
import io.smpsim.kernel.sysctl.Sysctl.CpuOffline;
import io.smpsim.kernel.sysctl.Sysctl.CpuOnline;
import io.smpsim.kernel.sysctl.Sysctl.LockupDetectorInit;
import io.smpsim.kernel.sysctl.Sysctl.PerfEnabled;
import io.smpsim.kernel.sysctl.Sysctl.Write;
import io.smpsim.sim.SimMessage;
import java.util.BitSet;

/**
 * The machine-wide half of the lockup detectors (kernel/watchdog.c): their knobs
 * ({@code watchdog}, {@code nmi_watchdog}, {@code soft_watchdog}, {@code watchdog_thresh},
 * {@code watchdog_cpumask}), and the reconfiguration a change starts (stop every detector,
 * recompute, restart on the allowed CPUs), one request at a time as {@code watchdog_mutex}
 * serializes them. It also brings each CPU's detectors up as the CPU comes online, and
 * publishes the knobs the per-CPU code reads.
 */
final class LockupDetectorControl {

  /** {@code watchdog_enabled} bits. */
  static final int HARD_ENABLED = 1;
  static final int SOFT_ENABLED = 2;

  /** Where the control's mail goes: the sysctl entity sends it. */
  interface Outbox {
    void toCpu(int cpu, SimMessage msg);

    void reply(long job, Answer a);

    /** A kernel log line (KERN_INFO). */
    void log(String line);

    /** The detectors of {@code cpu} are down: CPU hotplug may go on. */
    void watchdogOffline(int cpu);
  }

  /** The files of /proc/sys/kernel that are the detectors' own. */
  static boolean owns(String name) {
    return switch (name) {
      case "watchdog", "nmi_watchdog", "soft_watchdog", "watchdog_thresh", "watchdog_cpumask" ->
          true;
      default -> false;
    };
  }

  private final MachineConfig config;
  private final WatchdogBoot boot;
  private final KernelKnobs knobs;
  private int watchdogUser;
  private int hardUser;
  private int softUser;
  private int thresh;
  private final BitSet cpumask = new BitSet();
  private final BitSet allowed = new BitSet();
  private final BitSet online = new BitSet();
  private final boolean hardAvailable;
  private int watchdogEnabled;
  private int perfCpus;
  private final BitSet legacyActive = new BitSet();
  /** The request being carried out while CPUs answer, or null. */
  private Sysctl.Command current;
  private int pendingAcks;
  /** 1: stopping the detectors, 2: starting them. */
  private int phase;
  private transient Outbox out;

  LockupDetectorControl(MachineConfig config, WatchdogBoot boot, KernelKnobs knobs) {
    this.config = config;
    this.boot = boot;
    this.knobs = knobs;
    this.watchdogUser = boot.watchdogUserEnabled() ? 1 : 0;
    this.hardUser = boot.hardUserEnabled() ? 1 : 0;
    this.softUser = boot.softUserEnabled() ? 1 : 0;
    this.thresh = boot.thresh();
    // kernel/watchdog.c lockup_detector_init(): nmi_watchdog_available only when
    // watchdog_nmi_probe() could create the perf event, which needs a PMU. The 2.6 modes run
    // their own NMI watchdog instead.
    this.hardAvailable = boot.mode() == NmiWatchdogMode.PERF && config.pmu();
    this.cpumask.set(0, config.cpus());
  }

  /** Where mail goes for the event being handled. */
  void bind(Outbox outbox) {
    this.out = outbox;
  }

  /** Whether a request is being carried out (the next waits). */
  boolean busy() {
    return current != null;
  }

  /** cpu_online_mask as the detectors know it. */
  BitSet online() {
    return online;
  }

  /** A CPU finished what it was told. */
  void ack() {
    if (current != null && --pendingAcks == 0) {
      advance();
    }
  }

  /** A CPU's 2.6 NMI watchdog was armed or silenced ({@code nmi_active}). */
  void legacyActive(int cpu, boolean on) {
    legacyActive.set(cpu, on);
  }

  /** The knobs as the per-CPU code sees them. */
  WatchdogParams params() {
    return new WatchdogParams(boot.mode(), (watchdogEnabled & SOFT_ENABLED) != 0,
        (watchdogEnabled & HARD_ENABLED) != 0, thresh, knobs.hardPanic != 0,
        knobs.softPanic != 0, knobs.hardBacktrace != 0, knobs.softBacktrace != 0,
        knobs.unknownNmiPanic != 0, knobs.panicTimeout, knobs.panicOnOops != 0,
        knobs.panicOnRcuStall != 0, knobs.taint);
  }

  /** A CPU's perf hard-lockup event was enabled or released ({@code watchdog_cpus}). */
  void perfEnabled(PerfEnabled p) {
    if (p.on()) {
      // kernel/watchdog_perf.c: the first CPU to enable its event says so.
      if (perfCpus++ == 0) {
        out.log("NMI watchdog: Enabled. Permanently consumes one hw-PMU counter.");
      }
    } else if (perfCpus > 0) {
      perfCpus--;
    }
  }

  /** A CPU reached or left the detectors' hotplug state, or the boot CPU initialises them. */
  void start(Sysctl.Command msg) {
    if (msg instanceof LockupDetectorInit init) {
      if (boot.mode() == NmiWatchdogMode.PERF && !config.pmu()) {
        // kernel/watchdog_hld.c hardlockup_detector_perf_init(): the probe's event cannot be
        // created without a PMU; said once, whatever nmi_watchdog= asked for.
        out.log("NMI watchdog: Perf NMI watchdog permanently disabled");
      }
      online.set(init.cpu());
      current = init;
      reconfigure();
    } else if (msg instanceof CpuOnline on) {
      online.set(on.cpu());
      if (allowed.get(on.cpu())) {
        current = on;
        pendingAcks = 1;
        phase = 2;
        out.toCpu(on.cpu(), new WatchdogMail.Enable(params()));
      } else {
        out.toCpu(on.cpu(), new WatchdogMail.Params(params()));
      }
    } else if (msg instanceof CpuOffline off) {
      online.clear(off.cpu());
      current = off;
      pendingAcks = 1;
      phase = 2;
      if (allowed.get(off.cpu())) {
        out.toCpu(off.cpu(), new WatchdogMail.Disable());
      } else {
        finish();
      }
    } else {
      throw new IllegalArgumentException("not a lockup-detector request: " + msg);
    }
  }

  // ---- the detectors' files -------------------------------------------------------------------

  /** Reads one of the detectors' files. */
  String read(String name) {
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
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** Writes one of the detectors' files; a change reconfigures them, then {@code w} is answered. */
  void write(Write w) {
    String t = w.text();
    switch (w.name()) {
      case "watchdog" -> enableKnob(w, 0);
      case "nmi_watchdog" -> {
        if (boot.mode().legacy()) {
          legacyNmiWatchdog(w);
        } else if (!hardAvailable) {
          // kernel/watchdog.c proc_nmi_watchdog(): without nmi_watchdog_available every write
          // is -ENOTSUPP before the value is even parsed; the file keeps reading 0.
          out.reply(w.job(), new Answer("", Errno.ENOTSUPP));
        } else {
          enableKnob(w, 1);
        }
      }
      case "soft_watchdog" -> enableKnob(w, 2);
      case "watchdog_thresh" -> {
        Integer v = ProcInt.parse(t, 0, 60);
        if (v == null) {
          out.reply(w.job(), new Answer("", Errno.EINVAL));
        } else if (v != thresh) {
          thresh = v;
          update(w);
        } else {
          out.reply(w.job(), new Answer("", null));
        }
      }
      case "watchdog_cpumask" -> {
        BitSet m = ProcBitmap.parse(t, Sysctl.NR_CPUS);
        if (m == null) {
          out.reply(w.job(), new Answer("", Errno.EINVAL));
        } else {
          cpumask.clear();
          cpumask.or(m);
          update(w);
        }
      }
      default -> throw new IllegalArgumentException(w.name());
    }
  }

  /** proc_watchdog_common(): a 0/1 knob; a change reconfigures the detectors. */
  private void enableKnob(Write w, int which) {
    Integer v = ProcInt.parse(w.text(), 0, 1);
    if (v == null) {
      out.reply(w.job(), new Answer("", Errno.EINVAL));
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
      out.reply(w.job(), new Answer("", null));
    }
  }

  /**
   * 2.6 proc_nmi_enabled(): reads as {@code nmi_active > 0}; writing the other state arms or
   * silences the NMI watchdog on every CPU; permanently disabled means EIO.
   */
  private void legacyNmiWatchdog(Write w) {
    Integer v = ProcInt.parse(w.text());
    if (v == null) {
      out.reply(w.job(), new Answer("", Errno.EINVAL));
      return;
    }
    boolean old = !legacyActive.isEmpty();
    if (old == (v != 0)) {
      out.reply(w.job(), new Answer("", null));
      return;
    }
    current = w;
    phase = 3;
    pendingAcks = 0;
    for (int c = online.nextSetBit(0); c >= 0; c = online.nextSetBit(c + 1)) {
      pendingAcks++;
      out.toCpu(c, new WatchdogMail.LegacyToggle(v != 0));
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
      out.toCpu(c, new WatchdogMail.Disable());
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
      // A negative watchdog_thresh (only the command line can set one) makes the sample
      // period, an u64 product, astronomically long: the detectors are as good as off.
      if (watchdogEnabled != 0 && thresh > 0) {
        allowed.or(cpumask);
        BitSet go = (BitSet) allowed.clone();
        go.and(online);
        WatchdogParams p = params();
        for (int c = go.nextSetBit(0); c >= 0; c = go.nextSetBit(c + 1)) {
          pendingAcks++;
          out.toCpu(c, new WatchdogMail.Enable(p));
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
    Sysctl.Command done = current;
    current = null;
    phase = 0;
    if (done instanceof Write w) {
      out.reply(w.job(), new Answer("", null));
    } else if (done instanceof LockupDetectorInit init) {
      out.toCpu(init.cpu(), new WatchdogMail.InitDone());
    } else if (done instanceof CpuOffline off) {
      out.watchdogOffline(off.cpu());
    }
  }

  /** Tells every online CPU the knobs' new values. */
  void publish() {
    publishExcept(new BitSet());
  }

  private void publishExcept(BitSet skip) {
    WatchdogParams p = params();
    for (int c = online.nextSetBit(0); c >= 0; c = online.nextSetBit(c + 1)) {
      if (!skip.get(c)) {
        out.toCpu(c, new WatchdogMail.Params(p));
      }
    }
  }

}
