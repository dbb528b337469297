package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.NetlinkException;
import java.util.List;

/**
 * The qdisc kinds registered in a full distribution kernel (register_qdisc), by their ops id.
 * {@code noop} is builtin but not registered, like in Linux.
 */
public final class QdiscKinds implements QdiscFactory {

  private final QdiscNet ns;

  public QdiscKinds(QdiscNet ns) {
    this.ns = ns;
  }

  @Override
  public Qdisc newQdisc(String kind) {
    Qdisc q = alloc(kind);
    if (q != null) {
      for (SchedQuirk k : SchedQuirk.values()) {
        if (ns.quirk(k)) {
          q.addQuirk(k);
        }
      }
    }
    return q;
  }

  /** The qdisc kinds {@link #alloc} makes, as tc names them (the shell completes them). */
  public static final List<String> KINDS = List.of("pfifo", "bfifo", "pfifo_head_drop",
      "pfifo_fast", "noqueue", "blackhole", "prio", "multiq", "tbf", "htb", "netem", "sfq",
      "fq_codel", "ingress", "clsact", "mq");

  private Qdisc alloc(String kind) {
    if (kind == null) {
      return null;
    }
    switch (kind) {
      case "pfifo": return new Pfifo();
      case "bfifo": return new Bfifo();
      case "pfifo_head_drop": return new PfifoHeadDrop();
      case "pfifo_fast": return new PfifoFast();
      case "noqueue": return new Noqueue();
      case "blackhole": return new Blackhole();
      case "prio": return new Prio(this);
      case "multiq": return new Multiq(this);
      case "tbf": return new Tbf(ns.noop());
      case "htb": return new Htb();
      case "netem": return new Netem();
      case "sfq": return new Sfq();
      case "fq_codel": return new FqCodel();
      case "ingress": return new Ingress();
      case "clsact": return new Clsact();
      case "mq": return new Mq(this);
      default: return null;
    }
  }

  @Override
  public Qdisc createDefault(String kind, QdiscDev dev, NetdevQueue queue, int parent,
      QdiscCtx ctx) {
    Qdisc q = newQdisc(kind);
    q.attachTo(dev, queue);
    q.setParent(parent);
    try {
      q.init(null, ctx);
    } catch (NetlinkException e) {
      q.put();
      return null;
    }
    return q;
  }

  @Override
  public Qdisc noop() {
    return ns.noop();
  }
}
