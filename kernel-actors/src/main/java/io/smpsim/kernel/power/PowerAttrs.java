package io.smpsim.kernel.power;

import io.smpsim.kernel.core.Errno;

/**
 * The settings and counters behind {@code /sys/power} (kernel/power/main.c power_attr()s,
 * hibernate.c {@code disk}): {@code mem_sleep}, {@code disk}, {@code pm_test},
 * {@code pm_debug_messages}, {@code wakeup_count}, {@code suspend_stats/*} and the plain value
 * files, with what their show and store functions print and accept. {@code state} is not here:
 * its store starts a transition ({@link SuspendResume}).
 */
final class PowerAttrs {

  /** mem_sleep_current: true for deep (S3), false for s2idle. */
  private boolean memDeep = true;
  /** hibernation_mode: an index into Hibernation.MODES (platform, as ACPI sets it). */
  private int hibernationMode;
  private PmTest pmTest = PmTest.NONE;
  /** pm_debug_messages_on: pm_pr_dbg() lines are printed. */
  private boolean pmDebug;
  private final SuspendStats stats = new SuspendStats();
  private final WakeupEvents events = new WakeupEvents();
  private final PmKnobs knobs = new PmKnobs();

  boolean memDeep() {
    return memDeep;
  }

  /** Whether hibernation uses the platform (ACPI S4) mode. */
  boolean platformMode() {
    return hibernationMode == 0;
  }

  PmTest pmTest() {
    return pmTest;
  }

  boolean pmDebug() {
    return pmDebug;
  }

  SuspendStats stats() {
    return stats;
  }

  WakeupEvents events() {
    return events;
  }

  PmKnobs knobs() {
    return knobs;
  }

  /** The text of {@code file} (a path under /sys/power other than state), or null. */
  String show(String file) {
    if (file.startsWith(SuspendResume.SUSPEND_STATS + "/")) {
      return stats.show(file.substring(SuspendResume.SUSPEND_STATS.length() + 1));
    }
    if (SuspendResume.KNOB_FILES.contains(file)) {
      return knobs.show(file.substring("/sys/power/".length()));
    }
    return switch (file) {
      // mem_sleep_show(): the current one in brackets; S1 (shallow) is not supported.
      case SuspendResume.MEM_SLEEP -> memDeep ? "s2idle [deep]\n" : "[s2idle] deep\n";
      case SuspendResume.DISK -> diskShow();
      case SuspendResume.PM_TEST -> PmTest.show(pmTest);
      case SuspendResume.PM_DEBUG_MESSAGES -> (pmDebug ? 1 : 0) + "\n";
      case SuspendResume.WAKEUP_COUNT -> events.show();
      default -> null;
    };
  }

  /**
   * kernel/power/hibernate.c disk_show(): the modes, the current one in brackets, each followed
   * by a space (the last one too: unlike state_show(), disk_show() does not turn it into the
   * newline).
   */
  private String diskShow() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Hibernation.MODES.size(); i++) {
      String m = Hibernation.MODES.get(i);
      s.append(i == hibernationMode ? "[" + m + "]" : m).append(' ');
    }
    return s.append('\n').toString();
  }

  /** A plain value file's store; {@code file} is one of KNOB_FILES. */
  Errno storeKnob(String file, String t) {
    return knobs.store(file.substring("/sys/power/".length()), t) ? null : Errno.EINVAL;
  }

  /** mem_sleep_store(). */
  Errno storeMemSleep(String t) {
    if (t.equals("deep") || t.equals("s2idle")) {
      memDeep = t.equals("deep");
      return null;
    }
    return Errno.EINVAL;
  }

  /** disk_store(): one of the modes, exactly; true if the mode was set. */
  boolean storeDisk(String t) {
    int mode = Hibernation.MODES.indexOf(t);
    if (mode >= 0) {
      hibernationMode = mode;
    }
    return mode >= 0;
  }

  /** pm_test_store(). */
  Errno storePmTest(String t) {
    PmTest level = PmTest.parse(t);
    if (level != null) {
      pmTest = level;
    }
    return level != null ? null : Errno.EINVAL;
  }

  /** pm_debug_messages_store(): kstrtoul(), then anything above 1 is EINVAL. */
  Errno storePmDebugMessages(String t) {
    boolean ok = t.equals("0") || t.equals("1");
    if (ok) {
      pmDebug = t.equals("1");
    }
    return ok ? null : Errno.EINVAL;
  }

  /** wakeup_count_store(). */
  Errno storeWakeupCount(String t) {
    return events.store(t) ? null : Errno.EINVAL;
  }
}
