package io.smpsim.app.fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which lines of a kernel log and of a shell transcript are scored, and the stream each belongs
 * to. Key lines are what the kernel prints about SMP bring-up, NMIs and backtraces, the lockup
 * detectors, RCU stalls, hotplug, suspend and interrupt routing, plus every line a scripted
 * command printed and its exit status.
 *
 * <p>Streams carry the ordering rule. A report about one CPU (an NMI backtrace with its
 * registers and call trace, a soft- or hard-lockup report, an RCU stall report, a "Sending NMI
 * from CPU n" line) belongs to the stream of the CPU that printed it ({@code cpuN}); every
 * other kernel key line (boot, hotplug, suspend, sysrq's header) to the stream
 * {@code machine}; a command's output to a stream of its own ({@code $ cmd #k}, its k-th run).
 * Order is scored inside a stream and not across streams: CPUs print concurrently (the
 * recordings' per-CPU printk clocks are not even monotonic across CPUs), so which CPU's answer
 * to an NMI comes first is not kernel behaviour, while the order of one CPU's report is.
 */
final class KeyLines {

  private KeyLines() {}

  /**
   * One scored line.
   *
   * @param stream the stream it is ordered in
   * @param text its normalized text
   */
  record KeyLine(String stream, String text) {}

  static final String MACHINE = "machine";

  /** Lines that open a report about one CPU; group 1 (if any) is that CPU. */
  private static final List<Pattern> BLOCK_HEADERS = List.of(
      Pattern.compile("^NMI backtrace for cpu (\\d+)$"),
      Pattern.compile("^watchdog: BUG: soft lockup - CPU#(\\d+) stuck"),
      Pattern.compile("^(?:NMI )?watchdog: Watchdog detected hard LOCKUP on cpu (\\d+)"),
      Pattern.compile("^BUG: soft lockup detected on CPU#(\\d+)"),
      Pattern.compile("^NMI Watchdog detected LOCKUP on CPU (\\d+)"),
      Pattern.compile("^BUG: NMI Watchdog detected LOCKUP on CPU(\\d+)"),
      Pattern.compile("^rcu: INFO: \\w+ self-detected stall on CPU"),
      Pattern.compile("^rcu: INFO: \\w+ detected stalls on CPUs/tasks:"),
      Pattern.compile("^Kernel panic - not syncing: "));

  /** Where an RCU stall report names the CPU that printed it. */
  private static final Pattern RCU_SELF = Pattern.compile("^rcu: \\t(\\d+)-");
  private static final Pattern RCU_DETECTED_BY = Pattern.compile("^\\t\\(detected by (\\d+),");

  /** The lines that continue a report: its task, registers, stack and RCU details. */
  private static final Pattern CONTINUATION = Pattern.compile("^(?:Modules linked in:"
      + "|CPU: \\d+ PID: |Hardware name: |RIP: |Code: |(?:RSP|RAX|RDX|RBP|R10|R13|FS|CS|CR2): "
      + "|Call Trace:|irq event stamp:|hardirqs last|softirqs last|---\\[ end "
      + "| </?(?:IRQ|TASK|NMI|SOFTIRQ)>$|rcu: \\t|\\t\\("
      + "| (?:\\? )?[\\w.]+\\+0x[0-9a-f]+/0x[0-9a-f]+(?: \\[\\w+\\])?$)");
  /**
   * Unreliable frames ({@code ? fn}) are stale return addresses the unwinder found on the
   * stack: the two dumps of the same path in b_sysrq_smp8 differ in them. Not scored.
   */
  private static final Pattern UNRELIABLE_FRAME = Pattern.compile("^ \\? ");

  /** Single lines about one CPU: group 1 is the CPU that printed them. */
  private static final List<Pattern> CPU_LINES = List.of(
      Pattern.compile("^Sending NMI from CPU (\\d+) to CPUs "),
      Pattern.compile("^NMI backtrace for cpu (\\d+) skipped"));

  /** Machine-wide key lines, by subject. */
  private static final Pattern MACHINE_LINES = Pattern.compile("^(?:"
      // the kernel version
      + "Linux version "
      // SMP bring-up and topology
      + "|smpboot: |smp: |x86: Booting SMP configuration:|\\.\\.\\.\\. node |(?: #\\d+)+$"
      + "|setup_percpu: |rcu: \\tRCU restricting CPUs|rcu: Adjusting geometry"
      + "|CPU\\d+ is up$|Freeing SMP alternatives memory"
      + "|tsc: (?:Detected|Marking|Refined)|Calibrating delay loop|calibrate_delay_direct\\(\\)"
      + "|clocksource: Switched to clocksource"
      // interrupt routing
      + "|NR_IRQS: |APIC: |\\.\\.TIMER: |IOAPIC\\[|ACPI: LAPIC_NMI|ACPI: Using IOAPIC"
      + "|ACPI: Using ACPI \\(MADT\\) for SMP|IPI shorthand broadcast|Switched APIC routing"
      + "|x2apic"
      // NMIs, the lockup detectors, SysRq
      + "|Performance Events: |NMI watchdog: |watchdog: |sysrq: |SysRq : |INFO: NMI handler"
      + "|Uhhuh\\. NMI received|Dazed and confused|NMI: |Rebooting in |---\\[ end Kernel panic"
      // suspend and hibernation
      + "|PM: (?!hibernation: Registered nosave)|ACPI: PM: |Freezing |OOM killer "
      + "|Restarting tasks|Disabling non-boot CPUs|Enabling non-boot CPUs"
      + "|printk: Suspending console|Filesystems sync:|Low-level resume"
      + ")");

  /** The key lines of a kernel log (timestamps already removed), in log order. */
  static List<KeyLine> kernel(List<String> log) {
    List<KeyLine> out = new ArrayList<>();
    int i = 0;
    while (i < log.size()) {
      String t = log.get(i);
      Integer headerCpu = null;
      boolean header = false;
      for (Pattern p : BLOCK_HEADERS) {
        Matcher m = p.matcher(t);
        if (m.find()) {
          header = true;
          headerCpu = m.groupCount() >= 1 && m.group(1) != null
              ? Integer.valueOf(m.group(1)) : null;
          break;
        }
      }
      if (header) {
        int end = i + 1;
        while (end < log.size() && CONTINUATION.matcher(log.get(end)).find()) {
          end++;
        }
        List<String> block = log.subList(i, end);
        String stream = blockStream(block, headerCpu);
        for (String line : block) {
          if (!UNRELIABLE_FRAME.matcher(line).find()) {
            out.add(new KeyLine(stream, Normalizer.kernel(line)));
          }
        }
        i = end;
        continue;
      }
      String stream = null;
      for (Pattern p : CPU_LINES) {
        Matcher m = p.matcher(t);
        if (m.find()) {
          stream = "cpu" + m.group(1);
          break;
        }
      }
      if (stream == null && MACHINE_LINES.matcher(t).find()) {
        stream = MACHINE;
      }
      if (stream != null) {
        KeyLine k = new KeyLine(stream, Normalizer.kernel(t));
        // How many estimates calibrate_delay_direct() drops is measurement noise (2 or 3 per AP
        // in one recording, varying run to run): an AP's run of them is one key line.
        if (!(k.text().startsWith("calibrate_delay_direct()") && !out.isEmpty()
            && out.get(out.size() - 1).equals(k))) {
          out.add(k);
        }
      }
      i++;
    }
    return out;
  }

  private static String blockStream(List<String> block, Integer headerCpu) {
    if (headerCpu != null) {
      return "cpu" + headerCpu;
    }
    for (String line : block) {
      Matcher self = RCU_SELF.matcher(line);
      if (block.get(0).contains("self-detected") && self.find()) {
        return "cpu" + self.group(1);
      }
      Matcher by = RCU_DETECTED_BY.matcher(line);
      if (by.find()) {
        return "cpu" + by.group(1);
      }
    }
    return MACHINE;
  }

  /**
   * Commands that drive the experiment rather than ask the kernel anything, not scored:
   * loading or unloading the recordings' test module (smpsim's scenario injects instead) and
   * sleeping (the scenario runs each command at its recorded time).
   */
  static boolean stimulus(String command) {
    return command.startsWith("insmod ") || command.startsWith("rmmod ")
        || command.startsWith("modprobe ") || command.matches("sleep( .*)?");
  }

  /** The stream of the {@code occurrence}-th run (from 1) of {@code command}. */
  static String commandStream(String command, int occurrence) {
    return "$ " + command + " #" + occurrence;
  }

  /** The key lines of one command's run: its output lines, then its exit status. */
  static List<KeyLine> command(String command, int occurrence, List<String> output,
      Integer rc) {
    String stream = commandStream(command, occurrence);
    List<KeyLine> out = new ArrayList<>();
    for (String line : output) {
      out.add(new KeyLine(stream, Normalizer.output(command, line)));
    }
    // A command that never returned (the machine hung in it) has no exit status.
    if (rc != null) {
      out.add(new KeyLine(stream, "[rc=" + rc + "]"));
    }
    return out;
  }
}
