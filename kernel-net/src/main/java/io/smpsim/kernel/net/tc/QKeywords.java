package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.sched.EmptyOptions;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * iproute2 modules of kinds smpsim does not implement in its kernel (q_codel.c, q_fq.c,
 * q_cake.c, q_drr.c, q_choke.c, q_pie.c, ...): their keywords are accepted and an unknown word
 * gets the module's own diagnostic, so the command fails where tc fails. A few values are
 * checked as the modules check them ({@code Illegal "X"}); a well-formed command reaches the
 * kernel, which does not know the kind.
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

  private static final Set<String> NONE = Set.of();

  /** How a module complains about a word it does not know. */
  private enum Complaint {
    /** {@code What is "X"?} and the usage (explain() modules). */
    WHAT_IS,
    /** {@code KIND: unknown parameter "X"} and the usage. */
    UNKNOWN_PARAMETER,
    /** {@code Unknown argument} only (q_mqprio.c, q_taprio.c). */
    UNKNOWN_ARGUMENT
  }

  private final String kind;
  private final Set<String> values;
  private final Set<String> flags;
  private final Map<String, Predicate<String>> checked;
  private final String usage;
  private final Complaint complaint;

  private QKeywords(String kind, Set<String> values, Set<String> flags,
      Map<String, Predicate<String>> checked, String usage, Complaint complaint) {
    this.kind = kind;
    this.values = values;
    this.flags = flags;
    this.checked = checked;
    this.usage = usage;
    this.complaint = complaint;
  }

  private static Predicate<String> u32() {
    return v -> TcUnits.getU32(v, 0) != null;
  }

  private static Predicate<String> time() {
    return v -> TcUnits.getTime(v) != null;
  }

  private static Predicate<String> rate() {
    return v -> TcUnits.getRate64(v) != null;
  }

  static QKeywords codel() {
    return new QKeywords("codel", CODEL_VALUES, CODEL_FLAGS, Map.of("limit", u32(),
        "target", time(), "interval", time(), "ce_threshold", time()), CODEL_USAGE,
        Complaint.WHAT_IS);
  }

  static QKeywords fq() {
    return new QKeywords("fq", FQ_VALUES, FQ_FLAGS, Map.of("limit", u32(), "flow_limit", u32(),
        "buckets", u32(), "maxrate", rate(), "refill_delay", time(), "ce_threshold", time(),
        "horizon", time(), "timer_slack", time()), FQ_USAGE, Complaint.WHAT_IS);
  }

  static QKeywords cake() {
    return new QKeywords("cake", CAKE_VALUES, CAKE_FLAGS, Map.of("bandwidth", rate(),
        "rtt", time()), CAKE_USAGE, Complaint.WHAT_IS);
  }

  /**
   * The other modules of iproute2 6.1 for kinds smpsim's kernel lacks, or {@code null} if tc
   * has none for {@code kind} (then the generic parser answers).
   */
  static QKeywords other(String kind) {
    switch (kind) {
      case "drr":
      case "qfq":
        return new QKeywords(kind, NONE, NONE, Map.of(), "Usage: ... " + kind + "\n",
            Complaint.WHAT_IS);
      case "choke":
        return new QKeywords(kind, Set.of("limit", "bandwidth", "min", "max", "burst"),
            Set.of("ecn"), Map.of(), "Usage: ... choke limit PACKETS bandwidth KBPS [ecn]\n"
            + "\t\t [ min PACKETS ] [ max PACKETS ] [ burst PACKETS ]\n", Complaint.WHAT_IS);
      case "pie":
        return new QKeywords(kind, Set.of("limit", "target", "tupdate", "alpha", "beta"),
            Set.of("bytemode", "nobytemode", "ecn", "noecn", "dq_rate_estimator",
                "no_dq_rate_estimator"), Map.of(),
            "Usage: ... pie [ limit PACKETS ] [ target TIME ]\n"
            + "               [ tupdate TIME ] [ alpha ALPHA ] [ beta BETA ]\n"
            + "               [ bytemode | nobytemode ] [ ecn | noecn ]\n"
            + "               [ dq_rate_estimator | no_dq_rate_estimator ]\n", Complaint.WHAT_IS);
      case "sfb":
        return new QKeywords(kind, Set.of("rehash", "db", "limit", "max", "target", "increment",
            "decrement", "penalty_rate", "penalty_burst"), NONE, Map.of(),
            "Usage: ... sfb [ rehash SECS ] [ db SECS ]\n"
            + "\t    [ limit PACKETS ] [ max PACKETS ] [ target PACKETS ]\n"
            + "\t    [ increment FLOAT ] [ decrement FLOAT ]\n"
            + "\t    [ penalty_rate PPS ] [ penalty_burst PACKETS ]\n", Complaint.WHAT_IS);
      case "hhf":
        return new QKeywords(kind, Set.of("limit", "quantum", "hh_limit", "reset_timeout",
            "admit_bytes", "evict_timeout", "non_hh_weight"), NONE, Map.of(),
            "Usage: ... hhf\t[ limit PACKETS ] [ quantum BYTES]\n"
            + "\t\t[ hh_limit NUMBER ]\n"
            + "\t\t[ reset_timeout TIME ]\n"
            + "\t\t[ admit_bytes BYTES ]\n"
            + "\t\t[ evict_timeout TIME ]\n"
            + "\t\t[ non_hh_weight NUMBER ]\n", Complaint.WHAT_IS);
      case "gred":
        return new QKeywords(kind, Set.of("vqs", "default", "limit", "vq", "prio", "min", "max",
            "avpkt", "burst", "probability", "bandwidth"), Set.of("setup", "grio", "ecn",
            "harddrop"), Map.of(),
            "Usage: tc qdisc { add | replace | change } ... gred setup vqs NUMBER\n"
            + "           default DEFAULT_VQ [ grio ] [ limit BYTES ] [ecn] [harddrop]\n"
            + "       tc qdisc change ... gred vq VQ [ prio VALUE ] limit BYTES\n"
            + "           min BYTES max BYTES avpkt BYTES [ burst PACKETS ]\n"
            + "           [ probability PROBABILITY ] [ bandwidth KBPS ] [ecn] [harddrop]\n",
            Complaint.WHAT_IS);
      case "plug":
        return new QKeywords(kind, Set.of("limit"), Set.of("block", "release",
            "release_indefinite"), Map.of(),
            "Usage: ... plug [block | release | release_indefinite | limit NUMBER]\n",
            Complaint.UNKNOWN_PARAMETER);
      case "skbprio":
        return new QKeywords(kind, Set.of("limit"), NONE, Map.of(),
            "Usage: ... <skbprio> [ limit NUMBER ]\n", Complaint.UNKNOWN_PARAMETER);
      case "etf":
        return new QKeywords(kind, Set.of("delta", "clockid"), Set.of("offload",
            "deadline_mode", "skip_sock_check"), Map.of(),
            "Usage: ... etf delta NANOS clockid CLOCKID [offload] [deadline_mode]\n"
            + "CLOCKID must be a valid SYS-V id (i.e. CLOCK_TAI)\n",
            Complaint.UNKNOWN_PARAMETER);
      case "cbs":
        return new QKeywords(kind, Set.of("hicredit", "locredit", "sendslope", "idleslope",
            "offload"), NONE, Map.of(),
            "Usage: ... cbs hicredit BYTES locredit BYTES sendslope BPS idleslope BPS\n"
            + "\t   [offload 0|1]\n", Complaint.UNKNOWN_PARAMETER);
      case "mqprio":
        return new QKeywords(kind, Set.of("num_tc", "map", "queues", "hw", "mode", "shaper",
            "min_rate", "max_rate"), NONE, Map.of("num_tc", v -> {
              Long n = TcUnits.getU32(v, 10);
              return n != null && n <= 0xFF;
            }), "", Complaint.UNKNOWN_ARGUMENT);
      case "taprio":
        return new QKeywords(kind, Set.of("num_tc", "map", "queues", "base-time", "sched-entry",
            "clockid", "flags", "txtime-delay", "cycle-time", "cycle-time-extension",
            "max-sdu"), NONE, Map.of(), "", Complaint.UNKNOWN_ARGUMENT);
      default:
        return null;
    }
  }

  @Override
  public Object parseQopt(String id, Args a, String dev, TcContext c) {
    while (a.more()) {
      String w = a.cur();
      if (values.contains(w)) {
        String v = a.next();
        Predicate<String> check = checked.get(w);
        if (check != null && !check.test(v)) {
          throw c.illegal(w);
        }
      } else if (!flags.contains(w)) {
        complain(w, c);
        throw c.fail();
      }
      a.advance();
    }
    return EmptyOptions.INSTANCE;
  }

  private void complain(String w, TcContext c) {
    switch (complaint) {
      case UNKNOWN_PARAMETER:
        c.err(kind + ": unknown parameter \"" + w + "\"\n");
        c.err(usage);
        break;
      case UNKNOWN_ARGUMENT:
        c.err("Unknown argument\n");
        break;
      default:
        if (!w.equals("help")) {
          c.err("What is \"" + w + "\"?\n");
        }
        c.err(usage);
    }
  }

  @Override
  public void printQopt(String id, JsonPrint out, Object opts, TcContext c) {}
}
