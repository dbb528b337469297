package io.smpsim.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The counters of {@code tc -s qdisc show} and {@code tc -s class show} outputs, each a sample
 * at the simulated time the command answered: what iproute2's print_tcstats_attr() prints
 * ({@code Sent 6252000 bytes 6000 pkt (dropped 0, overlimits 2998 requeues 0)}, then
 * {@code backlog 192770b 185p requeues 0}).
 */
final class TcSamples {

  /** One qdisc's or class's counters at one time. */
  record Sample(long timeNs, String machine, String dev, String object, String kind, String id,
      long sentBytes, long sentPackets, long dropped, long overlimits, long backlogBytes,
      long backlogPackets) {

    /** The series this sample belongs to: {@code m0 eth0 class htb 1:10}. */
    String series() {
      return machine + " " + dev + " " + object + " " + kind + " " + id;
    }
  }

  private static final Pattern COMMAND = Pattern.compile(
      "tc\\s+(?:-s|-stats|-statistics)\\s+(?:-\\S+\\s+)*(qdisc|class)\\s+(?:show|list|ls)\\s+dev"
          + "\\s+(\\S+).*");
  private static final Pattern HEAD = Pattern.compile("(qdisc|class) (\\S+) (\\S+) .*");
  private static final Pattern SENT = Pattern.compile(
      "\\s*Sent (\\d+) bytes (\\d+) pkt \\(dropped (\\d+), overlimits (\\d+).*");
  private static final Pattern BACKLOG = Pattern.compile(
      ".*backlog (\\d+)([KMG]?)b (\\d+)([KMG]?)p.*");

  private final List<Sample> samples = new ArrayList<>();

  // tc qdisc add dev eth0 root handle 1: htb ...; tc class add dev eth0 parent 1: classid 1:10 htb
  private static final Pattern CREATE = Pattern.compile(
      "tc\\s+(qdisc|class)\\s+(?:add|replace)\\s+dev\\s+(\\S+)\\s+.*?\\b(?:handle|classid)\\s+"
          + "(\\S+)\\s+(\\S+).*");

  /**
   * Takes the samples out of one command's answer: a {@code tc -s ... show}, or a qdisc or class
   * created with a handle, whose counters start at zero then (so one later sample already gives
   * its mean rate).
   */
  void command(long timeNs, String machine, String line, int exit, String stdout) {
    if (exit != 0) {
      return;
    }
    Matcher created = CREATE.matcher(line.trim());
    if (created.matches()) {
      String id = created.group(3);
      if (created.group(1).equals("qdisc") && !id.contains(":")) {
        id = id + ":";
      }
      samples.add(new Sample(timeNs, machine, created.group(2), created.group(1),
          created.group(4), id, 0, 0, 0, 0, 0, 0));
      return;
    }
    Matcher c = COMMAND.matcher(line.trim());
    if (!c.matches()) {
      return;
    }
    String dev = c.group(2);
    String[] head = null;
    long[] sent = null;
    for (String l : stdout.split("\n")) {
      Matcher m;
      if ((m = HEAD.matcher(l)).matches()) {
        head = new String[] {m.group(1), m.group(2), m.group(3)};
        sent = null;
      } else if (head != null && (m = SENT.matcher(l)).matches()) {
        sent = new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
            Long.parseLong(m.group(3)), Long.parseLong(m.group(4))};
      } else if (head != null && sent != null && (m = BACKLOG.matcher(l)).matches()) {
        samples.add(new Sample(timeNs, machine, dev, head[0], head[1], head[2], sent[0], sent[1],
            sent[2], sent[3], size(m.group(1), m.group(2)), size(m.group(3), m.group(4))));
        head = null;
        sent = null;
      }
    }
  }

  /** iproute2's sprint_size(): a K, M or G suffix is 1024 times the unit before it. */
  private static long size(String n, String unit) {
    long v = Long.parseLong(n);
    return switch (unit) {
      case "K" -> v << 10;
      case "M" -> v << 20;
      case "G" -> v << 30;
      default -> v;
    };
  }

  List<Sample> samples() {
    return samples;
  }
}
