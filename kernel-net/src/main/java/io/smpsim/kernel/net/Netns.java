package io.smpsim.kernel.net;

import io.smpsim.hw.nic.Nic;
import io.smpsim.hw.nic.NicHost;
import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.dev.NetStack;
import io.smpsim.kernel.net.sched.ClassDump;
import io.smpsim.kernel.net.sched.QdiscDump;
import io.smpsim.kernel.net.sched.SchedQuirk;
import io.smpsim.kernel.net.tc.ShellResult;
import io.smpsim.kernel.net.tc.Shlex;
import io.smpsim.kernel.net.traffic.Traffic;
import io.smpsim.sim.Address;
import io.smpsim.sim.EntityContext;
import java.util.Arrays;
import java.util.List;

/**
 * A machine's network namespace (Linux's {@code struct net}) as one entity: rtnetlink (the
 * {@code ip}/{@code tc} control plane over its {@link NetStack}), the traffic generators with
 * their sockets, the receive side, and the virtual devices. The TX queues of its NICs are
 * entities of their own ({@link NetdevTxQueue}: a root qdisc's lock domain each); this entity
 * sends them every {@code ip}/{@code tc} command it runs, so that their trees follow its own in
 * the same order, and answers once they all have. A {@code tc ... show} prints the netlink
 * dumps the queues answer for the qdiscs and classes they run ({@link RtnlRequest}).
 *
 * <p>The TX path: a sender's packet is built here (its socket charged), picks a TX queue by
 * its flow hash or its socket's queue, and goes to the entity running that queue's root
 * ({@link NetdevTxQueue.Xmit}), which tells the socket what became of it ({@link Sock},
 * {@link QueueEmptied}). A virtual device's queue runs here ({@link NetDataPath}); a veth
 * delivers to its peer's RX path at once. The RX path runs the ingress/clsact hook, then hands
 * the packet to the machine's sockets.
 *
 * <p>The namespace works with the machine's CPUs: a traffic sender is a task bound to a CPU, so
 * a due packet is sent only once that CPU ran the task ({@link NetCpuMail.SenderWake},
 * answered by {@link SenderRan}; a CPU that is offline parks its senders until it is back). Each
 * NIC queue pair has an MSI-X vector ({@link NicVectors}) delivered through the local APIC of
 * the CPU its affinity names; a TX completion or a received packet waits in its ring until that
 * CPU takes the vector and its NAPI poll runs ({@link NapiPoll}): a CPU with interrupts off
 * holds the vector back, and the stack waits for its completions. The poll hands each TX
 * completion to the queue entity that posted the descriptor ({@link NetdevTxQueue.Clean}).
 */
public final class Netns extends NetnsEntity<NicHost> {

  /** What the network namespace accepts besides its NICs' interrupts. */
  public sealed interface Command extends NicHost
      permits Exec, WatchdogFired, Arrival, SleepOver, DeviceSuspend, TasksFrozen, SenderRan,
      SenderParked, CpuOnline, IrqAffinity, NapiPoll, HoldQdiscLock, QdiscLockReleased, Sock,
      QueueEmptied, RtnlDone, VirtualXmit, QdiscRestart {}

  /**
   * A sender on {@code cpu}'s packet reaches __dev_queue_xmit() of virtual device
   * {@code ifindex}: the same hop later as a NIC's packet reaches its TX queue's entity.
   */
  public record VirtualXmit(int ifindex, int cpu, Packet packet) implements Command {
    @Override
    public long traceId() {
      return packet.id() * 31 + cpu;
    }
  }

  /**
   * A TX queue entity changed what flow {@code flow}'s socket holds: a packet was freed before
   * a ring ({@link #FREED}), went to a NIC's ring ({@link #ON_RING}) or was completed there
   * ({@link #COMPLETED}).
   */
  public record Sock(int flow, int how) implements Command {
    public static final int FREED = 0;
    public static final int ON_RING = 1;
    public static final int COMPLETED = 2;

    @Override
    public long traceId() {
      return flow * 3L + how;
    }
  }

