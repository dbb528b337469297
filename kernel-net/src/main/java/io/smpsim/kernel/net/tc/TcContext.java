package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.dev.NetNamespace;
import io.smpsim.kernel.net.sched.PschedShow;

/**
 * The global switches of one tc invocation ({@code -s}, {@code -d}, {@code -r}, {@code -iec}),
 * where its
 * diagnostics go, and the machine it reads device properties from (link speed for
 * {@code rate N%}).
 */
public final class TcContext {

  final boolean stats;
  final boolean details;
  final boolean raw;
  final boolean iec;
  final NetNamespace ns;
  final StringBuilder err = new StringBuilder();

  TcContext(boolean stats, boolean details, boolean raw, boolean iec, NetNamespace ns) {
    this.stats = stats;
    this.details = details;
    this.raw = raw;
    this.iec = iec;
    this.ns = ns;
  }

  /**
   * get_hz() (iproute2 lib/utils.c): the fourth word of /proc/net/psched when the third is
   * 1000000, which it always is on the kernels smpsim models.
   */
  long hz() {
    String[] words = PschedShow.text(ns).trim().split(" ");
    // Otherwise iproute2 falls back to its HZ (asm/param.h's USER_HZ, 100).
    return Long.parseLong(words[2], 16) == 1_000_000 ? Long.parseLong(words[3], 16) : 100;
  }

  /** sprint_rate() with this invocation's units. */
  String rate(long bytesPerSec) {
    return TcUnits.sprintRate(bytesPerSec, iec);
  }

  /** fprintf(stderr, ...). */
  void err(String s) {
    err.append(s);
  }

  /** A parser's {@code return -1} seen by tc_qdisc_modify(): exit 1 with what it printed. */
  TcExit fail() {
    return new TcExit(1, err.toString());
  }

  /**
   * The q_*.c parsers' complaint about a value ({@code explain1()} in q_netem.c, inline in
   * q_fq_codel.c, q_red.c, q_sfq.c): {@code Illegal "WHAT"}, then {@code return -1}.
   */
  TcExit illegal(String what) {
    err("Illegal \"" + what + "\"\n");
    return fail();
  }

  /**
   * The q_*.c parsers' answer to a word they do not know: {@code What is "WORD"?} and the
   * module's explain() text, or to {@code help} the text alone; then {@code return -1}.
   */
  TcExit whatIs(String word, String usage) {
    if (!word.equals("help")) {
      err("What is \"" + word + "\"?\n");
    }
    err(usage);
    return fail();
  }

  /** A value a get_*() helper parsed, or {@link #illegal} when it did not parse. */
  long need(Long parsed, String what) {
    if (parsed == null) {
      throw illegal(what);
    }
    return parsed;
  }

  /**
   * The device a {@code dev NAME} names (ll_name_to_index()), {@code null} when none was named;
   * an unknown name is {@code Cannot find device "NAME"} and exit 1, as tc_qdisc.c,
   * tc_class.c and tc_filter.c all report it.
   */
  NetDevice device(String dev) {
    if (dev == null) {
      return null;
    }
    NetDevice d = ns.device(dev);
    if (d == null) {
      err("Cannot find device \"" + dev + "\"\n");
      throw fail();
    }
    return d;
  }

  /** The ifindex of {@link #device}, or 0 when no device was named. */
  int ifindex(String dev) {
    NetDevice d = device(dev);
    return d == null ? 0 : d.ifindex();
  }

  /**
   * get_percent_rate64(): a percentage of the device's speed (read_prop "speed"), or
   * {@code null} after printing why not.
   */
  Long percentRate64(String str, String dev) {
    if (dev == null || dev.isEmpty()) {
      err("No device specified; specify device to rate limit by percentage\n");
      return null;
    }
    NetDevice d = ns.device(dev);
    String fname = "/sys/class/net/" + dev + "/speed";
    if (d == null) {
      err("fopen " + fname + ": No such file or directory\n");
      return null;
    }
    if (d.speedMbps() <= 0) {
      err("property \"speed\" in file " + fname + " is currently unknown\n");
      err("Failed to parse " + fname + "\n");
      return null;
    }
    int i = 0;
    while (i < str.length() && (Character.isDigit(str.charAt(i)) || str.charAt(i) == '.'
        || str.charAt(i) == '%')) {
      i++;
    }
    String perc = str.substring(0, i);
    if (perc.isEmpty()) {
      err("Specified rate value could not be read or is malformed\n");
      return null;
    }
    CFormat.Parsed p = CFormat.strtod(perc);
    double val = p.value() / 100.;
    if (val > 1.0 || val < 0.0) {
      err("Invalid rate specified; should be between [0,100]% but is " + str + "\n");
      return null;
    }
    String restOfPerc = perc.substring(p.end());
    if (!restOfPerc.isEmpty() && !restOfPerc.equals("%")) {
      err("Specified rate value could not be read or is malformed\n");
      return null;
    }
    double rateBit = val * d.speedMbps() * 1000 * 1000;
    return TcUnits.getRate64(String.format("%f", rateBit));
  }
}
