package io.smpsim.kernel.net.sched;

/** struct tc_fifo_qopt: the limit in packets (pfifo) or bytes (bfifo). */
public record FifoQopt(long limit) {}
