package io.smpsim.kernel.net.sched;

/**
 * struct tc_prio_qopt (+ TCA_PRIO_MQ): the number of bands and the map from skb->priority
 * (0..15) to band. pfifo_fast dumps the same structure.
 *
 * @param multiqueue {@code null} when TCA_PRIO_MQ is absent
 */
public record PrioQopt(int bands, int[] priomap, Boolean multiqueue) {

  /** sch_default_prio2band: TC_PRIO_* to band. */
  public static int[] defaultPriomap() {
    return new int[] {1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1};
  }
}
