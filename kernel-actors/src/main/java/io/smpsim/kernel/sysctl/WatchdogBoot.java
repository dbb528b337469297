package io.smpsim.kernel.sysctl;

import io.smpsim.kernel.KernelCmdline;
import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.Quirk;
import io.smpsim.sim.serialization.WireMessage;

/**
 * What the kernel command line sets for the NMI and lockup machinery, parsed as the kernel's
 * {@code __setup} handlers of the machine's kernel release do (kernel/watchdog.c, kernel/panic.c,
 * arch/x86/kernel/nmi.c and, for a 2.6 machine, arch/x86_64/kernel/nmi.c's mode numbers). Parameters it does not know are left
 * alone, as the kernel leaves them.
 *
 * @param mode which hard-lockup detector runs
 * @param hardUserEnabled {@code watchdog_hardlockup_user_enabled} ({@code nmi_watchdog=0} clears it)
 * @param hardlockupPanic {@code nmi_watchdog=panic} / {@code nopanic}
 * @param watchdogUserEnabled cleared by {@code nowatchdog}
 * @param softUserEnabled cleared by {@code nosoftlockup}
 * @param thresh {@code watchdog_thresh=}
 * @param softlockupPanic {@code softlockup_panic=}
 * @param hardAllCpuBacktrace {@code hardlockup_all_cpu_backtrace=}
 * @param softAllCpuBacktrace {@code softlockup_all_cpu_backtrace=}
 * @param unknownNmiPanic {@code unknown_nmi_panic}
 * @param panicTimeout {@code panic=}
 * @param hpetDisabled {@code hpet=disable}
 */
