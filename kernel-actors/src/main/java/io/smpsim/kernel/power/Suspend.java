package io.smpsim.kernel.power;

import static io.smpsim.kernel.power.PmTransition.MS;
import static io.smpsim.kernel.power.PmTransition.S;

import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.Quirk;
import io.smpsim.kernel.core.Errno;
import io.smpsim.kernel.core.PmPhase;
import io.smpsim.kernel.core.Vectors;
import io.smpsim.kernel.printk.Klog;
import io.smpsim.kernel.task.CpuTask;
import io.smpsim.kernel.task.TaskKind;
import io.smpsim.kernel.task.TaskMail;
import java.util.Locale;

/**
 * A suspend (kernel/power/suspend.c pm_suspend() -> enter_state()), to S3 (deep) or to idle:
 * filesystems synced, hotplug disabled for user space and tasks frozen, devices suspended (NICs
 * detach and stop their queues), the platform prepared, non-boot CPUs taken down through CPU
 * hotplug (deep), syscore suspend on the boot CPU, sleep until a wake-up (the RTC alarm or
 * {@code inject wakeup}); then resume in reverse, stopping at the {@code pm_test} level if one
 * is chosen. The sleeping time passes in simulated time.
 */
final class Suspend {

  private static final int SYNCED = 2;
  private static final int FROZEN_TASKS = 3;
  private static final int KTHREADS_FROZEN = 4;
  private static final int SLEEP = 5;
  private static final int RESUMED_CPU = 6;
  private static final int DEVICES_RESUME = 7;
  private static final int DEVICES_RESUMED = 8;
  private static final int EXIT = 9;
  private static final int SYSCORE_RESUME = 10;
  private static final int THAW_CPUS = 11;

  private final PmTransition t;
  private final PowerAttrs attrs;
  /** The suspend in progress (or the last one) is to S3. */
  private boolean deep;
  /**
   * Whether the firmware ran since the devices suspended: a real S3 ends in SeaBIOS's resume
   * path, which resets the chipset's configuration; a pm_test stop does not.
   */
  private boolean firmwareResumed;

  /**
   * drivers/pci/quirks.c quirk_passive_release(), a resume fixup of the i440FX host bridge: it
   * sets Passive Release in the PIIX3 ISA bridge (config byte 0x82, bit 1) and says so only when
   * the bit was clear, as after the firmware reset it (QEMU's pc: the bridge at 00:01.0); with
   * pci_info() on 6.x, a plain printk() naming the device last on 2.6.
   */
  static String piix3PassiveRelease(KernelVersion v) {
    return v.major() == 2 ? "PCI: PIIX3: Enabling Passive Release on 0000:00:01.0"
        : "pci 0000:00:01.0: PIIX3: Enabling Passive Release";
  }
  /** When the boot CPU went to sleep in S3 (the printk clock stops there). */
  private long sleptAt;
  /** How long the last S3 sleep lasted. */
  private long sleptNs;
  /** smpsim's {@code inject resume-busywait}: a resume callback's irqs-off poll, or 0. */
  private long busywaitNs;
  /** dpm_suspend_late() and dpm_suspend_noirq() have run: their resume counterparts will. */
  private boolean noirq;
  /** dpm_suspend_start() has run (completed or aborted): dpm_resume_end() will run. */
  private boolean dpmStarted;

  Suspend(PmTransition t, PowerAttrs attrs) {
    this.t = t;
    this.attrs = attrs;
  }

  /** Whether {@code step} is one of a suspend's. */
  static boolean owns(int step) {
    return step >= SYNCED && step <= THAW_CPUS;
  }

  /** At the next resume a driver's resume callback polls its device for {@code ns}. */
  void resumeBusywait(long ns) {
    busywaitNs = ns;
  }

  private static String entryLine(boolean toDeep) {
    return "PM: suspend entry (" + (toDeep ? "deep" : "s2idle") + ")";
  }

  /** Whether the suspend in progress goes to S3 (the platform's sleep state), not to idle. */
  boolean toPlatformSleep() {
    return deep;
  }

