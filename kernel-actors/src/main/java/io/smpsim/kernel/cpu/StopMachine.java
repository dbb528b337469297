package io.smpsim.kernel.cpu;

import java.util.List;

/**
 * stop_machine() as the 6.x boot runs it once: native_smp_cpus_done() ends with
 * mtrr_aps_init() (arch/x86/kernel/smpboot.c; cache_aps_init() from 6.2), whose set_mtrr()
 * runs mtrr_rendezvous_handler on every online CPU through stop_machine(). stop_cpus() queues
 * a work on each CPU's stopper (migration/N, kernel/stop_machine.c cpu_stop_queue_work) and
 * wakes it; on an active, idle secondary CPU try_to_wake_up() uses the wake list
 * ({@link WakeList}), one function-call IPI (CAL) each. The rendezvous itself runs with
 * interrupts off on every CPU and takes no interrupt.
 */
final class StopMachine {

  private StopMachine() {}

  /** The boot CPU runs mtrr_aps_init() with {@code online} secondary CPUs up. */
  static void mtrrApsInit(LinuxCpu boot, List<Integer> online) {
    for (int ap : online) {
      WakeList.wakeRemote(boot, ap);
    }
  }
}
