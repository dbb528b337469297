package io.smpsim.kernel.net;

import io.smpsim.hw.nic.Frame;
import io.smpsim.hw.nic.Nic;
import io.smpsim.hw.nic.NicConfig;
import io.smpsim.hw.nic.NicHost;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.net.sched.NetXmit;
import io.smpsim.kernel.net.sched.Qdisc;
import io.smpsim.kernel.net.sched.QdiscWatchdog;
import io.smpsim.kernel.net.tc.NetAddr;
import io.smpsim.kernel.net.tc.Shlex;
import io.smpsim.kernel.net.tc.TcUnits;
import io.smpsim.kernel.net.traffic.TrafficFlow;
import io.smpsim.kernel.net.traffic.TrafficGenerator;
import io.smpsim.kernel.net.traffic.TrafficShow;
import io.smpsim.kernel.net.traffic.TrafficSink;
import io.smpsim.kernel.net.traffic.TrafficSpec;
import io.smpsim.kernel.shell.Shell;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.TraceHash;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A machine's network namespace (Linux's {@code struct net}): its {@link NetStack} with every
 * device and qdisc tree, the drivers of its NICs, the qdisc watchdog timers and the traffic
 * generators. Linux runs a qdisc tree under one root lock with a synchronous dequeue chain;
 * keeping all of a machine's trees in this one entity keeps those semantics exact.
 *
 * <p>The TX path: a packet picks a TX queue by its flow hash and is enqueued on the queue's root
 * qdisc, then the queue is run: dequeue until the qdisc is empty or throttled, or the NIC's ring
 * is full. A throttled qdisc's watchdog arms a timer that runs the queue again; a NIC's TX
 * completion frees a descriptor and wakes a stopped queue. Virtual devices made by
 * {@code ip link add} stay inside: a veth delivers to its peer's RX path at once. The RX path
 * runs the ingress/clsact hook, then hands the packet to the machine's sockets.
 */
public final class Netns extends Entity<NicHost> {

  /** What the network namespace accepts besides its NICs' interrupts. */
  public sealed interface Command extends NicHost
      permits Exec, WatchdogFired, Arrival, SleepOver {}

  /** Run {@code line} ({@code ip}, {@code tc}, {@code traffic}, an oracle pseudo-command). */
  public record Exec(long job, String line) implements Command {
    @Override
    public long traceId() {
      return job * 31 + line.hashCode();
    }
  }

  /** The watchdog timer of TX queue {@code txq} of device {@code ifindex} expired. */
  public record WatchdogFired(int ifindex, int txq) implements Command {
    @Override
    public long traceId() {
      return ifindex * 131L + txq;
    }
  }

  /** The next packet of traffic flow {@code flow} is due. */
  public record Arrival(int flow) implements Command {
    @Override
    public long traceId() {
      return flow;
    }
  }

  /** An {@code @sleep} is over: job {@code job} finishes. */
  public record SleepOver(long job) implements Command {}

  /** The UDP port of the oracle's {@code @send} sender and of generated traffic. */
  private static final int SEND_SRC_PORT = 40000;
  private static final int TRAFFIC_DST_PORT = 5001;

  private final MachineConfig config;
  private final MachineLayout layout;
  private final NetDirectory directory;
  private final EntityRandom random = new EntityRandom();
  private final NetStack stack;
  private final List<NicDriver> drivers = new ArrayList<>();
  private final QdiscWatchdogTimers watchdogs = new QdiscWatchdogTimers();
  private final List<TrafficGenerator> generators = new ArrayList<>();
  /** Flows by id; looked up, never iterated. */
  private final Map<Integer, TrafficFlow> flows = new HashMap<>();
  /**
   * Devices whose shared root holds a requeued packet, by ifindex: the TX queue whose full ring
   * it waits for. Looked up, never iterated.
   */
  private final Map<Integer, Integer> blockedOn = new HashMap<>();
  /** Receive counters by device name; shown in device order. */
  private final Map<String, TrafficSink> sinks = new HashMap<>();
  private int nextFlow;
  private int nextGenerator;

  private transient EntityContext ctx;
  /** The qdiscs with a watchdog in each tree, by root; rebuilt after the trees change. */
  private transient Map<Qdisc, List<Qdisc>> watchdogQdiscs;

