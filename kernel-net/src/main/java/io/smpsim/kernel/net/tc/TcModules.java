package io.smpsim.kernel.net.tc;

/**
 * The qdisc modules of iproute2 6.1 by kind, as get_qdisc_kind() finds them. A kind with no
 * module gets the generic one, exactly as tc does after its dlopen() fails.
 */
final class TcModules {

  private TcModules() {}

  static QdiscUtil get(String kind) {
    switch (kind) {
      case "pfifo":
      case "bfifo":
      case "pfifo_head_drop":
        return new QFifo();
      case "pfifo_fast":
        return new QPrio(false);
      case "prio":
        return new QPrio(true);
      case "tbf":
        return new QTbf();
      case "htb":
        return new QHtb();
      case "netem":
        return new QNetem();
      case "sfq":
        return new QSfq();
      case "fq_codel":
        return new QFqCodel();
      case "red":
        return new QRed();
      case "codel":
        return QKeywords.codel();
      case "fq":
        return QKeywords.fq();
      case "cake":
        return QKeywords.cake();
      case "ingress":
      case "clsact":
      case "multiq":
      case "hfsc":
        return new QMisc(kind);
      default:
        QdiscUtil other = QKeywords.other(kind);
        return other != null ? other : new QNoopt();
    }
  }
}
