package io.smpsim.app.fidelity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What legitimately varies between a recording and smpsim's run of the same commands, taken out
 * of a key line before lines are compared. Each rule says why the part it removes is not
 * something smpsim should reproduce; everything else (formats, CPU numbers, errors, kernel
 * release, frame names and offsets, counts that follow from the kernel's rules) must match.
 * Timestamps are already gone: the recordings' guest clock under TCG emulation is not the
 * kernel's time (jiffies lose ticks), so order, not time, is scored.
 */
final class Normalizer {

  private Normalizer() {}

  /** Stands for a value that varies from run to run. */
  static final String N = "<n>";

  // The recordings' lockup test module and smpsim's `inject` threads are the stimulus, not the
  // kernel: the module's thread name, spin function, its line in the module list and the O and
  // E taint flags it sets stand for smpsim's injected softlockup/N, hardlockup/N or busywait/N
  // thread and its inject_* function.
  private static final Pattern STIM_COMM =
      Pattern.compile("\\b(?:lockup_test|softlockup|hardlockup|busywait)/(\\d+)\\b");
  private static final Pattern STIM_FN = Pattern.compile(
      "(?:spin_fn(?:\\.cold)?\\+0x[0-9a-f]+/0x[0-9a-f]+ \\[lockup_test\\]"
          + "|inject_[a-z_]+\\+0x[0-9a-f]+/0x[0-9a-f]+)");
  private static final Pattern MODULES = Pattern.compile("^Modules linked in:.*$");
  private static final Pattern TAINT = Pattern.compile("Tainted: ([A-Z ]+) (?=\\d)");
  private static final Pattern PID = Pattern.compile("\\bPID: (\\d+)");
  private static final Pattern COMM_PID = Pattern.compile("\\[([^\\[\\]:]+):(\\d+)\\]$");
  private static final Pattern REGISTERS = Pattern.compile(
      "^(RSP|RAX|RDX|RBP|R10|R13|FS|CS|CR2): .*");
  private static final Pattern HEX = Pattern.compile("\\b(?:0x)?[0-9a-f]{4,}\\b");
  private static final Pattern USER_RIP = Pattern.compile("^RIP: 0033:0x[0-9a-f]+$");
  private static final Pattern BOGOMIPS =
      Pattern.compile("\\d+\\.\\d{2} BogoMIPS( \\(lpj=\\d+\\))?");
  private static final Pattern TSC_MHZ = Pattern.compile(
      "^tsc: Detected (\\d+)\\.(\\d{3}) MHz processor$");
  private static final Pattern CALIBRATE = Pattern.compile(
      "^calibrate_delay_direct\\(\\) dropping (?:min|max) bogoMips estimate \\d+ = \\d+$");
  private static final Pattern NMI_TOO_LONG = Pattern.compile(
      "^(INFO: NMI handler \\(\\w+\\) took too long to run: )\\d+\\.\\d+( msecs)$");
  private static final Pattern RCU_CPU = Pattern.compile(
      "^(rcu: \\t\\d+-\\S+: )\\((\\d+) ticks this GP\\) idle=\\S+ softirq=\\d+/\\d+ fqs=\\d+");
  private static final Pattern RCU_GP = Pattern.compile("\\b(g|q)=-?\\d+");
  private static final Pattern PM_ELAPSED = Pattern.compile(
      "^(Filesystems sync: |.* \\(elapsed |PM: Timekeeping suspended for )\\d+\\.\\d+( seconds)");
  private static final Pattern PM_DEVICES_TIME = Pattern.compile(
      "^(PM: (?:\\w+ )?(?:suspend|resume|freeze|thaw|poweroff|restore) of devices"
          + " (?:complete|aborted) after )\\d+\\.\\d+( msecs)$");

  /** A kernel log line (its timestamp removed), normalized. */
  static String kernel(String text) {
    String t = text;
    // DMI names the host machine's firmware (QEMU's SeaBIOS, smpsim's own), not the kernel.
    if (t.startsWith("Hardware name: ")) {
      return "Hardware name: <dmi>";
    }
    t = stimulus(t);
    // PIDs beyond init's depend on how many tasks the boot forked before (kernel threads,
    // busybox's children), which smpsim does not model one by one; 0 (idle) and 1 (init)
    // are fixed.
    t = replace(t, PID, m -> Integer.parseInt(m.group(1)) > 1 ? "PID: " + N : m.group());
    t = replace(t, COMM_PID, m -> "[" + m.group(1) + ":" + N + "]");
    // Register and code bytes of a running CPU are whatever it was computing at that
    // instant: which registers a dump shows is kernel behaviour, their values are not.
    if (REGISTERS.matcher(t).matches()) {
      return replace(t, HEX, m -> "<x>");
    }
    if (t.startsWith("Code: ")) {
      return "Code: <bytes>";
    }
    if (USER_RIP.matcher(t).matches()) {
      return "RIP: 0033:<user address>";
    }
    // BogoMIPS and lpj come from the CPU's measured speed (under emulation, from the host's
    // load); which estimates calibrate_delay_direct() drops is measurement noise too.
    t = replace(t, BOGOMIPS, m -> N + " BogoMIPS" + (m.group(1) == null ? "" : " (lpj=" + N
        + ")"));
    // The TSC's frequency is measured against the PIT at every boot: 2599.990 MHz in one
    // recording, 2600.011 in another of the same machine. Scored to the nearest MHz.
    Matcher tsc = TSC_MHZ.matcher(t);
    if (tsc.matches()) {
      long khz = Long.parseLong(tsc.group(1)) * 1000 + Long.parseLong(tsc.group(2));
      return "tsc: Detected ~" + Math.round(khz / 1000.0) + " MHz processor";
    }
    if (CALIBRATE.matcher(t).matches()) {
      return "calibrate_delay_direct() dropping <min|max> bogoMips estimate <n> = <n>";
    }
    // How long an NMI handler took is host timing.
    t = replace(t, NMI_TOO_LONG, m -> m.group(1) + N + m.group(2));
    // An RCU stall's per-run counters: ticks the CPU saw, its dynticks nesting word, softirq
    // and force-quiescent-state counts, the grace-period number and queued callbacks. The
    // stall's length in jiffies (t=) and ncpus follow from the kernel's rules and are kept.
    t = replace(t, RCU_CPU, m -> m.group(1) + "(" + N + " ticks this GP) idle=" + N
        + " softirq=" + N + "/" + N + " fqs=" + N);
    if (t.startsWith("\t(t=") || t.startsWith("\t(detected by")) {
      t = replace(t, RCU_GP, m -> m.group(1) + "=" + N);
    }
    // How long syncing filesystems and freezing tasks took is the host's speed.
    t = replace(t, PM_ELAPSED, m -> m.group(1) + N + m.group(2));
    // So is how long the machine slept (timekeeping_resume()'s account) and how long each
    // device phase took (dpm_show_time(), with pm_debug_messages).
    t = replace(t, PM_DEVICES_TIME, m -> m.group(1) + N + m.group(2));
    return t;
  }

  /** The stimulus rule (see the field comments): the test module's identity taken out. */
  static String stimulus(String text) {
    String t = replace(text, STIM_COMM, m -> "<stimulus>/" + m.group(1));
    t = replace(t, STIM_FN, m -> "<stimulus fn>");
    if (MODULES.matcher(t).matches()) {
      return "Modules linked in: <stimulus>";
    }
    return replace(t, TAINT, m -> {
      String flags = m.group(1).replace('O', ' ').replace('E', ' ');
      return flags.strip().equals("G") ? "Not tainted " : "Tainted: " + flags + " ";
    });
  }

  private static final Pattern INIT_EVAL = Pattern.compile("^/init: eval: line \\d+: ");
  /** A whole whitespace-separated number (not an IRQ label such as "4:" or "4-edge"). */
  private static final Pattern COUNT = Pattern.compile("(?<!\\S)\\d+(?!\\S)");
  private static final Pattern LS_DATE = Pattern.compile(
      "\\b[A-Z][a-z]{2} [ \\d]\\d (?:\\d\\d:\\d\\d|\\d{4})\\b");
  private static final Pattern PS_PID = Pattern.compile("^\\s*\\d+ ");

  /** One output line of {@code command}, normalized. */
  static String output(String command, String line) {
    // The recordings' /init runs each command through eval: busybox ash then names the
    // script and line where an interactive shell says "sh".
    String t = replace(line, INIT_EVAL, m -> "sh: ");
    // Interrupt, softirq and CPU-time counters depend on everything the machine did since
    // power-on (firmware, device probing, busybox's start-up), which smpsim does not
    // replay; whether a counter has moved at all is kernel behaviour (an AP that takes no
    // timer interrupt, an IPI never sent), so each counter becomes 0 or N. The tables'
    // column padding goes with the numbers' widths.
    if (command.matches(".*/proc/(interrupts|softirqs|stat)\\b.*")) {
      return replace(t, COUNT, m -> m.group().equals("0") ? "0" : "N")
          .replaceAll("\\s+", " ").strip();
    }
    // The RTC's time is the wall clock of the recording (smpsim's RTC starts at 0).
    if (command.contains("/sys/class/rtc/") && t.matches("\\d+")) {
      return N;
    }
    // A file's modification time is the wall clock of the recording.
    if (command.startsWith("ls -l")) {
      t = replace(t, LS_DATE, m -> "<date>");
    }
    // Kernel thread PIDs: see kernel() on PIDs.
    if (command.startsWith("ps")) {
      t = replace(t, PS_PID, m -> N + " ");
    }
    // The stimulus rule: the test module's O (out-of-tree) and E (unsigned) taint bits.
    if (command.equals("cat /proc/sys/kernel/tainted") && t.matches("\\d+")) {
      t = Long.toString(Long.parseLong(t) & ~((1L << 12) | (1L << 13)));
    }
    return t;
  }

  private static String replace(String s, Pattern p,
      java.util.function.Function<Matcher, String> f) {
    Matcher m = p.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(f.apply(m)));
    }
    m.appendTail(b);
    return b.toString();
  }
}
