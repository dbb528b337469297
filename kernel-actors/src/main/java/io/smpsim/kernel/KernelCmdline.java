package io.smpsim.kernel;

import io.smpsim.sim.serialization.WireMessage;
import java.util.ArrayList;
import java.util.List;

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
      "noapic", "nolapic", "lapic", "ignore_loglevel", "printk.time", "highres", "lpj");

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
    for (int i = wordStart(raw, 0), end; i < raw.length(); i = wordStart(raw, end)) {
      end = wordEnd(raw, i);
      int keyEnd = keyEnd(raw, i, end);
      if (keyEnd - i == 4 && raw.startsWith("nohz", i)) {
        nohz = !(end - keyEnd == 4 && raw.startsWith("=off", keyEnd));
      }
      String key = raw.substring(i, keyEnd);
      if (!KNOWN.contains(key) && key.indexOf('.') < 0) {
        unknown.add(raw.substring(i, end));
      }
    }
    return new KernelCmdline(raw, nohz, List.copyOf(unknown));
  }

  /** The value of {@code key=value}, or null; the last occurrence wins, as in the kernel. */
  public String value(String key) {
    String found = null;
    for (int i = wordStart(raw, 0), end; i < raw.length(); i = wordStart(raw, end)) {
      end = wordEnd(raw, i);
      if (hasValue(i, end, key)) {
        found = raw.substring(i + key.length() + 1, end);
      }
    }
    return found;
  }

  /** Every value of {@code key=value}, in order: each occurrence is one {@code __setup} call. */
  public List<String> values(String key) {
    List<String> found = new ArrayList<>();
    for (int i = wordStart(raw, 0), end; i < raw.length(); i = wordStart(raw, end)) {
      end = wordEnd(raw, i);
      if (hasValue(i, end, key)) {
        found.add(raw.substring(i + key.length() + 1, end));
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
    for (int i = wordStart(raw, 0), end; i < raw.length(); i = wordStart(raw, end)) {
      end = wordEnd(raw, i);
      if (end - i == key.length() && raw.startsWith(key, i) || hasValue(i, end, key)) {
        return true;
      }
    }
    return false;
  }

  // The line is read for every CPU of every machine as it is created (a million of them in the
  // largest worlds): words are found in place, and only the values asked for become strings.

  /** Whether the word {@code [from, end)} is {@code key=...}. */
  private boolean hasValue(int from, int end, String key) {
    int k = key.length();
    return end - from > k && raw.startsWith(key, from) && raw.charAt(from + k) == '=';
  }

  /** Where the word starting at or after {@code from} starts, or the line's length. */
  private static int wordStart(String s, int from) {
    int i = from;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Where the word starting at {@code from} ends. */
  private static int wordEnd(String s, int from) {
    int i = from;
    while (i < s.length() && !isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Where the key of the word {@code [from, end)} ends: its first '=', or its end. */
  private static int keyEnd(String s, int from, int end) {
    int eq = s.indexOf('=', from);
    return eq < 0 || eq > end ? end : eq;
  }

  /** White space between words: isspace() of lib/cmdline.c's next_arg() (ASCII). */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }
}
