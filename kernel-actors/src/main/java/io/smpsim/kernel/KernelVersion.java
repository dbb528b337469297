package io.smpsim.kernel;

import io.smpsim.sim.serialization.WireMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel release a machine runs (scenario key {@code kernel}), which selects what its
 * command line means. Two eras are modelled: 2.6 up to 2.6.36, whose {@code nmi_watchdog=1|2}
 * select the arch NMI watchdogs (arch/x86/kernel/apic/nmi.c, earlier arch/x86_64/kernel/nmi.c),
 * and 6.x, whose {@code nmi_watchdog=} only switches the perf hard-lockup detector
 * (kernel/watchdog.c hardlockup_panic_setup). 2.6.37 replaced the arch watchdogs by the perf
 * one, so 2.6.37 and later 2.6 releases are not accepted: smpsim models neither.
 *
 * @param major 2 or 6
 * @param minor 6 for 2.6, the 6.x minor otherwise
 * @param patch the 2.6 release number (18 for 2.6.18), or the 6.x stable number (0 when absent)
 * @param text the version as the scenario wrote it
 */
public record KernelVersion(int major, int minor, int patch, String text) implements WireMessage {

  /** The default: the kernel of the real-kernel recordings (Debian's 6.1). */
  public static final KernelVersion DEFAULT = new KernelVersion(6, 1, 0, "6.1");

  /** What {@link #parse} accepts, for error messages. */
  public static final String ACCEPTED =
      "\"2.6.0\" to \"2.6.36\" (e.g. \"2.6.18\", \"2.6.19\", \"2.6.20\") or 6.x (e.g. \"6.1\")";

  private static final Pattern V26 = Pattern.compile("2\\.6\\.(\\d{1,2})");
  private static final Pattern V6 = Pattern.compile("6\\.(\\d{1,2})(?:\\.(\\d{1,3}))?");

  /** The version {@code s} names, or null when smpsim does not model it ({@link #ACCEPTED}). */
  public static KernelVersion parse(String s) {
    Matcher m = V26.matcher(s);
    if (m.matches()) {
      int n = Integer.parseInt(m.group(1));
      return n <= 36 ? new KernelVersion(2, 6, n, s) : null;
    }
    m = V6.matcher(s);
    if (m.matches()) {
      int patch = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
      return new KernelVersion(6, Integer.parseInt(m.group(1)), patch, s);
    }
    return null;
  }

  /**
   * Whether {@code nmi_watchdog=1|2} select the 2.6 IO-APIC and local-APIC watchdogs, as before
   * 2.6.37 ("x86: Move nmi watchdog to perf", the arch watchdog's removal).
   */
  public boolean legacyNmiWatchdog() {
    return major == 2;
  }
}
