package io.smpsim.kernel.net.sched;

/** struct tc_htb_xstats: what {@code tc -s class show} prints under an htb class. */
public record HtbXstats(long lends, long borrows, long giants, int tokens, int ctokens) {}
