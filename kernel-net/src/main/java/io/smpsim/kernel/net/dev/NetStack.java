package io.smpsim.kernel.net.dev;

import io.smpsim.kernel.net.cls.ClassifyResult;
import io.smpsim.kernel.net.cls.TcAction;
import io.smpsim.kernel.net.core.NetRandom;
import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.sched.Clsact;
import io.smpsim.kernel.net.sched.FlowHash;
import io.smpsim.kernel.net.sched.Ingress;
import io.smpsim.kernel.net.sched.NetXmit;
import io.smpsim.kernel.net.sched.Noop;
import io.smpsim.kernel.net.sched.Noqueue;
import io.smpsim.kernel.net.sched.Qdisc;
import io.smpsim.kernel.net.sched.QdiscApi;
import io.smpsim.kernel.net.sched.QdiscWatchdog;
import io.smpsim.kernel.net.sched.SchedQuirk;
import java.util.Set;

/**
 * The network stack of one simulated machine: its devices and qdiscs and the data-path hooks
 * the engine drives: transmit (enqueue on the TX queue picked by the flow hash), dequeue
 * (qdisc_restart), the qdisc watchdog's next wake-up, and receive (the ingress/clsact hook).
 * Commands ({@code ip}, {@code tc}) are run on it by {@code tc.NetShell}, which it does not know.
 * Single-threaded; time is always passed in as simulated nanoseconds.
 */
public final class NetStack {

  private final NetNamespace ns;
  private final QdiscApi api;

  /** A machine with only {@code lo}; randomness from {@code random}. */
  public NetStack(NetRandom random, int possibleCpus) {
    this(random, possibleCpus, Set.of(), 1);
  }

  /**
   * The same, reproducing the packet scheduler's historical bugs {@code quirks}, with hrtimers
   * of resolution {@code hrtimerResNs} (what /proc/net/psched tells tc).
   */
  public NetStack(NetRandom random, int possibleCpus, Set<SchedQuirk> quirks,
      long hrtimerResNs) {
    this.ns = new NetNamespace(random, possibleCpus, quirks, hrtimerResNs);
    this.api = new QdiscApi(ns);
  }

  public NetNamespace namespace() {
    return ns;
  }

  public QdiscApi qdiscApi() {
    return api;
  }

  /** Attach a physical NIC (hardware-created, not by {@code ip link add}). */
  public NetDevice addNic(String name, int numTx, int numRx, long speedMbps) {
    NetDevice d = ns.addDevice(name, DeviceKind.NIC, numTx, numRx);
    d.setSpeedMbps(speedMbps);
    return d;
  }

  private NetDevice dev(String name) {
    NetDevice d = ns.device(name);
    if (d == null) {
      throw new IllegalArgumentException("no device " + name);
    }
    return d;
  }

  /**
   * netdev_pick_tx(): the TX queue of a packet: its socket's queue while that is a real queue of
   * the device (net/core/dev.c sk_tx_queue_get()), else its flow hash over the real queues.
   */
  public int pickTx(NetDevice d, Packet p) {
    if (d.numTxQueues() == 1) {
      return 0;
    }
    if (p.socketQueue() >= 0 && p.socketQueue() < d.numTxQueues()) {
      return p.socketQueue();
    }
    return FlowHash.scale(FlowHash.hash(p, 0), d.numTxQueues());
  }

  /**
   * __dev_queue_xmit(): run the clsact egress hook, pick the TX queue, account the root size
   * table and enqueue on the queue's qdisc (noqueue devices transmit directly).
   */
  public TxResult transmit(String device, Packet p, long nowNs) {
    NetDevice d = dev(device);
    if (!d.isUp()) {
      return new TxResult(TxResult.Outcome.DROPPED, NetXmit.DROP, 0);
    }
    if (d.ingressQueue() != null && d.ingressQueue().qdiscSleeping() instanceof Clsact cl) {
      ClassifyResult r = cl.egressBlock().classify(p);
      if (r != null && r.action() == TcAction.SHOT) {
        return new TxResult(TxResult.Outcome.DROPPED, NetXmit.DROP, 0);
      }
    }
    int txq = pickTx(d, p);
    p.setQueueMapping(txq);
    Qdisc q = d.txQueue(txq).qdisc();
    if (q instanceof Noqueue) {
      return new TxResult(TxResult.Outcome.DIRECT, NetXmit.SUCCESS, txq);
    }
    p.setPktLen(q.stab() != null ? q.stab().pktLen(p.len()) : p.len());
    int v = q.enqueue(p, nowNs);
    // net/core/dev.c dev_qdisc_enqueue() masks the verdict; NET_XMIT_CN is congestion, not a
    // loss of this packet: the qdisc kept it and dropped another (pfifo_head_drop, sfq, fq_codel
    // head drops), so callers treat it as success (net_xmit_eval(), net_xmit_errno()). Only
    // noop_enqueue() answers CN for the packet it freed itself.
    int rc = v & NetXmit.MASK;
    boolean queued = rc == NetXmit.SUCCESS || rc == NetXmit.CN && !(q instanceof Noop);
    return new TxResult(queued ? TxResult.Outcome.QUEUED : TxResult.Outcome.DROPPED, v, txq);
  }

  /** dequeue_skb(): the next packet the TX queue's qdisc releases at {@code nowNs}, or null. */
  public Packet dequeue(String device, int txQueue, long nowNs) {
    Qdisc q = dev(device).txQueue(txQueue).qdisc();
    if (q instanceof Noqueue) {
      return null;
    }
    return q.dequeue(nowNs);
  }

  /** The earliest armed watchdog in the TX queue's qdisc tree, or {@link Long#MAX_VALUE}. */
  public long nextWakeupNs(String device, int txQueue) {
    Qdisc root = dev(device).txQueue(txQueue).qdisc();
    long best = QdiscWatchdog.NONE;
    for (Qdisc q : root.subtree()) {
      if (q.watchdog() != null && q.qlen() > 0) {
        best = Math.min(best, q.watchdog().expiresNs());
      }
    }
    return best;
  }

  /** The RX hook: ingress/clsact filters may drop (false) or classify the packet. */
  public boolean receive(String device, Packet p, long nowNs) {
    NetDevice d = dev(device);
    if (!d.isUp()) {
      return false;
    }
    if (d.ingressQueue() != null && d.ingressQueue().qdiscSleeping() instanceof Ingress ing) {
      ing.countReceived(p);
      ClassifyResult r = ing.ingressBlock().classify(p);
      if (r != null) {
        if (r.action() == TcAction.SHOT) {
          ing.countHookDrop();
          return false;
        }
        p.setTcClassid(r.classid());
      }
    }
    return true;
  }
}