  /**
   * TX queue {@code txq} of device {@code ifindex} (with {@code shared}, the root all its queues
   * share) holds nothing any more: what its flows still count as queued was dropped inside it.
   */
  public record QueueEmptied(int ifindex, int txq, boolean shared) implements Command {
    @Override
    public long traceId() {
      return ifindex * 131L + txq;
    }
  }

  /**
   * TX queue entity {@code queue} (its index among the machine's) did rtnetlink's request
   * {@code seq}: {@code spin} is where a command it ran loops for ever (null: it returned);
   * the dumps of its qdiscs and classes when asked; the transmit counters of its NIC's device
   * as it counted them.
   */
  public record RtnlDone(long seq, int queue, String spin, List<QdiscDump> qdiscs,
      List<ClassDump> classes, long txPackets, long txBytes, long txDropped)
      implements Command {
    @Override
    public long traceId() {
      return seq * 8191 + queue;
    }

    /** A summary: the dumps' options hold arrays, whose own strings are identity hashes. */
    @Override
    public String toString() {
      return "RtnlDone[seq=" + seq + ", queue=" + queue + ", spin=" + spin + ", qdiscs="
          + qdiscs.size() + ", classes=" + classes.size() + ", tx=" + txPackets + "/" + txBytes
          + "/" + txDropped + "]";
    }
  }

  /**
   * Task {@code pid} on CPU {@code cpu} takes the root lock of TX queue {@code txq} of
   * {@code dev} and keeps it (smpsim's {@code inject qdisc-lock}); the answer says whether it
   * got it.
   */
  public record HoldQdiscLock(long job, String dev, int txq, int cpu, int pid,
      Address<NetAsker> replyTo) implements Command {
    @Override
    public long traceId() {
      return job * 31 + pid;
    }
  }

  /**
   * CPU {@code cpu} took NIC vector {@code vector}: its handler's napi_schedule() runs the poll
   * in NET_RX there, which cleans the vector's TX completions and receives its frames.
   */
  public record NapiPoll(int vector, int cpu) implements Command {
    @Override
    public long traceId() {
      return vector * 8191L + cpu;
    }
  }

  /** Flow {@code flow}'s sending task ran on its CPU: its packet goes to __dev_queue_xmit(). */
  public record SenderRan(int flow) implements Command {
    @Override
    public long traceId() {
      return flow;
    }
  }

  /** Flow {@code flow}'s task was woken on {@code cpu}, which is offline: it waits for it. */
  public record SenderParked(int flow, int cpu) implements Command {
    @Override
    public long traceId() {
      return flow * 8191L + cpu;
    }
  }

  /** CPU {@code cpu} came online ({@code true}) or went offline (cpuhp). */
  public record CpuOnline(int cpu, boolean online) implements Command {
    @Override
    public long traceId() {
      return cpu * 2L + (online ? 1 : 0);
    }
  }

  /**
   * Read ({@code write} null) or write /proc/irq/{@code irq}/smp_affinity_list; the answer is a
   * {@link NetCommandResult} whose stderr is the write's strerror.
   */
  public record IrqAffinity(long job, int irq, String write, Address<NetAsker> replyTo)
      implements Command {
    @Override
    public long traceId() {
      return job * 31 + irq;
    }
  }

  /** The PM core freezes ({@code true}) or thaws the user-space senders (the traffic). */
  public record TasksFrozen(boolean frozen) implements Command {}

  /** The PM core suspends ({@code true}) or resumes the NIC drivers (dpm_suspend/dpm_resume). */
  public record DeviceSuspend(boolean suspend) implements Command {}

  /**
   * Run {@code line} ({@code ip}, {@code tc}, {@code traffic}, an oracle pseudo-command) for
   * a task on CPU {@code cpu} (-1: none the model knows) and answer {@code replyTo}'s job
   * {@code job}.
   */
  public record Exec(long job, String line, Address<NetAsker> replyTo, int cpu)
      implements Command {

    /** A command from no particular CPU. */
    public Exec(long job, String line, Address<NetAsker> replyTo) {
      this(job, line, replyTo, -1);
    }

    @Override
    public long traceId() {
      return job * 31 + line.hashCode();
    }
  }

  /** The next packet of traffic flow {@code flow} is due. */
  public record Arrival(int flow) implements Command {
    @Override
    public long traceId() {
      return flow;
    }
  }

