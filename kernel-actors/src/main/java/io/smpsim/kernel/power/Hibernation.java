package io.smpsim.kernel.power;

import static io.smpsim.kernel.power.PmTransition.MS;

import io.smpsim.kernel.core.Errno;
import io.smpsim.kernel.core.PmPhase;
import java.util.List;

/**
 * {@code echo disk > /sys/power/state} (kernel/power/hibernate.c hibernate(), pr_fmt
 * "PM: hibernation: "): filesystems synced, tasks frozen, image memory preallocated, devices
 * frozen, the platform prepared (ACPI S4 in platform mode), non-boot CPUs down, the image
 * created by syscore suspend and a copy, everything thawed, then swsusp_write() fails: the
 * machine has no swap device. With a {@code pm_test} level the hibernation stops there instead
 * (hibernation_test(): "debug: Waiting for 5 seconds.", a 5 s mdelay()), goes back the way it
 * came and, no image having been made (in_suspend stays 0), succeeds without writing one.
 */
final class Hibernation {

  /** kernel/power/hibernate.c hibernation_modes[], in disk_show()'s order. */
  static final List<String> MODES =
      List.of("platform", "shutdown", "reboot", "suspend", "test_resume");

  private static final int SYNCED = 20;
  private static final int FROZEN = 21;
  private static final int ALLOCATED = 22;
  private static final int KTHREADS_FROZEN = 23;
  private static final int PRE_SNAPSHOT = 24;
  private static final int IMAGE = 25;
  private static final int WRITE = 26;
  private static final int EXIT = 27;
  private static final int FREEZER_THAW = 28;
  private static final int RECOVER = 29;
  private static final int PLATFORM_FINISH = 30;
  private static final int THAW_CPUS = 31;
  private static final int POWER_UP = 32;
  private static final int RESTORED = 33;

  /** hibernation_debug_sleep(): 6.1 waits a fixed 5 s (pm_test_delay is suspend's only). */
  private static final long TEST_DELAY_NS = 5 * PmTransition.S;

  /** How long hibernate_preallocate_memory() takes. */
  private static final long PREALLOCATE_NS = 50 * MS;
  /** How long swsusp_save() takes to copy the image. */
  private static final long COPY_NS = 20 * MS;

  private final PmTransition t;
  private final PowerAttrs attrs;
  /** in_suspend: the image was created (swsusp_arch_suspend() ran), so it is to be written. */
  private boolean inSuspend;

  Hibernation(PmTransition t, PowerAttrs attrs) {
    this.t = t;
    this.attrs = attrs;
  }

  /** Whether {@code step} is one of a hibernation's. */
  static boolean owns(int step) {
    return step >= SYNCED && step <= RESTORED;
  }

  /** hibernate(). */
  void start(long writerJob, int pid) {
    t.begin(writerJob, pid, true);
    inSuspend = false;
    t.printk("PM: hibernation: hibernation entry");
    // PM_HIBERNATION_PREPARE: cpu_hotplug_pm_callback() disables hotplug for user space.
    t.suspendCallbacks(PmPhase.NOTIFIER);
    t.later(2 * MS, SYNCED);
  }

  /** hibernation_test(): at the chosen level, wait and go on to {@code next}. */
  private boolean testStop(PmTest level, int next) {
    if (attrs.pmTest() != level) {
      return false;
    }
    t.printk("PM: hibernation: debug: Waiting for 5 seconds.");
    t.later(TEST_DELAY_NS, next);
    return true;
  }

