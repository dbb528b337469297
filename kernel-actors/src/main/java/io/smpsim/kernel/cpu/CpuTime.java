package io.smpsim.kernel.cpu;

import io.smpsim.kernel.core.IrqStats;

/**
 * One CPU's time accounting (kernel/sched/cputime.c, kernel/time/tick-sched.c
 * get_cpu_idle_time_us): the simulated time since the CPU came online is split into time in
 * the idle loop and time out of it, exactly at each switch, as NO_HZ idle accounting does; time
 * out of it a user-space task runs is user time (the tick finds it in user mode:
 * account_process_tick(), user_tick), the rest system time. The /proc/stat {@code cpuN} line
 * reads them.
 */
final class CpuTime {

  /** When the current stretch began, or -1 while the CPU is offline. */
  private long since = -1;
  private boolean idle;
  /** A user-space task has the CPU. */
  private boolean user;
  private boolean everOnline;
  /**
   * Kernel work charged to this CPU out of any task ({@link #charge}) not yet accounted: it
   * turns the next stretch of idle or user time into system time.
   */
  private long charged;

  /** Whether the CPU has been online before (a hotplug re-online, a resume). */
  boolean everOnline() {
    return everOnline;
  }

  /** The CPU came online, out of the idle loop (set_cpu_online), accounted from {@code now}. */
  void online(long now) {
    everOnline = true;
    since = now;
    idle = false;
    user = false;
  }

  /** The CPU went offline: the stretch so far is accounted, nothing more until it is back. */
  void offline(long now, IrqStats s) {
    flush(now, s);
    since = -1;
  }

  /** The CPU enters ({@code true}) or leaves the idle loop. */
  void switchTo(boolean toIdle, long now, IrqStats s) {
    flush(now, s);
    idle = toIdle;
    user = false;
  }

  /** A user-space task takes ({@code true}) or leaves the CPU. */
  void userMode(boolean inUser, long now, IrqStats s) {
    flush(now, s);
    user = inUser;
  }

  /**
   * {@code ns} of kernel work from {@code now} on that runs out of the tasks smpsim schedules
   * (a sending thread's transmit path): from now the CPU is in the kernel that long, and the
   * idle or user time it would have had is system time.
   */
  void charge(long ns, long now, IrqStats s) {
    flush(now, s);
    if (since >= 0) {
      charged += ns;
    }
  }

  /** Accounts the stretch up to {@code now} (before the counters are read). */
  void flush(long now, IrqStats s) {
    if (since < 0) {
      charged = 0;
      return;
    }
    long stretch = now - since;
    long system = Math.min(charged, stretch);
    charged -= system;
    s.busyNs += system;
    if (idle) {
      s.idleNs += stretch - system;
    } else if (user) {
      s.userNs += stretch - system;
    } else {
      s.busyNs += stretch - system;
    }
    since = now;
  }
}
