package io.smpsim.kernel.net;

import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.sched.ClassDump;
import io.smpsim.kernel.net.sched.EndlessLoop;
import io.smpsim.kernel.net.sched.Qdisc;
import io.smpsim.kernel.net.sched.QdiscDump;
import io.smpsim.kernel.net.sched.SchedQuirk;
import io.smpsim.sim.Address;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One TX queue of a scenario NIC (a {@code netdev_queue}) with the root qdisc attached to it: the
 * root qdisc's lock domain, run as an entity of its own. Under {@code mq} each TX queue's child
 * qdisc (and everything below it) lives in that queue's entity, so the queues of one NIC run in
 * parallel and can sit on different cluster nodes, each beside the CPU its vector names. A root
 * every queue of a device shares (a non-mq root on a multiqueue NIC) is one lock and lives in
 * queue 0's entity, which then feeds every ring of the NIC; the other queues' entities idle.
 * Classes of a classful qdisc (htb classes, prio bands) are plain objects inside it: dequeue is
 * a synchronous recursion down the tree, under one lock, as in the kernel.
 *
 * <p>Here run {@code __dev_xmit_skb()} (enqueue under the root lock, with the senders that find
 * it held spinning on their CPUs), {@code qdisc_run()} with its quota and NET_TX, one
 * {@code qdisc_restart()} at a time in the time of the CPU running it ({@link QdiscRestart}),
 * {@code dev_hard_start_xmit()} to the NIC's ring, the qdisc watchdog's hrtimer, and the TX
 * clean-up that frees descriptors and wakes a stopped queue. The {@link Netns} (rtnetlink) sends
 * each {@code ip}/{@code tc} command it runs here too ({@link Rtnl}), so this entity's trees
 * follow every change in the order rtnetlink made them (an entity that runs no root of its NIC
 * keeps the changes and applies them only once it needs its trees); a dump request is answered
 * with the netlink dumps of the qdiscs and classes this entity runs, which {@code tc ... show}
 * prints.
 * The senders' sockets stay in the namespace: frees, ring hand-overs and completions go back to
 * it ({@link Netns.Sock}).
 */
public final class NetdevTxQueue extends NetnsEntity<NetdevTxQueue.Command> {

  /** What a TX queue entity accepts. */
  public sealed interface Command extends SimMessage
      permits Xmit, Clean, WatchdogFired, QdiscRestart, Rtnl, HoldLock, QdiscLockReleased, Detach,
      VectorTargets, WatchdogDeadlock {}

  /**
   * __dev_queue_xmit() of {@code packet} on device {@code ifindex}, by a sender on {@code cpu}
   * (-1: no CPU the model accounts for).
   */
  public record Xmit(int ifindex, int cpu, Packet packet) implements Command {
    @Override
    public long traceId() {
      return packet.id() * 31 + cpu;
    }
  }

  /**
   * The NAPI poll on {@code cpu} cleaned a TX descriptor of ring {@code queue} of NIC
   * {@code nic}.
   */
  public record Clean(int nic, int queue, int cpu) implements Command {
    @Override
    public long traceId() {
      return (nic * 131L + queue) * 8191 + cpu;
    }
  }

  /**
   * rtnetlink's request {@code seq}: with {@code dump}, the dumps of this entity's qdiscs and
   * classes; otherwise run {@code line} ({@code ip}, {@code tc}) on this entity's trees, for a
   * task on CPU {@code cpu} (-1: none the model knows). {@code runsRoot}: on rtnetlink's trees
   * this entity runs a root of its NIC (before the change or after it); when it runs none, it
   * has nothing to dump, and a change may wait until the entity needs its trees.
   */
  public record Rtnl(long seq, String line, boolean dump, int cpu, boolean runsRoot)
      implements Command {
    @Override
    public long traceId() {
      return seq * 31 + line.hashCode();
    }
  }

  /**
   * Task {@code pid} on CPU {@code cpu} takes the root lock of TX queue {@code txq} of device
   * {@code ifindex} and keeps it; {@code replyTo}'s job {@code job} is answered from here.
   */
  public record HoldLock(long job, int ifindex, int txq, int cpu, int pid,
      Address<NetAsker> replyTo) implements Command {
    @Override
    public long traceId() {
      return job * 31 + pid;
    }
  }

  /** netif_device_detach() ({@code true}) or netif_device_attach(): driver suspend, resume. */
  public record Detach(boolean suspend) implements Command {}

  /** The NIC vectors moved: each vector's CPU now, in vector order. */
  public record VectorTargets(int[] targets) implements Command {}

