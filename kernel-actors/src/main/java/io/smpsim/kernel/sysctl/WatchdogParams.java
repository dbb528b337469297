package io.smpsim.kernel.sysctl;

import io.smpsim.sim.serialization.WireMessage;

/**
 * The kernel-global variables the per-CPU NMI and lockup code reads, as the {@code Sysctl}
 * entity last published them (kernel/watchdog.c, kernel/panic.c, arch/x86/kernel/nmi.c).
 *
 * @param mode which hard-lockup detector the machine runs
 * @param softEnabled {@code watchdog_enabled & WATCHDOG_SOFTOCKUP_ENABLED}
 * @param hardEnabled {@code watchdog_enabled & WATCHDOG_HARDLOCKUP_ENABLED} (perf detector)
 * @param thresh {@code watchdog_thresh}
 * @param hardlockupPanic {@code hardlockup_panic} (2.6: {@code panic_on_timeout})
 * @param softlockupPanic {@code softlockup_panic}
 * @param hardAllCpuBacktrace {@code sysctl_hardlockup_all_cpu_backtrace}
 * @param softAllCpuBacktrace {@code sysctl_softlockup_all_cpu_backtrace}
 * @param unknownNmiPanic {@code unknown_nmi_panic}
 * @param panicTimeout {@code panic_timeout} ({@code kernel.panic})
 * @param panicOnOops {@code panic_on_oops}
 * @param panicOnRcuStall {@code sysctl_panic_on_rcu_stall}
 * @param taint {@code tainted_mask}
 */
public record WatchdogParams(NmiWatchdogMode mode, boolean softEnabled, boolean hardEnabled,
    int thresh, boolean hardlockupPanic, boolean softlockupPanic, boolean hardAllCpuBacktrace,
    boolean softAllCpuBacktrace, boolean unknownNmiPanic, int panicTimeout, boolean panicOnOops,
    boolean panicOnRcuStall, int taint) implements WireMessage {

  /** The watchdog hrtimer's period: {@code 2 * watchdog_thresh / 5} seconds. */
  public long samplePeriodNs() {
    return thresh * 2L * 1_000_000_000L / 5;
  }

  /** The soft lockup threshold in seconds: {@code 2 * watchdog_thresh}. */
  public int softThresh() {
    return thresh * 2;
  }

  /** {@code hw_nmi_get_sample_period}: {@code cpu_khz * 1000 * watchdog_thresh} cycles. */
  public long hardPeriodCycles(long cpuKhz) {
    return cpuKhz * 1000L * thresh;
  }
}
