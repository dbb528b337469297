package io.smpsim.kernel;

import io.smpsim.kernel.net.sched.SchedQuirk;

/**
 * Historical kernel behaviours a machine can be asked to reproduce (scenario key
 * {@code quirks}). Each one undoes a fix; without quirks a machine runs the fixed kernel. The
 * README tells each one's story.
 */
public enum Quirk {
  /**
   * The 2.6 NMI watchdog's progress check counts only local APIC timer interrupts, as before
   * "dynticks: Fix nmi watchdog" (tglx, Nov 2006) added the PIT/HPET (IRQ0) count.
   */
  NMI_IGNORES_PIT_HPET("nmi-ignores-pit-hpet"),
  /** The 2.6 NMI watchdog's per-CPU alert counter is reset on every watchdog tick. */
  ALERT_COUNTER_RESET("alert-counter-reset"),
  /**
   * ACPI _INI methods run with the IO-APIC watchdog's timer NMIs unmasked, as before
   * "fix laptop bootup hang in init_acpi()" (Ingo Molnar, Dec 2006, the ThinkPad T60 hang).
   */
  NO_NMI_GATE_DURING_ACPI_INI("no-nmi-gate-during-acpi-ini"),
  /**
   * CONFIG_DEBUG_SPINLOCK's lockup detection: a spin_lock() waiter reports "BUG: spinlock
   * lockup suspected" after about a second and triggers an all-CPU backtrace, as before
   * "locking/spinlock/debug: Remove spinlock lockup detection code" (Waiman Long, 4.14).
   */
  SPINLOCK_LOCKUP_DEBUG("spinlock-lockup-debug"),
  /**
   * The IDE driver's ide_wait_not_busy() polls a busy drive on resume without calling
   * touch_nmi_watchdog(), as before Michal Schmidt's 2006 fix ("the NMI watchdog detects a
   * lockup in ide_wait_not_busy" when resuming from suspend-to-RAM).
   */
  IDE_WAIT_NO_NMI_TOUCH("ide-wait-no-nmi-touch"),
  /**
   * An NMI user (oprofile) hooks NMIs with set_nmi_callback(), and do_nmi() runs the kernel's
   * own NMI handling, nmi_watchdog_tick() included, only when the callback returns 0, as before
   * Don Zickus's 2006 "Clean up the NMI interrupt path" put every user on the die chain.
   */
  NMI_CALLBACK_GATES_WATCHDOG("nmi-callback-gates-watchdog"),
  /**
   * oprofile programs performance counter 0 whoever uses it, as before Don Zickus's 2006
   * "Adds basic infrastructure to allow subsystems to reserve performance counters" (the
   * perfctr_nmi_owner bitmap): under nmi_watchdog=2 it takes over the watchdog's counter.
   */
  NO_PERFCTR_RESERVATION("no-perfctr-reservation"),
  /**
   * The local-APIC watchdog's period is {@code cpu_khz/nmi_hz*1000} in 32-bit arithmetic,
   * which wraps above 4294 MHz, as before Jan Beulich's "Get the i386 watchdog tick
   * calculation into a state where it can also be used on CPUs with frequencies beyond 4GHz".
   */
  TICK_OVERFLOW_4GHZ("tick-overflow-4ghz"),
  /**
   * check_nmi_watchdog() measures the CPUs as they are, idle ones too, as before Eric
   * Biederman's nmi_cpu_busy (2.6.18): in local APIC mode an idle CPU counts no events, so its
   * NMI looks stuck ("CPU#1: NMI appears to be stuck!") and the test gives up at the first one.
   */
  NMI_SELFTEST_IDLE_CPUS("nmi-selftest-idle-cpus"),
  /**
   * check_nmi_watchdog() runs from check_timer() at the end of smp_boot_cpus(), when the APs
   * have called in but not yet enabled their watchdog NMI (LVT0), as before it became a
   * late_initcall (2.6.12): the APs look stuck, yet their NMIs count soon after.
   */
  NMI_SELFTEST_EARLY("nmi-selftest-early"),
  /**
   * check_nmi_watchdog() returns early, when every CPU failed, before setting the flag the
   * other CPUs busy-wait on in nmi_cpu_busy(): they spin for ever and the boot hangs (2.6.19,
   * fixed by Ravikiran Thirumalai).
   */
  NMI_SELFTEST_FLAG_LEAK("nmi-selftest-flag-leak"),
  /**
   * setup_nmi_watchdog() checks nmi_known_cpu() while the boot options are parsed, before
   * identify_cpu() has found arch_perfmon, so {@code nmi_watchdog=2} is silently ignored on a
   * Core 2 (2.6.19, reverted by Venkatesh Pallipadi).
   */
  NMI_KNOWN_CPU_EARLY("nmi-known-cpu-early"),
  /**
   * setup_apic_nmi_watchdog() gives up on an Intel P4 (family 15) of model above 3, as before
   * the fix for the IBM ThinkPad G41's model 4 Pentium 4: its watchdog silently stays off.
   */
  P4_MODEL_MAX_3("p4-model-max-3"),
  /**
   * The local APIC NMI watchdog is on by default when the DMI BIOS year is 2004 or later, as
   * Andi Kleen's 2.6.18 commit made it ("Enable the local APIC wdog by default for systems newer
   * than 2004"): a feature; without the quirk a 2.6 machine runs no NMI watchdog unless asked.
   */
  LAPIC_WATCHDOG_DEFAULT_BIOS_2004("lapic-watchdog-default-bios-2004"),
  /**
   * A kprobe may sit on the NMI path, whose int3 and debug-trap IRETs unblock NMIs while the NMI
   * still runs, as before "Disallow kprobes on NMI handlers" (Fernando Vazquez, Andi Kleen,
   * 2006) put do_nmi(), default_do_nmi() and nmi_watchdog_tick() into .kprobes.text.
   */
  KPROBE_EARLY_IRET("kprobe-early-iret"),
  /**
   * The packet scheduler's bugs from net/sched/sch_api.c's history, carried out by the network
   * namespace: kernel-net's {@link SchedQuirk} declares them, with their keys and stories, and
   * each of these is one of them ({@link #sched()}). This one: {@link
   * SchedQuirk#QDISC_LOOKUP_INGRESS_LOOP}.
   */
  QDISC_LOOKUP_INGRESS_LOOP(SchedQuirk.QDISC_LOOKUP_INGRESS_LOOP),
  /** {@link SchedQuirk#NETEM_DUP_UNDERRUN}. */
  NETEM_DUP_UNDERRUN(SchedQuirk.NETEM_DUP_UNDERRUN),
  /** {@link SchedQuirk#ESTIMATOR_ERRORS_IGNORED}. */
  ESTIMATOR_ERRORS_IGNORED(SchedQuirk.ESTIMATOR_ERRORS_IGNORED),
  /** {@link SchedQuirk#PSCHED_CLOCK_RES}. */
  PSCHED_CLOCK_RES(SchedQuirk.PSCHED_CLOCK_RES),
  /** {@link SchedQuirk#FIXED_CLASS_HASH}. */
  FIXED_CLASS_HASH(SchedQuirk.FIXED_CLASS_HASH),
  /** {@link SchedQuirk#QDISC_RUN_FROM_WATCHDOG}. */
  QDISC_RUN_FROM_WATCHDOG(SchedQuirk.QDISC_RUN_FROM_WATCHDOG),
  /** {@link SchedQuirk#QDISC_DESTROY_IN_RCU}. */
  QDISC_DESTROY_IN_RCU(SchedQuirk.QDISC_DESTROY_IN_RCU),
  /** {@link SchedQuirk#NO_QLEN_PROPAGATION}. */
  NO_QLEN_PROPAGATION(SchedQuirk.NO_QLEN_PROPAGATION);

  private final String key;
  private final SchedQuirk sched;

  Quirk(String key) {
    this.key = key;
    this.sched = null;
  }

  Quirk(SchedQuirk sched) {
    this.key = sched.key();
    this.sched = sched;
  }

  /** The name scenarios use. */
  public String key() {
    return key;
  }

  /** The packet scheduler's quirk this one is, for the network namespace; null for the rest. */
  public SchedQuirk sched() {
    return sched;
  }

  /** The quirk called {@code key}, or null. */
  public static Quirk byKey(String key) {
    for (Quirk q : values()) {
      if (q.key.equals(key)) {
        return q;
      }
    }
    return null;
  }
}
