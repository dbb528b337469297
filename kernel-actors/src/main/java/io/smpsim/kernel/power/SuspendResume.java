package io.smpsim.kernel.power;

import io.smpsim.kernel.JobAsker;
import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.IoApic;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.Quirk;
import io.smpsim.kernel.core.Kernel;
import io.smpsim.kernel.core.KernelTables;
import io.smpsim.kernel.core.PmPhase;
import io.smpsim.kernel.core.Vectors;
import io.smpsim.kernel.hotplug.CpuHotplug;
import io.smpsim.kernel.printk.Klog;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.printk.Printk;
import io.smpsim.kernel.core.Errno;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.kernel.task.CpuTask;
import io.smpsim.kernel.task.TaskKind;
import io.smpsim.kernel.task.TaskMail;
import io.smpsim.sim.Address;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;
import java.util.List;
import java.util.Locale;

/**
 * The PM core (kernel/power/main.c, suspend.c, hibernate.c, process.c) and the CMOS RTC's
 * alarm: it serves {@code /sys/power} ({@code state}, {@code mem_sleep}, {@code disk},
 * {@code pm_test}, {@code pm_debug_messages}, {@code wakeup_count}, {@code suspend_stats/*})
 * and {@code /sys/class/rtc/rtc0/wakealarm}, and runs a system sleep in the kernel's order:
 * filesystems synced, hotplug disabled for user space and tasks frozen, devices suspended
 * (NICs detach and stop their queues), the platform prepared, non-boot CPUs taken down through
 * CPU hotplug (deep), syscore suspend on the boot CPU, sleep until a wake-up (the RTC alarm or
 * {@code inject wakeup}); then resume in reverse. The sleeping time passes in simulated time.
 * {@code echo disk} runs a hibernation up to writing the image, which fails: the machine has
 * no swap device.
 */
public final class SuspendResume extends Entity<CpuHotplug.FreezeAsker> {

  /** What the PM core accepts. */
  public sealed interface Command extends CpuHotplug.FreezeAsker
      permits Read, Write, Wakeup, Step, Alarm, ResumeBusywait {}

  /** Read one of the PM core's files for shell job {@code job}. */
  public record Read(long job, String file) implements Command {}

  /** Write {@code text} to one of its files; {@code pid} is the writer (it runs the suspend). */
  public record Write(long job, String file, String text, int pid) implements Command {
    @Override
    public long traceId() {
      return job * 31 + file.hashCode() * 17L + text.hashCode();
    }
  }

  /** A wake-up event (smpsim's {@code inject wakeup}: the power button). */
  public record Wakeup() implements Command {}

  /** The next step of the transition in progress. */
  public record Step(int step) implements Command {}

  /** The RTC alarm (generation {@code gen}) fires. */
  public record Alarm(long gen) implements Command {}

  /**
   * smpsim's {@code inject resume-busywait D}: at the next resume a driver's resume callback
   * polls its device for D with interrupts off (the IDE ide_wait_not_busy() case).
   */
  public record ResumeBusywait(long ns) implements Command {}

  /** The files, by their paths. */
  public static final String STATE = "/sys/power/state";
  public static final String MEM_SLEEP = "/sys/power/mem_sleep";
  public static final String DISK = "/sys/power/disk";
  public static final String PM_TEST = "/sys/power/pm_test";
  public static final String PM_DEBUG_MESSAGES = "/sys/power/pm_debug_messages";
  public static final String WAKEUP_COUNT = "/sys/power/wakeup_count";
  public static final String SUSPEND_STATS = SuspendStats.DIR;
  public static final String WAKEALARM = "/sys/class/rtc/rtc0/wakealarm";
  /** The plain value files (pm_async, pm_freeze_timeout, ...), by their paths. */
  public static final List<String> KNOB_FILES =
      PmKnobs.NAMES.stream().map(n -> "/sys/power/" + n).toList();
  /** The suspend_stats files. */
  public static final List<String> SUSPEND_STATS_FILES = SuspendStats.FILES;
  /** The RTC's interrupt (rtc0 on IO-APIC pin 8). */
  static final int RTC_GSI = 8;

