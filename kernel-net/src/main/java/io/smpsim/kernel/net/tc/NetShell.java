package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;
import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.dev.NetStack;
import io.smpsim.kernel.net.dev.VethDriver;
import io.smpsim.kernel.net.sched.Extack;
import io.smpsim.kernel.net.sched.QdiscCtx;
import io.smpsim.kernel.net.sched.TcEstimator;
import io.smpsim.kernel.net.sched.TcH;
import io.smpsim.kernel.net.sched.TcMsg;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The command entry point of a machine's network stack: one line, split like a POSIX shell,
 * dispatched to {@code tc}, {@code ip} or one of the oracle's pseudo-commands
 * ({@code @send}, {@code @sleep}, {@code @nl-qdisc-add}; see oracle/tc/record.py), and
 * {@code @autohandle MAJOR:}, which sets the global qdisc auto-handle counter to where the
 * recorder sampled it before a case (its {@code autohandle.base}).
 */
public final class NetShell {

  private static final int SRC_PORT = 40000;
  private final NetStack stack;
  private final TcCommand tc;
  private final IpCommand ip;

  public NetShell(NetStack stack) {
    this.stack = stack;
    this.tc = new TcCommand(stack.namespace(), stack.qdiscApi());
    this.ip = new IpCommand(stack.namespace(), stack.qdiscApi().kinds());
  }

  /** The stack the commands work on. */
  public NetStack stack() {
    return stack;
  }

  /** Run one command line at {@code nowNs}. */
  public ShellResult exec(String line, long nowNs) {
    List<String> argv;
    try {
      argv = Shlex.split(line);
    } catch (IllegalArgumentException e) {
      return new ShellResult(2, "", "sh: syntax error: " + e.getMessage() + "\n");
    }
    if (argv.isEmpty()) {
      return ShellResult.ok("");
    }
    switch (argv.get(0)) {
      case "tc":
        return tc.run(argv, nowNs);
      case "ip":
        return ip.run(argv, nowNs);
      case "@send":
        return send(argv, nowNs);
      case "@sleep":
        return ShellResult.ok("");
      case "@nl-qdisc-add":
        return nlQdiscAdd(argv, nowNs);
      case "@autohandle":
        return autohandle(argv);
      default:
        return new ShellResult(127, "",
            "[Errno 2] No such file or directory: '" + argv.get(0) + "'\n");
    }
  }

  /** {@code @send DST COUNT SIZE [PORT]} on this shell's own stack: out of the veth driver. */
  private ShellResult send(List<String> argv, long nowNs) {
    VethDriver driver = new VethDriver(stack);
    return send(argv, (d, p) -> driver.send(d.name(), p, nowNs));
  }

  /**
   * {@code @send DST COUNT SIZE [PORT]}: COUNT UDP datagrams of SIZE payload bytes from port
   * 40000 to DST (port 9 unless given), each handed to {@code xmit} with the device the route
   * to DST leaves by; a datagram with no route or a device down counts as an error.
   */
  public ShellResult send(List<String> argv, BiConsumer<NetDevice, Packet> xmit) {
    Integer dst = argv.size() > 3 ? NetAddr.parseIpv4(argv.get(1)) : null;
    int count;
    int size;
    int port;
    try {
      count = Integer.parseInt(argv.get(2));
      size = Integer.parseInt(argv.get(3));
      port = argv.size() > 4 ? Integer.parseInt(argv.get(4)) : 9;
    } catch (RuntimeException e) {
      dst = null;
      count = size = port = 0;
    }
    if (dst == null) {
      return new ShellResult(1, "", "usage: @send DST COUNT SIZE [PORT]\n");
    }
    NetDevice d = Fib.route(stack.namespace(), dst);
    int ok = 0;
    int err = 0;
    for (int i = 0; i < count; i++) {
      if (d == null || !d.isUp()) {
        err++;
        continue;
      }
      // 42 bytes of Ethernet, IPv4 and UDP headers around the payload.
      Packet p = Packet.udp(stack.namespace().nextPacketId(), size + 42, Fib.sourceAddress(d),
          dst, SRC_PORT, port);
      xmit.accept(d, p);
      ok++;
    }
    return ShellResult.ok("sent " + ok + " errors " + err + "\n");
  }

  /**
   * {@code @autohandle MAJOR:}: the kernel's one auto-handle counter last handed out MAJOR.
   * Where it stands decides which hash bucket an auto-handled qdisc lands in, and so the order
   * of {@code tc qdisc show}.
   */
  private ShellResult autohandle(List<String> argv) {
    String v = argv.size() == 2 ? argv.get(1) : "";
    if (!v.matches("[0-9a-fA-F]{1,4}:")) {
      return new ShellResult(1, "", "usage: @autohandle MAJOR:\n");
    }
    stack.namespace().setAutohandleMajor(Integer.parseInt(v.substring(0, v.length() - 1), 16));
    return ShellResult.ok("");
  }

  private static int tcid(String s) {
    if (s.equals("root")) {
      return TcH.ROOT;
    }
    if (s.equals("ingress")) {
      return TcH.INGRESS;
    }
    int colon = s.indexOf(':');
    String maj = colon >= 0 ? s.substring(0, colon) : s;
    String min = colon >= 0 ? s.substring(colon + 1) : "";
    return (Integer.parseInt(maj.isEmpty() ? "0" : maj, 16) << 16)
        | Integer.parseInt(min.isEmpty() ? "0" : min, 16);
  }

  /**
   * {@code @nl-qdisc-add DEV PARENT HANDLE KIND [INTERVAL EWMA_LOG]}: a raw RTM_NEWQDISC with
   * NLM_F_CREATE|NLM_F_EXCL and an optional TCA_RATE, bypassing iproute2.
   */
  private ShellResult nlQdiscAdd(List<String> argv, long nowNs) {
    if (argv.size() != 5 && argv.size() != 7) {
      return new ShellResult(1, "",
          "usage: @nl-qdisc-add DEV PARENT HANDLE KIND [INTERVAL EWMA_LOG]\n");
    }
    NetDevice d = stack.namespace().device(argv.get(1));
    if (d == null) {
      return new ShellResult(1, "", "OSError: [Errno 19] No such device\n");
    }
    TcEstimator est = argv.size() == 7
        ? new TcEstimator((byte) Integer.parseInt(argv.get(5)), Integer.parseInt(argv.get(6)) & 0xFF)
        : null;
    TcMsg m = new TcMsg(TcMsg.NLM_F_CREATE | TcMsg.NLM_F_EXCL, d.ifindex(), tcid(argv.get(3)),
        tcid(argv.get(2)), argv.get(4), null, est, null);
    try {
      stack.qdiscApi().modifyQdisc(m, new QdiscCtx(nowNs, stack.namespace().random(),
          new Extack()));
      return ShellResult.ok("ok\n");
    } catch (NetlinkException e) {
      String msg = e.extack() == null ? "" : e.extack();
      return new ShellResult(2, "error " + e.errno() + " " + Errno.strerror(e.errno()) + ": "
          + msg + "\n", "");
    }
  }
}
