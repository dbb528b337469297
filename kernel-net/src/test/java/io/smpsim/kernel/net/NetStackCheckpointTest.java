package io.smpsim.kernel.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.core.SplitMixRandom;
import io.smpsim.kernel.net.dev.NetStack;
import io.smpsim.kernel.net.dev.VethDriver;
import io.smpsim.kernel.net.tc.NetShell;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A machine's network state survives a Kryo checkpoint mid-traffic, and a restored copy goes
 * on exactly like the original: same outputs, same packets, same order.
 */
class NetStackCheckpointTest {

  private static NetShell configured() {
    NetShell s = new NetShell(new NetStack(new SplitMixRandom(5), 2));
    String[] cmds = {
        "ip link add veth0 numtxqueues 1 numrxqueues 1 type veth peer name veth1 numtxqueues 1 "
            + "numrxqueues 1",
        "ip link set veth0 up", "ip link set veth1 up",
        "tc qdisc add dev veth0 root handle 1: htb default 10",
        "tc class add dev veth0 parent 1: classid 1:1 htb rate 10mbit",
        "tc class add dev veth0 parent 1:1 classid 1:10 htb rate 2mbit ceil 5mbit",
        "tc qdisc add dev veth0 parent 1:10 handle 10: netem delay 3ms 1ms loss 10%"};
    for (String c : cmds) {
      assertEquals(0, s.exec(c, 0).exit(), c);
    }
    return s;
  }

  private static List<String> traffic(NetShell sh, long from, long to) {
    NetStack s = sh.stack();
    VethDriver d = new VethDriver(s);
    List<String> out = new ArrayList<>();
    for (long t = from; t < to; t += 100_000) {
      d.runUntil(t);
      s.transmit("veth0", Packet.udp(t, 1000, 1, 2, 3, 4), t);
      Packet p;
      while ((p = s.dequeue("veth0", 0, t)) != null) {
        out.add(p.id() + "@" + t);
      }
    }
    out.add(sh.exec("tc -s qdisc show dev veth0", to).stdout());
    out.add(sh.exec("tc -s class show dev veth0", to).stdout());
    return out;
  }

  @Test
  void aRestoredCheckpointContinuesIdentically() {
    NetShell original = configured();
    traffic(original, 0, 20_000_000L);
    NetShell restored = KryoRoundTrip.copy(original);
    assertEquals(traffic(original, 20_000_000L, 60_000_000L),
        traffic(restored, 20_000_000L, 60_000_000L));
  }
}
