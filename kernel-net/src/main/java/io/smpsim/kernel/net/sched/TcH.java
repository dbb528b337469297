package io.smpsim.kernel.net.sched;

/** Traffic-control handle arithmetic (include/uapi/linux/pkt_sched.h: TC_H_*). */
public final class TcH {

  /** TC_H_ROOT: the root of the egress tree. */
  public static final int ROOT = 0xFFFFFFFF;
  /** TC_H_INGRESS (== TC_H_CLSACT): the ingress hook. */
  public static final int INGRESS = 0xFFFFFFF1;
  /** TC_H_UNSPEC. */
  public static final int UNSPEC = 0;
  /** TC_H_MIN_INGRESS. */
  public static final int MIN_INGRESS = 0xFFF2;
  /** TC_H_MIN_EGRESS. */
  public static final int MIN_EGRESS = 0xFFF3;

  private TcH() {}

  public static int maj(int h) {
    return h & 0xFFFF0000;
  }

  public static int min(int h) {
    return h & 0x0000FFFF;
  }

  public static int make(int maj, int min) {
    return (maj & 0xFFFF0000) | (min & 0x0000FFFF);
  }

  /** iproute2's print_tc_classid(): {@code root}, {@code none}, {@code :m}, {@code M:}, {@code M:m}. */
  public static String format(int h) {
    if (h == ROOT) {
      return "root";
    }
    if (h == UNSPEC) {
      return "none";
    }
    if (maj(h) == 0) {
      return ":" + Integer.toHexString(min(h));
    }
    if (min(h) == 0) {
      return Integer.toHexString(maj(h) >>> 16) + ":";
    }
    return Integer.toHexString(maj(h) >>> 16) + ":" + Integer.toHexString(min(h));
  }

  /** A qdisc handle as tc prints it: the major and a colon, {@code 8001:}. */
  public static String formatMajor(int h) {
    return Integer.toHexString(h >>> 16) + ":";
  }
}
