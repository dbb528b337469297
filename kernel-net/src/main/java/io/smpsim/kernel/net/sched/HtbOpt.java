package io.smpsim.kernel.net.sched;

/**
 * htb class attributes: struct tc_htb_opt (TCA_HTB_PARMS; buffer/cbuffer in psched ticks) plus
 * TCA_HTB_RATE64 / TCA_HTB_CEIL64 ({@code null} when absent).
 */
public record HtbOpt(TcRateSpec rate, TcRateSpec ceil, long buffer, long cbuffer, long quantum,
    int level, long prio, Long rate64, Long ceil64) {}
