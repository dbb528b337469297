package io.smpsim.kernel.net.dev;

/**
 * What {@link NetStack#transmit} did with a packet: queued on a TX queue's qdisc (also when the
 * verdict is NET_XMIT_CN: the qdisc kept it and dropped another), handed straight to the driver
 * (a noqueue device: the caller transmits it now), or dropped.
 *
 * @param verdict the qdisc's NET_XMIT verdict (0 when sent directly)
 * @param txQueue the TX queue the packet was steered to
 */
public record TxResult(Outcome outcome, int verdict, int txQueue) {

  /** The three fates of a transmitted packet. */
  public enum Outcome { QUEUED, DIRECT, DROPPED }
}
