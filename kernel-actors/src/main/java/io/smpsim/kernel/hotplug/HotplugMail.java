package io.smpsim.kernel.hotplug;

import io.smpsim.sim.SimMessage;
import java.util.BitSet;
import java.util.List;

/** What the hotplug controller asks of a CPU's kernel (through {@code Cpu.KernelMail}). */
public final class HotplugMail {

  private HotplugMail() {}

  /**
   * take_cpu_down() on the dying CPU, then play_dead(): leave the scheduler (the runqueue moves
   * to {@code migrateTo}, the first of the CPUs still {@code online}, or for a task with a CPU
   * affinity to the first online CPU of it), stop the local APIC timer, take the local APIC
   * offline, report death and halt with interrupts off. (Under a system sleep the freezer has
   * taken the user tasks off the runqueues already: see {@link FreezeTasks}.)
   */
  public record TakeDown(int migrateTo, BitSet online) implements SimMessage {}

  /**
   * freeze_processes() (kernel/power/process.c), for this CPU: its user tasks enter the
   * refrigerator, off the runqueue, remembering this CPU as the one they last ran on.
   */
  public record FreezeTasks() implements SimMessage {}

  /**
   * thaw_processes(), run on CPU {@code from}, for this CPU: the user tasks the freezer stopped
   * here wake where they were, as try_to_wake_up() puts a task back on its previous CPU.
   */
  public record ThawTasks(int from) implements SimMessage {}

  /**
   * select_fallback_rq() found no online CPU in the affinity of the task {@code pid} leaving this
   * dying CPU: its mask falls back to every CPU, and a user task is told so
   * (kernel/sched/core.c, printk_deferred at the default level).
   */
  public record NoLongerAffine(int pid, String comm) implements SimMessage {

    /** The line, for the CPU {@code cpu} the task leaves. */
    public String line(int cpu) {
      return "process " + pid + " (" + comm + ") no longer affine to cpu" + cpu;
    }
  }

  /** On the control CPU: wake {@code cpu} with INIT, INIT deassert, then two STARTUP IPIs. */
  public record Kick(int cpu) implements SimMessage {}

  /** The control CPU's STARTUP IPI to {@code cpu}, sent {@link ApWakeup#SIPI_DELAY_NS} apart. */
  public record Sipi(int cpu) implements SimMessage {}

  /**
   * On the control CPU, once {@code cpu} called in: bringup_wait_for_ap()'s kthread_unpark() of
   * its hotplug thread (kernel/cpu.c), which then runs the AP's online states.
   */
  public record Unpark(int cpu) implements SimMessage {}

  /**
   * On an AP coming up: complete_ap_thread() of the control CPU's wait (kernel/cpu.c), from
   * cpuhp_online_idle() once the AP is online and again from its hotplug thread once it ran the
   * AP's online states. The task waiting in bringup_wait_for_ap() or cpuhp_kick_ap() sleeps
   * on the idle control CPU, which the wake-up reaches through its wake list.
   */
  public record Complete(int control) implements SimMessage {}

  /**
   * On the control CPU, once thaw_secondary_cpus() brought the frozen CPUs back:
   * arch_thaw_secondary_cpus_end()'s mtrr_aps_init(), a stop_machine() over the online CPUs
   * ({@code aps}: the others).
   */
  public record MtrrApsInit(List<Integer> aps) implements SimMessage {

    public MtrrApsInit {
      aps = List.copyOf(aps);
    }
  }
}
