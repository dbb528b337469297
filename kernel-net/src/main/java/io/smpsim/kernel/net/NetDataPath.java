package io.smpsim.kernel.net;

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
import java.util.HashMap;
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
  /** The CPU the current event's code runs on (a sender's, a NAPI poll's) and its clock. */
  private final RunningCpu here;
  /** The roots' RUNNING state and the short holds of their locks. */
  private final QdiscRunning running = new QdiscRunning();
  /** The qdisc root locks held across events, with the senders spinning on them. */
  private final QdiscRootLock locks = new QdiscRootLock();
  /**
   * Devices whose shared root holds a requeued packet, by ifindex: the TX queue whose full ring
   * it waits for. Looked up, never iterated.
   */
  private final Map<Integer, Integer> blockedOn = new HashMap<>();
  private transient EntityContext ctx;

  NetDataPath(NetnsConfig config, NetStack stack, List<NicDriver> drivers,
      QdiscWatchdogTimers watchdogs) {
    this.config = config;
    this.stack = stack;
    this.drivers = drivers;
    this.watchdogs = watchdogs;
    this.here = new RunningCpu(config);
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

  /**
   * The code that follows runs on {@code cpu} (-1: on none the model accounts for, which costs
   * nothing), from the event's time on. What the code before spent is charged to its CPU.
   */
  void onCpu(int cpu) {
    here.moveTo(ctx, cpu);
  }

  /** The code running on the current CPU spends {@code ns} of it (nothing on no CPU). */
  private void spend(long ns) {
    here.spend(ns);
  }

  /** The packets one qdisc_run() may send before it leaves the rest to NET_TX (dev_tx_weight). */
  static final int DEV_TX_WEIGHT = 64;

  /**
   * After a command: the trees may differ; re-arm the watchdog of every queue run here, settle
   * sockets.
   */
  void treesChanged() {
    watchdogs.treesChanged();
    for (NetDevice d : stack.namespace().devices()) {
      settleFreed(d);
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
    int cpu = here.cpu();
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
      onCpu(w.cpu());
      transmitLocked(w.device(), w.packet());
      ctx.send(config.cpuAddresses().get(w.cpu()), config.mmioNs(),
          new Cpu.KernelMail(new NetCpuMail.QdiscLockGranted(h.cpu)));
    }
    onCpu(-1);
    if (h.rescheduled != null) {
      runQueue(h.rescheduled, h.rescheduledTxq);
    }
  }

  /**
   * __dev_xmit_skb() under the root lock: enqueue on the flow's TX queue and run it. On a CPU
   * the lock is first waited for while another CPU holds it for a dequeue or an enqueue
   * (spinning: the wait is the CPU's time too), the enqueue costs {@link TxCosts#ENQUEUE_NS}
   * plus what the qdiscs spent classifying (htb's class lookup walk), and the run starts under
   * the same hold, as __dev_xmit_skb() calls __qdisc_run() before it unlocks.
   */
  private void transmitLocked(NetDevice d, Packet p) {
    QdiscRunning.Run run = here.cpu() >= 0
        ? running.of(d.txQueue(stack.pickTx(d, p)).qdisc(), ctx.now()) : null;
    if (run != null) {
      spend(run.lockFreeAt - here.clock());
    }
    TxResult r = stack.transmit(d.name(), p, ctx.now());
    spend(p.takeXmitCostNs());
    settleFreed(d);
    traffic.charge(p, d.ifindex(), r.txQueue());
    switch (r.outcome()) {
      case DIRECT -> {
        NicDriver drv = driverOf(d);
        if (drv != null && drv.stopped(r.txQueue())) {
          // noqueue on a device whose ring is full: "Virtual device asks to queue packet!"
          d.stats().txDrop();
          traffic.free(p);
        } else {
          // noqueue: no root lock, straight to the driver under HARD_TX_LOCK.
          spend(TxCosts.DRIVER_XMIT_NS);
          xmit(d, r.txQueue(), p);
        }
      }
      case QUEUED -> {
        enqueued(run);
        runQueue(d, r.txQueue());
      }
      case DROPPED -> {
        enqueued(run);
        traffic.free(p);
        runQueue(d, r.txQueue());
      }
    }
  }

  /** The enqueue held the root lock: it is free again once the enqueue is done. */
  private void enqueued(QdiscRunning.Run run) {
    spend(TxCosts.ENQUEUE_NS);
    if (run != null) {
      run.lockFreeAt = here.clock();
    }
  }

  /**
   * qdisc_run(): dequeue and hand packets to the driver until the qdisc has nothing it may send
   * now or the ring is full; then arm the watchdog for the qdisc's next moment. A root shared
   * by all TX queues of a multiqueue device (a non-mq root) feeds every ring: a packet whose
   * ring is full goes back to the head of the qdisc (a requeue) and the queue waits for that
   * ring's next completion.
   *
   * <p>On a CPU the run takes that CPU's time (net/sched/sch_generic.c __qdisc_run()): the
   * first qdisc_restart() runs now, each next one when the driver transmit before it returns
   * ({@link #restartFired}). While it runs, the root is RUNNING: a run asked for meanwhile
   * (another CPU's enqueue, NET_TX, the watchdog) fails qdisc_run_begin() and leaves the
   * packets to the runner. Code on no CPU the model accounts for runs the queue at once and
   * costs nothing.
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
    QdiscRunning.Run run = running.find(root);
    if (run != null && run.running(ctx.now())) {
      // qdisc_run_begin() failed: the runner retakes the lock when its driver transmit returns
      // and dequeues what came meanwhile.
      if (!run.restartPending && root.qlen() > 0) {
        scheduleRestart(run);
      }
      return;
    }
    if (here.cpu() < 0) {
      runAtOnce(d, txq, root);
      return;
    }
    run = running.of(root, ctx.now());
    run.device = d;
    run.txq = txq;
    run.cpu = here.cpu();
    run.quota = DEV_TX_WEIGHT;
    restart(run);
  }

  /**
   * One qdisc_restart() of {@code run}'s root on the current CPU (its runner): take the root
   * lock (waiting out an enqueuer's hold), dequeue, and in sch_direct_xmit() drop the lock for
   * the driver's ndo_start_xmit(); the next restart comes when it returns. The quota spent,
   * __netif_schedule() raises NET_TX and net_tx_action() goes on with the root on the same
   * CPU (it runs as the sender re-enables bottom halves).
   */
  private void restart(QdiscRunning.Run run) {
    NetDevice d = run.device;
    int txq = run.txq;
    NicDriver drv = driverOf(d);
    boolean shared = sharedRoot(d, txq);
    Packet p = null;
    if (mayDequeue(d, txq, drv, shared)) {
      spend(run.lockFreeAt - here.clock());
      p = stack.dequeue(d.name(), txq, ctx.now());
      spend(TxCosts.DEQUEUE_NS);
      settleFreed(d);
      run.lockFreeAt = here.clock();
      if (p != null && shared && drv != null && drv.stopped(p.queueMapping())) {
        run.root.requeue(p);
        blockedOn.put(d.ifindex(), p.queueMapping());
        p = null;
      }
    }
    if (p != null) {
      // sch_direct_xmit(): spin_unlock(root_lock), HARD_TX_LOCK, dev_hard_start_xmit().
      spend(TxCosts.DRIVER_XMIT_NS);
      xmit(d, p.queueMapping(), p);
      if (--run.quota <= 0) {
        run.quota = DEV_TX_WEIGHT;
        ctx.send(config.cpuAddresses().get(here.cpu()), config.mmioNs(),
            new Cpu.KernelMail(new NetCpuMail.RaiseNetTx(1)));
      }
    }
    run.until = here.clock();
    if (p != null && run.root.qlen() > 0 && mayDequeue(d, txq, drv, shared)) {
      scheduleRestart(run);
      return;
    }
    run.restartPending = false;
    ranDry(d, txq, shared);
  }

  /** The runner's next qdisc_restart(), when its driver transmit returns. */
  private void scheduleRestart(QdiscRunning.Run run) {
    run.restartPending = true;
    int ifindex = run.device.ifindex();
    ctx.schedule(Math.max(0, run.until - ctx.now()), new QdiscRestart(ifindex, run.txq));
  }

  /**
   * The runner of TX queue {@code txq} of {@code d} is back from its driver transmit: it goes
   * on with the next qdisc_restart() on its CPU, unless the root it ran was replaced meanwhile
   * (its run ends with it) or a stuck CPU holds the lock (the run waits for the release).
   */
  void restartFired(NetDevice d, int txq) {
    QdiscRunning.Run run = running.find(d.txQueue(txq).qdisc());
    // A restart is due when its runner's transmit returns; one of another run (the root it was
    // for replaced, a new run on the new root) is stale.
    if (run == null || !run.restartPending || run.until != ctx.now()) {
      running.forget(d, txq);
      return;
    }
    run.restartPending = false;
    onCpu(run.cpu);
    QdiscRootLock.Held h = locks.holder(run.root);
    if (h != null) {
      h.rescheduled = d;
      h.rescheduledTxq = txq;
      return;
    }
    restart(run);
  }

  /**
   * The qdisc watchdog of TX queue {@code txq} of {@code d} expired on {@code onCpu} (-1: no CPU
   * the model accounts for): qdisc_watchdog() → __netif_schedule() raises NET_TX there, and
   * net_tx_action() runs the queue (net/sched/sch_api.c qdisc_watchdog(); 2.6.17's htb_timer()
   * → netif_schedule() the same), so every expiry is one NET_TX in /proc/softirqs, whether the
   * dequeue it leads to finds a packet or not. With {@code fromTimer} (the quirk
   * qdisc-run-from-watchdog) the callback runs qdisc_run() itself, with no softirq.
   */
  void watchdogFired(NetDevice d, int txq, int onCpu, boolean fromTimer) {
    onCpu(onCpu);
    if (onCpu >= 0 && !fromTimer) {
      ctx.send(config.cpuAddresses().get(onCpu), config.mmioNs(),
          new Cpu.KernelMail(new NetCpuMail.RaiseNetTx(1)));
    }
    runQueue(d, txq);
  }

  /** Whether qdisc_restart() may dequeue for TX queue {@code txq}: the device up, a ring free. */
  private boolean mayDequeue(NetDevice d, int txq, NicDriver drv, boolean shared) {
    if (!d.isUp() || (drv != null && !shared && drv.stopped(txq))) {
      return false;
    }
    if (shared && blockedOn.containsKey(d.ifindex())) {
      if (drv.stopped(blockedOn.get(d.ifindex()))) {
        return false;
      }
      blockedOn.remove(d.ifindex());
    }
    return true;
  }

  /**
   * kfree_skb() of the packets {@code d}'s qdiscs threw away without a verdict (a reset, a
   * purge of a grafted, deleted or changed class's queue): each one's socket is uncharged now,
   * as sock_wfree() runs per skb freed, not when the root next empties
   * (net/core/skbuff.c kfree_skb() -> skb_release_head_state() -> skb->destructor).
   */
  private void settleFreed(NetDevice d) {
    for (Packet p : d.takeFreed()) {
      traffic.free(p);
    }
  }

  /** A run ended: arm the watchdog, and tell the sockets when the queue is empty. */
  private void ranDry(NetDevice d, int txq, boolean shared) {
    syncWatchdog(d, txq, true);
    if (d.txQueue(txq).qdisc().qlen() == 0) {
      traffic.queueEmptied(d, txq, shared);
    }
  }

  /** qdisc_run() by code on no CPU the model accounts for: the whole run now, for nothing. */
  private void runAtOnce(NetDevice d, int txq, Qdisc root) {
    NicDriver drv = driverOf(d);
    boolean shared = sharedRoot(d, txq);
    long now = ctx.now();
    while (mayDequeue(d, txq, drv, shared)) {
      Packet p = stack.dequeue(d.name(), txq, now);
      settleFreed(d);
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
    ranDry(d, txq, shared);
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
      // The descriptor's doorbell is written when the CPU's driver code gets there.
      long late = here.cpu() >= 0 ? Math.max(0, here.clock() - ctx.now()) : 0;
      ctx.send(drv.nic(), late + config.mmioNs(), new Nic.Xmit(txq, frameOf(p)));
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
   * The NAPI poll of a vector on CPU {@code onCpu} (net_rx_action, from the vector's handler):
   * every completion and frame the NIC wrote back since the last poll ({@code events}) is
   * cleaned or received, in order. A TX completion that woke a stopped queue runs it in NET_TX
   * there.
   */
  void napiPoll(ArrayDeque<NicHost> events, int onCpu) {
    onCpu(onCpu);
    while (!events.isEmpty()) {
      NicHost e = events.poll();
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
    onCpu(onCpu);
    if (txCompleted(new Nic.TxCompleted(nic, queue, ctx.self()))) {
      ctx.send(config.cpuAddresses().get(onCpu), config.mmioNs(),
          new Cpu.KernelMail(new NetCpuMail.RaiseNetTx(1)));
    }
    onCpu(-1);
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
      when = watchdogs.earliest(root, afterRun ? ctx.now() : ctx.now() - 1);
    }
    watchdogs.arm(ctx, d.ifindex(), txq, when, new WatchdogFired(d.ifindex(), txq));
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
