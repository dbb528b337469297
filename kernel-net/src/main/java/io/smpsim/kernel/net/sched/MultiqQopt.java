package io.smpsim.kernel.net.sched;

/** struct tc_multiq_qopt: bands in use and the device's TX queue count. */
public record MultiqQopt(int bands, int maxBands) {}
