package io.smpsim.app.report;

import io.smpsim.kernel.printk.LogLine;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one machine's CPUs did over a run, as far as its kernel log tells: each CPU's state
 * (booting, online, offline, suspended, panicked) as spans of simulated time, stuck stretches
 * (a soft lockup report says for how long), and markers for lockup reports, NMI backtraces,
 * hotplug steps, suspend phases and a panic. The log is read as it comes, line by line, with
 * the simulated time it reached the console.
 */
final class CpuTimeline {

  /** A CPU in one state from {@code fromNs} to {@code toNs}. */
  record Span(int cpu, String state, long fromNs, long toNs) {}

  /**
   * Something that happened at one time.
   *
   * @param cpu the CPU it concerns, or -1 for the whole machine
   * @param kind lockup, backtrace, hotplug, suspend or panic
   */
  record Marker(long timeNs, int cpu, String kind, String text) {}

  // kernel/watchdog.c watchdog_timer_fn(): "BUG: soft lockup - CPU#%d stuck for %us! [%s:%d]"
  private static final Pattern SOFT = Pattern.compile(
      ".*BUG: soft lockup - CPU#(\\d+) stuck for (\\d+)s!.*");
  // kernel/watchdog.c watchdog_hardlockup_check(): "Watchdog detected hard LOCKUP on cpu %d"
  private static final Pattern HARD = Pattern.compile(
      ".*Watchdog detected hard LOCKUP on cpu (\\d+).*");
  // lib/nmi_backtrace.c nmi_cpu_backtrace(): "NMI backtrace for cpu %d"
  private static final Pattern BACKTRACE = Pattern.compile("NMI backtrace for cpu (\\d+).*");
  // arch/x86/kernel/smpboot.c: "Booting Node %d Processor %d APIC 0x%x"
  private static final Pattern BOOTING = Pattern.compile(
      "smpboot: Booting Node \\d+ Processor (\\d+) APIC.*");
  // arch/x86/kernel/smpboot.c: "CPU %u is now offline"
  private static final Pattern OFFLINE = Pattern.compile("smpboot: CPU (\\d+) is now offline");

  private final String machine;
  private final int cpus;
  private final String[] state;
  private final long[] since;
  private final List<Span> spans = new ArrayList<>();
  private final List<Span> stuck = new ArrayList<>();
  private final List<Marker> markers = new ArrayList<>();
  private boolean started;
  private boolean suspended;
  private boolean panicked;

  CpuTimeline(String machine, int cpus) {
    this.machine = machine;
    this.cpus = cpus;
    this.state = new String[cpus];
    this.since = new long[cpus];
    java.util.Arrays.fill(state, "booting");
  }

  String machine() {
    return machine;
  }

  int cpus() {
    return cpus;
  }

  /** One log line that reached the console at simulated time {@code nowNs}. */
  void line(long nowNs, LogLine l) {
    if (panicked) {
      return;
    }
    String t = l.text();
    if (!started) {
      // The boot CPU runs the kernel from its first line on.
      started = true;
      set(0, "online", nowNs);
    }
    Matcher m;
    if (t.startsWith("PM: suspend entry")) {
      markers.add(new Marker(nowNs, -1, "suspend", t));
      for (int c = 0; c < cpus; c++) {
        spans.add(new Span(c, state[c], since[c], nowNs));
        since[c] = nowNs;
      }
      suspended = true;
    } else if (t.equals("PM: suspend exit")) {
      markers.add(new Marker(nowNs, -1, "suspend", t));
      for (int c = 0; c < cpus; c++) {
        spans.add(new Span(c, "suspended", since[c], nowNs));
        since[c] = nowNs;
      }
      suspended = false;
    } else if (suspended) {
      // Lines printed while the machine sleeps are the suspend's own steps (its CPUs go
      // offline and come back): the whole machine is shown suspended meanwhile.
      return;
    } else if (t.startsWith("Kernel panic - not syncing")) {
      panic(nowNs, t);
    } else if (t.startsWith("smp: Brought up ")) {
      // kernel/smp.c smp_init(): every CPU that booted is up (the boot line lists them
      // all at once as "#1 #2 ...").
      for (int c = 0; c < cpus; c++) {
        if (state[c].equals("booting")) {
          set(c, "online", nowNs);
        }
      }
    } else if ((m = SOFT.matcher(t)).matches()) {
      int cpu = Integer.parseInt(m.group(1));
      long forNs = Long.parseLong(m.group(2)) * 1_000_000_000L;
      if (cpu < cpus) {
        stuck.add(new Span(cpu, "stuck", Math.max(0, nowNs - forNs), nowNs));
        markers.add(new Marker(nowNs, cpu, "lockup", t));
      }
    } else if ((m = HARD.matcher(t)).matches()) {
      int cpu = Integer.parseInt(m.group(1));
      if (cpu < cpus) {
        markers.add(new Marker(nowNs, cpu, "lockup", t));
      }
    } else if ((m = BACKTRACE.matcher(t)).matches()) {
      int cpu = Integer.parseInt(m.group(1));
      if (cpu < cpus) {
        markers.add(new Marker(nowNs, cpu, "backtrace", t));
      }
    } else if ((m = BOOTING.matcher(t)).matches()) {
      int cpu = Integer.parseInt(m.group(1));
      if (cpu < cpus) {
        if (!state[cpu].equals("booting")) {
          markers.add(new Marker(nowNs, cpu, "hotplug", t));
        }
        set(cpu, "online", nowNs);
      }
    } else if ((m = OFFLINE.matcher(t)).matches()) {
      int cpu = Integer.parseInt(m.group(1));
      if (cpu < cpus) {
        markers.add(new Marker(nowNs, cpu, "hotplug", t));
        set(cpu, "offline", nowNs);
      }
    }
  }

  /** The kernel panicked: every CPU stops. */
  void panic(long nowNs, String message) {
    if (panicked) {
      return;
    }
    markers.add(new Marker(nowNs, -1, "panic", message));
    for (int c = 0; c < cpus; c++) {
      set(c, "panicked", nowNs);
    }
    panicked = true;
  }

  private void set(int cpu, String s, long nowNs) {
    if (state[cpu].equals(s)) {
      return;
    }
    if (nowNs > since[cpu]) {
      spans.add(new Span(cpu, state[cpu], since[cpu], nowNs));
    }
    state[cpu] = s;
    since[cpu] = nowNs;
  }

  /** Every span up to {@code endNs}, the states still open closed there. */
  List<Span> spans(long endNs) {
    List<Span> all = new ArrayList<>(spans);
    for (int c = 0; c < cpus; c++) {
      if (endNs > since[c]) {
        all.add(new Span(c, suspended ? "suspended" : state[c], since[c], endNs));
      }
    }
    return all;
  }

  /** Stretches in which a CPU was stuck (from soft lockup reports). */
  List<Span> stuck() {
    return stuck;
  }

  List<Marker> markers() {
    return markers;
  }
}
