package io.smpsim.kernel.net.sched;

/**
 * struct tc_estimator (TCA_RATE): the sampling interval as a power of two of 250 ms minus 2,
 * and the EWMA time constant as a log2.
 */
public record TcEstimator(int interval, int ewmaLog) {}