  /**
   * The quirk qdisc-run-from-watchdog: the watchdog's hrtimer fires while CPU {@code holderCpu}
   * holds the queue lock in {@code tc qdisc del}; its callback spins on the lock.
   */
  public record WatchdogDeadlock(int holderCpu) implements Command {
    @Override
    public long traceId() {
      return holderCpu;
    }
  }

  /**
   * Where {@code tc} spins once it waits in hrtimer_cancel() for a watchdog callback that never
   * ends (its task's instruction pointer: the kernel's TaskKind of the same rip).
   */
  public static final String HRTIMER_CANCEL_RIP = "hrtimer_try_to_cancel+0x2c/0x110";

  /**
   * What qdisc_reset() spends on each packet it frees (kfree_skb() of a small skb) while
   * {@code tc qdisc del} holds the queue lock: the window in which a watchdog firing meets the
   * lock held.
   */
  static final long KFREE_SKB_NS = 250;

  private final int nic;
  private final int txq;
  /** Each NIC vector's CPU, as the namespace last told. */
  private int[] targets;
  /**
   * Packets of senders' sockets enqueued here minus those whose fate the sockets were told
   * (freed, put on a ring): not zero when the root empties, some left inside the qdisc
   * unannounced (a head drop, a purge).
   */
  private int unsettled;
  /**
   * An rtnetlink command is being applied: a root it emptied may have been this entity's before
   * the command moved it (a shared root replaced by mq), so its purged packets may be any
   * queue's.
   */
  private boolean inCommand;
  /**
   * Changes rtnetlink made while this entity ran no root of its NIC, in order, not applied yet:
   * they touch none of its packets, only trees it does not run, and are applied (each at its own
   * time) before anything here reads the trees again.
   */
  private final List<KeptChange> kept = new ArrayList<>();
  private transient SocketsInNetns sockets;
  private transient OwnDomain domain;

  /** TX queue {@code txq} of NIC {@code nic} of the machine {@code config} describes. */
  public NetdevTxQueue(NetnsConfig config, int nic, int txq) {
    super(config);
    this.nic = nic;
    this.txq = txq;
    this.targets = vectors.targets();
  }

  /**
   * The TX queue whose entity runs the root qdisc of TX queue {@code txq} of {@code d}: queue 0
   * for a root all the device's queues share, else {@code txq} itself.
   */
  static int lockDomain(NetDevice d, int txq) {
    return d.isMultiqueue() && d.txQueue(txq).qdiscSleeping() == d.qdisc() ? 0 : txq;
  }

  @Override
  protected void bindHere(EntityContext c) {
    if (sockets == null) {
      sockets = new SocketsInNetns();
      domain = new OwnDomain();
    }
    dataPath.bind(c, sockets, domain);
  }

  /** This entity's NIC device. */
  private NetDevice device() {
    return stack.namespace().device(config.nics().get(nic).name());
  }

  /** A change kept for later, and when rtnetlink made it. */
  private record KeptChange(Rtnl change, long atNs) {}

  @Override
  public void onEvent(EntityContext c, int src, Command msg) {
    bind(c);
    dataPath.onCpu(-1);
    if (msg instanceof Rtnl r && !r.runsRoot()) {
      if (!r.dump()) {
        kept.add(new KeptChange(r, c.now()));
      }
      answer(r, null, List.of(), List.of());
      return;
    }
    if (!kept.isEmpty() && !(msg instanceof VectorTargets)) {
      applyKept();
    }
    if (msg instanceof Xmit x) {
      xmit(x);
    } else if (msg instanceof Clean k) {
      dataPath.txCompleted(k.nic(), k.queue(), k.cpu());
    } else if (msg instanceof WatchdogFired w) {
      NetDevice d = stack.namespace().device(w.ifindex());
      if (d != null && w.txq() < d.numTxQueues()) {
        // The qdisc watchdog's hrtimer fires where the queue last ran: its vector's CPU.
        dataPath.watchdogFired(d, w.txq(), targets[vectors.vectorOf(nic, w.txq())],
            stack.namespace().quirk(SchedQuirk.QDISC_RUN_FROM_WATCHDOG));
      }
    } else if (msg instanceof QdiscRestart q) {
      NetDevice d = stack.namespace().device(q.ifindex());
      if (d != null && q.txq() < d.numTxQueues()) {
        dataPath.restartFired(d, q.txq());
      }
    } else if (msg instanceof Rtnl r) {
      rtnl(r);
    } else if (msg instanceof HoldLock h) {
      holdLock(h);
    } else if (msg instanceof QdiscLockReleased l) {
      dataPath.released(l.pid());
    } else if (msg instanceof Detach dt) {
      for (NicDriver drv : drivers) {
        drv.detached(dt.suspend());
      }
      NetDevice d = device();
      if (!dt.suspend() && d != null) {
        // netif_device_attach(): the queues are woken and run again.
        for (int q = 0; q < d.numTxQueues(); q++) {
          if (lockDomain(d, q) == txq) {
            dataPath.runQueue(d, q);
          }
        }
      }
    } else if (msg instanceof VectorTargets v) {
      targets = v.targets();
    } else if (msg instanceof WatchdogDeadlock w) {
      ctx.send(config.cpuAddresses().get(targets[vectors.vectorOf(nic, txq)]), config.mmioNs(),
          new Cpu.KernelMail(new NetCpuMail.WatchdogSpin(w.holderCpu())));
    }
    // What the event's code spent on its CPU is charged to it.
    dataPath.onCpu(-1);
  }

