package io.smpsim.kernel.watchdog;

import io.smpsim.kernel.sysctl.NmiWatchdogMode;
import io.smpsim.kernel.sysctl.WatchdogBoot;
import io.smpsim.kernel.sysctl.WatchdogMail;
import io.smpsim.kernel.sysctl.WatchdogParams;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.core.PerCpu;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.sim.SimMessage;

/**
 * One CPU's view of the NMI and lockup watchdogs (kernel/watchdog.c's per-CPU variables, and
 * the 2.6 NMI watchdog's): the command line's settings, the knobs as last published to this
 * CPU, and the per-CPU halves of the modern and of the 2.6 detectors.
 */
public final class Watchdogs {

  /** The per-CPU variable. */
  public static final PerCpu<Watchdogs> KEY = new PerCpu<>("watchdogs");

  private final WatchdogBoot boot;
  private WatchdogParams params;
  private final CpuWatchdog modern = new CpuWatchdog();
  private final LegacyWatchdogCpu legacy = new LegacyWatchdogCpu();

  /** A CPU's copy at boot: the command line's settings, not yet published by the sysctl. */
  public Watchdogs(MachineConfig config) {
    this.boot = WatchdogBoot.of(config);
    this.params = new WatchdogParams(boot.mode(), false, false, boot.thresh(),
        boot.hardlockupPanic(), boot.softlockupPanic(), boot.hardAllCpuBacktrace(),
        boot.softAllCpuBacktrace(), boot.unknownNmiPanic(), boot.panicTimeout(), false, false, 0);
  }

  /** {@code cpu}'s copy. */
  public static Watchdogs of(KernelCpu cpu) {
    return cpu.get(KEY);
  }

  /** The command line's watchdog settings. */
  public WatchdogBoot boot() {
    return boot;
  }

  /** The global knobs as last published to this CPU. */
  public WatchdogParams params() {
    return params;
  }

  /** The knobs the sysctl published. */
  public void publish(WatchdogParams p) {
    this.params = p;
  }

  /** The modern (perf NMI and hrtimer) detectors' per-CPU half. */
  public CpuWatchdog modern() {
    return modern;
  }

  /** The 2.6 NMI watchdog's per-CPU half. */
  public LegacyWatchdogCpu legacy() {
    return legacy;
  }

  /** The 2.6 NMI watchdog's per-CPU set-up (setup_apic_nmi_watchdog, start_secondary). */
  public void armLegacy(KernelCpu k) {
    if (boot.mode() == NmiWatchdogMode.IO_APIC) {
      legacy.arm(k, k.config().hz());
    } else if (boot.mode() == NmiWatchdogMode.LOCAL_APIC) {
      // With the boot self-test, nmi_hz is HZ until check_nmi_watchdog() passes.
      legacy.arm(k, k.config().nmiSelftest() && !legacy.selfTested() ? k.config().hz() : 1);
    }
  }

  /**
   * The lockup-detector work the machine-wide control asks this CPU to do
   * ({@link WatchdogMail.Enable}, {@link WatchdogMail.Disable},
   * {@link WatchdogMail.LegacyToggle}); it runs once the CPU can schedule.
   */
  public void work(KernelCpu k, SimMessage msg) {
    if (msg instanceof WatchdogMail.Enable e) {
      params = e.params();
      if (boot.mode().legacy()) {
        if (params.softEnabled()) {
          legacy.soft().enable(k.jiffies());
        }
        k.toSysctl(new Sysctl.Ack(k.index()));
      } else {
        modern.enable(k, params);
      }
    } else if (msg instanceof WatchdogMail.Disable) {
      legacy.soft().disable();
      modern.disable(k);
    } else if (msg instanceof WatchdogMail.LegacyToggle t) {
      if (t.on()) {
        armLegacy(k);
      } else {
        legacy.disarm(k);
      }
      k.toSysctl(new Sysctl.Ack(k.index()));
    }
  }
}