public record WatchdogBoot(NmiWatchdogMode mode, boolean hardUserEnabled,
    boolean hardlockupPanic, boolean watchdogUserEnabled, boolean softUserEnabled, int thresh,
    boolean softlockupPanic, boolean hardAllCpuBacktrace, boolean softAllCpuBacktrace,
    boolean unknownNmiPanic, int panicTimeout, boolean hpetDisabled) implements WireMessage {

  /** The default {@code watchdog_thresh}. */
  public static final int DEFAULT_THRESH = 10;

  /**
   * The settings of {@code config}'s command line as its kernel reads them. With the quirk
   * nmi-known-cpu-early, setup_nmi_watchdog() checks nmi_known_cpu() as it parses
   * {@code nmi_watchdog=2}, before identify_cpu(), and on a CPU it does not recognise then
   * ignores the option without a word: no NMI watchdog. With the quirk
   * lapic-watchdog-default-bios-2004 a 2.6 machine without {@code nmi_watchdog=} whose DMI BIOS
   * year is 2004 or later runs the local APIC watchdog.
   */
  public static WatchdogBoot of(MachineConfig config) {
    WatchdogBoot b = parse(config.kernelCmdline(), config.kernel());
    if (config.has(Quirk.LAPIC_WATCHDOG_DEFAULT_BIOS_2004) && config.kernel().legacyNmiWatchdog()
        && config.kernelCmdline().value("nmi_watchdog") == null && config.biosYear() >= 2004) {
      // 2.6.18: "Enable NMI watchdog for newer systems": nmi_watchdog == NMI_DEFAULT &&
      // dmi_get_year(DMI_BIOS_DATE) >= 2004 gives NMI_LOCAL_APIC.
      return new WatchdogBoot(NmiWatchdogMode.LOCAL_APIC, b.hardUserEnabled, b.hardlockupPanic,
          b.watchdogUserEnabled, b.softUserEnabled, b.thresh, b.softlockupPanic,
          b.hardAllCpuBacktrace, b.softAllCpuBacktrace, b.unknownNmiPanic, b.panicTimeout,
          b.hpetDisabled);
    }
    if (b.mode == NmiWatchdogMode.LOCAL_APIC && config.has(Quirk.NMI_KNOWN_CPU_EARLY)
        && !NmiKnownCpu.atBootOptionParse(config)) {
      return new WatchdogBoot(NmiWatchdogMode.PERF, false, b.hardlockupPanic,
          b.watchdogUserEnabled, b.softUserEnabled, b.thresh, b.softlockupPanic,
          b.hardAllCpuBacktrace, b.softAllCpuBacktrace, b.unknownNmiPanic, b.panicTimeout,
          b.hpetDisabled);
    }
    return b;
  }

  /** The settings of {@code cmd} as the kernel release {@code kernel} reads them. */
  public static WatchdogBoot parse(KernelCmdline cmd, KernelVersion kernel) {
    NmiWatchdogMode mode = NmiWatchdogMode.PERF;
    boolean hardUser = true;
    boolean hardPanic = false;
    if (kernel.legacyNmiWatchdog()) {
      String nmi = cmd.value("nmi_watchdog");
      if (nmi != null) {
        // 2.6 arch/x86_64/kernel/nmi.c setup_nmi_watchdog: an optional "panic," then the mode
        // number, 1 (IO-APIC) or 2 (local APIC); 0 switches the watchdog off.
        for (String tok : nmi.split(",")) {
          if (tok.startsWith("panic")) {
            hardPanic = true;
          } else if (tok.startsWith("nopanic")) {
            hardPanic = false;
          } else if (tok.equals("ioapic")) {
            mode = NmiWatchdogMode.IO_APIC;
          } else if (tok.equals("lapic")) {
            mode = NmiWatchdogMode.LOCAL_APIC;
          } else {
            Long n = leadingLong(tok);
            if (n != null && n == 0) {
              hardUser = false;
            } else if (n != null && n == 1) {
              mode = NmiWatchdogMode.IO_APIC;
            } else if (n != null && n == 2) {
              mode = NmiWatchdogMode.LOCAL_APIC;
            }
          }
        }
      }
    } else {
      // 6.1 kernel/watchdog.c hardlockup_panic_setup(), once per occurrence: one strncmp()
      // chain on the whole value, no comma list. "panic"/"nopanic" set hardlockup_panic, a value
      // starting with '0' or '1' clears or sets nmi_watchdog_user_enabled, anything else (2
      // among them: there are no modes) is accepted and changes nothing.
      for (String nmi : cmd.values("nmi_watchdog")) {
        if (nmi.startsWith("panic")) {
          hardPanic = true;
        } else if (nmi.startsWith("nopanic")) {
          hardPanic = false;
        } else if (nmi.startsWith("0")) {
          hardUser = false;
        } else if (nmi.startsWith("1")) {
          hardUser = true;
        }
      }
    }
    int thresh = DEFAULT_THRESH;
    String t = cmd.value("watchdog_thresh");
    if (t != null) {
      // kernel/watchdog.c watchdog_thresh_setup(): get_option(&str, &watchdog_thresh) stores
      // any int as given, a negative one too (simple_strtol; wider numbers keep their low 32
      // bits as the int store does). The detectors never fire with thresh <= 0.
      Long v = leadingLong(t);
      if (v != null) {
        thresh = (int) (long) v;
      }
    }
    return new WatchdogBoot(mode, hardUser, hardPanic, !cmd.has("nowatchdog"),
        !cmd.has("nosoftlockup"), thresh, flag(cmd, "softlockup_panic"),
        flag(cmd, "hardlockup_all_cpu_backtrace"), flag(cmd, "softlockup_all_cpu_backtrace"),
        cmd.has("unknown_nmi_panic"), intValue(cmd, "panic", 0),
        "disable".equals(cmd.value("hpet")));
  }

  /** {@code !!simple_strtol(str)}: a leading number, non-zero. */
  private static boolean flag(KernelCmdline cmd, String key) {
    String v = cmd.value(key);
    if (v == null) {
      return false;
    }
    Long n = leadingLong(v);
    return n != null && n != 0;
  }

  private static int intValue(KernelCmdline cmd, String key, int dflt) {
    String v = cmd.value(key);
    Long n = v == null ? null : leadingLong(v);
    return n == null ? dflt : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
  }

  /** The number a string starts with ({@code simple_strtol} base 10), or null when none. */
  static Long leadingLong(String s) {
    int i = 0;
    if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    int digits = i;
    while (i < s.length() && Character.isDigit(s.charAt(i)) && i - digits < 18) {
      i++;
    }
    if (i == digits) {
      return null;
    }
    return Long.parseLong(s.substring(0, i));
  }
}