  void step(int step) {
    switch (step) {
      case SYNCED -> {
        t.printk("Filesystems sync: 0.002 seconds");
        t.freezeUserSpaceStarts();
        t.later(MS, FROZEN);
      }
      case FROZEN -> {
        t.userSpaceFrozen();
        // hibernate(): create_basic_memory_bitmaps(), then hibernation_snapshot():
        // hibernate_preallocate_memory() before the kernel threads freeze.
        t.prDebug(Snapshot.bitmapsCreated());
        t.printk("PM: hibernation: Preallocating image memory");
        t.later(PREALLOCATE_NS, ALLOCATED);
      }
      case ALLOCATED -> {
        t.printk(Snapshot.allocated(), Snapshot.speed("Allocated", PREALLOCATE_NS));
        t.freezeKernelThreadsStarts();
        t.later(MS, KTHREADS_FROZEN);
      }
      case KTHREADS_FROZEN -> {
        t.kernelThreadsFrozen();
        // hibernation_snapshot(): hibernation_test(TEST_FREEZER) sets freezer_test_done.
        if (testStop(PmTest.FREEZER, FREEZER_THAW)) {
          return;
        }
        t.printk("printk: Suspending console(s) (use no_console_suspend to debug)");
        // dpm_suspend(PMSG_FREEZE).
        t.suspendCallbacks(PmPhase.DEVICES);
        t.devicesSuspended = true;
        if (testStop(PmTest.DEVICES, RECOVER)) {
          return;
        }
        t.later(5 * MS, PRE_SNAPSHOT);
      }
      case FREEZER_THAW -> {
        // thaw_kernel_threads(), then hibernate() skips to thaw_processes().
        t.printk("Restarting kernel threads ... done.");
        freeBitmapsAndThaw();
        t.later(MS, EXIT);
      }
      case RECOVER -> {
        // platform_recover() (ACPI's hibernation ops have none), dpm_resume(PMSG_RESTORE).
        t.resumeCallbacks(PmPhase.DEVICES);
        t.devicesSuspended = false;
        t.later(MS, RESTORED);
      }
      case PLATFORM_FINISH -> platformFinish();
      case THAW_CPUS -> t.thawCpus();
      case POWER_UP -> {
        // create_image()'s Power_up: syscore_resume(), then the CPUs come back.
        t.onPrimary(new PowerMail.SyscoreResume());
        t.thawCpus();
      }
      case RESTORED -> {
        // hibernate(): no image was made (in_suspend 0), as after a restore (pm_pr_dbg() with
        // hibernate.c's pr_fmt), then swsusp_free().
        t.pmDebug("PM: hibernation: Hibernation image restored successfully.");
        freeBitmapsAndThaw();
        t.later(MS, EXIT);
      }
      case PRE_SNAPSHOT -> {
        if (attrs.platformMode()) {
          // platform_pre_snapshot(): acpi_pm_prepare() for S4.
          t.printk("ACPI: PM: Preparing to enter system sleep state S4",
              "ACPI: PM: Saving platform NVS memory");
          t.platformPrepared = true;
        }
        if (testStop(PmTest.PLATFORM, PLATFORM_FINISH)) {
          return;
        }
        t.freezeCpus();
      }
      case IMAGE -> {
        t.printk(Snapshot.created());
        if (attrs.platformMode()) {
          // platform_leave(): acpi_hibernation_leave() restores the NVS memory.
          t.printk("ACPI: PM: Restoring platform NVS memory");
        }
        t.onPrimary(new PowerMail.SyscoreResume());
        t.thawCpus();
      }
      case WRITE -> {
        // swsusp_write() -> get_swap_writer(): swsusp_swap_check() finds no swap device
        // (kernel/power/swap.c, pr_fmt "PM: "): -ENODEV.
        t.printk("PM: Cannot find swap device, try swapon -a", "PM: Cannot get swap writer");
        t.error = Errno.ENODEV;
        // hibernate(): swsusp_free(), then Free_bitmaps and Thaw.
        freeBitmapsAndThaw();
        t.later(MS, EXIT);
      }
      case EXIT -> {
        // PM_POST_HIBERNATION: user space may hotplug again.
        t.resumeCallbacks(PmPhase.NOTIFIER);
        t.printk("PM: hibernation: hibernation exit");
        t.finish();
      }
      default -> throw new IllegalStateException("unknown hibernation step " + step);
    }
  }

  /**
   * The non-boot CPUs are down: create_image(): hibernation_test(TEST_CPUS), syscore_suspend(),
   * hibernation_test(TEST_CORE), then swsusp_arch_suspend() copies the image.
   */
  void cpusFrozen() {
    if (testStop(PmTest.PROCESSORS, THAW_CPUS)) {
      return;
    }
    t.onPrimary(new PowerMail.SyscoreSuspend());
    if (testStop(PmTest.CORE, POWER_UP)) {
      return;
    }
    inSuspend = true;
    t.printk(Snapshot.creating());
    t.prDebug(List.of(Snapshot.enoughFreeMem()));
    t.later(COPY_NS, IMAGE);
  }

  /**
   * hibernate()'s Free_bitmaps and Thaw labels, where every way out after the bitmaps were made
   * ends: free_basic_memory_bitmaps() (pr_debug), then thaw_processes().
   */
  private void freeBitmapsAndThaw() {
    t.prDebug(List.of(Snapshot.bitmapsFreed()));
    t.thaw();
  }

  /** The non-boot CPUs are back (pm_sleep_enable_secondary_cpus()). */
  void cpusThawed() {
    platformFinish();
  }

  /**
   * create_image()'s Platform_finish: platform_finish() (acpi_pm_finish()), then dpm_resume()
   * and the console; the image, if one was made, is written next.
   */
  private void platformFinish() {
    if (t.platformPrepared) {
      t.printk("ACPI: PM: Waking up from system sleep state S4");
    }
    t.resumeCallbacks(PmPhase.DEVICES);
    t.devicesSuspended = false;
    t.later(MS, inSuspend ? WRITE : RESTORED);
  }
}
