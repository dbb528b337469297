package io.smpsim.kernel.net.sched;

import java.util.List;

/**
 * What the qdisc control plane (sch_api.c) reaches beyond one device: the namespace's devices
 * ({@code __dev_get_by_index()}, {@code for_each_netdev()}), the builtin {@code noop_qdisc} and
 * the global counter of {@code qdisc_alloc_handle()}. The device layer implements it.
 */
public interface QdiscNet {

  /** The device with {@code ifindex}, or {@code null}. */
  QdiscDev device(int ifindex);

  /** Devices in registration order. */
  List<? extends QdiscDev> devices();

  /** The builtin noop qdisc. */
  Qdisc noop();

  /**
   * The next candidate of the global auto-handle counter (qdisc_alloc_handle): majors from
   * 8001 up to fffe, wrapping to 8000.
   */
  int nextAutohandle();

  /** Whether the namespace reproduces the historical bug {@code q} (none: the fixed kernel). */
  default boolean quirk(SchedQuirk q) {
    return false;
  }

  /**
   * hrtimer_resolution: 1 ns when the hrtimers run in high-resolution mode, a jiffy
   * (LOW_RES_NSEC) when they expire from the tick ({@code highres=off}).
   */
  default long hrtimerResNs() {
    return 1;
  }
}
