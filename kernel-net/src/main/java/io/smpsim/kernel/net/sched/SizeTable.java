package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;

/**
 * qdisc_size_table: a root qdisc's stab, which rewrites the length every qdisc of the tree
 * accounts for a packet ({@code qdisc_calculate_pkt_len}, net/sched/sch_api.c).
 */
public final class SizeTable {

  private static final int STAB_SIZE_LOG_MAX = 30;
  private final SizeSpec spec;

  private SizeTable(SizeSpec spec) {
    this.spec = spec;
  }

  /** qdisc_get_stab(): validate what iproute2 sent. */
  public static SizeTable of(SizeSpec s) {
    int tsize = s.data() == null ? 0 : s.data().length;
    if (s.tsize() > 0 && s.data() == null) {
      throw new NetlinkException(Errno.EINVAL, "Size table has no data");
    }
    if (tsize != s.tsize()) {
      throw new NetlinkException(Errno.EINVAL, "Invalid size of size table");
    }
    if (s.sizeLog() > STAB_SIZE_LOG_MAX) {
      throw new NetlinkException(Errno.EINVAL, "Invalid logarithmic size of size table");
    }
    return new SizeTable(s);
  }

  public SizeSpec spec() {
    return spec;
  }

  /** The accounted length of a packet of {@code len} bytes. */
  public int pktLen(int len) {
    int pktLen = len + spec.overhead();
    if (spec.tsize() != 0) {
      int slot = pktLen + spec.cellAlign();
      if (slot < 0) {
        slot = 0;
      }
      slot >>= spec.cellLog();
      int[] data = spec.data();
      if (slot < spec.tsize()) {
        pktLen = data[slot];
      } else {
        pktLen = data[spec.tsize() - 1] * (slot / spec.tsize()) + data[slot % spec.tsize()];
      }
      pktLen <<= spec.sizeLog();
    }
    return Math.max(pktLen, 1);
  }
}
