package io.smpsim.kernel.net.sched;

/** struct tc_sfq_qopt_v1 (without the RED part smpsim does not model). */
public record SfqQopt(long quantum, int perturbPeriod, long limit, long divisor, long flows,
    long depth, boolean headdrop) {}
