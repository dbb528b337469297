package io.smpsim.app.fidelity;

import io.smpsim.app.fidelity.Recording.RecordedCommand;
import io.smpsim.kernel.KernelVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario derived from a recording, for recordings without a hand-written one: a machine
 * like the recording's (its possible CPUs, HZ 250 as the recorded Debian kernel, NO_HZ idle,
 * the CPU model, TSC frequency, kernel release and PMU its boot printed, its exact command
 * line) running the recorded commands at the recording's guest uptimes. The
 * recordings' test module becomes smpsim's injection: {@code insmod lockup_test.ko cpu=N
 * secs=S mode=0|1} is {@code inject softlockup|hardlockup cpu N for Ss}; unloading it is
 * nothing. A stimulus the script starts between its commands, which the console shows only as
 * the phase's marker, comes from the marker ({@link #STIMULI}).
 */
final class RecordedScenario {

  private RecordedScenario() {}

  private static final Pattern LOCKUP_TEST = Pattern.compile(
      "^insmod \\S*lockup_test\\.ko cpu=(\\d+) secs=(\\d+) mode=([01])$");
  private static final Pattern CPU_MODEL = Pattern.compile(
      "^smpboot: CPU0: (.+) \\(family: 0x([0-9a-f]+), model: 0x([0-9a-f]+), stepping: 0x([0-9a-f]+)\\)$");
  private static final Pattern TSC = Pattern.compile("^tsc: Detected (\\d+\\.\\d+) MHz processor$");
  private static final Pattern RELEASE =
      Pattern.compile("^Linux version (2\\.6\\.\\d+|\\d+\\.\\d+)\\D.*");
  /** rtc_hctosys(): the RTC's time when the kernel set the system clock from it. */
  private static final Pattern HCTOSYS = Pattern.compile(
      "^rtc_cmos \\S+: setting system clock to \\S+ UTC \\((\\d+)\\)$");
  /**
   * What the recordings' experiment scripts start at a phase marker without printing it as a
   * command (fidelity/real-kernel/README.md): sysrq.sh's busy phase runs two shell busy loops in
   * the background to the end, pinned to CPUs 1 and 2.
   */
  static final Map<String, List<String>> STIMULI = Map.of(
      "SYSRQ_L_BUSY", List.of("taskset -c 1 sh -c 'while :; do :; done' &",
          "taskset -c 2 sh -c 'while :; do :; done' &"));

  /** The boot line of a kernel whose perf NMI watchdog got its PMU counter. */
  static final String PMU_USED = "NMI watchdog: Enabled. Permanently consumes one hw-PMU counter.";

  /** The HOCON text of the scenario replaying {@code r}. */
  static String text(Recording r) {
    Recording.Init init = r.init();
    long offset = init.guestOffsetMs() != null ? init.guestOffsetMs() : 0;
    StringBuilder b = new StringBuilder();
    b.append("# Derived by smpsim fidelity from the recording ").append(r.name()).append(".\n");
    b.append("seed = 1\n");
    long lastMs = 0;
    // The timeline's entries by guest millisecond: the commands and the markers' stimuli, merged
    // in time order (a stimulus before a command printed at the same millisecond).
    TreeMap<Long, List<String>> timeline = new TreeMap<>();
    for (Recording.Marker m : r.markers()) {
      for (String line : STIMULI.getOrDefault(m.text(), List.of())) {
        long at = Math.max(1, m.hostMs() - offset);
        lastMs = Math.max(lastMs, at);
        timeline.computeIfAbsent(at, k -> new ArrayList<>()).add("run = " + quote(line));
      }
    }
    for (RecordedCommand c : r.commands()) {
      String line = command(c.line());
      if (line == null) {
        continue;
      }
      long at = Math.max(1, c.hostMs() - offset);
      lastMs = Math.max(lastMs, at);
      // The recorded exit status, when not 0, is what the replay expects.
      // A command the machine hung in has no status to expect.
      boolean failed = c.rc() != null && c.rc() != 0;
      timeline.computeIfAbsent(at, k -> new ArrayList<>())
          .add("run = " + quote(line) + (failed ? ", expect = " + c.rc() : ""));
    }
    long end = Math.max(lastMs, init.endHostMs() - offset) + 2000;
    b.append("duration = ").append(end).append("ms\n\n");
    b.append("machines = [\n  {\n    name = m0\n");
    b.append("    cpus = ").append(init.cpus() != null ? init.cpus() : 8).append('\n');
    b.append("    hz = 250\n    dynticks = true\n");
    b.append("    cmdline = ").append(quote(cmdline(init.cmdline()))).append('\n');
    for (String l : r.dmesg()) {
      Matcher model = CPU_MODEL.matcher(l);
      if (model.matches()) {
        b.append("    cpu-model = ").append(quote(model.group(1))).append('\n');
        b.append("    cpu-family = ").append(Integer.parseInt(model.group(2), 16)).append('\n');
        b.append("    cpu-model-number = ").append(Integer.parseInt(model.group(3), 16))
            .append('\n');
        b.append("    cpu-stepping = ").append(Integer.parseInt(model.group(4), 16)).append('\n');
      }
      Matcher tsc = TSC.matcher(l);
      if (tsc.matches()) {
        b.append(String.format(Locale.ROOT, "    cpu-mhz = %s%n", tsc.group(1)));
      }
    }
    boolean pmu = false;
    for (String l : r.dmesg()) {
      Matcher release = RELEASE.matcher(l);
      if (release.matches() && KernelVersion.parse(release.group(1)) != null) {
        b.append("    kernel = ").append(quote(release.group(1))).append('\n');
      }
      pmu |= l.equals(PMU_USED);
      // QEMU's RTC starts at the host's time. The recording has it as rtc_hctosys() read it,
      // a second or two after power-on: the derived machine's RTC starts there, its wall
      // clock that much behind the recorded one.
      Matcher hctosys = HCTOSYS.matcher(l);
      if (hctosys.matches()) {
        b.append("    rtc = ").append(quote(Instant.ofEpochSecond(
            Long.parseLong(hctosys.group(1))).toString())).append('\n');
      }
    }
    // The recordings' guests (QEMU TCG) have no virtual PMU: only a boot whose perf NMI
    // watchdog took a counter shows one.
    b.append("    pmu = ").append(pmu).append('\n');
    b.append("  }\n]\n\ntimeline = [\n");
    timeline.forEach((at, entries) -> entries.forEach(
        entry -> b.append("  { at = ").append(at).append("ms, ").append(entry).append(" }\n")));
    b.append("]\n");
    return b.toString();
  }

  /** The recorded command line, as it was: the machine's kernel release gives it its meaning. */
  static String cmdline(String recorded) {
    return recorded == null ? "console=ttyS0" : recorded.trim();
  }

  /** smpsim's command for a recorded one, or null when it has none (the module's unload). */
  static String command(String recorded) {
    Matcher m = LOCKUP_TEST.matcher(recorded);
    if (m.matches()) {
      return "inject " + (m.group(3).equals("0") ? "softlockup" : "hardlockup") + " cpu "
          + m.group(1) + " for " + m.group(2) + "s";
    }
    return KeyLines.stimulus(recorded) ? null : recorded;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