  /** kernel/power/hibernate.c hibernation_modes[], in disk_show()'s order. */
  private static final List<String> HIBERNATION_MODES =
      List.of("platform", "shutdown", "reboot", "suspend", "test_resume");

  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;

  // Suspend (kernel/power/suspend.c).
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
  // Hibernation (kernel/power/hibernate.c), up to swsusp_write().
  private static final int H_SYNCED = 20;
  private static final int H_FROZEN = 21;
  private static final int H_ALLOCATED = 22;
  private static final int H_KTHREADS_FROZEN = 23;
  private static final int H_PRE_SNAPSHOT = 24;
  private static final int H_IMAGE = 25;
  private static final int H_WRITE = 26;
  private static final int H_EXIT = 27;

  /** How long hibernate_preallocate_memory() takes. */
  private static final long PREALLOCATE_NS = 50 * MS;
  /** How long swsusp_save() takes to copy the image. */
  private static final long COPY_NS = 20 * MS;

  private final MachineConfig config;
  private final MachineLayout layout;
  /** The kernel build: its system-sleep callbacks. */
  private final Kernel kernel;
  /** mem_sleep_current: true for deep (S3), false for s2idle. */
  private boolean memDeep = true;
  /** hibernation_mode: an index into HIBERNATION_MODES (platform, as ACPI sets it). */
  private int hibernationMode;
  private PmTest pmTest = PmTest.NONE;
  /** pm_debug_messages_on: pm_pr_dbg() lines are printed. */
  private boolean pmDebug;
  private final SuspendStats stats = new SuspendStats();
  private final WakeupEvents events = new WakeupEvents();
  private final PmKnobs knobs = new PmKnobs();
  /** The RTC alarm, in RTC seconds, or -1. */
  private long alarmSec = -1;
  private long alarmGen;
  private long busywaitNs;

  /** The transition in progress: its writer's job, or -1. */
  private long job = -1;
  private int writerPid;
  private boolean deep;
  private boolean hibernating;
  private boolean asleep;
  /** The devices are suspended: their resume callbacks are due, the RTC alarm is a wake-up. */
  private boolean devicesSuspended;
  /** The platform was prepared (acpi_pm_prepare()): its finish prints the wake-up line. */
  private boolean platformPrepared;
  /** An {@code inject wakeup} came before the sleep: it ends the sleep once entered. */
  private boolean heldWakeup;
  /** The errno the transition ends with, or null. */
  private Errno error;
  /** When the boot CPU went to sleep in S3 (the printk clock stops there). */
  private long sleptAt;
  /** How long the last S3 sleep lasted. */
  private long sleptNs;
  private int primary;

  private transient EntityContext ctx;

  public SuspendResume(MachineConfig config, MachineLayout layout, Kernel kernel) {
    this.kernel = kernel;
    this.config = config;
    this.layout = layout;
  }

  @Override
  public void onEvent(EntityContext ctx, int src, CpuHotplug.FreezeAsker msg) {
    this.ctx = ctx;
    if (msg instanceof Read r) {
      String text = read(r.file());
      reply(r.job(), new Sysctl.Answer(text == null ? "" : text, null));
    } else if (msg instanceof Write w) {
      write(w);
    } else if (msg instanceof Wakeup) {
      // The power button: a wake-up event (acpi_button: pm_wakeup_event(), soft outside
      // s2idle). smpsim's verb keeps pressing it until the machine is asleep, so that one
      // "inject wakeup" always ends the suspend the shell is blocked in.
      events.report(false);
      if (job >= 0 && !asleep) {
        heldWakeup = true;
      } else {
        wake();
      }
    } else if (msg instanceof Alarm a) {
      if (a.gen() == alarmGen && alarmSec >= 0) {
        alarmSec = -1;
        // The alarm interrupt (rtc0) goes wherever the IO-APIC routes pin 8.
        ctx.send(layout.ioApic(), config.timings().mmio(), new IoApic.Irq(RTC_GSI));
        // drivers/rtc/rtc-cmos.c: cmos_suspend() arms the ACPI RTC event (rtc_wake_on());
        // only then is the alarm a wake-up event (rtc_handler(): pm_wakeup_hard_event()).
        if (devicesSuspended) {
          events.report(true);
          wake();
        }
      }
    } else if (msg instanceof ResumeBusywait b) {
      busywaitNs = b.ns();
    } else if (msg instanceof Step s) {
      step(s.step());
    } else if (msg instanceof CpuHotplug.CpusFrozen f) {
      primary = f.primary();
      cpusFrozen();
    } else if (msg instanceof CpuHotplug.CpusThawed) {
      cpusThawed();
    } else {
      throw new IllegalArgumentException("the PM core does not understand " + msg);
    }
  }

