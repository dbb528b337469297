package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.sched.EmptyOptions;
import java.util.Set;

/**
 * iproute2 modules of kinds smpsim does not implement in its kernel (q_codel.c, q_fq.c,
 * q_cake.c): their keywords are accepted and an unknown word gets the module's own
 * {@code What is} diagnostic and usage, so the command fails where tc fails. Values are not
 * checked; a well-formed command reaches the kernel, which does not know the kind.
 */
final class QKeywords implements QdiscUtil {

  private static final Set<String> CODEL_VALUES = Set.of("limit", "target", "ce_threshold",
      "interval");
  private static final Set<String> CODEL_FLAGS = Set.of("ecn", "noecn");
  private static final String CODEL_USAGE = "Usage: ... codel [ limit PACKETS ] [ target TIME ]\n"
      + "\t\t [ interval TIME ] [ ecn | noecn ]\n"
      + "\t\t [ ce_threshold TIME ]\n";
  private static final Set<String> FQ_VALUES = Set.of("limit", "flow_limit", "buckets", "maxrate",
      "low_rate_threshold", "ce_threshold", "horizon", "defrate", "quantum", "initial_quantum",
      "orphan_mask", "refill_delay", "timer_slack");
  private static final Set<String> FQ_FLAGS = Set.of("horizon_drop", "horizon_cap", "pacing",
      "nopacing");
  private static final String FQ_USAGE = "Usage: ... fq\t[ limit PACKETS ] [ flow_limit PACKETS ]\n"
      + "\t\t[ quantum BYTES ] [ initial_quantum BYTES ]\n"
      + "\t\t[ maxrate RATE  ] [ buckets NUMBER ]\n"
      + "\t\t[ [no]pacing ] [ refill_delay TIME ]\n"
      + "\t\t[ low_rate_threshold RATE ]\n"
      + "\t\t[ orphan_mask MASK]\n"
      + "\t\t[ timer_slack TIME]\n"
      + "\t\t[ ce_threshold TIME ]\n"
      + "\t\t[ horizon TIME ]\n"
      + "\t\t[ horizon_{cap|drop} ]\n";
  private static final Set<String> CAKE_VALUES = Set.of("bandwidth", "rtt", "memlimit", "fwmark",
      "overhead", "mpu");
  private static final Set<String> CAKE_FLAGS = Set.of("unlimited", "autorate-ingress",
      "datacentre", "lan", "metro", "regional", "internet", "oceanic", "satellite",
      "interplanetary", "besteffort", "precedence", "diffserv8", "diffserv4", "diffserv",
      "diffserv3", "nowash", "wash", "split-gso", "no-split-gso", "flowblind", "srchost",
      "dsthost", "hosts", "flows", "dual-srchost", "dual-dsthost", "triple-isolate", "nat",
      "nonat", "ptm", "atm", "noatm", "raw", "conservative", "ipoa-vcmux", "ipoa-llcsnap",
      "bridged-vcmux", "bridged-llcsnap", "pppoa-vcmux", "pppoa-llc", "pppoe-vcmux",
      "pppoe-llcsnap", "pppoe-ptm", "bridged-ptm", "via-ethernet", "ethernet", "ether-vlan",
      "docsis", "ingress", "egress", "no-ack-filter", "ack-filter", "ack-filter-aggressive");
  private static final String CAKE_USAGE =
      "Usage: ... cake [ bandwidth RATE | unlimited* | autorate-ingress ]\n"
      + "                [ rtt TIME | datacentre | lan | metro | regional |\n"
      + "                  internet* | oceanic | satellite | interplanetary ]\n"
      + "                [ besteffort | diffserv8 | diffserv4 | diffserv3* ]\n"
      + "                [ flowblind | srchost | dsthost | hosts | flows |\n"
      + "                  dual-srchost | dual-dsthost | triple-isolate* ]\n"
      + "                [ nat | nonat* ]\n"
      + "                [ wash | nowash* ]\n"
      + "                [ split-gso* | no-split-gso ]\n"
      + "                [ ack-filter | ack-filter-aggressive | no-ack-filter* ]\n"
      + "                [ memlimit LIMIT ]\n"
      + "                [ fwmark MASK ]\n"
      + "                [ ptm | atm | noatm* ] [ overhead N | conservative | raw* ]\n"
      + "                [ mpu N ] [ ingress | egress* ]\n"
      + "                (* marks defaults)\n";

  private final Set<String> values;
  private final Set<String> flags;
  private final String usage;

  private QKeywords(Set<String> values, Set<String> flags, String usage) {
    this.values = values;
    this.flags = flags;
    this.usage = usage;
  }

  static QKeywords codel() {
    return new QKeywords(CODEL_VALUES, CODEL_FLAGS, CODEL_USAGE);
  }

  static QKeywords fq() {
    return new QKeywords(FQ_VALUES, FQ_FLAGS, FQ_USAGE);
  }

  static QKeywords cake() {
    return new QKeywords(CAKE_VALUES, CAKE_FLAGS, CAKE_USAGE);
  }

  @Override
  public Object parseQopt(String id, Args a, String dev, TcContext c) {
    while (a.more()) {
      String w = a.cur();
      if (values.contains(w)) {
        a.next();
      } else if (!flags.contains(w)) {
        if (!w.equals("help")) {
          c.err("What is \"" + w + "\"?\n");
        }
        c.err(usage);
        throw c.fail();
      }
      a.advance();
    }
    return EmptyOptions.INSTANCE;
  }

  @Override
  public void printQopt(String id, JsonPrint out, Object opts, TcContext c) {}
}
