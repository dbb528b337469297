package io.smpsim.kernel.net.traffic;

import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.dev.NetNamespace;
import io.smpsim.kernel.net.tc.ShellResult;
import io.smpsim.kernel.net.tc.TcUnits;
import io.smpsim.sim.TraceHash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A machine's generated traffic: the {@code traffic} verb, the paced flows it starts with their
 * socket send buffers, and what each device delivered to the machine's sockets. It lives in the
 * network namespace entity and reaches the stack and the clock through {@link Host}.
 *
 * <p>A generator's sending task is bound to one CPU ({@code cpu N}; by default generator
 * {@code i} of the machine runs on CPU {@code i mod nr_cpus}, as pktgen has one kpktgend thread
 * per CPU). A flow's packet falls due here, but it is built and handed to
 * {@code __dev_queue_xmit()} only when that CPU has run the task ({@link Host#runOn}, answered
 * by {@link #run}): a CPU that is offline, frozen, stuck with a task that will not yield or
 * stopped by a panic sends nothing, and its flows go on from where they were once it runs them
 * again, without catching up on the time they lost.
 */
public final class Traffic {

  /** What the senders need from the namespace they run in. */
  public interface Host {

    long now();

    /** One number from the namespace's seeded generator. */
    long draw();

    /** Arms the timer of {@code flow}'s next packet; returns its handle. */
    long arm(long delayNs, int flow);

    void cancel(long timer);

    NetNamespace namespace();

    /** The machine's number of CPUs. */
    int cpus();

    /** Wakes flow {@code flow}'s sending task on {@code cpu}; {@link #run} follows once it ran. */
    void runOn(int cpu, int flow);

    /** __dev_queue_xmit() of a packet the flow built. */
    void transmit(NetDevice d, Packet p);

    /** The source address of packets sent out of {@code d}. */
    int source(NetDevice d);

    /**
     * The destination address: of {@code dst} ({@code MACHINE:IF}), or when it is null of the
     * other end of {@code d}'s link; {@code null} when {@code dst} names no interface.
     */
    Integer destination(NetDevice d, String dst);
  }

  /** The first source port of a generator's flows. */
  public static final int SRC_PORT = 40000;
  /** The destination port of generated traffic (iperf's). */
  public static final int DST_PORT = 5001;

  private final List<TrafficGenerator> generators = new ArrayList<>();
  /** Flows by id; looked up, never iterated. */
  private final Map<Integer, TrafficFlow> flows = new HashMap<>();
  /** Receive counters by device name; shown in device order. */
  private final Map<String, TrafficSink> sinks = new HashMap<>();
  private int nextFlow;
  /** The senders are frozen (suspend): due packets wait, in this order, for the thaw. */
  private boolean frozen;
  private final List<Integer> parked = new ArrayList<>();
  private int nextGenerator;

  /** {@code traffic start|stop|show ...} ({@code argv[0]} is "traffic"). */
  public ShellResult command(List<String> argv, Host h) {
    String sub = argv.size() > 1 ? argv.get(1) : "";
    List<String> rest = argv.subList(Math.min(2, argv.size()), argv.size());
    try {
      return switch (sub) {
        case "start" -> start(TrafficSpec.parse(rest), h);
        case "stop" -> stop(rest, h);
        case "show" -> show(deviceArg(rest), h);
        default -> new ShellResult(1, "", TrafficSpec.USAGE);
      };
    } catch (IllegalArgumentException ex) {
      return new ShellResult(1, "", ex.getMessage() + "\n" + TrafficSpec.USAGE);
    }
  }

  private static ShellResult noDevice(String dev) {
    return new ShellResult(1, "", "Cannot find device \"" + dev + "\"\n");
  }

  private ShellResult show(String dev, Host h) {
    if (dev != null && h.namespace().device(dev) == null) {
      return noDevice(dev);
    }
    return ShellResult.ok(TrafficShow.render(h.namespace(), generators, flows, sinks, dev,
        h.now()));
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

  private ShellResult start(TrafficSpec spec, Host h) {
    NetDevice d = h.namespace().device(spec.dev());
    if (d == null) {
      return noDevice(spec.dev());
    }
    if (spec.wireLen() - 14 > d.mtu()) {
      int max = d.mtu() - (spec.wireLen() - 14 - spec.size());
      return new ShellResult(1, "", "traffic: size " + spec.size() + " does not fit the MTU"
          + " of " + d.name() + " (" + d.mtu() + "): at most " + max + " bytes of "
          + (spec.tcp() ? "tcp" : "udp") + " payload\n");
    }
    if (spec.cpu() >= h.cpus()) {
      return new ShellResult(1, "", "traffic: no CPU " + spec.cpu() + " (the machine has "
          + h.cpus() + ")\n");
    }
    long interval = TrafficFlow.intervalNs(spec.wireLen(), spec.rateBps(), spec.flows());
    if (interval == 0) {
      return new ShellResult(1, "", "traffic: rate " + TcUnits.sprintRate(spec.rateBps() / 8)
          + " is more than one packet per ns per flow\n");
    }
    Integer dst = h.destination(d, spec.dst());
    if (dst == null) {
      return new ShellResult(1, "", "traffic: no interface \"" + spec.dst()
          + "\" in the scenario\n");
    }
    long now = h.now();
    long stop = spec.durationNs() < 0 ? Long.MAX_VALUE : now + spec.durationNs();
    int cpu = spec.cpu() >= 0 ? spec.cpu() : nextGenerator % h.cpus();
    TrafficGenerator g = new TrafficGenerator(nextGenerator++, spec, cpu, h.source(d), dst, now,
        stop);
    generators.add(g);
    // Each flow starts at its own phase within one interval, drawn from a generator seeded per
    // flow: the same scenario and seed give the same arrivals, whatever else draws numbers.
    long seed = h.draw();
    for (int i = 0; i < spec.flows(); i++) {
      long phase = (long) (((TraceHash.mix(seed + i) >>> 11) * 0x1.0p-53) * interval);
      TrafficFlow f = new TrafficFlow(nextFlow++, g.id(), SRC_PORT + i, spec.wireLen(),
          spec.rateBps(), spec.flows(), now + phase);
      flows.put(f.id(), f);
      g.flows().add(f.id());
      f.setTimer(h.arm(phase, f.id()));
    }
    return ShellResult.ok("");
  }

  private ShellResult stop(List<String> rest, Host h) {
    String dev = deviceArg(rest);
    if (dev == null) {
      throw new IllegalArgumentException("traffic: stop needs \"dev DEV\"");
    }
    int stopped = 0;
    for (TrafficGenerator g : generators) {
      if (!g.stopped() && g.spec().dev().equals(dev)) {
        stopGenerator(g, h);
        stopped++;
      }
    }
    if (stopped == 0) {
      return new ShellResult(1, "", "traffic: nothing is sending on \"" + dev + "\"\n");
    }
    return ShellResult.ok("");
  }

  private void stopGenerator(TrafficGenerator g, Host h) {
    g.stop();
    for (int id : g.flows()) {
      TrafficFlow f = flows.get(id);
      if (f.timer() >= 0) {
        h.cancel(f.timer());
        f.setTimer(-1);
      }
    }
  }

  /** Flow {@code flow}'s packet is due: its task is woken on its CPU. */
  public void arrival(int flow, Host h) {
    TrafficFlow f = flows.get(flow);
    f.setTimer(-1);
    TrafficGenerator g = generators.get(f.generator());
    if (!due(f, g, h)) {
      return;
    }
    h.runOn(g.cpu(), flow);
  }

  /** Whether the flow's due packet is still to be sent (the generator runs, nothing froze). */
  private boolean due(TrafficFlow f, TrafficGenerator g, Host h) {
    if (g.stopped()) {
      return false;
    }
    if (h.now() >= g.stopNs()) {
      stopGenerator(g, h);
      return false;
    }
    if (frozen) {
      parked.add(f.id());
      return false;
    }
    return true;
  }

  /**
   * Flow {@code flow}'s task ran on its CPU: it sends its packet if the socket has room, and
   * paces the next. A task that ran late (its CPU was busy, stuck or offline) paces from now.
   */
  public void run(int flow, Host h) {
    TrafficFlow f = flows.get(flow);
    TrafficGenerator g = generators.get(f.generator());
    if (!due(f, g, h)) {
      return;
    }
    TrafficSpec spec = g.spec();
    NetDevice d = h.namespace().device(spec.dev());
    if (!f.hasRoom()) {
      if (spec.tcp()) {
        f.block();
        return;
      }
      f.countEagain();
    } else if (d == null || !d.isUp()) {
      f.countFailed();
    } else {
      Packet p = Packet.udp(h.namespace().nextPacketId(), spec.wireLen(), g.srcIp(), g.dstIp(),
          f.srcPort(), DST_PORT);
      if (spec.tcp()) {
        p.setIpProto(Packet.IPPROTO_TCP);
      }
      p.setPriority(spec.priority());
      p.setMark(spec.mark());
      p.setSocketQueue(spec.queue());
      p.setOwner(f.id());
      p.setBornNs(h.now());
      h.transmit(d, p);
    }
    f.advance();
    if (f.nextNs() < h.now()) {
      f.unblock(h.now());
      f.advance();
    }
    f.setTimer(h.arm(Math.max(0, f.nextNs() - h.now()), f.id()));
  }

  /**
   * freeze_processes() / thaw_processes(): the sending tasks stop where they are; thawed, each
   * sends its due packet at once and paces from there (no catching up on the frozen time).
   */
  public void freeze(boolean on, Host h) {
    frozen = on;
    if (!on) {
      for (int id : parked) {
        TrafficFlow f = flows.get(id);
        if (f != null && f.timer() < 0 && !f.blocked()) {
          f.unblock(h.now());
          f.setTimer(h.arm(0, id));
        }
      }
      parked.clear();
    }
  }

  private TrafficFlow ownerOf(Packet p) {
    return p.owner() < 0 ? null : flows.get(p.owner());
  }

  /** The stack took {@code p} onto TX queue {@code txq} of device {@code ifindex}. */
  public void charge(Packet p, int ifindex, int txq) {
    TrafficFlow f = ownerOf(p);
    if (f != null) {
      f.charge(p.len(), ifindex, txq);
    }
  }

  /** {@code p} was dropped, or handed on without a ring (veth, dummy): uncharge its socket. */
  public void free(Packet p, Host h) {
    TrafficFlow f = ownerOf(p);
    if (f != null) {
      p.setOwner(-1);
      f.freeQueued();
      wake(f, h);
    }
  }

  /** {@code p} left the qdisc for a NIC's ring: it stays charged until its completion. */
  public void toDriver(Packet p) {
    TrafficFlow f = ownerOf(p);
    if (f != null) {
      f.toDriver();
    }
  }

  /** The NIC completed {@code p}. */
  public void completed(Packet p, Host h) {
    TrafficFlow f = ownerOf(p);
    if (f != null) {
      f.freeDriver();
      wake(f, h);
    }
  }

  /**
   * A packet of flow {@code flow} was dropped or handed on without a ring, in an entity that
   * has no packet objects of this one (a NIC's TX queue): uncharge its socket.
   */
  public void freed(int flow, Host h) {
    TrafficFlow f = flows.get(flow);
    if (f != null) {
      f.freeQueued();
      wake(f, h);
    }
  }

  /** A packet of flow {@code flow} left the qdisc for a NIC's ring. */
  public void onRing(int flow) {
    TrafficFlow f = flows.get(flow);
    if (f != null) {
      f.toDriver();
    }
  }

  /** The NIC completed a packet of flow {@code flow}. */
  public void completed(int flow, Host h) {
    TrafficFlow f = flows.get(flow);
    if (f != null) {
      f.freeDriver();
      wake(f, h);
    }
  }

  /**
   * TX queue {@code txq} of {@code d} holds nothing any more (with {@code shared}, the root every
   * queue of the device feeds from): no packet of its flows is left in the qdisc.
   */
  public void queueEmptied(NetDevice d, int txq, boolean shared, Host h) {
    for (TrafficGenerator g : generators) {
      if (!g.spec().dev().equals(d.name())) {
        continue;
      }
      for (int id : g.flows()) {
        TrafficFlow f = flows.get(id);
        if (f.queued() > 0 && f.ifindex() == d.ifindex() && (shared || f.txq() == txq)) {
          f.queueEmptied();
          wake(f, h);
        }
      }
    }
  }

  /** The socket has room again: a blocked writer goes on. */
  private void wake(TrafficFlow f, Host h) {
    if (f.blocked() && f.hasRoom()) {
      f.unblock(h.now());
      f.setTimer(h.arm(0, f.id()));
    }
  }

  /** {@code d} delivered {@code p} to the machine's sockets at {@code nowNs}. */
  public void delivered(NetDevice d, Packet p, long nowNs) {
    sinks.computeIfAbsent(d.name(), k -> new TrafficSink()).deliver(p.len(), p.bornNs(), nowNs);
  }
}
