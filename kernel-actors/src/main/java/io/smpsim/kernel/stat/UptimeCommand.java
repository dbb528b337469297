package io.smpsim.kernel.stat;

import io.smpsim.kernel.core.Options;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.sysctl.LoadAvg;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.sim.SimMessage;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * busybox uptime (procps/uptime.c, with FEATURE_UPTIME_UTMP_SUPPORT as Debian builds it): the
 * wall-clock time (UTC: the recordings' initramfs sets no TZ), the time since boot from
 * sysinfo() (kernel/sys.c do_sysinfo: whole seconds, a started one counted), the users in utmp
 * (none: init runs the shell without a login) and the load averages as sysinfo() hands them
 * over, {@code avenrun << 5} without /proc/loadavg's rounding, so the hundredths are cut.
 * {@code -s} prints the boot time instead.
 *
 * @param since {@code -s}
 */
record UptimeCommand(boolean since) implements ShellJob {

  /** SI_LOAD_SHIFT: sysinfo()'s loads are in 16-bit fixed point. */
  private static final int SI_LOAD_SHIFT = 16;

  /** Parses uptime's options: {@code -s}; others are refused as busybox's getopt32 does. */
  static ShellJob parse(List<String> args) {
    Options o = Options.parse("uptime", args, "s", 1);
    return o.failure() != null ? o.failure() : new UptimeCommand(o.has('s'));
  }

  @Override
  public void start(JobContext jc) {
    if (since) {
      jc.ok(line(jc, null));
      return;
    }
    jc.send(jc.layout().sysctl(), new Sysctl.LoadAvgRead(jc.jobId()));
  }

  @Override
  public void onReply(JobContext jc, SimMessage body) {
    if (body instanceof LoadAvg.Avenrun a) {
      jc.ok(line(jc, a));
    }
  }

  private static String line(JobContext jc, LoadAvg.Avenrun a) {
    long wall = Math.floorDiv(jc.config().wallNs(jc.now()), 1_000_000_000L);
    long ns = jc.now();
    long up = ns / 1_000_000_000L + (ns % 1_000_000_000L != 0 ? 1 : 0);
    if (a == null) {
      LocalDateTime boot = LocalDateTime.ofEpochSecond(wall - up, 0, ZoneOffset.UTC);
      return String.format("%04d-%02d-%02d %02d:%02d:%02d%n", boot.getYear(),
          boot.getMonthValue(), boot.getDayOfMonth(), boot.getHour(), boot.getMinute(),
          boot.getSecond());
    }
    LocalDateTime now = LocalDateTime.ofEpochSecond(wall, 0, ZoneOffset.UTC);
    StringBuilder b = new StringBuilder(String.format(" %02d:%02d:%02d up ", now.getHour(),
        now.getMinute(), now.getSecond()));
    long days = up / 86_400;
    if (days != 0) {
      b.append(days).append(" day").append(days != 1 ? "s" : "").append(", ");
    }
    long minutes = up / 60;
    long hours = minutes / 60 % 24;
    minutes %= 60;
    b.append(hours != 0 ? String.format("%2d:%02d", hours, minutes) : minutes + " min");
    b.append(",  0 users,  load average: ").append(load(a.one())).append(", ")
        .append(load(a.five())).append(", ").append(load(a.fifteen())).append('\n');
    return b.toString();
  }

  /** One average as busybox prints sysinfo()'s: LOAD_INT and LOAD_FRAC with FSHIFT 16. */
  static String load(long avenrun) {
    long x = avenrun << (SI_LOAD_SHIFT - 11);
    long frac = ((x & ((1L << SI_LOAD_SHIFT) - 1)) * 100) >> SI_LOAD_SHIFT;
    return (x >> SI_LOAD_SHIFT) + "." + (frac < 10 ? "0" : "") + frac;
  }
}