  /**
   * __dev_queue_xmit() here, or where the packet's root now lives when a change moved it on
   * the way (rtnetlink's trees run a hop ahead of the queues').
   */
  private void xmit(Xmit x) {
    NetDevice d = stack.namespace().device(x.ifindex());
    Packet p = x.packet();
    if (d == null) {
      sockets.free(p);
      return;
    }
    int q = lockDomain(d, stack.pickTx(d, p));
    if (q != txq) {
      ctx.send(config.txQueue(nic, q), config.mmioNs(), x);
      return;
    }
    // The packet enters the stack here: its one-way delay counts from __dev_queue_xmit().
    p.setBornNs(ctx.now());
    dataPath.onCpu(x.cpu());
    dataPath.transmit(d, p);
    dataPath.onCpu(-1);
  }

  private void holdLock(HoldLock h) {
    NetDevice d = stack.namespace().device(h.ifindex());
    int q = lockDomain(d, h.txq());
    if (q != txq) {
      ctx.send(config.txQueue(nic, q), config.mmioNs(), h);
      return;
    }
    String err = dataPath.hold(d, h.txq(), h.cpu(), h.pid());
    NetCommandResult r = err.isEmpty() ? NetCommandResult.ok("")
        : new NetCommandResult(1, "", "inject: " + err + "\n");
    ctx.send(h.replyTo(), config.mmioNs(), new NetAsker.Answer(h.job(), r));
  }

  /** The changes kept for later, applied in order, each at the time rtnetlink made it. */
  private void applyKept() {
    for (KeptChange k : kept) {
      change(k.change(), k.atNs());
    }
    kept.clear();
  }

  /** rtnetlink's request: run the command on these trees, or dump them. */
  private void rtnl(Rtnl r) {
    if (r.dump()) {
      List<QdiscDump> qdiscs = new ArrayList<>();
      List<ClassDump> classes = new ArrayList<>();
      dump(qdiscs, classes);
      answer(r, null, qdiscs, classes);
    } else {
      answer(r, change(r, ctx.now()), List.of(), List.of());
    }
  }

  /**
   * Runs change {@code r} on these trees as rtnetlink made it at {@code atNs}; returns where the
   * command loops for ever, or {@code null}.
   */
  private String change(Rtnl r, long atNs) {
    String spin = null;
    // Only a machine with the quirk looks for the race: it walks the tree around each command.
    boolean racy = r.cpu() >= 0
        && stack.namespace().quirk(SchedQuirk.QDISC_RUN_FROM_WATCHDOG);
    WatchdogRace race = racy ? new WatchdogRace() : null;
    try {
      shell.exec(r.line(), atNs);
    } catch (EndlessLoop loop) {
      spin = loop.rip();
      if (r.cpu() >= 0) {
        // The loop runs under the root's lock (sch_tree_lock()): it is never let go, and the
        // senders to this root spin on it.
        dataPath.hold(device(), txq, r.cpu(), -1);
      }
    }
    if (spin == null && race != null && race.met(r.cpu())) {
      spin = HRTIMER_CANCEL_RIP;
    }
    inCommand = true;
    dataPath.treesChanged();
    inCommand = false;
    return spin;
  }

  /** This entity's answer to request {@code r}, with its NIC's TX counters. */
  private void answer(Rtnl r, String spin, List<QdiscDump> qdiscs, List<ClassDump> classes) {
    NetDevice d = device();
    ctx.send(config.netns(), config.mmioNs(), new Netns.RtnlDone(r.seq(),
        config.txQueueIndex(nic, txq), spin, qdiscs, classes, d.stats().txPackets(),
        d.stats().txBytes(), d.stats().txDropped()));
  }

