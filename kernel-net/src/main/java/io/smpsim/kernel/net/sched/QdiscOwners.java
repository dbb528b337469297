package io.smpsim.kernel.net.sched;

/**
 * Where the dumps of qdiscs and classes that live in another lock domain's entity come from:
 * rtnetlink dumps the trees' structure itself, but a qdisc whose packets another entity runs
 * (a TX queue's root and everything under it) is dumped by that entity, and rtnetlink prints
 * what it answered. A {@code null} answer keeps the local dump.
 */
public interface QdiscOwners {

  /** The dump of {@code q} as its owner gave it, or {@code null} to keep {@code local}. */
  QdiscDump qdisc(Qdisc q, QdiscDump local);

  /**
   * The dump of class {@code cl} of {@code q} as the owner of {@code q} gave it, or {@code null}
   * to keep {@code local}.
   */
  ClassDump tclass(Qdisc q, int cl, ClassDump local);
}
