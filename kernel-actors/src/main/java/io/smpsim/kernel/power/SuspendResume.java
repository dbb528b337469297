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

/**
 * The PM core (kernel/power/main.c, suspend.c, process.c) and the CMOS RTC's alarm: it serves
 * {@code /sys/power/state}, {@code /sys/power/mem_sleep} and
 * {@code /sys/class/rtc/rtc0/wakealarm}, and runs a system sleep in the kernel's order:
 * filesystems synced, hotplug disabled for user space and tasks frozen, devices suspended (NICs
 * detach and stop their queues), the platform prepared, non-boot CPUs taken down through CPU
 * hotplug (deep), syscore suspend on the boot CPU, sleep until a wake-up (the RTC alarm or
 * {@code inject wakeup}); then resume in reverse. The sleeping time passes in simulated time.
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
  public static final String WAKEALARM = "/sys/class/rtc/rtc0/wakealarm";
  /** The RTC's interrupt (rtc0 on IO-APIC pin 8). */
  static final int RTC_GSI = 8;

  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;

  private static final int ENTRY = 1;
  private static final int SYNCED = 2;
  private static final int FROZEN_TASKS = 3;
  private static final int DEVICES_SUSPENDED = 4;
  private static final int SLEEP = 5;
  private static final int RESUMED_CPU = 6;
  private static final int DEVICES_RESUME = 7;
  private static final int DEVICES_RESUMED = 8;
  private static final int EXIT = 9;

  private final MachineConfig config;
  private final MachineLayout layout;
  /** The kernel build: its system-sleep callbacks. */
  private final Kernel kernel;
  /** mem_sleep_current: true for deep (S3), false for s2idle. */
  private boolean memDeep = true;
  /** The RTC alarm, in RTC seconds, or -1. */
  private long alarmSec = -1;
  private long alarmGen;
  private long busywaitNs;

  /** The transition in progress: its writer's job, or -1. */
  private long job = -1;
  private int writerPid;
  private boolean deep;
  private boolean asleep;
  /** When the boot CPU went to sleep in S3 (the printk clock stops there). */
  private long sleptAt;
  private boolean wakeupPending;
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
      reply(r.job(), new Sysctl.Answer(read(r.file()), null));
    } else if (msg instanceof Write w) {
      write(w);
    } else if (msg instanceof Wakeup) {
      wakeup();
    } else if (msg instanceof Alarm a) {
      if (a.gen() == alarmGen && alarmSec >= 0) {
        alarmSec = -1;
        // The alarm interrupt (rtc0) goes wherever the IO-APIC routes pin 8.
        ctx.send(layout.ioApic(), config.timings().mmio(), new IoApic.Irq(RTC_GSI));
        wakeup();
      }
    } else if (msg instanceof ResumeBusywait b) {
      busywaitNs = b.ns();
    } else if (msg instanceof Step s) {
      step(s.step());
    } else if (msg instanceof CpuHotplug.CpusFrozen f) {
      primary = f.primary();
      syscoreSuspend();
    } else if (msg instanceof CpuHotplug.CpusThawed) {
      afterCpusUp();
    } else {
      throw new IllegalArgumentException("the PM core does not understand " + msg);
    }
  }

  // ---- files ----------------------------------------------------------------------------------

  private String read(String file) {
    return switch (file) {
      // state_show(): the valid states (no hibernation image support modelled: no "disk").
      case STATE -> "freeze mem\n";
      // mem_sleep_show(): the current one in brackets; S1 (shallow) is not supported.
      case MEM_SLEEP -> memDeep ? "s2idle [deep]\n" : "[s2idle] deep\n";
      // wakealarm_show(): the alarm in seconds since the epoch, or nothing.
      case WAKEALARM -> alarmSec >= 0 ? alarmSec + "\n" : "";
      default -> "";
    };
  }

  private void write(Write w) {
    String t = w.text().endsWith("\n") ? w.text().substring(0, w.text().length() - 1)
        : w.text();
    switch (w.file()) {
      case STATE -> {
        if (job >= 0) {
          // enter_state(): system_transition_mutex is held.
          reply(w.job(), new Sysctl.Answer("", Errno.EBUSY));
        } else if (t.equals("mem") || t.equals("freeze")) {
          suspend(w.job(), w.pid(), t.equals("mem") && memDeep);
        } else {
          // decode_state(): anything else (standby is not supported here) is EINVAL.
          reply(w.job(), new Sysctl.Answer("", Errno.EINVAL));
        }
      }
      case MEM_SLEEP -> {
        if (t.equals("deep") || t.equals("s2idle")) {
          memDeep = t.equals("deep");
          reply(w.job(), new Sysctl.Answer("", null));
        } else {
          reply(w.job(), new Sysctl.Answer("", Errno.EINVAL));
        }
      }
      case WAKEALARM -> reply(w.job(), new Sysctl.Answer("", wakealarm(t)));
      default -> reply(w.job(), new Sysctl.Answer("", Errno.EINVAL));
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

  private void suspend(long writerJob, int pid, boolean toDeep) {
    job = writerJob;
    writerPid = pid;
    deep = toDeep;
    wakeupPending = false;
    printk("PM: suspend entry (" + (deep ? "deep" : "s2idle") + ")");
    // ksys_sync_helper() takes its time.
    later(2 * MS, SYNCED);
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

  private void step(int step) {
    switch (step) {
      case SYNCED -> {
        printk("Filesystems sync: 0.002 seconds");
        // PM_SUSPEND_PREPARE: the notifiers (cpu_hotplug_pm_callback() disables hotplug for
        // user space).
        suspendCallbacks(PmPhase.NOTIFIER);
        printk("Freezing user space processes");
        later(MS, FROZEN_TASKS);
      }
      case FROZEN_TASKS -> {
        suspendCallbacks(PmPhase.TASKS);
        printk("Freezing user space processes completed (elapsed 0.001 seconds)",
            "OOM killer disabled.", "Freezing remaining freezable tasks");
        later(MS, DEVICES_SUSPENDED);
      }
      case DEVICES_SUSPENDED -> {
        printk("Freezing remaining freezable tasks completed (elapsed 0.001 seconds)",
            "printk: Suspending console(s) (use no_console_suspend to debug)");
        // dpm_suspend_start(): the drivers (the NICs') detach, their TX queues stop.
        suspendCallbacks(PmPhase.DEVICES);
        later(5 * MS, SLEEP);
      }
      case SLEEP -> {
        if (deep) {
          printk("ACPI: PM: Preparing to enter system sleep state S3",
              "ACPI: PM: Saving platform NVS memory");
          ctx.send(layout.hotplug(), config.timings().mmio(), new CpuHotplug.Freeze(self()));
        } else {
          // s2idle_loop(): every CPU stays online and idles until a wake-up.
          asleep = true;
          if (wakeupPending) {
            wakeup();
          }
        }
      }
      case RESUMED_CPU -> {
        printk("ACPI: PM: Low-level resume complete", "ACPI: PM: Restoring platform NVS memory");
        ctx.send(layout.hotplug(), config.timings().mmio(), new CpuHotplug.Thaw(self()));
      }
      case DEVICES_RESUME -> {
        if (deep) {
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
        resumeCallbacks(PmPhase.DEVICES);
        printk("OOM killer enabled.", "Restarting tasks ... done.");
        resumeCallbacks(PmPhase.TASKS);
        later(MS, EXIT);
      }
      case EXIT -> {
        // PM_POST_SUSPEND: user space may hotplug again.
        resumeCallbacks(PmPhase.NOTIFIER);
        printk("PM: suspend exit");
        long done = job;
        job = -1;
        reply(done, new Sysctl.Answer("", null));
      }
      default -> throw new IllegalStateException("unknown PM step " + step);
    }
  }

  /** Interrupts off on the boot CPU, syscore_suspend(), then the platform's enter. */
  private void syscoreSuspend() {
    asleep = true;
    sleptAt = ctx.now();
    ctx.send(layout.cpu(primary), config.timings().ipi(),
        new Cpu.KernelMail(new PowerMail.SyscoreSuspend()));
    if (wakeupPending) {
      wakeup();
    }
  }

  private void wakeup() {
    if (job < 0) {
      return;
    }
    if (!asleep) {
      // pm_wakeup_pending(): noticed when the sleep is entered.
      wakeupPending = true;
      return;
    }
    asleep = false;
    wakeupPending = false;
    if (deep) {
      // Before anything prints again: the first line after the sleep is stamped as if no
      // time had passed (s2idle keeps the TSC, and so the printk clock, running).
      ctx.send(layout.klog(), config.timings().mmio(),
          new Klog.SchedClockRestored(ctx.now() - sleptAt));
      ctx.send(layout.cpu(primary), config.timings().ipi(),
          new Cpu.KernelMail(new PowerMail.SyscoreResume()));
      later(MS, RESUMED_CPU);
    } else {
      later(MS, DEVICES_RESUME);
    }
  }

  private void afterCpusUp() {
    later(MS, DEVICES_RESUME);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private void later(long ns, int step) {
    ctx.schedule(ns, new Step(step));
  }

  private void printk(String... lines) {
    ctx.send(layout.klog(), config.timings().mmio(),
        Printk.block(ctx.now(), LogLevel.INFO, List.of(lines)));
  }

  private void reply(long j, SimMessage body) {
    ctx.send(layout.shell(), config.timings().mmio(), new JobAsker.Answer(j, body));
  }
}