  public Netns(MachineConfig config, MachineLayout layout, NetDirectory directory) {
    this.config = config;
    this.layout = layout;
    this.directory = directory;
    this.stack = new NetStack(random, config.cpus());
  }

  /** The stack, for tests. */
  public NetStack stack() {
    return stack;
  }

  @Override
  public void onStart(EntityContext c) {
    bind(c);
    List<NicConfig> nics = config.nics();
    for (int i = 0; i < nics.size(); i++) {
      NicConfig n = nics.get(i);
      stack.addNic(n.name(), n.txQueues(), n.rxQueues(), n.rateBps() / 1_000_000);
      drivers.add(new NicDriver(i, n.name(), layout.nic(i), n.txQueues(), n.ring(),
          NetDirectory.address(config.index(), i)));
      // The NICs come up at boot, as the init system brings them up.
      stack.exec("ip link set dev " + n.name() + " up", 0);
    }
  }

  private void bind(EntityContext c) {
    this.ctx = c;
    random.bind(c.random());
  }

  @Override
  public void onEvent(EntityContext c, int src, NicHost msg) {
    bind(c);
    if (msg instanceof Nic.TxCompleted t) {
      txCompleted(t);
    } else if (msg instanceof Nic.Received r) {
      received(r);
    } else if (msg instanceof Exec e) {
      exec(e);
    } else if (msg instanceof WatchdogFired w) {
      watchdogs.fired(w.ifindex(), w.txq());
      NetDevice d = stack.namespace().device(w.ifindex());
      if (d != null && w.txq() < d.numTxQueues()) {
        runQueue(d, w.txq());
      }
    } else if (msg instanceof Arrival a) {
      arrival(flows.get(a.flow()));
    } else if (msg instanceof SleepOver s) {
      reply(s.job(), NetCommandResult.ok(""));
    }
  }

  private void reply(long job, NetCommandResult r) {
    ctx.send(layout.shell(), config.timings().mmio(), new Shell.Reply(job, r));
  }

  // ---------------------------------------------------------------- commands

  private void exec(Exec e) {
    List<String> argv;
    try {
      argv = Shlex.split(e.line());
    } catch (IllegalArgumentException ex) {
      reply(e.job(), stack.exec(e.line(), ctx.now()));
      return;
    }
    String verb = argv.isEmpty() ? "" : argv.get(0);
    NetCommandResult r;
    switch (verb) {
      case "traffic" -> r = traffic(argv);
      case "@send" -> r = send(argv);
      case "@sleep" -> {
        sleep(e.job(), argv);
        return;
      }
      default -> {
        r = stack.exec(e.line(), ctx.now());
        if (r.exit() == 0) {
          treesChanged();
        }
      }
    }
    reply(e.job(), r);
  }

  /** After a command: the trees may differ; re-arm every queue's watchdog, settle sockets. */
  private void treesChanged() {
    watchdogQdiscs = null;
    for (NetDevice d : stack.namespace().devices()) {
      for (int q = 0; q < d.numTxQueues(); q++) {
        syncWatchdog(d, q, false);
        if (d.txQueue(q).qdisc().qlen() == 0) {
          queueEmptied(d, q);
        }
      }
    }
  }

  /** {@code @sleep S}: the job finishes S seconds later. */
  private void sleep(long job, List<String> argv) {
    double s;
    try {
      s = argv.size() > 1 ? Double.parseDouble(argv.get(1)) : 0;
    } catch (NumberFormatException ex) {
      s = -1;
    }
    if (s < 0) {
      reply(job, new NetCommandResult(1, "", "usage: @sleep SECONDS\n"));
      return;
    }
    ctx.schedule(Math.round(s * 1e9), new SleepOver(job));
  }