  /** An {@code @sleep} is over: job {@code job} of {@code replyTo} finishes. */
  public record SleepOver(long job, Address<NetAsker> replyTo) implements Command {}

  private final NetDirectory directory;
  private final Traffic traffic = new Traffic();
  /** Where the senders' tasks run. */
  private final SenderTasks senders = new SenderTasks();
  private final NapiRings napi;
  /** The ip/tc commands, run here and by every TX queue entity. */
  private final Rtnetlink rtnetlink;
  /** The CPU the sender of the event being handled runs on, or -1. */
  private int senderCpu = -1;
  private transient SendersHost host;
  private transient SocketsHere sockets;
  private transient VirtualDevices virtual;

  public Netns(NetnsConfig config, NetDirectory directory) {
    super(config);
    this.directory = directory;
    this.napi = new NapiRings(config, vectors);
    this.rtnetlink = new Rtnetlink(config, stack, shell, dataPath);
  }

  /** The stack, for tests. */
  public NetStack stack() {
    return stack;
  }

  @Override
  protected void bindHere(EntityContext c) {
    if (host == null) {
      host = new SendersHost(config, stack, directory, dataPath, senders, this::transmit);
      sockets = new SocketsHere();
      virtual = new VirtualDevices();
    }
    host.bind(c);
    dataPath.bind(c, sockets, virtual);
  }

  @Override
  public void onEvent(EntityContext c, int src, NicHost msg) {
    bind(c);
    dataPath.onCpu(-1);
    if (msg instanceof Nic.TxCompleted t) {
      napi.fromNic(c, t.nic(), t.queue(), t);
    } else if (msg instanceof Nic.Received r) {
      napi.fromNic(c, r.nic(), r.queue(), r);
    } else if (msg instanceof NapiPoll p) {
      dataPath.napiPoll(napi.of(p.vector()), p.cpu());
    } else if (msg instanceof HoldQdiscLock h) {
      holdQdiscLock(h);
    } else if (msg instanceof QdiscLockReleased q) {
      dataPath.released(q.pid());
      for (Address<NetdevTxQueue.Command> a : config.txQueueAddresses()) {
        ctx.send(a, config.mmioNs(), q);
      }
    } else if (msg instanceof Sock k) {
      switch (k.how()) {
        case Sock.FREED -> traffic.freed(k.flow(), host);
        case Sock.ON_RING -> traffic.onRing(k.flow());
        default -> traffic.completed(k.flow(), host);
      }
    } else if (msg instanceof QueueEmptied q) {
      NetDevice d = stack.namespace().device(q.ifindex());
      if (d != null) {
        traffic.queueEmptied(d, q.txq(), q.shared(), host);
      }
    } else if (msg instanceof RtnlDone d) {
      rtnetlink.done(ctx, d);
    } else if (msg instanceof VirtualXmit v) {
      NetDevice d = stack.namespace().device(v.ifindex());
      if (d == null) {
        traffic.free(v.packet(), host);
      } else {
        // The packet enters the stack here: its one-way delay counts from __dev_queue_xmit().
        v.packet().setBornNs(ctx.now());
        dataPath.onCpu(v.cpu());
        dataPath.transmit(d, v.packet());
        dataPath.onCpu(-1);
      }
    } else if (msg instanceof Exec e) {
      exec(e);
    } else if (msg instanceof WatchdogFired w) {
      watchdogs.fired(w.ifindex(), w.txq());
      NetDevice d = stack.namespace().device(w.ifindex());
      if (d != null && w.txq() < d.numTxQueues()) {
        NicDriver drv = dataPath.driverOf(d);
        // The qdisc watchdog's hrtimer fires where the queue last ran: its vector's CPU (a
        // virtual device's on none the model accounts for).
        int cpu = drv == null ? -1 : vectors.cpuOf(vectors.vectorOf(drv.index(), w.txq()));
        dataPath.watchdogFired(d, w.txq(), cpu,
            stack.namespace().quirk(SchedQuirk.QDISC_RUN_FROM_WATCHDOG));
      }
    } else if (msg instanceof Arrival a) {
      traffic.arrival(a.flow(), host);
    } else if (msg instanceof SenderRan s) {
      Integer cpu = senders.take(s.flow());
      if (cpu != null) {
        senderCpu = cpu;
        dataPath.onCpu(cpu);
        traffic.run(s.flow(), host);
        senderCpu = -1;
      }
    } else if (msg instanceof SenderParked p) {
      if (senders.take(p.flow()) != null) {
        host.runOn(p.cpu(), p.flow());
      }
    } else if (msg instanceof CpuOnline o) {
      cpuOnline(o.cpu(), o.online());
    } else if (msg instanceof IrqAffinity a) {
      irqAffinity(a);
    } else if (msg instanceof SleepOver s) {
      reply(s.replyTo(), s.job(), ShellResult.ok(""));
    } else if (msg instanceof TasksFrozen tf) {
      traffic.freeze(tf.frozen(), host);
    } else if (msg instanceof DeviceSuspend ds) {
      // The NIC drivers' TX side is their queues': each detaches, or attaches and runs again.
      for (NicDriver drv : drivers) {
        drv.detached(ds.suspend());
      }
      for (Address<NetdevTxQueue.Command> a : config.txQueueAddresses()) {
        ctx.send(a, config.mmioNs(), new NetdevTxQueue.Detach(ds.suspend()));
      }
    } else if (msg instanceof QdiscRestart q) {
      NetDevice d = stack.namespace().device(q.ifindex());
      if (d != null && q.txq() < d.numTxQueues()) {
        dataPath.restartFired(d, q.txq());
      }
    }
    // What the event's code spent on its CPU is charged to it.
    dataPath.onCpu(-1);
  }

