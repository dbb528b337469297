package io.smpsim.kernel.net.sched;

/**
 * One class as {@code RTM_NEWTCLASS} carries it: tcmsg parent/handle/info, the owning qdisc's
 * kind, the class options (kind specific, {@code null} if none), statistics and xstats.
 */
public record ClassDump(int ifindex, int parent, int handle, int info, String kind, Object options,
    QStats stats, Object xstats) {}