  /** {@code @send DST COUNT SIZE [PORT]}: COUNT UDP datagrams of SIZE payload bytes. */
  private NetCommandResult send(List<String> argv) {
    Integer dst = argv.size() > 3 ? NetAddr.parseIpv4(argv.get(1)) : null;
    if (dst == null) {
      return new NetCommandResult(1, "", "usage: @send DST COUNT SIZE [PORT]\n");
    }
    int count = Integer.parseInt(argv.get(2));
    int size = Integer.parseInt(argv.get(3));
    int port = argv.size() > 4 ? Integer.parseInt(argv.get(4)) : 9;
    NetDevice d = stack.route(dst);
    int ok = 0;
    int err = 0;
    for (int i = 0; i < count; i++) {
      if (d == null || !d.isUp()) {
        err++;
        continue;
      }
      Packet p = Packet.udp(stack.namespace().nextPacketId(), size + TrafficSpec.UDP_OVERHEAD,
          NetStack.sourceAddress(d), dst, SEND_SRC_PORT, port);
      p.setBornNs(ctx.now());
      transmit(d, p);
      ok++;
    }
    return NetCommandResult.ok("sent " + ok + " errors " + err + "\n");
  }

  // ---------------------------------------------------------------- traffic

  private NetCommandResult traffic(List<String> argv) {
    String sub = argv.size() > 1 ? argv.get(1) : "";
    List<String> rest = argv.subList(Math.min(2, argv.size()), argv.size());
    try {
      return switch (sub) {
        case "start" -> trafficStart(TrafficSpec.parse(rest));
        case "stop" -> trafficStop(rest);
        case "show" -> trafficShow(deviceArg(rest));
        default -> new NetCommandResult(1, "", TrafficSpec.USAGE);
      };
    } catch (IllegalArgumentException ex) {
      return new NetCommandResult(1, "", ex.getMessage() + "\n" + TrafficSpec.USAGE);
    }
  }

  private NetCommandResult trafficShow(String dev) {
    if (dev != null && stack.namespace().device(dev) == null) {
      return new NetCommandResult(1, "", "Cannot find device \"" + dev + "\"\n");
    }
    return NetCommandResult.ok(TrafficShow.render(stack.namespace(), generators, flows, sinks,
        dev, ctx.now()));
  }

  private static String deviceArg(List<String> rest) {
    if (rest.isEmpty()) {
      return null;
    }
    if (rest.size() != 2 || !rest.get(0).equals("dev")) {
      throw new IllegalArgumentException("traffic: expected \"dev DEV\"");
    }
    return rest.get(1);
  }

  private NetCommandResult trafficStart(TrafficSpec spec) {
    NetDevice d = stack.namespace().device(spec.dev());
    if (d == null) {
      return new NetCommandResult(1, "", "Cannot find device \"" + spec.dev() + "\"\n");
    }
    int l3 = spec.wireLen() - 14;
    if (l3 > d.mtu()) {
      return new NetCommandResult(1, "", "traffic: size " + spec.size() + " does not fit the MTU"
          + " of " + d.name() + " (" + d.mtu() + ")\n");
    }
    if (TrafficFlow.intervalNs(spec.wireLen(), spec.rateBps(), spec.flows()) == 0) {
      return new NetCommandResult(1, "", "traffic: rate " + TcUnits.sprintRate(spec.rateBps() / 8)
          + " is more than one packet per ns per flow\n");
    }
    Integer dst = directory.resolve(spec.dst() == null ? "" : spec.dst());
    if (spec.dst() == null) {
      dst = defaultDestination(d);
    } else if (dst == null) {
      return new NetCommandResult(1, "", "traffic: no interface \"" + spec.dst()
          + "\" in the scenario\n");
    }
    long now = ctx.now();
    long stop = spec.durationNs() < 0 ? Long.MAX_VALUE : now + spec.durationNs();
    TrafficGenerator g = new TrafficGenerator(nextGenerator++, spec, sourceOf(d), dst, now, stop);
    generators.add(g);
    long interval = TrafficFlow.intervalNs(spec.wireLen(), spec.rateBps(), spec.flows());
    // Each flow starts at its own phase within one interval, drawn from a generator seeded per
    // flow: the same scenario and seed give the same arrivals, whatever else draws numbers.
    long seed = ctx.random().nextLong();
    for (int i = 0; i < spec.flows(); i++) {
      long phase = (long) (((TraceHash.mix(seed + i) >>> 11) * 0x1.0p-53) * interval);
      TrafficFlow f = new TrafficFlow(nextFlow++, g.id(), SEND_SRC_PORT + i, spec.wireLen(),
          spec.rateBps(), spec.flows(), now + phase);
      flows.put(f.id(), f);
      g.flows().add(f.id());
      f.setTimer(ctx.schedule(phase, new Arrival(f.id())));
    }
    return NetCommandResult.ok("");
  }

