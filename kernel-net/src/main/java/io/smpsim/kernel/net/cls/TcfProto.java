package io.smpsim.kernel.net.cls;

import java.util.ArrayList;
import java.util.List;

/**
 * tcf_proto: one classifier instance of a block, identified by its priority (pref) and
 * protocol, holding the filters of one kind in insertion order.
 */
public final class TcfProto {

  /** ETH_P_ALL: matches every protocol. */
  public static final int ETH_P_ALL = 0x0003;

  private final int prio;
  private final int protocol;
  private final String kind;
  private final List<TcFilter> filters = new ArrayList<>();

  public TcfProto(int prio, int protocol, String kind) {
    this.prio = prio;
    this.protocol = protocol;
    this.kind = kind;
  }

  public int prio() {
    return prio;
  }

  public int protocol() {
    return protocol;
  }

  public String kind() {
    return kind;
  }

  public List<TcFilter> filters() {
    return filters;
  }
}
