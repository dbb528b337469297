package io.smpsim.kernel.net.sched;

/**
 * netem's attributes: struct tc_netem_qopt (latency/jitter in psched ticks, probabilities scaled
 * to 2^32-1) followed by TCA_NETEM_CORR, TCA_NETEM_REORDER, TCA_NETEM_CORRUPT, TCA_NETEM_RATE
 * (and RATE64) and TCA_NETEM_ECN; absent attributes are {@code null}.
 *
 * @param corr delay, loss and duplicate correlations
 * @param reorder probability and correlation
 * @param corrupt probability and correlation
 * @param rate rate (bytes/s, unsigned 32), packet overhead, cell size, cell overhead
 */
public record NetemQopt(long latency, long limit, long loss, long gap, long duplicate,
    long jitter, long[] corr, long[] reorder, long[] corrupt, long[] rate, Long rate64,
    Boolean ecn, String distribution) {}
