package io.smpsim.kernel.net.traffic;

import io.smpsim.kernel.net.tc.TcIds;
import io.smpsim.kernel.net.tc.TcUnits;
import java.util.List;

/**
 * What {@code traffic start} asked for: an application sending fixed-size datagrams (or TCP
 * segments) out of one device at a constant offered rate, spread evenly over {@code flows}
 * sockets.
 *
 * @param dev the device to send out of
 * @param rateBps the offered rate in bits/s, counted on the wire (skb->len)
 * @param size payload bytes per packet
 * @param flows number of sockets (flows: distinct source ports)
 * @param tcp TCP (a blocking writer) rather than UDP (a non-blocking one that gets EAGAIN)
 * @param dst the destination {@code MACHINE:IF}, or {@code null}
 * @param durationNs how long to send, or -1 until {@code traffic stop}
 * @param priority skb->priority of every packet (SO_PRIORITY; htb and prio classify on it)
 * @param mark skb->mark of every packet (SO_MARK; the fw classifier matches it)
 * @param cpu the CPU the sending task is bound to, or -1 for the default (see {@link Traffic})
 * @param queue the TX queue every socket of the sender is mapped to (the socket's
 *     sk_tx_queue_mapping, which netdev_pick_tx() keeps while it is valid, as pktgen's
 *     queue_map_min/max pin theirs), or -1 to pick by flow hash
 */
public record TrafficSpec(String dev, long rateBps, int size, int flows, boolean tcp,
    String dst, long durationNs, int priority, long mark, int cpu, int queue) {

  /** The most flows one generator may have. */
  public static final int MAX_FLOWS = 4096;
  /** Ethernet + IPv4 + UDP headers: skb->len of a datagram is its payload plus these. */
  public static final int UDP_OVERHEAD = 42;
  /** Ethernet + IPv4 + TCP headers (no options). */
  public static final int TCP_OVERHEAD = 54;

  /** The command's synopsis, printed with every usage error. */
  public static final String USAGE = "Usage: traffic start dev DEV rate RATE size BYTES"
      + " [flows N] [proto udp|tcp] [dst MACHINE:IF] [for TIME] [priority CLASSID] [mark N]"
      + " [cpu N] [queue N]\n"
      + "       traffic stop dev DEV\n"
      + "       traffic show [dev DEV]\n";

  /** skb->len of one packet. */
  public int wireLen() {
    return size + (tcp ? TCP_OVERHEAD : UDP_OVERHEAD);
  }

  /** Parses the words after {@code traffic start}; the exception's message is the error. */
  public static TrafficSpec parse(List<String> args) {
    String dev = null;
    Long rate = null;
    Integer size = null;
    int flows = 1;
    boolean tcp = false;
    String dst = null;
    long duration = -1;
    int priority = 0;
    long mark = 0;
    int cpu = -1;
    int queue = -1;
    for (int i = 0; i < args.size(); i++) {
      String key = args.get(i);
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("traffic: \"" + key + "\" needs a value");
      }
      String v = args.get(++i);
      switch (key) {
        case "dev" -> dev = v;
        case "rate" -> {
          Long bytes = TcUnits.getRate64(v);
          if (bytes == null || bytes <= 0) {
            throw bad("rate", v);
          }
          rate = bytes * 8;
        }
        case "size" -> size = (int) number("size", v, 1, 65_507);
        case "flows" -> flows = (int) number("flows", v, 1, MAX_FLOWS);
        case "proto" -> {
          if (!v.equals("udp") && !v.equals("tcp")) {
            throw bad("proto", v);
          }
          tcp = v.equals("tcp");
        }
        case "dst" -> dst = v;
        case "for" -> {
          Long us = TcUnits.getTime(v);
          if (us == null || us == 0) {
            throw bad("for", v);
          }
          duration = us * 1000;
        }
        case "priority" -> {
          Integer id = TcIds.classid(v);
          if (id == null) {
            throw bad("priority", v);
          }
          priority = id;
        }
        case "mark" -> mark = number("mark", v, 0, 0xFFFFFFFFL);
        case "cpu" -> cpu = (int) number("cpu", v, 0, 8191);
        case "queue" -> queue = (int) number("queue", v, 0, 4095);
        default -> throw new IllegalArgumentException("traffic: unknown option \"" + key + "\"");
      }
    }
    if (dev == null || rate == null || size == null) {
      throw new IllegalArgumentException("traffic: dev, rate and size are required");
    }
    return new TrafficSpec(dev, rate, size, flows, tcp, dst, duration, priority, mark, cpu,
        queue);
  }

  private static long number(String what, String v, long min, long max) {
    Long n = TcUnits.getU32(v, 0);
    if (n == null || n < min || n > max) {
      throw bad(what, v);
    }
    return n;
  }

  private static IllegalArgumentException bad(String what, String v) {
    return new IllegalArgumentException("traffic: invalid " + what + " \"" + v + "\"");
  }
}
