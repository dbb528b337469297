package io.smpsim.kernel.net.dev;

import io.smpsim.kernel.net.core.Packet;

/**
 * A synchronous stand-in for the engine's NIC and qdisc actors: transmit makes the device send
 * whatever its qdisc releases at once (like a veth, whose xmit delivers straight to the peer),
 * and {@link #runUntil} fires the qdisc watchdogs in time order. Used by the oracle's
 * {@code @send} and by the data-plane tests.
 */
public final class VethDriver {

  private final NetStack stack;
  private long delivered;
  private long deliveredBytes;
  private long firstDeliveryNs = -1;
  private long lastDeliveryNs = -1;

  public VethDriver(NetStack stack) {
    this.stack = stack;
  }

  /** Transmit on {@code dev}; returns false when the stack dropped it before the qdisc. */
  public TxResult send(String dev, Packet p, long nowNs) {
    TxResult r = stack.transmit(dev, p, nowNs);
    if (r.outcome() == TxResult.Outcome.DIRECT) {
      deliver(dev, p, nowNs);
    } else if (r.outcome() == TxResult.Outcome.QUEUED) {
      drain(dev, r.txQueue(), nowNs);
    } else {
      drain(dev, r.txQueue(), nowNs);
    }
    return r;
  }

  /** qdisc_run(): dequeue and deliver until the qdisc holds nothing it may release now. */
  public int drain(String dev, int txq, long nowNs) {
    int n = 0;
    Packet p;
    while ((p = stack.dequeue(dev, txq, nowNs)) != null) {
      deliver(dev, p, nowNs);
      n++;
    }
    return n;
  }

  private void deliver(String dev, Packet p, long nowNs) {
    delivered++;
    deliveredBytes += p.len();
    if (firstDeliveryNs < 0) {
      firstDeliveryNs = nowNs;
    }
    lastDeliveryNs = nowNs;
    NetDevice d = stack.namespace().device(dev);
    if (d.peer() != null) {
      stack.receive(d.peer(), p, nowNs);
    }
  }

  /** Fire every watchdog due by {@code nowNs}, earliest first, draining at each one's time. */
  public void runUntil(long nowNs) {
    while (true) {
      long best = Long.MAX_VALUE;
      String bestDev = null;
      int bestQ = 0;
      for (NetDevice d : stack.namespace().devices()) {
        for (int q = 0; q < d.numTxQueues(); q++) {
          long w = stack.nextWakeupNs(d.name(), q);
          if (w < best) {
            best = w;
            bestDev = d.name();
            bestQ = q;
          }
        }
      }
      if (bestDev == null || best > nowNs) {
        return;
      }
      int n = drain(bestDev, bestQ, best);
      if (n == 0 && stack.nextWakeupNs(bestDev, bestQ) <= best) {
        return;
      }
    }
  }

  /** The earliest armed watchdog of any device, or {@link Long#MAX_VALUE}. */
  public long nextWakeupNs() {
    long best = Long.MAX_VALUE;
    for (NetDevice d : stack.namespace().devices()) {
      for (int q = 0; q < d.numTxQueues(); q++) {
        best = Math.min(best, stack.nextWakeupNs(d.name(), q));
      }
    }
    return best;
  }

  public long delivered() {
    return delivered;
  }

  /** L2 bytes delivered (skb->len, what a receiver's wire rate counts). */
  public long deliveredBytes() {
    return deliveredBytes;
  }

  public long lastDeliveryNs() {
    return lastDeliveryNs;
  }

  public long firstDeliveryNs() {
    return firstDeliveryNs;
  }
}