  /**
   * The quirk qdisc-run-from-watchdog's race, seen from before a command runs: the throttled
   * qdiscs of this entity's root, the backlog, and when their watchdog fires.
   */
  private final class WatchdogRace {
    private final List<Qdisc> throttled = new ArrayList<>();
    private final long backlog;
    private final long expiry;

    WatchdogRace() {
      NetDevice d = device();
      Qdisc root = d.txQueue(txq).qdiscSleeping();
      for (Qdisc q : root.subtree()) {
        if (q.watchdog() != null) {
          throttled.add(q);
        }
      }
      backlog = root.qlen();
      expiry = watchdogs.expiry(d.ifindex(), txq);
    }

    /**
     * Whether the command just run on CPU {@code cpu} destroyed a throttled qdisc of this root
     * and its watchdog fired while the command held the queue lock (qdisc_reset() freeing the
     * backlog, before it cancels the timer): the callback spins on the lock in hard interrupt
     * context, tc waits in hrtimer_cancel() for the callback, neither ever returns. The lock
     * stays held; the callback's CPU spins from the timer's expiry.
     */
    boolean met(int cpu) {
      if (expiry == Long.MAX_VALUE || expiry > ctx.now() + backlog * KFREE_SKB_NS) {
        return false;
      }
      NetDevice d = device();
      Map<Qdisc, Boolean> alive = new IdentityHashMap<>();
      for (Qdisc q : d.txQueue(txq).qdiscSleeping().subtree()) {
        alive.put(q, true);
      }
      boolean destroyed = false;
      for (Qdisc q : throttled) {
        destroyed |= !alive.containsKey(q);
      }
      if (!destroyed) {
        return false;
      }
      dataPath.hold(d, txq, cpu, -1);
      ctx.schedule(Math.max(0, expiry - ctx.now()), new WatchdogDeadlock(cpu));
      return true;
    }
  }

  /** tc_fill_qdisc() and the class dumps of every qdisc this entity runs. */
  private void dump(List<QdiscDump> qdiscs, List<ClassDump> classes) {
    NetDevice d = device();
    Map<Qdisc, Boolean> roots = new IdentityHashMap<>();
    for (int q = 0; q < d.numTxQueues(); q++) {
      if (lockDomain(d, q) == txq) {
        roots.put(d.txQueue(q).qdiscSleeping(), true);
      }
    }
    for (int q = 0; q < d.numTxQueues(); q++) {
      Qdisc root = d.txQueue(q).qdiscSleeping();
      if (roots.remove(root) == null) {
        continue;
      }
      for (Qdisc qd : root.subtree()) {
        qdiscs.add(stack.qdiscApi().dump(qd, ctx.now()));
        if (qd.classful()) {
          for (int cl : qd.clWalk()) {
            ClassDump cd = qd.clDump(cl);
            if (cd != null) {
              classes.add(cd);
            }
          }
        }
      }
    }
  }

  /** The queues this entity runs: its own, and under a shared root every queue of its NIC. */
  private final class OwnDomain implements NetDataPath.Domain {
    @Override
    public boolean owns(NetDevice d, int q) {
      return d.name().equals(config.nics().get(nic).name()) && lockDomain(d, q) == txq;
    }
  }

  /** The senders' sockets, which live in the namespace: each change is a message to it. */
  private final class SocketsInNetns implements NetDataPath.Sockets {

    private void tell(Packet p, int how) {
      if (p.owner() >= 0) {
        ctx.send(config.netns(), config.mmioNs(), new Netns.Sock(p.owner(), how));
      }
    }

    @Override
    public void charge(Packet p, int ifindex, int q) {
      // Charged by the namespace when the sender built the packet; counted until settled.
      if (p.owner() >= 0) {
        unsettled++;
      }
    }

    @Override
    public void free(Packet p) {
      if (p.owner() >= 0) {
        unsettled--;
      }
      tell(p, Netns.Sock.FREED);
      p.setOwner(-1);
    }

    @Override
    public void toDriver(Packet p) {
      if (p.owner() >= 0) {
        unsettled--;
      }
      tell(p, Netns.Sock.ON_RING);
    }

    @Override
    public void completed(Packet p) {
      tell(p, Netns.Sock.COMPLETED);
    }

    @Override
    public void queueEmptied(NetDevice d, int q, boolean shared) {
      // Every packet's fate already told, the sockets know the queue holds none of theirs.
      if (unsettled != 0) {
        unsettled = 0;
        ctx.send(config.netns(), config.mmioNs(),
            new Netns.QueueEmptied(d.ifindex(), q, shared || inCommand));
      }
    }

    @Override
    public void delivered(NetDevice d, Packet p) {
      // A NIC's TX queue delivers to no socket of this machine.
    }
  }
}