  /** The NIC vectors moved: the TX queue entities learn where their watchdogs now fire. */
  private void vectorsMoved(int[] before) {
    int[] now = vectors.targets();
    if (!Arrays.equals(before, now)) {
      for (Address<NetdevTxQueue.Command> a : config.txQueueAddresses()) {
        ctx.send(a, config.mmioNs(), new NetdevTxQueue.VectorTargets(now.clone()));
      }
    }
  }

  /**
   * cpuhp: a CPU that comes online runs the senders that waited for it; one that goes offline
   * keeps the senders woken on it (they run when it is back) and gives up its NIC vectors.
   */
  private void cpuOnline(int cpu, boolean up) {
    if (up) {
      int[] was = vectors.targets();
      vectors.online(cpu);
      vectorsMoved(was);
      for (int flow : senders.online(cpu)) {
        traffic.arrival(flow, host);
      }
      return;
    }
    senders.offline(cpu);
    int[] before = vectors.targets();
    vectors.offline(cpu);
    napi.retrigger(ctx, before);
    vectorsMoved(before);
  }

  private void holdQdiscLock(HoldQdiscLock h) {
    NetDevice d = stack.namespace().device(h.dev());
    String err;
    if (d == null) {
      err = "Cannot find device \"" + h.dev() + "\"";
    } else if (h.txq() < 0 || h.txq() >= d.numTxQueues()) {
      err = h.dev() + " has TX queues 0-" + (d.numTxQueues() - 1);
    } else if (dataPath.driverOf(d) != null) {
      // The lock is the root's, in the entity of the TX queue that runs it: it answers.
      int nic = dataPath.driverOf(d).index();
      ctx.send(config.txQueue(nic, NetdevTxQueue.lockDomain(d, h.txq())), config.mmioNs(),
          new NetdevTxQueue.HoldLock(h.job(), d.ifindex(), h.txq(), h.cpu(), h.pid(),
              h.replyTo()));
      return;
    } else {
      err = dataPath.hold(d, h.txq(), h.cpu(), h.pid());
    }
    reply(h.replyTo(), h.job(), err.isEmpty() ? ShellResult.ok("")
        : new ShellResult(1, "", "inject: " + err + "\n"));
  }

  /** /proc/irq/N/smp_affinity_list. */
  private void irqAffinity(IrqAffinity a) {
    int v = vectors.vectorOfIrq(a.irq());
    ShellResult r;
    if (v < 0) {
      r = new ShellResult(1, "", Errno.strerror(Errno.ENOENT));
    } else if (a.write() == null) {
      r = ShellResult.ok(vectors.affinityList(v));
    } else {
      int[] before = vectors.targets();
      int err = vectors.writeAffinity(v, a.write());
      napi.retrigger(ctx, before);
      vectorsMoved(before);
      r = err == 0 ? ShellResult.ok("") : new ShellResult(1, "", Errno.strerror(err));
    }
    reply(a.replyTo(), a.job(), r);
  }

