package io.smpsim.kernel.net.sched;

/**
 * htb qdisc attributes: struct tc_htb_glob (TCA_HTB_INIT), TCA_HTB_DIRECT_QLEN
 * ({@code null} when absent) and the TCA_HTB_OFFLOAD flag.
 */
public record HtbGlob(int version, long rate2quantum, long defcls, long debug, long directPkts,
    Long directQlen, boolean offload) {

  /** HTB_VER: 3.17. */
  public static final int HTB_VER = 0x30011;
}
