package io.smpsim.kernel;

import io.smpsim.sim.serialization.WireMessage;
import java.util.List;
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
 * <p>The version also names the build the machine boots, whose release and version strings
 * (init/version.c linux_banner, include/linux/utsname.h) appear in the banner, in every
 * {@code dump_stack_print_info()} line and in {@code uname}: a 6.1 machine boots the Debian 6.1
 * build of the real-kernel recordings, another 6.x an upstream build of that release, a 2.6
 * machine a 2.6 build.
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

  /** The debian 6.1 build the recordings booted (linux-image-6.1.0-56-amd64, 6.1.192-2). */
  private static final String DEBIAN_61_RELEASE = "6.1.0-56-amd64";
  private static final String DEBIAN_61_VERSION =
      "#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)";

  /**
   * Whether the machine boots the Debian 6.1 stable build of the recordings rather than an
   * upstream release: it carries fixes backported after 6.1's release, some of which change
   * what it prints.
   */
  public boolean debianBuild() {
    return major == 6 && minor == 1;
  }

  /** {@code UTS_RELEASE}: what {@code uname -r} prints. */
  public String release() {
    if (debianBuild()) {
      return DEBIAN_61_RELEASE;
    }
    return major == 2 ? "2.6." + patch : "6." + minor + "." + patch + "-smpsim";
  }

  /** {@code UTS_VERSION}: what {@code uname -v} prints. */
  public String utsVersion() {
    if (debianBuild()) {
      return DEBIAN_61_VERSION;
    }
    return major == 2 ? "#1 SMP" : "#1 SMP PREEMPT_DYNAMIC";
  }

  /** init/version.c linux_banner, the first line of the log. */
  public String banner() {
    if (debianBuild()) {
      return "Linux version " + release() + " (debian-kernel@lists.debian.org) (gcc-12 (Debian"
          + " 12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) " + utsVersion();
    }
    if (major == 2) {
      // 2.6 LINUX_COMPILER: "gcc version " __VERSION__ (scripts/mkcompile_h).
      return "Linux version " + release() + " (smpsim@smpsim) (gcc version 4.1.2) "
          + utsVersion();
    }
    return "Linux version " + release() + " (smpsim@smpsim) (gcc (GCC) 12.2.0, GNU ld 2.40) "
        + utsVersion();
  }

  /**
   * The release part of {@code dump_stack_print_info()}'s "CPU: ..." line (lib/dump_stack.c):
   * the release, the version up to its first space ("#1"); Debian's build appends its package
   * version after a second space (debian/patches version.patch: " Debian 6.1.192-2"). The 2.6
   * "Pid: ..." line (arch/x86_64/kernel/traps.c) prints the same release and "#1".
   */
  public String dumpStackRelease() {
    String v = utsVersion();
    String first = v.substring(0, v.indexOf(' '));
    return debianBuild() ? release() + " " + first + "  Debian 6.1.192-2" : release() + " " + first;
  }

  /**
   * The frames of a kernel thread's task stack below its thread function: kthread() and the
   * fork return. 6.1 returns through ret_from_fork (arch/x86/entry/entry_64.S), whose caller
   * the unwinder reports as kthread_complete_and_exit; later releases (smpsim's 6.6 layout)
   * have the function-padding symbols ({@code __pfx_}, CONFIG_CALL_PADDING, 6.2) and return
   * through ret_from_fork_asm (the C ret_from_fork of 6.6).
   */
  public List<String> kthreadFrames() {
    if (major == 6 && minor < 6) {
      return List.of(
          " kthread+0xda/0x100",
          " ? kthread_complete_and_exit+0x20/0x20",
          " ret_from_fork+0x22/0x30");
    }
    return List.of(
        " kthread+0xe8/0x120",
        " ? __pfx_kthread+0x10/0x10",
        " ret_from_fork+0x34/0x50",
        " ? __pfx_kthread+0x10/0x10",
        " ret_from_fork_asm+0x1b/0x30");
  }

  /**
   * dump_stack()'s own frame (lib/dump_stack.c dump_stack_lvl) at the top of a trace: the
   * recorded Debian 6.1 build's ("dump_stack_lvl+0x44/0x5c" in its SysRq 'l' dumps), else
   * smpsim's 6.6 layout.
   */
  public String dumpStackLvlFrame() {
    return debianBuild() ? " dump_stack_lvl+0x44/0x5c" : " dump_stack_lvl+0x48/0x70";
  }

  /**
   * The frames of the local APIC timer interrupt below the clockevent handler (the
   * hrtimer_interrupt it calls indirectly), on the IRQ stack: __sysvec_apic_timer_interrupt
   * and the IDT entry's C part. The recorded Debian 6.1 build shows both return addresses in
   * its SysRq 'l' dump of a CPU taken in that interrupt.
   */
  public List<String> timerInterruptFrames() {
    if (debianBuild()) {
      return List.of(" __sysvec_apic_timer_interrupt+0x5d/0x110",
          " sysvec_apic_timer_interrupt+0x69/0x90");
    }
    return List.of(" __sysvec_apic_timer_interrupt+0x55/0x150",
        " sysvec_apic_timer_interrupt+0x6d/0x90");
  }

  /**
   * The timer interrupt's entry stub (arch/x86/include/asm/idtentry.h), the first frame on the
   * interrupted task's stack, where the unwinder finds the interrupted registers.
   */
  public String timerInterruptEntryFrame() {
    return debianBuild() ? " asm_sysvec_apic_timer_interrupt+0x16/0x20"
        : " asm_sysvec_apic_timer_interrupt+0x1a/0x20";
  }

  /**
   * The return address into panic() from its dump_stack() call, the same on every panic path
   * of a build: the recorded Debian 6.1 build's, from a soft-lockup panic.
   */
  public String panicFrame() {
    return debianBuild() ? " panic+0x118/0x2f4" : " panic+0x1a1/0x380";
  }

  /**
   * The hrtimer core's frames under an hrtimer callback, innermost first: __hrtimer_run_queues()
   * and hrtimer_interrupt() (the recorded Debian 6.1 build's, from a soft-lockup panic).
   */
  public List<String> hrtimerCoreFrames() {
    return debianBuild()
        ? List.of(" __hrtimer_run_queues+0x10d/0x250", " hrtimer_interrupt+0xf4/0x210")
        : List.of(" __hrtimer_run_queues+0x10f/0x2a0", " hrtimer_interrupt+0xf8/0x230");
  }

  /**
   * The soft-lockup detector's hrtimer callback calling panic() (kernel/watchdog.c
   * watchdog_timer_fn), with what the unwinder finds after it: the Debian 6.1 build's panic
   * call sits in the function's cold part, and the timer's function pointer left on the stack
   * shows as an unreliable frame (its offset the symbol's size, as the recording prints it).
   */
  public List<String> softLockupPanicCallerFrames() {
    return debianBuild()
        ? List.of(" watchdog_timer_fn.cold+0xc/0x16", " ? lockup_detector_update_enable+0x50/0x50")
        : List.of(" watchdog_timer_fn+0x27a/0x2f0");
  }

  /**
   * Whether {@code nmi_watchdog=1|2} select the 2.6 IO-APIC and local-APIC watchdogs, as before
   * 2.6.37 ("x86: Move nmi watchdog to perf", the arch watchdog's removal).
   */
  public boolean legacyNmiWatchdog() {
    return major == 2;
  }
}
