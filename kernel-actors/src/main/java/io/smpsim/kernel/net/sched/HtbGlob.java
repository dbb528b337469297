package io.smpsim.kernel.net.sched;

/**
 * htb qdisc attributes: struct tc_htb_glob (TCA_HTB_INIT) and TCA_HTB_DIRECT_QLEN
 * ({@code null} when absent).
 */
public record HtbGlob(int version, long rate2quantum, long defcls, long debug, long directPkts,
    Long directQlen) {

  /** HTB_VER: 3.17. */
  public static final int HTB_VER = 0x30011;
}
