package io.smpsim.kernel;

import io.smpsim.sim.serialization.WireMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The kernel command line as the kernel parses the parameters smpsim models. Parameters it does
 * not know are kept, in order, for the boot line the kernel prints about them; like the kernel it
 * never fails on them.
 *
 * @param raw the command line as given, cut to COMMAND_LINE_SIZE - 1 characters as x86 does
 * @param nohz whether NO_HZ is allowed ({@code nohz=off} disables it)
 * @param unknown parameters the kernel would pass to user space
 */
public record KernelCmdline(String raw, boolean nohz, List<String> unknown) implements WireMessage {

  /** Parameters consumed by kernel code smpsim does not model but that the kernel knows. */
  private static final List<String> KNOWN = List.of(
      "console", "panic", "log_buf_len", "loglevel", "quiet", "root", "ro", "rw", "init",
      "earlyprintk", "maxcpus", "nr_cpus", "possible_cpus", "nmi_watchdog", "nowatchdog",
      "nosoftlockup", "watchdog_thresh", "nohz", "nohz_full", "hpet", "unknown_nmi_panic",
      "hardlockup_all_cpu_backtrace", "softlockup_all_cpu_backtrace", "softlockup_panic",
      "mem_sleep_default", "no_ipi_broadcast", "apic_extnmi", "clocksource", "idle", "acpi",
      "noapic", "nolapic", "lapic", "ignore_loglevel", "printk.time", "highres");

  /**
   * Words are separated by white space. Compiled once: the line is read for every CPU of every
   * machine as it is created, and String.split would compile this pattern each time.
   */
  private static final Pattern WORDS = Pattern.compile("\\s+");

  /** x86 COMMAND_LINE_SIZE: the line the kernel keeps, its NUL included. */
  public static final int COMMAND_LINE_SIZE = 2048;

  public static KernelCmdline parse(String given) {
    boolean nohz = true;
    List<String> unknown = new ArrayList<>();
    // arch/x86/kernel/head64.c copy_bootdata(): COMMAND_LINE_SIZE bytes into
    // boot_command_line, the last a NUL; what is past it is neither parsed nor in /proc/cmdline.
    String raw = given.trim();
    if (raw.length() > COMMAND_LINE_SIZE - 1) {
      raw = raw.substring(0, COMMAND_LINE_SIZE - 1);
    }
    for (String word : WORDS.split(raw)) {
      if (word.isEmpty()) {
        continue;
      }
      int eq = word.indexOf('=');
      String key = eq < 0 ? word : word.substring(0, eq);
      String value = eq < 0 ? "" : word.substring(eq + 1);
      if (key.equals("nohz")) {
        nohz = !value.equals("off");
      }
      if (!KNOWN.contains(key) && !key.contains(".")) {
        unknown.add(word);
      }
    }
    return new KernelCmdline(raw, nohz, List.copyOf(unknown));
  }

  /** The value of {@code key=value}, or null; the last occurrence wins, as in the kernel. */
  public String value(String key) {
    String found = null;
    for (String word : WORDS.split(raw)) {
      if (word.startsWith(key + "=")) {
        found = word.substring(key.length() + 1);
      }
    }
    return found;
  }

  /** Every value of {@code key=value}, in order: each occurrence is one {@code __setup} call. */
  public List<String> values(String key) {
    List<String> found = new ArrayList<>();
    for (String word : WORDS.split(raw)) {
      if (word.startsWith(key + "=")) {
        found.add(word.substring(key.length() + 1));
      }
    }
    return found;
  }

  /** Whether a {@code console=} names {@code tty}, bare or with options ({@code ttyS0,115200}). */
  public boolean consoleOn(String tty) {
    for (String v : values("console")) {
      if (v.equals(tty) || v.startsWith(tty + ",")) {
        return true;
      }
    }
    return false;
  }

  /** Whether the bare flag {@code key} (or {@code key=...}) appears. */
  public boolean has(String key) {
    for (String word : WORDS.split(raw)) {
      if (word.equals(key) || word.startsWith(key + "=")) {
        return true;
      }
    }
    return false;
  }
}
