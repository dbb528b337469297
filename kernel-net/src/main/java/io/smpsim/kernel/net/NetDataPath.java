package io.smpsim.kernel.net;

import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.hw.nic.Frame;
import io.smpsim.hw.nic.Nic;
import io.smpsim.hw.nic.NicHost;
import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.dev.DeviceKind;
import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.dev.NetStack;
import io.smpsim.kernel.net.dev.TxResult;
import io.smpsim.kernel.net.sched.Noqueue;
import io.smpsim.kernel.net.sched.Qdisc;
import io.smpsim.kernel.net.sched.QdiscWatchdog;
import io.smpsim.sim.Address;
import io.smpsim.sim.EntityContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A namespace's packets between its stack, its NIC drivers and its senders (net/core/dev.c and
 * sch_generic.c): {@code __dev_queue_xmit()}, {@code qdisc_run()} with requeues when a shared
 * root's ring is full, {@code dev_hard_start_xmit()} to a NIC's ring or a veth's peer, TX
 * completions that wake a stopped queue, the qdisc watchdog timers, and
 * {@code netif_receive_skb()}. It works for the entity handling the event: a {@link NetdevTxQueue}
 * runs it on the lock domain of its NIC TX queue, the {@link Netns} on its virtual devices and
 * on the receive side (NIC vectors and NAPI), handing each TX completion to the queue entity
 * that posted the descriptor.
 */
final class NetDataPath {

  /** The sockets of the packets this data path carries: the senders' send buffers. */
  interface Sockets {

    /** The stack took {@code p} onto TX queue {@code txq} of device {@code ifindex}. */
    void charge(Packet p, int ifindex, int txq);

    /** {@code p} was dropped, or handed on without a ring (veth, dummy). */
    void free(Packet p);

    /** {@code p} left the qdisc for a NIC's ring. */
    void toDriver(Packet p);

    /** The NIC completed {@code p}. */
    void completed(Packet p);

    /** The queue (with {@code shared}, the device's one root) holds nothing any more. */
    void queueEmptied(NetDevice d, int txq, boolean shared);

    /** {@code d} delivered {@code p} to the machine's sockets now. */
    void delivered(NetDevice d, Packet p);
  }

  /** Which TX queues' lock domains this data path runs. */
  interface Domain {

    /** Whether the root qdisc of TX queue {@code txq} of {@code d} is run here. */
    boolean owns(NetDevice d, int txq);
  }

  private final NetnsConfig config;
  private final NetStack stack;
  private final List<NicDriver> drivers;
  private final QdiscWatchdogTimers watchdogs;
  private transient Sockets traffic;
  private transient Domain domain;
  /** Whether the watchdog timers are a {@link NetdevTxQueue}'s (else the namespace's). */
  private final boolean queueEntity;
  private final NicVectors vectors;
  /** The CPU the current event's code runs on (a sender's, a NAPI poll's), or -1. */
  private int cpu = -1;
  /**
   * Per NIC vector, the TX completions and received frames written back and not yet polled
   * (the rings' done descriptors), oldest first.
   */
  private final List<ArrayDeque<NicHost>> pending = new ArrayList<>();
  /** The qdisc root locks held across events, with the senders spinning on them. */
  private final QdiscRootLock locks = new QdiscRootLock();
  /**
   * Devices whose shared root holds a requeued packet, by ifindex: the TX queue whose full ring
   * it waits for. Looked up, never iterated.
   */
  private final Map<Integer, Integer> blockedOn = new HashMap<>();
  private transient EntityContext ctx;
  /** The qdiscs with a watchdog in each tree, by root; rebuilt after the trees change. */
  private transient Map<Qdisc, List<Qdisc>> watchdogQdiscs;

  NetDataPath(NetnsConfig config, NetStack stack, List<NicDriver> drivers,
      QdiscWatchdogTimers watchdogs, boolean queueEntity, NicVectors vectors) {
    this.queueEntity = queueEntity;
    this.vectors = vectors;
    this.config = config;
    this.stack = stack;
    this.drivers = drivers;
    this.watchdogs = watchdogs;
    for (int v = 0; v < vectors.size(); v++) {
      pending.add(new ArrayDeque<>());
    }
  }

