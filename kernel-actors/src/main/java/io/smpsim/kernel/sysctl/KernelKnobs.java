package io.smpsim.kernel.sysctl;

import io.smpsim.kernel.core.Errno;

/**
 * The /proc/sys/kernel files that are plain integers (kernel/sysctl.c's proc_dointvec family):
 * a write parses, checks its range and stores; nothing is reconfigured. The lockup detectors'
 * own knobs, whose writes restart the detectors, are {@link Sysctl}'s.
 */
final class KernelKnobs {

  int hardPanic;
  int softPanic;
  int hardBacktrace;
  int softBacktrace;
  int unknownNmiPanic;
  int panicTimeout;
  int panicOnOops;
  /**
   * kernel.sysrq: which SysRq functions the keyboard may use (the trigger file is always
   * allowed). 438 = 0x1b6, the CONFIG_MAGIC_SYSRQ_DEFAULT_ENABLE of the recorded Debian kernel.
   */
  int sysrq = 438;
  /**
   * Knobs of the neighbouring detectors that smpsim does not model (hung tasks, RCU stalls)
   * and perf's access level: kept and answered as the recorded kernel does, no more.
   */
  int hungTaskPanic;
  int hungTaskTimeoutSecs = 120;
  int panicOnRcuStall;
  int perfEventParanoid = 3;
  int taint;

  /** The values the kernel command line gave. */
  KernelKnobs(WatchdogBoot boot) {
    this.hardPanic = boot.hardlockupPanic() ? 1 : 0;
    this.softPanic = boot.softlockupPanic() ? 1 : 0;
    this.hardBacktrace = boot.hardAllCpuBacktrace() ? 1 : 0;
    this.softBacktrace = boot.softAllCpuBacktrace() ? 1 : 0;
    this.unknownNmiPanic = boot.unknownNmiPanic() ? 1 : 0;
    this.panicTimeout = boot.panicTimeout();
  }

  /** Whether {@code name} is one of these files. */
  static boolean owns(String name) {
    return switch (name) {
      case "hardlockup_panic", "softlockup_panic", "hardlockup_all_cpu_backtrace",
          "softlockup_all_cpu_backtrace", "hung_task_panic", "panic_on_rcu_stall",
          "unknown_nmi_panic", "panic", "panic_on_oops", "tainted", "sysrq",
          "perf_event_paranoid", "hung_task_timeout_secs" -> true;
      default -> false;
    };
  }

  /** The file's text. */
  String read(String name) {
    return switch (name) {
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
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** Writes {@code text}; the errno, or null when the value was stored. */
  Errno write(String name, String text) {
    Integer v = switch (name) {
      case "hardlockup_panic", "softlockup_panic", "hardlockup_all_cpu_backtrace",
          "softlockup_all_cpu_backtrace", "hung_task_panic", "panic_on_rcu_stall" ->
          ProcInt.parse(text, 0, 1);
      // sysrq_sysctl_handler() (kernel/sysctl.c, drivers/tty/sysrq.c): any int.
      case "unknown_nmi_panic", "panic", "panic_on_oops", "tainted", "sysrq",
          "perf_event_paranoid" -> ProcInt.parse(text);
      // proc_dohung_task_timeout_secs(): an unsigned long; a negative value is EINVAL.
      case "hung_task_timeout_secs" -> ProcInt.parse(text, 0, Integer.MAX_VALUE);
      default -> throw new IllegalArgumentException(name);
    };
    if (v == null) {
      return Errno.EINVAL;
    }
    set(name, v);
    return null;
  }

  private void set(String name, int v) {
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
  }
}