  /** Where traffic goes when no {@code dst} is given: the other end of the device's link. */
  private int defaultDestination(NetDevice d) {
    NicDriver drv = driverOf(d);
    if (drv != null) {
      NicConfig n = config.nics().get(drv.index());
      return n.link() == null ? 0 : NetDirectory.address(n.link().machine(), n.link().nic());
    }
    NetDevice peer = d.peer() == null ? null : stack.namespace().device(d.peer());
    return peer == null ? 0 : NetStack.sourceAddress(peer);
  }

  private int sourceOf(NetDevice d) {
    int a = NetStack.sourceAddress(d);
    NicDriver drv = driverOf(d);
    return a != 0 || drv == null ? a : drv.address();
  }

  private NetCommandResult trafficStop(List<String> rest) {
    String dev = deviceArg(rest);
    if (dev == null) {
      throw new IllegalArgumentException("traffic: stop needs \"dev DEV\"");
    }
    int stopped = 0;
    for (TrafficGenerator g : generators) {
      if (!g.stopped() && g.spec().dev().equals(dev)) {
        stopGenerator(g);
        stopped++;
      }
    }
    if (stopped == 0) {
      return new NetCommandResult(1, "", "traffic: nothing is sending on \"" + dev + "\"\n");
    }
    return NetCommandResult.ok("");
  }

  private void stopGenerator(TrafficGenerator g) {
    g.stop();
    for (int id : g.flows()) {
      TrafficFlow f = flows.get(id);
      if (f.timer() >= 0) {
        ctx.cancel(f.timer());
        f.setTimer(-1);
      }
    }
  }

  /** A flow's packet is due: send it if the socket has room, and pace the next one. */
  private void arrival(TrafficFlow f) {
    f.setTimer(-1);
    TrafficGenerator g = generators.get(f.generator());
    if (g.stopped()) {
      return;
    }
    if (ctx.now() >= g.stopNs()) {
      stopGenerator(g);
      return;
    }
    TrafficSpec spec = g.spec();
    NetDevice d = stack.namespace().device(spec.dev());
    if (!f.hasRoom()) {
      if (spec.tcp()) {
        f.block();
        return;
      }
      f.countEagain();
    } else if (d == null || !d.isUp()) {
      f.countFailed();
    } else {
      Packet p = Packet.udp(stack.namespace().nextPacketId(), spec.wireLen(), g.srcIp(),
          g.dstIp(), f.srcPort(), TRAFFIC_DST_PORT);
      if (spec.tcp()) {
        p.setIpProto(Packet.IPPROTO_TCP);
      }
      p.setPriority(spec.priority());
      p.setMark(spec.mark());
      p.setOwner(f.id());
      p.setBornNs(ctx.now());
      transmit(d, p);
    }
    f.advance();
    f.setTimer(ctx.schedule(Math.max(0, f.nextNs() - ctx.now()), new Arrival(f.id())));
  }

  /** The packet no longer holds its socket's buffer: a blocked writer may go on. */
  private void freeCharge(TrafficFlow f) {
    if (f.blocked() && f.hasRoom()) {
      f.unblock(ctx.now());
      f.setTimer(ctx.schedule(0, new Arrival(f.id())));
    }
  }

  private TrafficFlow ownerOf(Packet p) {
    return p.owner() < 0 ? null : flows.get(p.owner());
  }

  /** The packet was dropped or handed on without a ring: uncharge its socket. */
  private void free(Packet p) {
    TrafficFlow f = ownerOf(p);
    if (f != null) {
      p.setOwner(-1);
      f.freeQueued();
      freeCharge(f);
    }
  }

  /** Queue {@code txq} of {@code d} is empty: nothing of any flow is left in it. */
  private void queueEmptied(NetDevice d, int txq) {
    for (TrafficGenerator g : generators) {
      if (!g.spec().dev().equals(d.name())) {
        continue;
      }
      for (int id : g.flows()) {
        TrafficFlow f = flows.get(id);
        if (f.queued() > 0 && f.ifindex() == d.ifindex()
            && (f.txq() == txq || sharedRoot(d, txq))) {
          f.queueEmptied();
          freeCharge(f);
        }
      }
    }
  }

