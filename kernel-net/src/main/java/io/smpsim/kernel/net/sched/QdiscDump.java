package io.smpsim.kernel.net.sched;

/**
 * One qdisc as {@code RTM_NEWQDISC} carries it: tcmsg handle/parent/info (the refcount), the
 * kind, TCA_OPTIONS (kind specific, {@code null} if absent), TCA_STAB, statistics and the
 * shared-block indexes of ingress/clsact (0: none).
 */
public record QdiscDump(int ifindex, int handle, int parent, int refcnt, String kind,
    Object options, SizeSpec stab, QStats stats, Object xstats, int ingressBlock,
    int egressBlock) {}
