package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.NetRandom;

/**
 * What a qdisc's init or change may use besides its options: the simulated time of the request,
 * the machine's random source and the request's extack (for warnings).
 */
public record QdiscCtx(long nowNs, NetRandom random, Extack extack) {}
