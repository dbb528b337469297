package io.smpsim.kernel.net.sched;

/**
 * tbf's attributes: struct tc_tbf_qopt (TCA_TBF_PARMS; buffer and mtu in psched ticks) plus the
 * optional TCA_TBF_RATE64, TCA_TBF_PRATE64, TCA_TBF_BURST and TCA_TBF_PBURST ({@code null} when
 * absent).
 */
public record TbfQopt(TcRateSpec rate, TcRateSpec peakrate, long limit, long buffer, long mtu,
    Long rate64, Long prate64, Long burst, Long pburst) {}