  private void reply(Address<NetAsker> to, long job, ShellResult r) {
    ctx.send(to, config.mmioNs(),
        new NetAsker.Answer(job, new NetCommandResult(r.exit(), r.stdout(), r.stderr())));
  }

  // ---------------------------------------------------------------- commands

  private void exec(Exec e) {
    List<String> argv;
    try {
      argv = Shlex.split(e.line());
    } catch (IllegalArgumentException ex) {
      reply(e.replyTo(), e.job(), shell.exec(e.line(), ctx.now()));
      return;
    }
    String verb = argv.isEmpty() ? "" : argv.get(0);
    ShellResult r;
    switch (verb) {
      case "traffic" -> r = traffic.command(argv, host);
      case "@send" -> r = send(argv);
      case "@sleep" -> {
        sleep(e, argv);
        return;
      }
      default -> {
        rtnetlink.request(ctx, e, argv);
        return;
      }
    }
    reply(e.replyTo(), e.job(), r);
  }

  /** {@code @sleep S}: the job finishes S seconds later. */
  private void sleep(Exec e, List<String> argv) {
    double s;
    try {
      s = argv.size() > 1 ? Double.parseDouble(argv.get(1)) : 0;
    } catch (NumberFormatException ex) {
      s = -1;
    }
    if (s < 0) {
      reply(e.replyTo(), e.job(), new ShellResult(1, "", "usage: @sleep SECONDS\n"));
      return;
    }
    ctx.schedule(Math.round(s * 1e9), new SleepOver(e.job(), e.replyTo()));
  }

  /** {@code @send DST COUNT SIZE [PORT]}: the datagrams leave through the socket layer. */
  private ShellResult send(List<String> argv) {
    return shell.send(argv, (d, p) -> {
      p.setBornNs(ctx.now());
      transmit(d, p);
    });
  }

  /**
   * __dev_queue_xmit() from the socket layer: a virtual device's queue runs here (a sender's
   * packet one hop later, as it would reach a TX queue entity); a NIC's goes to the entity of
   * the TX queue whose root the packet's queue has, the socket charged as the packet was built.
   */
  private void transmit(NetDevice d, Packet p) {
    NicDriver drv = dataPath.driverOf(d);
    if (drv == null) {
      if (senderCpu >= 0) {
        ctx.schedule(config.mmioNs(), new VirtualXmit(d.ifindex(), senderCpu, p));
      } else {
        dataPath.transmit(d, p);
      }
      return;
    }
    int txq = stack.pickTx(d, p);
    traffic.charge(p, d.ifindex(), txq);
    int owner = NetdevTxQueue.lockDomain(d, txq);
    ctx.send(config.txQueue(drv.index(), owner), config.mmioNs(),
        new NetdevTxQueue.Xmit(d.ifindex(), senderCpu, p));
  }

  /** The devices whose TX queues run here: the virtual ones (ip link add, lo). */
  private final class VirtualDevices implements NetDataPath.Domain {
    @Override
    public boolean owns(NetDevice d, int txq) {
      return dataPath.driverOf(d) == null;
    }
  }

  /** The senders' sockets, here with the senders. */
  private final class SocketsHere implements NetDataPath.Sockets {

    @Override
    public void charge(Packet p, int ifindex, int txq) {
      traffic.charge(p, ifindex, txq);
    }

    @Override
    public void free(Packet p) {
      traffic.free(p, host);
    }

    @Override
    public void toDriver(Packet p) {
      traffic.toDriver(p);
    }

    @Override
    public void completed(Packet p) {
      traffic.completed(p, host);
    }

    @Override
    public void queueEmptied(NetDevice d, int txq, boolean shared) {
      traffic.queueEmptied(d, txq, shared, host);
    }

    @Override
    public void delivered(NetDevice d, Packet p) {
      traffic.delivered(d, p, ctx.now());
    }
  }
}