  /** The label of mem_sleep_labels[] for the transition in progress. */
  private String label() {
    return deep ? "deep" : "s2idle";
  }

  /**
   * pm_suspend() while another transition holds system_transition_mutex: it prints its entry
   * and exit around enter_state(), which fails at once.
   */
  void rejectBusy(boolean toDeep) {
    t.printk(entryLine(toDeep));
    attrs.stats().outcome(Errno.EBUSY.number());
    t.printk("PM: suspend exit");
  }

  /** pm_suspend() -> enter_state(). */
  void start(long writerJob, int pid, boolean toDeep) {
    t.begin(writerJob, pid, false);
    deep = toDeep;
    t.printk(entryLine(toDeep));
    if (!deep && (attrs.pmTest() == PmTest.CORE || attrs.pmTest() == PmTest.PROCESSORS)) {
      // enter_state(): suspend-to-idle has no CPUs or core to stop at.
      t.printk("PM: Unsupported test mode for suspend to idle, please choose "
          + "none/freezer/devices/platform.");
      attrs.stats().outcome(Errno.EAGAIN.number());
      t.printk("PM: suspend exit");
      t.error = Errno.EAGAIN;
      t.finish();
      return;
    }
    // ksys_sync_helper() takes its time; sync_on_suspend 0 skips it.
    t.later(attrs.knobs().syncOnSuspend() ? 2 * MS : 0, SYNCED);
  }

  /** suspend_test(): at the chosen level, wait pm_test_delay and go on to {@code next}. */
  private boolean testStop(PmTest level, int next) {
    if (attrs.pmTest() != level) {
      return false;
    }
    t.printk(PmTest.waitingLine());
    t.later(PmTest.DELAY_SECONDS * S, next);
    return true;
  }

  void step(int step) {
    switch (step) {
      case SYNCED -> {
        if (attrs.knobs().syncOnSuspend()) {
          t.printk("Filesystems sync: 0.002 seconds");
        }
        t.pmDebug("PM: Preparing system for sleep (" + label() + ")");
        // PM_SUSPEND_PREPARE: the notifiers (cpu_hotplug_pm_callback() disables hotplug for
        // user space).
        t.suspendCallbacks(PmPhase.NOTIFIER);
        t.freezeUserSpaceStarts();
        t.later(MS, FROZEN_TASKS);
      }
      case FROZEN_TASKS -> {
        t.userSpaceFrozen();
        t.freezeKernelThreadsStarts();
        t.later(MS, KTHREADS_FROZEN);
      }
      case KTHREADS_FROZEN -> {
        t.kernelThreadsFrozen();
        // enter_state(): suspend_test(TEST_FREEZER), then Finish.
        if (testStop(PmTest.FREEZER, DEVICES_RESUMED)) {
          return;
        }
        t.pmDebug("PM: Suspending system (" + label() + ")");
        t.printk("printk: Suspending console(s) (use no_console_suspend to debug)");
        if (attrs.events().pending()) {
          // dpm_suspend(): __device_suspend() finds pm_wakeup_pending(); -EBUSY.
          showTime("", "suspend", "aborted");
          showTime("start", "suspend", "aborted");
          dpmStarted = true;
          t.printk("PM: Some devices failed to suspend, or early wake event detected");
          attrs.stats().failedSuspend();
          t.error = Errno.EBUSY;
          t.later(MS, DEVICES_RESUMED);
          return;
        }
        // dpm_suspend_start(): the drivers (the NICs') detach, their TX queues stop.
        t.suspendCallbacks(PmPhase.DEVICES);
        t.devicesSuspended = true;
        showTime("", "suspend", "complete");
        // dpm_suspend_start() times dpm_prepare() and dpm_suspend() together.
        showTime("start", "suspend", "complete");
        dpmStarted = true;
        if (testStop(PmTest.DEVICES, DEVICES_RESUMED)) {
          return;
        }
        t.later(5 * MS, SLEEP);
      }
      case SLEEP -> sleep();
      case SYSCORE_RESUME -> {
        t.onPrimary(new PowerMail.SyscoreResume());
        t.later(MS, THAW_CPUS);
      }
      case RESUMED_CPU -> {
        t.printk("ACPI: PM: Low-level resume complete", "ACPI: PM: Restoring platform NVS memory");
        // syscore_resume() -> timekeeping_resume(): kernel/time/timekeeping_debug.c
        // tk_debug_account_sleep_time().
        // pm_pr_dbg() lines carry the printing file's pr_fmt: timekeeping_debug.c has none.
        t.pmDebug(String.format(Locale.ROOT, "Timekeeping suspended for %d.%03d seconds",
            sleptNs / S, sleptNs % S / MS));
        t.thawCpus();
      }
      case THAW_CPUS -> t.thawCpus();
      case DEVICES_RESUME -> devicesResume();
      case DEVICES_RESUMED -> {
        if (t.devicesSuspended) {
          t.resumeCallbacks(PmPhase.DEVICES);
          t.devicesSuspended = false;
        }
        if (dpmStarted) {
          dpmStarted = false;
          // dpm_resume(): pci_pm_resume() runs the PCI resume fixups.
          if (firmwareResumed) {
            firmwareResumed = false;
            t.printk(piix3PassiveRelease(t.config().kernel()));
          }
          showTime("", "resume", "complete");
        }
        // enter_state()'s Finish.
        attrs.events().endCheck();
        t.pmDebug("PM: Finishing wakeup.");
        t.thaw();
        t.later(MS, EXIT);
      }
      case EXIT -> {
        // PM_POST_SUSPEND: user space may hotplug again.
        t.resumeCallbacks(PmPhase.NOTIFIER);
        t.printk("PM: suspend exit");
        attrs.stats().outcome(t.error == null ? 0 : t.error.number());
        t.finish();
      }
      default -> throw new IllegalStateException("unknown suspend step " + step);
    }
  }

