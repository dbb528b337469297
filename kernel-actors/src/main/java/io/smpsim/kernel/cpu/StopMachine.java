package io.smpsim.kernel.cpu;

import java.util.List;

/**
 * stop_machine() as 6.x runs it when the APs come up together: native_smp_cpus_done() at boot
 * and arch_thaw_secondary_cpus_end() after a resume end with mtrr_aps_init()
 * (arch/x86/kernel/smpboot.c; cache_aps_init() from 6.2), whose set_mtrr()
 * runs mtrr_rendezvous_handler on every online CPU through stop_machine(). stop_cpus() queues
 * a work on each CPU's stopper (migration/N, kernel/stop_machine.c cpu_stop_queue_work) and
 * wakes it; on an active, idle secondary CPU try_to_wake_up() uses the wake list
 * ({@link WakeList}), one function-call IPI (CAL) each. The rendezvous itself runs with
 * interrupts off on every CPU and takes no interrupt.
 */
final class StopMachine {

  private StopMachine() {}

  /** The control CPU runs mtrr_aps_init() with the secondary CPUs {@code online} up. */
  static void mtrrApsInit(LinuxCpu boot, List<Integer> online) {
    for (int ap : online) {
      WakeList.wakeRemote(boot, ap);
    }
  }
}