  /**
   * The event being handled: its context, the sockets of its packets and the queues run here
   * (objects of the entity, bound per event as a checkpoint does not carry them).
   */
  void bind(EntityContext c, Sockets s, Domain d) {
    this.ctx = c;
    this.traffic = s;
    this.domain = d;
  }

  /** The code that follows runs on {@code cpu} (-1: on none the model accounts for). */
  void onCpu(int cpu) {
    this.cpu = cpu;
  }

  /** The packets one qdisc_run() may send before it leaves the rest to NET_TX (dev_tx_weight). */
  static final int DEV_TX_WEIGHT = 64;

  /**
   * The NIC raises vector {@code v}: its MSI write reaches the local APIC of the CPU the
   * vector's affinity names, and the CPU takes it once its interrupts are enabled (until then
   * it stays pending there, as a hard-locked CPU keeps it).
   */
  private void raise(int v) {
    int to = vectors.cpuOf(v);
    if (to >= 0) {
      ctx.send(config.apicAddresses().get(to), config.mmioNs(),
          new LocalApic.Routed(NicVectors.FIRST_VECTOR + v, DeliveryMode.FIXED));
    }
  }

  /**
   * fixup_irqs() and irq_set_affinity() retrigger a vector that was pending on the CPU it left
   * (arch/x86/kernel/irq.c fixup_irqs() checks the IRR): a vector whose events wait for a poll
   * is raised again on its new CPU. {@code before}: each vector's CPU before the move.
   */
  void retrigger(int[] before) {
    for (int v = 0; v < pending.size(); v++) {
      if (!pending.get(v).isEmpty() && vectors.cpuOf(v) != before[v]) {
        raise(v);
      }
    }
  }

  /**
   * After a command: the trees may differ; re-arm the watchdog of every queue run here, settle
   * sockets.
   */
  void treesChanged() {
    watchdogQdiscs = null;
    for (NetDevice d : stack.namespace().devices()) {
      for (int q = 0; q < d.numTxQueues(); q++) {
        if (!domain.owns(d, q)) {
          continue;
        }
        syncWatchdog(d, q, false);
        if (d.txQueue(q).qdisc().qlen() == 0) {
          traffic.queueEmptied(d, q, sharedRoot(d, q));
        }
      }
    }
  }

