package io.smpsim.kernel.net;

/**
 * The CPU running the root of TX queue {@code txq} of device {@code ifindex} is back from its
 * driver transmit: its next qdisc_restart(). A timer of whichever entity runs that root, a
 * {@link NetdevTxQueue} or the {@link Netns} for a virtual device.
 */
public record QdiscRestart(int ifindex, int txq) implements Netns.Command, NetdevTxQueue.Command {
  @Override
  public long traceId() {
    return ifindex * 131L + txq;
  }
}
