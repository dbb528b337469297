package io.smpsim.kernel.net.traffic;

import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.dev.NetNamespace;
import io.smpsim.kernel.net.tc.TcUnits;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code traffic show [dev DEV]}: per device in ifindex order, what each generator sent and
 * what the device received, one line each.
 *
 * <pre>
 * eth0 tx udp flows 1 rate 20Mbit size 1000: sent 7197 pkts 7499274 bytes, eagain 0, failed 0, running
 * eth0 rx 3665 pkts 3818930 bytes, first 0.000417 last 3.051000, delay min 0.084ms avg 49.213ms max 50.100ms
 * </pre>
 */
public final class TrafficShow {

  private TrafficShow() {}

  /** The lines for {@code dev} (every device when null) at {@code nowNs}. */
  public static String render(NetNamespace ns, List<TrafficGenerator> generators,
      Map<Integer, TrafficFlow> flows, Map<String, TrafficSink> sinks, String dev, long nowNs) {
    StringBuilder out = new StringBuilder();
    for (NetDevice d : ns.devices()) {
      if (dev != null && !d.name().equals(dev)) {
        continue;
      }
      for (TrafficGenerator g : generators) {
        if (g.spec().dev().equals(d.name())) {
          tx(out, g, flows, nowNs);
        }
      }
      TrafficSink s = sinks.get(d.name());
      if (s != null) {
        rx(out, d.name(), s);
      }
    }
    return out.toString();
  }

  private static void tx(StringBuilder out, TrafficGenerator g, Map<Integer, TrafficFlow> flows,
      long nowNs) {
    long sent = 0;
    long bytes = 0;
    long eagain = 0;
    long failed = 0;
    for (int id : g.flows()) {
      TrafficFlow f = flows.get(id);
      sent += f.sent();
      bytes += f.sentBytes();
      eagain += f.eagain();
      failed += f.failed();
    }
    TrafficSpec s = g.spec();
    boolean running = !g.stopped() && nowNs < g.stopNs();
    out.append(s.dev()).append(" tx ").append(s.tcp() ? "tcp" : "udp").append(" flows ")
        .append(s.flows()).append(" rate ").append(TcUnits.sprintRate(s.rateBps() / 8))
        .append(" size ").append(s.size()).append(": sent ").append(sent).append(" pkts ")
        .append(bytes).append(" bytes, eagain ").append(eagain).append(", failed ").append(failed)
        .append(running ? ", running" : ", stopped").append('\n');
  }

  private static void rx(StringBuilder out, String dev, TrafficSink s) {
    out.append(dev).append(" rx ").append(s.packets()).append(" pkts ").append(s.bytes())
        .append(" bytes, first ").append(seconds(s.firstNs())).append(" last ")
        .append(seconds(s.lastNs())).append(", delay min ").append(ms(s.minDelayNs()))
        .append(" avg ").append(ms(s.avgDelayNs())).append(" max ").append(ms(s.maxDelayNs()))
        .append('\n');
  }

  private static String seconds(long ns) {
    return String.format(Locale.ROOT, "%d.%06d", ns / 1_000_000_000L, ns % 1_000_000_000L / 1000);
  }

  private static String ms(long ns) {
    return String.format(Locale.ROOT, "%d.%03dms", ns / 1_000_000L, ns % 1_000_000L / 1000);
  }
}
