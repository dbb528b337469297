package io.smpsim.kernel.net.sched;

/** tc_fq_codel_qd_stats: what {@code tc -s qdisc show} prints under fq_codel. */
public record FqCodelXstats(long maxpacket, long dropOverlimit, long ecnMark, long newFlowCount,
    long newFlowsLen, long oldFlowsLen, long ceMark, long memoryUsage, long dropOvermemory) {}