  /** The driver of a NIC device, or {@code null} for a virtual one. */
  NicDriver driverOf(NetDevice d) {
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

  /**
   * __dev_queue_xmit() from a sender on a CPU: it takes the root lock of the packet's TX queue
   * first (__dev_xmit_skb()); while another CPU holds it, the sender spins on its CPU and the
   * packet waits with it ({@link #released}).
   */
  void transmit(NetDevice d, Packet p) {
    if (cpu >= 0) {
      QdiscRootLock.Held h = locks.holder(d.txQueue(stack.pickTx(d, p)).qdisc());
      if (h != null) {
        h.waiters.add(new QdiscRootLock.Waiter(cpu, d, p));
        ctx.send(config.cpuAddresses().get(cpu), config.mmioNs(),
            new Cpu.KernelMail(new NetCpuMail.SpinOnQdiscLock(h.cpu)));
        return;
      }
    }
    transmitLocked(d, p);
  }

  /**
   * Task {@code pid} took the root lock of TX queue {@code txq} of {@code d} on {@code onCpu}
   * and keeps it: an empty string, or why it cannot.
   */
  String hold(NetDevice d, int txq, int onCpu, int pid) {
    Qdisc root = d.txQueue(txq).qdisc();
    if (root instanceof Noqueue) {
      return d.name() + " has no qdisc on TX queue " + txq + " (noqueue)";
    }
    return locks.take(root, onCpu, pid) ? "" : "the root lock of " + d.name() + " TX queue "
        + txq + " is held already";
  }

  /**
   * Task {@code pid} released the root lock it held: the spinning senders get it in turn, each
   * enqueueing its packet and running the queue on its own CPU, and stop spinning; a NET_TX run
   * that found the lock held runs now.
   */
  void released(int pid) {
    QdiscRootLock.Held h = locks.release(pid);
    if (h == null) {
      return;
    }
    while (!h.waiters.isEmpty()) {
      QdiscRootLock.Waiter w = h.waiters.poll();
      cpu = w.cpu();
      transmitLocked(w.device(), w.packet());
      ctx.send(config.cpuAddresses().get(w.cpu()), config.mmioNs(),
          new Cpu.KernelMail(new NetCpuMail.QdiscLockGranted(h.cpu)));
    }
    cpu = -1;
    if (h.rescheduled != null) {
      runQueue(h.rescheduled, h.rescheduledTxq);
    }
  }

  /** __dev_xmit_skb() under the root lock: enqueue on the flow's TX queue and run it. */
  private void transmitLocked(NetDevice d, Packet p) {
    TxResult r = stack.transmit(d.name(), p, ctx.now());
    chargeXmitCost(p);
    traffic.charge(p, d.ifindex(), r.txQueue());
    switch (r.outcome()) {
      case DIRECT -> {
        NicDriver drv = driverOf(d);
        if (drv != null && drv.stopped(r.txQueue())) {
          // noqueue on a device whose ring is full: "Virtual device asks to queue packet!"
          d.stats().txDrop();
          traffic.free(p);
        } else {
          xmit(d, r.txQueue(), p);
        }
      }
      case QUEUED -> runQueue(d, r.txQueue());
      case DROPPED -> {
        traffic.free(p);
        runQueue(d, r.txQueue());
      }
    }
  }

  /**
   * What the qdiscs spent on {@code p} beyond the modelled transmit (htb's class lookup walk)
   * is the enqueueing CPU's: it runs its next sender that much later and accounts it as system
   * time.
   */
  private void chargeXmitCost(Packet p) {
    long ns = p.takeXmitCostNs();
    if (cpu >= 0 && ns > 0) {
      ctx.send(config.cpuAddresses().get(cpu), config.mmioNs(),
          new Cpu.KernelMail(new NetCpuMail.XmitCost(ns)));
    }
  }

  /**
   * qdisc_run(): dequeue and hand packets to the driver until the qdisc has nothing it may send
   * now or the ring is full; then arm the watchdog for the qdisc's next moment. A root shared
   * by all TX queues of a multiqueue device (a non-mq root) feeds every ring: a packet whose
   * ring is full goes back to the head of the qdisc (a requeue) and the queue waits for that
   * ring's next completion.
   */
  void runQueue(NetDevice d, int txq) {
    Qdisc root = d.txQueue(txq).qdisc();
    QdiscRootLock.Held h = locks.holder(root);
    if (h != null) {
      // net_tx_action() would spin on the lock in softirq; the run is kept for its release.
      h.rescheduled = d;
      h.rescheduledTxq = txq;
      return;
    }
    NicDriver drv = driverOf(d);
    boolean shared = sharedRoot(d, txq);
    long now = ctx.now();
    int sent = 0;
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
      sent++;
    }
    // __qdisc_run() (net/sched/sch_generic.c): after each dev_tx_weight packets it calls
    // __netif_schedule() and the NET_TX softirq goes on; the queue's packets leave at the same
    // simulated instants either way, the raises are counted on the CPU running the queue.
    if (sent >= DEV_TX_WEIGHT && cpu >= 0) {
      ctx.send(config.cpuAddresses().get(cpu), config.mmioNs(),
          new Cpu.KernelMail(new NetCpuMail.RaiseNetTx(sent / DEV_TX_WEIGHT)));
    }
    syncWatchdog(d, txq, true);
    if (root.qlen() == 0) {
      traffic.queueEmptied(d, txq, shared);
    }
  }

  /** Whether TX queue {@code txq} shares its qdisc with the device's other queues. */
  static boolean sharedRoot(NetDevice d, int txq) {
    return d.isMultiqueue() && d.txQueue(txq).qdisc() == d.qdisc();
  }