  // ---------------------------------------------------------------- TX path

  private NicDriver driverOf(NetDevice d) {
    if (d.kind() != DeviceKind.NIC) {
      return null;
    }
    for (NicDriver drv : drivers) {
      if (drv.device().equals(d.name())) {
        return drv;
      }
    }
    return null;
  }

  /** __dev_queue_xmit(): enqueue on the flow's TX queue and run it, or send directly. */
  private void transmit(NetDevice d, Packet p) {
    TxResult r = stack.transmit(d.name(), p, ctx.now());
    TrafficFlow f = ownerOf(p);
    if (f != null) {
      f.charge(p.len(), d.ifindex(), r.txQueue());
    }
    switch (r.outcome()) {
      case DIRECT -> {
        NicDriver drv = driverOf(d);
        if (drv != null && drv.stopped(r.txQueue())) {
          // noqueue on a device whose ring is full: "Virtual device asks to queue packet!"
          d.stats().txDrop();
          free(p);
        } else {
          xmit(d, r.txQueue(), p);
        }
      }
      case QUEUED -> runQueue(d, r.txQueue());
      case DROPPED -> {
        if ((r.verdict() & NetXmit.MASK) != NetXmit.CN) {
          // NET_XMIT_DROP: this packet is gone. NET_XMIT_CN: queued, another one was dropped.
          free(p);
        }
        runQueue(d, r.txQueue());
      }
    }
  }

  /**
   * qdisc_run(): dequeue and hand packets to the driver until the qdisc has nothing it may send
   * now or the ring is full; then arm the watchdog for the qdisc's next moment. A root shared
   * by all TX queues of a multiqueue device (a non-mq root) feeds every ring: a packet whose
   * ring is full goes back to the head of the qdisc (a requeue) and the queue waits for that
   * ring's next completion.
   */
  private void runQueue(NetDevice d, int txq) {
    NicDriver drv = driverOf(d);
    boolean shared = sharedRoot(d, txq);
    long now = ctx.now();
    Qdisc root = d.txQueue(txq).qdisc();
    while (d.isUp() && (drv == null || shared || !drv.stopped(txq))) {
      if (shared && blockedOn.containsKey(d.ifindex())) {
        if (drv.stopped(blockedOn.get(d.ifindex()))) {
          break;
        }
        blockedOn.remove(d.ifindex());
      }
      Packet p = stack.dequeue(d.name(), txq, now);
      if (p == null) {
        break;
      }
      if (shared && drv != null && drv.stopped(p.queueMapping())) {
        root.requeue(p);
        blockedOn.put(d.ifindex(), p.queueMapping());
        break;
      }
      xmit(d, p.queueMapping(), p);
    }
    syncWatchdog(d, txq, true);
    if (root.qlen() == 0) {
      queueEmptied(d, txq);
    }
  }

  /** Whether TX queue {@code txq} shares its qdisc with the device's other queues. */
  private static boolean sharedRoot(NetDevice d, int txq) {
    return d.isMultiqueue() && d.txQueue(txq).qdisc() == d.qdisc();
  }

  /** dev_hard_start_xmit(): the driver takes the packet. */
  private void xmit(NetDevice d, int txq, Packet p) {
    d.stats().transmitted(p.len());
    NicDriver drv = driverOf(d);
    if (drv != null) {
      TrafficFlow f = ownerOf(p);
      if (f != null) {
        f.toDriver();
      }
      drv.post(txq, p);
      ctx.send(drv.nic(), config.timings().mmio(), new Nic.Xmit(txq, frameOf(p)));
      return;
    }
    // veth_xmit() orphans the skb (its socket is uncharged); dummy and ifb free it.
    free(p);
    switch (d.kind()) {
      case VETH -> {
        NetDevice peer = d.peer() == null ? null : stack.namespace().device(d.peer());
        if (peer != null && peer.isUp()) {
          receive(peer, p);
        } else {
          d.stats().txDrop();
        }
      }
      case LOOPBACK -> receive(d, p);
      default -> { }
    }
  }

