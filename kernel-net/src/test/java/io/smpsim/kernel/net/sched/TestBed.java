package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.core.SplitMixRandom;
import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.dev.NetStack;
import io.smpsim.kernel.net.dev.TxResult;
import io.smpsim.kernel.net.tc.NetShell;
import io.smpsim.kernel.net.tc.ShellResult;
import java.util.Set;

/** A machine with a veth pair (veth0 with {@code txq} TX queues) for qdisc tests. */
final class TestBed {

  final NetStack stack;
  final NetShell shell;
  private long id;

  TestBed(int txq, long seed) {
    this(txq, seed, Set.of(), 1);
  }

  /** A test bed reproducing the scheduler bugs {@code quirks}, hrtimers of {@code resNs}. */
  TestBed(int txq, long seed, Set<SchedQuirk> quirks, long resNs) {
    stack = new NetStack(new SplitMixRandom(seed), 2, quirks, resNs);
    shell = new NetShell(stack);
    ok("ip link add veth0 numtxqueues " + txq + " numrxqueues " + txq
        + " type veth peer name veth1 numtxqueues 1 numrxqueues 1");
    ok("ip link set veth0 up");
    ok("ip link set veth1 up");
  }

  TestBed() {
    this(1, 1);
  }

  ShellResult run(String line) {
    return shell.exec(line, 0);
  }

  /** Run a command that must succeed silently; returns its stdout. */
  String ok(String line) {
    ShellResult r = shell.exec(line, 0);
    assertEquals(0, r.exit(), () -> line + " -> " + r.stderr());
    return r.stdout();
  }

  NetDevice dev() {
    return stack.namespace().device("veth0");
  }

  Qdisc root() {
    return dev().qdisc();
  }

  Packet udp(int len, int srcPort) {
    return Packet.udp(++id, len, 0xC0000201, 0xC0000263, srcPort, 9);
  }

  TxResult tx(Packet p, long now) {
    return stack.transmit("veth0", p, now);
  }

  /** Everything qdisc-visible about veth0: the dumps a user would compare. */
  String snapshot() {
    return ok("tc -s -d qdisc show dev veth0 invisible") + ok("tc -s -d class show dev veth0")
        + ok("ip link show");
  }
}