  /** dev_hard_start_xmit(): the driver takes the packet. */
  private void xmit(NetDevice d, int txq, Packet p) {
    d.stats().transmitted(p.len());
    NicDriver drv = driverOf(d);
    if (drv != null) {
      traffic.toDriver(p);
      drv.post(txq, p);
      ctx.send(drv.nic(), config.mmioNs(), new Nic.Xmit(txq, frameOf(p)));
      return;
    }
    // veth_xmit() orphans the skb (its socket is uncharged); dummy and ifb free it.
    traffic.free(p);
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

  /**
   * The NIC wrote back a TX completion or a received frame: it waits in the queue pair's ring
   * until the NAPI poll of its vector runs on the vector's CPU ({@link #napiPoll}); the NIC
   * raises the vector.
   */
  void fromNic(int nic, int queue, NicHost event) {
    int v = vectors.vectorOf(nic, queue);
    pending.get(v).add(event);
    raise(v);
  }

  /**
   * The NAPI poll of vector {@code v} on CPU {@code onCpu} (net_rx_action, from the vector's
   * handler): every completion and frame the NIC wrote back since the last poll is cleaned or
   * received, in order. A TX completion that woke a stopped queue runs it in NET_TX there.
   */
  void napiPoll(int v, int onCpu) {
    ArrayDeque<NicHost> events = pending.get(v);
    while (!events.isEmpty()) {
      NicHost e = events.poll();
      cpu = onCpu;
      if (e instanceof Nic.TxCompleted t) {
        // The TX queue's clean-up runs under its own lock: the entity that posted the
        // descriptor frees it and wakes its queue.
        Address<NetdevTxQueue.Command> owner = Address.of(t.poster());
        ctx.send(owner, config.mmioNs(), new NetdevTxQueue.Clean(t.nic(), t.queue(), onCpu));
      } else if (e instanceof Nic.Received r) {
        received(r);
      }
    }
  }

  /**
   * A TX completion the NAPI poll on {@code onCpu} cleaned: the packet's socket is uncharged and
   * a stopped queue wakes up and runs in NET_TX there.
   */
  void txCompleted(int nic, int queue, int onCpu) {
    cpu = onCpu;
    if (txCompleted(new Nic.TxCompleted(nic, queue, ctx.self()))) {
      ctx.send(config.cpuAddresses().get(onCpu), config.mmioNs(),
          new Cpu.KernelMail(new NetCpuMail.RaiseNetTx(1)));
    }
    cpu = -1;
  }

  /**
   * A TX completion: the packet's socket is uncharged and a stopped queue wakes up and runs;
   * whether it woke one.
   */
  private boolean txCompleted(Nic.TxCompleted t) {
    NicDriver drv = drivers.get(t.nic());
    boolean wasStopped = drv.stopped(t.queue());
    Packet p = drv.complete(t.queue());
    if (p != null) {
      traffic.completed(p);
    }
    NetDevice d = stack.namespace().device(drv.device());
    boolean wake = false;
    if (d != null) {
      Integer blocked = blockedOn.get(d.ifindex());
      wake = blocked != null ? blocked == t.queue() : wasStopped;
    }
    // netif_tx_wake_queue() -> __netif_schedule(): the woken queue runs in NET_TX.
    if (wake) {
      runQueue(d, t.queue());
    }
    return wake;
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
    watchdogs.arm(ctx, d.ifindex(), txq, when, queueEntity
        ? new NetdevTxQueue.WatchdogFired(d.ifindex(), txq)
        : new Netns.WatchdogFired(d.ifindex(), txq));
  }

  /** The qdiscs of the tree under {@code root} that have a watchdog (cached until it changes). */
  private List<Qdisc> watchdogQdiscs(Qdisc root) {
    if (watchdogQdiscs == null) {
      watchdogQdiscs = new IdentityHashMap<>();
    }
    List<Qdisc> list = watchdogQdiscs.get(root);
    if (list == null) {
      list = new ArrayList<>();
      for (Qdisc q : root.subtree()) {
        if (q.watchdog() != null) {
          list.add(q);
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
      traffic.delivered(d, p);
    }
  }
}
