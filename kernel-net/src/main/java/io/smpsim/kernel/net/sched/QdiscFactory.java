package io.smpsim.kernel.net.sched;


/**
 * What a qdisc needs from the machine to build children: the registered kinds
 * ({@code qdisc_create_dflt}) and the builtin noop qdisc.
 */
public interface QdiscFactory {

  /** A new, unconfigured qdisc of {@code kind}, or {@code null} if the kind is unknown. */
  Qdisc newQdisc(String kind);

  /** qdisc_create_dflt(): a qdisc of {@code kind} with default options under {@code parent}. */
  Qdisc createDefault(String kind, QdiscDev dev, NetdevQueue queue, int parent, QdiscCtx ctx);

  /** The builtin noop qdisc. */
  Qdisc noop();
}
