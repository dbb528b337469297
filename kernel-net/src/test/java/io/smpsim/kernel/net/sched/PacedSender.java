package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.core.SplitMixRandom;
import io.smpsim.kernel.net.dev.NetStack;
import io.smpsim.kernel.net.dev.VethDriver;
import io.smpsim.kernel.net.tc.NetShell;
import io.smpsim.kernel.net.tc.ShellResult;

/**
 * The data-plane reference setup in miniature: a veth pair vA/vB, a qdisc configured on vA, and
 * a sender pacing 1042-byte packets (1000 bytes of UDP payload) at a fixed offered rate. The
 * veth drains instantly; the qdisc is dequeued after every enqueue and at its watchdog times.
 */
final class PacedSender {

  static final int WIRE_LEN = 1042;
  final NetStack stack = new NetStack(new SplitMixRandom(7), 2);
  final NetShell shell = new NetShell(stack);
  final VethDriver driver = new VethDriver(stack);
  long sent;
  long bytesBy;

  PacedSender(String... tcCommands) {
    exec("ip link add vA numtxqueues 1 numrxqueues 1 type veth peer name vB numtxqueues 1 "
        + "numrxqueues 1");
    exec("ip link set vA up");
    exec("ip link set vB up");
    exec("ip addr add 192.0.2.1/24 dev vA");
    for (String c : tcCommands) {
      exec(c);
    }
  }

  ShellResult exec(String line) {
    ShellResult r = shell.exec(line, 0);
    if (r.exit() != 0) {
      throw new IllegalStateException(line + ": " + r.stderr());
    }
    return r;
  }

  /**
   * Offer {@code offeredBps} (wire bits/s) for {@code durationNs}; returns the L2 bytes that
   * left vA within the window. The qdisc then drains for {@code drainNs} more.
   */
  long run(long offeredBps, long durationNs, long drainNs) {
    long interval = WIRE_LEN * 8L * 1_000_000_000L / offeredBps;
    long count = durationNs / interval;
    for (long i = 0; i < count; i++) {
      long t = i * interval;
      driver.runUntil(t);
      driver.send("vA", Packet.udp(i + 1, WIRE_LEN, 0xC0000201, 0xC0000202, 40000, 9), t);
      sent++;
    }
    driver.runUntil(durationNs);
    bytesBy = driver.deliveredBytes();
    driver.runUntil(durationNs + drainNs);
    return bytesBy;
  }
}