  /** platform_resume_noirq(), then dpm_resume(): the resume callbacks take their time. */
  private void devicesResume() {
    if (t.platformPrepared) {
      // platform_resume_noirq(): acpi_pm_finish().
      t.printk("ACPI: PM: Waking up from system sleep state S3");
    }
    if (noirq) {
      // dpm_resume_noirq(), then dpm_resume_early().
      noirq = false;
      showTime("noirq", "resume", "complete");
      showTime("early", "resume", "complete");
    }
    long wait = MS;
    if (busywaitNs > 0) {
      // A resume callback polls its busy device with interrupts off on the CPU running
      // the resume; the fixed driver touches the NMI watchdog on every poll.
      TaskKind kind = t.config().has(Quirk.IDE_WAIT_NO_NMI_TOUCH)
          ? TaskKind.IDE_WAIT_NOT_BUSY_NO_TOUCH : TaskKind.IDE_WAIT_NOT_BUSY;
      CpuTask task = new CpuTask("sh", t.writerPid, kind, busywaitNs, -1);
      t.ctx().send(t.layout().cpu(t.primary), t.config().timings().ipi(),
          new Cpu.KernelMail(new TaskMail.Wake(task)));
      t.ctx().send(t.layout().apic(t.primary), t.config().timings().ipi(), new LocalApic.Ipi(
          DeliveryMode.FIXED, Vectors.RESCHEDULE, t.layout().apicId(t.primary)));
      wait += busywaitNs;
    }
    t.later(wait, DEVICES_RESUMED);
  }