  private static Frame frameOf(Packet p) {
    return new Frame(p.id(), p.len(), p.protocol(), p.ipProto(), p.srcIp(), p.dstIp(),
        p.srcPort(), p.dstPort(), p.bornNs());
  }

  /** A TX completion: the packet's socket is uncharged and a stopped queue wakes up. */
  private void txCompleted(Nic.TxCompleted t) {
    NicDriver drv = drivers.get(t.nic());
    boolean wasStopped = drv.stopped(t.queue());
    Packet p = drv.complete(t.queue());
    TrafficFlow f = p == null ? null : ownerOf(p);
    if (f != null) {
      f.freeDriver();
      freeCharge(f);
    }
    NetDevice d = stack.namespace().device(drv.device());
    if (d == null) {
      return;
    }
    Integer blocked = blockedOn.get(d.ifindex());
    if (blocked != null ? blocked == t.queue() : wasStopped) {
      runQueue(d, t.queue());
    }
  }

  // ---------------------------------------------------------------- watchdogs

  /**
   * Arms the queue's watchdog timer for the earliest watchdog of its tree. After a run, only
   * expiries after now count (the run served everything due); after a command an expiry at now
   * still counts (its timer may not have fired yet at this instant). A stopped queue needs no
   * timer: the TX completion that wakes it runs it.
   */
  private void syncWatchdog(NetDevice d, int txq, boolean afterRun) {
    NicDriver drv = driverOf(d);
    long when = QdiscWatchdog.NONE;
    Qdisc root = d.txQueue(txq).qdisc();
    boolean shared = sharedRoot(d, txq);
    boolean stopped = shared ? blockedOn.containsKey(d.ifindex())
        : drv != null && drv.stopped(txq);
    // An empty tree has no throttled qdisc: root qlen counts every packet below it. A shared
    // root has one timer, on queue 0.
    if (d.isUp() && root.qlen() > 0 && !stopped && (!shared || txq == 0)) {
      long after = afterRun ? ctx.now() : ctx.now() - 1;
      for (Qdisc q : watchdogQdiscs(root)) {
        long t = q.watchdog().expiresNs();
        if (q.qlen() > 0 && t > after && t < when) {
          when = t;
        }
      }
    }
    watchdogs.arm(ctx, d.ifindex(), txq, when, new WatchdogFired(d.ifindex(), txq));
  }

  /** The qdiscs of the tree under {@code root} that have a watchdog (cached until it changes). */
  private List<Qdisc> watchdogQdiscs(Qdisc root) {
    if (watchdogQdiscs == null) {
      watchdogQdiscs = new IdentityHashMap<>();
    }
    List<Qdisc> list = watchdogQdiscs.get(root);
    if (list == null) {
      list = new ArrayList<>();
      ArrayDeque<Qdisc> todo = new ArrayDeque<>();
      todo.add(root);
      while (!todo.isEmpty()) {
        Qdisc q = todo.poll();
        if (q.watchdog() != null) {
          list.add(q);
        }
        if (q.classful()) {
          for (int cl : q.clWalk()) {
            Qdisc leaf = q.clLeaf(cl);
            if (leaf != null && leaf != q) {
              todo.add(leaf);
            }
          }
        }
      }
      watchdogQdiscs.put(root, list);
    }
    return list;
  }

  // ---------------------------------------------------------------- RX path

  private void received(Nic.Received r) {
    NetDevice d = stack.namespace().device(drivers.get(r.nic()).device());
    Frame f = r.frame();
    Packet p = Packet.udp(stack.namespace().nextPacketId(), f.len(), f.srcIp(), f.dstIp(),
        f.srcPort(), f.dstPort());
    p.setProtocol(f.ethertype());
    p.setIpProto(f.ipProto());
    p.setBornNs(f.bornNs());
    receive(d, p);
  }

  /** netif_receive_skb(): count, run the ingress hook, deliver to the machine's sockets. */
  private void receive(NetDevice d, Packet p) {
    if (!d.isUp()) {
      d.stats().rxDrop();
      return;
    }
    d.stats().received(p.len());
    if (stack.receive(d.name(), p, ctx.now())) {
      sinks.computeIfAbsent(d.name(), k -> new TrafficSink())
          .deliver(p.len(), p.bornNs(), ctx.now());
    }
  }
}