  // ---- files ----------------------------------------------------------------------------------

  /** The text of {@code file}, or null. */
  private String read(String file) {
    if (file.startsWith(SUSPEND_STATS + "/")) {
      return stats.show(file.substring(SUSPEND_STATS.length() + 1));
    }
    if (KNOB_FILES.contains(file)) {
      return knobs.show(file.substring("/sys/power/".length()));
    }
    return switch (file) {
      // state_show(): the sleep states the platform supports (ACPI: no S1, so no standby),
      // then "disk" when hibernation_available().
      case STATE -> "freeze mem disk\n";
      // mem_sleep_show(): the current one in brackets; S1 (shallow) is not supported.
      case MEM_SLEEP -> memDeep ? "s2idle [deep]\n" : "[s2idle] deep\n";
      case DISK -> diskShow();
      case PM_TEST -> PmTest.show(pmTest);
      case PM_DEBUG_MESSAGES -> (pmDebug ? 1 : 0) + "\n";
      case WAKEUP_COUNT -> events.show();
      // wakealarm_show(): the alarm in seconds since the epoch, or nothing.
      case WAKEALARM -> alarmSec >= 0 ? alarmSec + "\n" : "";
      default -> null;
    };
  }

  /** kernel/power/hibernate.c disk_show(): the modes, the current one in brackets. */
  private String diskShow() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < HIBERNATION_MODES.size(); i++) {
      if (s.length() > 0) {
        s.append(' ');
      }
      String m = HIBERNATION_MODES.get(i);
      s.append(i == hibernationMode ? "[" + m + "]" : m);
    }
    return s.append('\n').toString();
  }

  private void write(Write w) {
    String t = w.text().endsWith("\n") ? w.text().substring(0, w.text().length() - 1)
        : w.text();
    if (KNOB_FILES.contains(w.file())) {
      boolean ok = knobs.store(w.file().substring("/sys/power/".length()), t);
      reply(w.job(), new Sysctl.Answer("", ok ? null : Errno.EINVAL));
      return;
    }
    switch (w.file()) {
      case STATE -> state(w, t);
      case MEM_SLEEP -> {
        if (t.equals("deep") || t.equals("s2idle")) {
          memDeep = t.equals("deep");
          reply(w.job(), new Sysctl.Answer("", null));
        } else {
          reply(w.job(), new Sysctl.Answer("", Errno.EINVAL));
        }
      }
      case DISK -> {
        // disk_store(): one of the modes, exactly.
        int mode = HIBERNATION_MODES.indexOf(t);
        if (mode >= 0) {
          hibernationMode = mode;
          pmDebug("PM: hibernation: Hibernation mode set to '" + t + "'");
        }
        reply(w.job(), new Sysctl.Answer("", mode >= 0 ? null : Errno.EINVAL));
      }
      case PM_TEST -> {
        PmTest level = PmTest.parse(t);
        if (level != null) {
          pmTest = level;
        }
        reply(w.job(), new Sysctl.Answer("", level != null ? null : Errno.EINVAL));
      }
      case PM_DEBUG_MESSAGES -> {
        // pm_debug_messages_store(): kstrtoul(), then anything above 1 is EINVAL.
        boolean ok = t.equals("0") || t.equals("1");
        if (ok) {
          pmDebug = t.equals("1");
        }
        reply(w.job(), new Sysctl.Answer("", ok ? null : Errno.EINVAL));
      }
      case WAKEUP_COUNT ->
          reply(w.job(), new Sysctl.Answer("", events.store(t) ? null : Errno.EINVAL));
      case WAKEALARM -> reply(w.job(), new Sysctl.Answer("", wakealarm(t)));
      default -> reply(w.job(), new Sysctl.Answer("", Errno.EINVAL));
    }
  }

  /** kernel/power/main.c state_store(): decode_state(), then pm_suspend() or hibernate(). */
  private void state(Write w, String t) {
    if (t.equals("disk")) {
      if (job >= 0) {
        reply(w.job(), new Sysctl.Answer("", Errno.EBUSY));
      } else {
        hibernate(w.job(), w.pid());
      }
    } else if (t.equals("mem") || t.equals("freeze")) {
      boolean toDeep = t.equals("mem") && memDeep;
      if (job >= 0) {
        // pm_suspend() prints its entry and exit around enter_state(), which fails at once:
        // system_transition_mutex is held.
        printk(entryLine(toDeep));
        stats.outcome(Errno.EBUSY.number());
        printk("PM: suspend exit");
        reply(w.job(), new Sysctl.Answer("", Errno.EBUSY));
      } else {
        suspend(w.job(), w.pid(), toDeep);
      }
    } else {
      // decode_state(): anything else (standby is not supported here) is EINVAL.
      reply(w.job(), new Sysctl.Answer("", Errno.EINVAL));
    }
  }

  /** drivers/rtc/sysfs.c wakealarm_store(): "+N" relative, N absolute, 0 clears. */
  private Errno wakealarm(String t) {
    boolean relative = t.startsWith("+");
    // kstrtos64(): a signed number; a time at or before now, negative ones included, disables
    // the alarm ("alm.enabled = 0") and the write succeeds.
    boolean negative = !relative && t.startsWith("-");
    String digits = relative || negative ? t.substring(1) : t;
    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 12) {
      return Errno.EINVAL;
    }
    if (negative) {
      alarmGen++;
      alarmSec = -1;
      return null;
    }
    long v = Long.parseLong(digits);
    long nowSec = ctx.now() / S;
    if (relative) {
      if (alarmSec >= 0) {
        // Do not allow overwriting an active alarm by adding to it.
        return Errno.EBUSY;
      }
      v += nowSec;
    }
    alarmGen++;
    if (v == 0) {
      alarmSec = -1;
      return null;
    }
    if (v <= nowSec) {
      return Errno.EINVAL;
    }
    alarmSec = v;
    ctx.schedule(v * S - ctx.now(), new Alarm(alarmGen));
    return null;
  }

  // ---- suspend --------------------------------------------------------------------------------

  private static String entryLine(boolean toDeep) {
    return "PM: suspend entry (" + (toDeep ? "deep" : "s2idle") + ")";
  }

  /** The label of mem_sleep_labels[] for the transition in progress. */
  private String label() {
    return deep ? "deep" : "s2idle";
  }

  private void begin(long writerJob, int pid) {
    heldWakeup = false;
    job = writerJob;
    writerPid = pid;
    asleep = false;
    devicesSuspended = false;
    platformPrepared = false;
    error = null;
  }

  /** pm_suspend() -> enter_state(). */
  private void suspend(long writerJob, int pid, boolean toDeep) {
    begin(writerJob, pid);
    deep = toDeep;
    hibernating = false;
    printk(entryLine(toDeep));
    if (!deep && (pmTest == PmTest.CORE || pmTest == PmTest.PROCESSORS)) {
      // enter_state(): suspend-to-idle has no CPUs or core to stop at.
      printk("PM: Unsupported test mode for suspend to idle, please choose "
          + "none/freezer/devices/platform.");
      stats.outcome(Errno.EAGAIN.number());
      printk("PM: suspend exit");
      error = Errno.EAGAIN;
      finish();
      return;
    }
    // ksys_sync_helper() takes its time; sync_on_suspend 0 skips it.
    later(knobs.syncOnSuspend() ? 2 * MS : 0, SYNCED);
  }

  /** Where the hotplug controller answers a freeze or thaw. */
  private Address<CpuHotplug.FreezeAsker> self() {
    return Address.of(ctx.self());
  }

  /** The subsystems' callbacks of {@code phase}, in registration order. */
  private void suspendCallbacks(PmPhase phase) {
    for (KernelTables.PmCallback c : kernel.tables().pmCallbacks(phase)) {
      ctx.send(layout.address(c.to()), config.timings().mmio(), c.suspend());
    }
  }

  /** The subsystems' callbacks of {@code phase}, in the reverse order. */
  private void resumeCallbacks(PmPhase phase) {
    List<KernelTables.PmCallback> cs = kernel.tables().pmCallbacks(phase);
    for (int i = cs.size() - 1; i >= 0; i--) {
      ctx.send(layout.address(cs.get(i).to()), config.timings().mmio(), cs.get(i).resume());
    }
  }

  /**
   * Whether this kernel prints the freezer in one line per freeze, continued with pr_cont()
   * ("Freezing user space processes ... (elapsed 0.001 seconds) done."), as up to 6.2;
   * 6.3's "PM: sleep: Avoid using pr_cont() in the tasks freezing code" split it into a start
   * and a "completed" line. 2.6 machines keep the split form (smpsim does not model 2.6's
   * freezer lines).
   */
  private boolean freezerPrCont() {
    return config.kernel().major() == 6 && config.kernel().minor() < 3;
  }

  /** freeze_processes() starts (kernel/power/process.c); it takes 1 ms. */
  private void freezeUserSpaceStarts() {
    // pm_wakeup_clear(0): a hard wake-up from before does not abort this transition.
    events.clearAbort();
    printk(freezerPrCont()
        ? "Freezing user space processes ... (elapsed 0.001 seconds) done."
        : "Freezing user space processes");
  }

  /** freeze_processes() is done; freeze_kernel_threads() starts and takes 1 ms. */
  private void userSpaceFrozen() {
    suspendCallbacks(PmPhase.TASKS);
    if (!freezerPrCont()) {
      printk("Freezing user space processes completed (elapsed 0.001 seconds)");
    }
    printk("OOM killer disabled.");
  }

  private void freezeKernelThreadsStarts() {
    printk(freezerPrCont()
        ? "Freezing remaining freezable tasks ... (elapsed 0.001 seconds) done."
        : "Freezing remaining freezable tasks");
  }

  private void kernelThreadsFrozen() {
    if (!freezerPrCont()) {
      printk("Freezing remaining freezable tasks completed (elapsed 0.001 seconds)");
    }
  }

  /** suspend_test(): at the chosen level, wait pm_test_delay and go on to {@code next}. */
  private boolean testStop(PmTest level, int next) {
    if (pmTest != level) {
      return false;
    }
    printk(PmTest.waitingLine());
    later(PmTest.DELAY_SECONDS * S, next);
    return true;
  }

  private void step(int step) {
    switch (step) {
      case SYNCED -> {
        if (knobs.syncOnSuspend()) {
          printk("Filesystems sync: 0.002 seconds");
        }
        pmDebug("PM: Preparing system for sleep (" + label() + ")");
        // PM_SUSPEND_PREPARE: the notifiers (cpu_hotplug_pm_callback() disables hotplug for
        // user space).
        suspendCallbacks(PmPhase.NOTIFIER);
        freezeUserSpaceStarts();
        later(MS, FROZEN_TASKS);
      }
      case FROZEN_TASKS -> {
        userSpaceFrozen();
        freezeKernelThreadsStarts();
        later(MS, KTHREADS_FROZEN);
      }
      case KTHREADS_FROZEN -> {
        kernelThreadsFrozen();
        // enter_state(): suspend_test(TEST_FREEZER), then Finish.
        if (testStop(PmTest.FREEZER, DEVICES_RESUMED)) {
          return;
        }
        pmDebug("PM: Suspending system (" + label() + ")");
        printk("printk: Suspending console(s) (use no_console_suspend to debug)");
        if (events.pending()) {
          // dpm_suspend(): __device_suspend() finds pm_wakeup_pending(); -EBUSY.
          printk("PM: Some devices failed to suspend, or early wake event detected");
          stats.failedSuspend();
          error = Errno.EBUSY;
          later(MS, DEVICES_RESUMED);
          return;
        }
        // dpm_suspend_start(): the drivers (the NICs') detach, their TX queues stop.
        suspendCallbacks(PmPhase.DEVICES);
        devicesSuspended = true;
        if (testStop(PmTest.DEVICES, DEVICES_RESUMED)) {
          return;
        }
        later(5 * MS, SLEEP);
      }
      case SLEEP -> sleep();
      case SYSCORE_RESUME -> {
        ctx.send(layout.cpu(primary), config.timings().ipi(),
            new Cpu.KernelMail(new PowerMail.SyscoreResume()));
        later(MS, THAW_CPUS);
      }
      case RESUMED_CPU -> {
        printk("ACPI: PM: Low-level resume complete", "ACPI: PM: Restoring platform NVS memory");
        // syscore_resume() -> timekeeping_resume(): kernel/time/timekeeping_debug.c
        // tk_debug_account_sleep_time().
        pmDebug(String.format(Locale.ROOT, "PM: Timekeeping suspended for %d.%03d seconds",
            sleptNs / S, sleptNs % S / MS));
        ctx.send(layout.hotplug(), config.timings().mmio(), new CpuHotplug.Thaw(self()));
      }
      case THAW_CPUS ->
          ctx.send(layout.hotplug(), config.timings().mmio(), new CpuHotplug.Thaw(self()));
      case DEVICES_RESUME -> {
        if (platformPrepared) {
          // platform_resume_noirq(): acpi_pm_finish().
          printk("ACPI: PM: Waking up from system sleep state S3");
        }
        long wait = MS;
        if (busywaitNs > 0) {
          // A resume callback polls its busy device with interrupts off on the CPU running
          // the resume; the fixed driver touches the NMI watchdog on every poll.
          TaskKind kind = config.has(Quirk.IDE_WAIT_NO_NMI_TOUCH)
              ? TaskKind.IDE_WAIT_NOT_BUSY_NO_TOUCH : TaskKind.IDE_WAIT_NOT_BUSY;
          CpuTask t = new CpuTask("sh", writerPid, kind, busywaitNs, -1);
          ctx.send(layout.cpu(primary), config.timings().ipi(),
              new Cpu.KernelMail(new TaskMail.Wake(t)));
          ctx.send(layout.apic(primary), config.timings().ipi(), new LocalApic.Ipi(
              DeliveryMode.FIXED, Vectors.RESCHEDULE, layout.apicId(primary)));
          wait += busywaitNs;
        }
        later(wait, DEVICES_RESUMED);
      }
      case DEVICES_RESUMED -> {
        if (devicesSuspended) {
          resumeCallbacks(PmPhase.DEVICES);
          devicesSuspended = false;
        }
        // enter_state()'s Finish.
        events.endCheck();
        pmDebug("PM: Finishing wakeup.");
        thaw();
        later(MS, EXIT);
      }
      case EXIT -> {
        // PM_POST_SUSPEND: user space may hotplug again.
        resumeCallbacks(PmPhase.NOTIFIER);
        printk("PM: suspend exit");
        stats.outcome(error == null ? 0 : error.number());
        finish();
      }
      default -> hibernationStep(step);
    }
  }

  /** thaw_processes(). */
  private void thaw() {
    printk("OOM killer enabled.", "Restarting tasks ... done.");
    resumeCallbacks(PmPhase.TASKS);
  }

  private void finish() {
    long done = job;
    job = -1;
    reply(done, new Sysctl.Answer("", error));
  }

  /** suspend_enter(), from the platform's prepare on. */
  private void sleep() {
    if (deep) {
      // acpi_pm_prepare(): acpi_sleep_prepare(), then suspend_nvs_save().
      printk("ACPI: PM: Preparing to enter system sleep state S3",
          "ACPI: PM: Saving platform NVS memory");
      platformPrepared = true;
    }
    if (testStop(PmTest.PLATFORM, DEVICES_RESUME)) {
      return;
    }
    if (deep) {
      ctx.send(layout.hotplug(), config.timings().mmio(), new CpuHotplug.Freeze(self()));
      return;
    }
    // s2idle_loop(): every CPU stays online and idles until a wake-up.
    pmDebug("PM: suspend-to-idle");
    asleep = true;
    if (events.pending() || heldWakeup) {
      heldWakeup = false;
      wake();
    }
  }

  private void cpusFrozen() {
    if (hibernating) {
      createImage();
    } else if (!testStop(PmTest.PROCESSORS, THAW_CPUS)) {
      syscoreSuspend();
    }
  }

  private void cpusThawed() {
    if (hibernating) {
      // platform_finish(), then dpm_resume(PMSG_THAW) and the console back.
      if (platformPrepared) {
        printk("ACPI: PM: Waking up from system sleep state S4");
      }
      resumeCallbacks(PmPhase.DEVICES);
      devicesSuspended = false;
      later(MS, H_WRITE);
    } else {
      later(MS, DEVICES_RESUME);
    }
  }

  /**
   * Interrupts off on the boot CPU, syscore_suspend(), then pm_wakeup_pending() and
   * suspend_test(TEST_CORE) before the platform's enter (kernel/power/suspend.c suspend_enter()).
   */
  private void syscoreSuspend() {
    ctx.send(layout.cpu(primary), config.timings().ipi(),
        new Cpu.KernelMail(new PowerMail.SyscoreSuspend()));
    boolean wakeup = events.pending();
    if (testStop(PmTest.CORE, SYSCORE_RESUME)) {
      if (wakeup) {
        error = Errno.EBUSY;
      }
      return;
    }
    if (wakeup) {
      heldWakeup = false;
      error = Errno.EBUSY;
      later(MS, SYSCORE_RESUME);
      return;
    }
    asleep = true;
    sleptAt = ctx.now();
    if (heldWakeup) {
      heldWakeup = false;
      wake();
    }
  }

  /** A wake-up ends the sleep, if the machine is asleep (else it is pending or lost). */
  private void wake() {
    if (job < 0 || !asleep) {
      return;
    }
    asleep = false;
    if (deep) {
      // Before anything prints again: the first line after the sleep is stamped as if no
      // time had passed (s2idle keeps the TSC, and so the printk clock, running).
      sleptNs = ctx.now() - sleptAt;
      ctx.send(layout.klog(), config.timings().mmio(), new Klog.SchedClockRestored(sleptNs));
      ctx.send(layout.cpu(primary), config.timings().ipi(),
          new Cpu.KernelMail(new PowerMail.SyscoreResume()));
      later(MS, RESUMED_CPU);
    } else {
      pmDebug("PM: resume from suspend-to-idle");
      later(MS, DEVICES_RESUME);
    }
  }

  // ---- hibernation ----------------------------------------------------------------------------

  /** kernel/power/hibernate.c hibernate() (pr_fmt "PM: hibernation: "). */
  private void hibernate(long writerJob, int pid) {
    begin(writerJob, pid);
    deep = false;
    hibernating = true;
    printk("PM: hibernation: hibernation entry");
    // PM_HIBERNATION_PREPARE: cpu_hotplug_pm_callback() disables hotplug for user space.
    suspendCallbacks(PmPhase.NOTIFIER);
    later(2 * MS, H_SYNCED);
  }

  private boolean platformMode() {
    return hibernationMode == 0;
  }

  private void hibernationStep(int step) {
    switch (step) {
      case H_SYNCED -> {
        printk("Filesystems sync: 0.002 seconds");
        freezeUserSpaceStarts();
        later(MS, H_FROZEN);
      }
      case H_FROZEN -> {
        userSpaceFrozen();
        // hibernation_snapshot(): hibernate_preallocate_memory() before the kernel threads
        // freeze.
        printk("PM: hibernation: Preallocating image memory");
        later(PREALLOCATE_NS, H_ALLOCATED);
      }
      case H_ALLOCATED -> {
        printk(Snapshot.allocated(), Snapshot.speed("Allocated", PREALLOCATE_NS));
        freezeKernelThreadsStarts();
        later(MS, H_KTHREADS_FROZEN);
      }
      case H_KTHREADS_FROZEN -> {
        kernelThreadsFrozen();
        printk("printk: Suspending console(s) (use no_console_suspend to debug)");
        // dpm_suspend(PMSG_FREEZE).
        suspendCallbacks(PmPhase.DEVICES);
        devicesSuspended = true;
        later(5 * MS, H_PRE_SNAPSHOT);
      }
      case H_PRE_SNAPSHOT -> {
        if (platformMode()) {
          // platform_pre_snapshot(): acpi_pm_prepare() for S4.
          printk("ACPI: PM: Preparing to enter system sleep state S4",
              "ACPI: PM: Saving platform NVS memory");
          platformPrepared = true;
        }
        ctx.send(layout.hotplug(), config.timings().mmio(), new CpuHotplug.Freeze(self()));
      }
      case H_IMAGE -> {
        printk(Snapshot.created());
        if (platformMode()) {
          // platform_leave(): acpi_hibernation_leave() restores the NVS memory.
          printk("ACPI: PM: Restoring platform NVS memory");
        }
        ctx.send(layout.cpu(primary), config.timings().ipi(),
            new Cpu.KernelMail(new PowerMail.SyscoreResume()));
        ctx.send(layout.hotplug(), config.timings().mmio(), new CpuHotplug.Thaw(self()));
      }
      case H_WRITE -> {
        // swsusp_write() -> get_swap_writer(): swsusp_swap_check() finds no swap device
        // (kernel/power/swap.c, pr_fmt "PM: "): -ENODEV.
        printk("PM: Cannot find swap device, try swapon -a", "PM: Cannot get swap writer");
        error = Errno.ENODEV;
        thaw();
        later(MS, H_EXIT);
      }
      case H_EXIT -> {
        // PM_POST_HIBERNATION: user space may hotplug again.
        resumeCallbacks(PmPhase.NOTIFIER);
        printk("PM: hibernation: hibernation exit");
        finish();
      }
      default -> throw new IllegalStateException("unknown PM step " + step);
    }
  }

  /** create_image(): syscore_suspend(), then swsusp_arch_suspend() copies the image. */
  private void createImage() {
    ctx.send(layout.cpu(primary), config.timings().ipi(),
        new Cpu.KernelMail(new PowerMail.SyscoreSuspend()));
    printk(Snapshot.creating());
    later(COPY_NS, H_IMAGE);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private void later(long ns, int step) {
    ctx.schedule(ns, new Step(step));
  }

  private void printk(String... lines) {
    ctx.send(layout.klog(), config.timings().mmio(),
        Printk.block(ctx.now(), LogLevel.INFO, List.of(lines)));
  }

  /** pm_pr_dbg(): printed (KERN_DEBUG) only with pm_debug_messages on. */
  private void pmDebug(String line) {
    if (pmDebug) {
      ctx.send(layout.klog(), config.timings().mmio(),
          Printk.block(ctx.now(), LogLevel.DEBUG, List.of(line)));
    }
  }

  private void reply(long j, SimMessage body) {
    ctx.send(layout.shell(), config.timings().mmio(), new JobAsker.Answer(j, body));
  }
}
