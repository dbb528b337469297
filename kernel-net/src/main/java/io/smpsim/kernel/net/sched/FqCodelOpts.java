package io.smpsim.kernel.net.sched;

/**
 * fq_codel's TCA_FQ_CODEL_* attributes ({@code null} when absent): times in microseconds,
 * limits in packets and bytes.
 */
public record FqCodelOpts(Long limit, Long flows, Long quantum, Long target, Long interval,
    Long ecn, Long ceThreshold, Long dropBatch, Long memoryLimit) {}