  /** suspend_enter(), from the platform's prepare on. */
  private void sleep() {
    // suspend_enter(): dpm_suspend_late(), dpm_suspend_noirq(), then the platform.
    showTime("late", "suspend", "complete");
    showTime("noirq", "suspend", "complete");
    noirq = true;
    if (deep) {
      // acpi_pm_prepare(): acpi_sleep_prepare(), then suspend_nvs_save().
      t.printk("ACPI: PM: Preparing to enter system sleep state S3",
          "ACPI: PM: Saving platform NVS memory");
      t.platformPrepared = true;
    }
    if (testStop(PmTest.PLATFORM, DEVICES_RESUME)) {
      return;
    }
    if (deep) {
      t.freezeCpus();
      return;
    }
    // s2idle_loop(): every CPU stays online and idles until a wake-up.
    t.pmDebug("PM: suspend-to-idle");
    t.asleep = true;
    if (attrs.events().pending() || t.heldWakeup) {
      t.heldWakeup = false;
      wake();
    }
  }

  /** The non-boot CPUs are down (suspend_disable_secondary_cpus()). */
  void cpusFrozen() {
    if (!testStop(PmTest.PROCESSORS, THAW_CPUS)) {
      syscoreSuspend();
    }
  }

  /** The non-boot CPUs are back (suspend_enable_secondary_cpus()). */
  void cpusThawed() {
    t.later(MS, DEVICES_RESUME);
  }

  /**
   * Interrupts off on the boot CPU, syscore_suspend(), then pm_wakeup_pending() and
   * suspend_test(TEST_CORE) before the platform's enter (kernel/power/suspend.c suspend_enter()).
   */
  private void syscoreSuspend() {
    // drivers/base/syscore.c syscore_suspend() (a file without a pr_fmt: no "PM: ").
    t.pmDebug("Checking wakeup interrupts");
    t.onPrimary(new PowerMail.SyscoreSuspend());
    boolean wakeup = attrs.events().pending();
    if (testStop(PmTest.CORE, SYSCORE_RESUME)) {
      if (wakeup) {
        t.error = Errno.EBUSY;
      }
      return;
    }
    if (wakeup) {
      t.heldWakeup = false;
      t.error = Errno.EBUSY;
      t.later(MS, SYSCORE_RESUME);
      return;
    }
    t.asleep = true;
    sleptAt = t.ctx().now();
    if (t.heldWakeup) {
      t.heldWakeup = false;
      wake();
    }
  }

  /**
   * drivers/base/power/main.c dpm_show_time(): a device phase's pm_pr_dbg() line. smpsim's
   * callbacks of one phase run at one instant, which the kernel's rounding shows as 1 us.
   */
  private void showTime(String info, String verb, String outcome) {
    t.pmDebug("PM: " + (info.isEmpty() ? "" : info + " ") + verb + " of devices " + outcome
        + " after 0.001 msecs");
  }

  /** A wake-up ends the sleep, if the machine is asleep (else it is pending or lost). */
  void wake() {
    if (!t.busy() || !t.asleep) {
      return;
    }
    t.asleep = false;
    if (deep) {
      // Before anything prints again: the first line after the sleep is stamped as if no
      // time had passed (s2idle keeps the TSC, and so the printk clock, running).
      sleptNs = t.ctx().now() - sleptAt;
      firmwareResumed = true;
      t.ctx().send(t.layout().klog(), t.config().timings().mmio(),
          new Klog.SchedClockRestored(sleptNs));
      t.onPrimary(new PowerMail.SyscoreResume());
      t.later(MS, RESUMED_CPU);
    } else {
      // s2idle: the wake-up (the ACPI RTC or power-button fixed event) arrives through the
      // SCI, which acpi_s2idle_prepare() armed for wake-up (enable_irq_wake()), so it is the
      // IRQ that woke the machine. From S3 the firmware wakes it: no IRQ is recorded.
      attrs.events().irqWakeup(SuspendResume.SCI_IRQ);
      // pm_system_irq_wakeup(), then acpi_s2idle_wake(): the fixed event's status bit is set.
      t.pmDebug("PM: Triggering wakeup from IRQ " + SuspendResume.SCI_IRQ);
      // drivers/acpi/sleep.c (pr_fmt "ACPI: PM: ").
      t.pmDebug("ACPI: PM: ACPI fixed event wakeup");
      t.pmDebug("PM: resume from suspend-to-idle");
      t.later(MS, DEVICES_RESUME);
    }
  }
}
