package io.smpsim.app.scenario;

import io.smpsim.kernel.MachineConfig;
import java.util.Locale;

/**
 * What a run will cost, estimated before it starts, so that an absurd but valid request (a
 * million simulated hours) is answered at once instead of by a run that never ends. The
 * estimate counts the events that an idle machine cannot avoid — each CPU's tick (none while
 * idle with dynticks, where only timers such as the watchdog's hrtimer fire) and the legacy NMI
 * watchdog's NMIs — and divides by the rate the engine sustains on such loads on a 2-core
 * machine. Traffic and injected work only add to it: it is a lower bound, good to an order of
 * magnitude.
 *
 * @param cpus the CPUs of every machine
 * @param simulatedSeconds the simulated time the run covers
 * @param events the estimated number of events
 */
public record RunCost(int cpus, double simulatedSeconds, double events) {

  /** Events per second of simulated time of an idle CPU with dynticks (timers, watchdogs). */
  static final double IDLE_DYNTICKS_EVENTS = 2;

  /** Events per wall-clock second the engine handles on idle machines (2 cores, 1 node). */
  static final double EVENTS_PER_WALL_SECOND = 100_000;

  /** Above this estimate a run starts with a warning. */
  public static final double WARN_WALL_SECONDS = 10 * 60;

  /** Above this estimate a run is refused unless asked for explicitly. */
  public static final double LIMIT_WALL_SECONDS = 24 * 3600;

  /** The estimate for a scenario's run from {@code fromNs} to its end. */
  public static RunCost estimate(Scenario scenario, long fromNs) {
    double seconds = Math.max(0, scenario.durationNs() - fromNs) / 1e9;
    double perSecond = 0;
    int cpus = 0;
    for (MachineConfig m : scenario.machines()) {
      cpus += m.cpus();
      perSecond += m.cpus() * perCpuPerSecond(m);
    }
    return new RunCost(cpus, seconds, perSecond * seconds);
  }

  private static double perCpuPerSecond(MachineConfig m) {
    boolean tickless = m.dynticks() && !m.cmdline().matches("(?s).*\\bnohz=off\\b.*");
    double rate = tickless ? IDLE_DYNTICKS_EVENTS : m.hz();
    for (String p : m.cmdline().split("\\s+")) {
      if (m.kernel().legacyNmiWatchdog() && p.startsWith("nmi_watchdog=")
          && p.matches("nmi_watchdog=(.*,)?1(,.*)?")) {
        // 2.6's IO-APIC watchdog: the PIT's ticks arrive as NMIs on every CPU, idle or not.
        rate += m.hz();
      }
    }
    return rate;
  }

  /** The estimated wall-clock time, in seconds. */
  public double wallSeconds() {
    return events / EVENTS_PER_WALL_SECOND;
  }

  /** Whether the run deserves a warning before it starts. */
  public boolean warn() {
    return wallSeconds() > WARN_WALL_SECONDS;
  }

  /** Whether the run is refused unless asked for explicitly. */
  public boolean overLimit() {
    return wallSeconds() > LIMIT_WALL_SECONDS;
  }

  /** {@code 3600 s of simulated time on 128 CPUs: about 3.2e+07 events, ~3 min of wall time}. */
  public String describe() {
    return String.format(Locale.ROOT, "%s of simulated time on %d CPU%s: at least %.1e events,"
        + " an estimated %s of wall time", seconds(simulatedSeconds), cpus, cpus == 1 ? "" : "s",
        events, wall(wallSeconds()));
  }

  private static String seconds(double s) {
    return s >= 3600 ? String.format(Locale.ROOT, "%.0f h", s / 3600)
        : String.format(Locale.ROOT, "%.3f s", s);
  }

  /** A wall-clock time as a person reads it: 40 s, 12 min, 5 h, 27 days, 3000 years. */
  static String wall(double s) {
    if (s < 120) {
      return String.format(Locale.ROOT, "%.0f s", s);
    }
    if (s < 2 * 3600) {
      return String.format(Locale.ROOT, "%.0f min", s / 60);
    }
    if (s < 3 * 86400) {
      return String.format(Locale.ROOT, "%.0f h", s / 3600);
    }
    if (s < 2 * 365 * 86400) {
      return String.format(Locale.ROOT, "%.0f days", s / 86400);
    }
    return String.format(Locale.ROOT, "%.0f years", s / (365.25 * 86400));
  }
}
