package io.smpsim.kernel.net;

/**
 * The hrtimer behind the qdisc watchdogs of TX queue {@code txq} of device {@code ifindex}
 * expired (qdisc_watchdog()): a timer of whichever entity runs that queue's root, a
 * {@link NetdevTxQueue} or the {@link Netns} for a virtual device.
 */
public record WatchdogFired(int ifindex, int txq) implements Netns.Command, NetdevTxQueue.Command {
  @Override
  public long traceId() {
    return ifindex * 131L + txq;
  }
}
