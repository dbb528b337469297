package io.smpsim.kernel.power;

import io.smpsim.hw.apic.IoApic;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.core.Errno;
import io.smpsim.kernel.core.Kernel;
import io.smpsim.kernel.hotplug.CpuHotplug;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import java.util.List;

/**
 * The PM core (kernel/power/main.c) and the CMOS RTC's alarm: it serves {@code /sys/power}
 * ({@code state}, {@code mem_sleep}, {@code disk}, {@code pm_test}, {@code pm_debug_messages},
 * {@code wakeup_count}, {@code suspend_stats/*}: {@link PowerAttrs}) and
 * {@code /sys/class/rtc/rtc0/wakealarm} ({@link RtcWakealarm}); a write to {@code state} runs a
 * system sleep ({@link Suspend}, kernel/power/suspend.c) or a hibernation
 * ({@link Hibernation}, kernel/power/hibernate.c) over the transition core they share
 * ({@link PmTransition}). Wake-ups (the RTC alarm, {@code inject wakeup}) and the hotplug
 * controller's answers come here and go to the transition in progress.
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
  /** rtc0's max_user_freq, the one of them that is writable (0644). */
  public static final String MAX_USER_FREQ = "/sys/class/rtc/rtc0/max_user_freq";
  /** rtc0's attributes (drivers/rtc/sysfs.c), by their paths. */
  public static final List<String> RTC_FILES = RtcWakealarm.ATTRS.stream()
      .map(n -> "/sys/class/rtc/rtc0/" + n).toList();
  /** The plain value files (pm_async, pm_freeze_timeout, ...), by their paths. */
  public static final List<String> KNOB_FILES =
      PmKnobs.NAMES.stream().map(n -> "/sys/power/" + n).toList();
  /** The suspend_stats files. */
  public static final List<String> SUSPEND_STATS_FILES = SuspendStats.FILES;
  /** The ACPI SCI's IRQ (the FADT's SCI_INT on QEMU's pc machine: "acpi" on IRQ 9). */
  static final int SCI_IRQ = 9;
  /** pm_wakeup_irq (CONFIG_PM_SLEEP_DEBUG, as the recorded Debian build has). */
  public static final String PM_WAKEUP_IRQ = "/sys/power/pm_wakeup_irq";
  /** The RTC's interrupt (rtc0 on IO-APIC pin 8). */
  static final int RTC_GSI = 8;

  private final MachineConfig config;
  private final MachineLayout layout;
  private final PowerAttrs attrs = new PowerAttrs();
  private final RtcWakealarm alarm = new RtcWakealarm();
  private final PmTransition transition;
  private final Suspend suspend;
  private final Hibernation hibernation;

  public SuspendResume(MachineConfig config, MachineLayout layout, Kernel kernel) {
    this.config = config;
    this.layout = layout;
    this.transition = new PmTransition(config, layout, kernel, attrs);
    this.suspend = new Suspend(transition, attrs);
    this.hibernation = new Hibernation(transition, attrs);
  }

  @Override
  public void onEvent(EntityContext ctx, int src, CpuHotplug.FreezeAsker msg) {
    transition.enter(ctx);
    if (msg instanceof Read r && r.file().equals(PM_WAKEUP_IRQ)) {
      // pm_wakeup_irq_show(): ENODATA until an IRQ has woken the machine.
      int irq = attrs.events().wakeupIrq();
      transition.reply(r.job(), irq == 0 ? new Sysctl.Answer("", Errno.ENODATA)
          : new Sysctl.Answer(irq + "\n", null));
    } else if (msg instanceof Read r) {
      String text = read(r.file());
      transition.reply(r.job(), new Sysctl.Answer(text == null ? "" : text, null));
    } else if (msg instanceof Write w) {
      write(w, ctx);
    } else if (msg instanceof Wakeup) {
      // The power button: a wake-up event (acpi_button: pm_wakeup_event(), soft outside
      // s2idle). smpsim's verb keeps pressing it until the machine is asleep, so that one
      // "inject wakeup" always ends the suspend the shell is blocked in.
      attrs.events().report(false);
      if (transition.busy() && !transition.asleep) {
        transition.heldWakeup = true;
      } else {
        suspend.wake();
      }
    } else if (msg instanceof Alarm a) {
      if (alarm.fires(a.gen())) {
        // The alarm interrupt (rtc0) goes wherever the IO-APIC routes pin 8.
        ctx.send(layout.ioApic(), config.timings().mmio(), new IoApic.Irq(RTC_GSI));
        // drivers/rtc/rtc-cmos.c: cmos_suspend() arms the ACPI RTC event (rtc_wake_on());
        // only then is the alarm a wake-up event (rtc_handler(): pm_wakeup_hard_event()). And
        // QEMU's pc chipset (PIIX4 ACPI) sets the RTC event's status bit only as it wakes the
        // machine from S3: to the chipset an s2idle machine is running, so there the alarm
        // interrupts and wakes nothing (a real s2idle with only an RTC alarm sleeps on).
        if (transition.devicesSuspended
            && (transition.hibernating || suspend.toPlatformSleep())) {
          attrs.events().report(true);
          suspend.wake();
        }
      }
    } else if (msg instanceof ResumeBusywait b) {
      suspend.resumeBusywait(b.ns());
    } else if (msg instanceof Step s) {
      if (Hibernation.owns(s.step())) {
        hibernation.step(s.step());
      } else {
        suspend.step(s.step());
      }
    } else if (msg instanceof CpuHotplug.CpusFrozen f) {
      transition.primary = f.primary();
      if (transition.hibernating) {
        hibernation.cpusFrozen();
      } else {
        suspend.cpusFrozen();
      }
    } else if (msg instanceof CpuHotplug.CpusThawed) {
      if (transition.hibernating) {
        hibernation.cpusThawed();
      } else {
        suspend.cpusThawed();
      }
    } else {
      throw new IllegalArgumentException("the PM core does not understand " + msg);
    }
  }

  /** The text of {@code file}, or null. */
  private String read(String file) {
    return switch (file) {
      // state_show(): the sleep states the platform supports (ACPI: no S1, so no standby),
      // then "disk" when hibernation_available().
      case STATE -> "freeze mem disk\n";
      case WAKEALARM -> alarm.show();
      default -> RTC_FILES.contains(file)
          ? alarm.attr(file.substring(file.lastIndexOf('/') + 1),
              config.wallNs(transition.now()) / PmTransition.S)
          : attrs.show(file);
    };
  }

  private void write(Write w, EntityContext ctx) {
    String t = w.text().endsWith("\n") ? w.text().substring(0, w.text().length() - 1)
        : w.text();
    if (KNOB_FILES.contains(w.file())) {
      answer(w, attrs.storeKnob(w.file(), t));
      return;
    }
    switch (w.file()) {
      case STATE -> state(w, t);
      case MEM_SLEEP -> answer(w, attrs.storeMemSleep(t));
      case DISK -> {
        boolean ok = attrs.storeDisk(t);
        if (ok) {
          // pm_pr_dbg() prefixes "PM: " itself, not hibernate.c's pr_fmt.
          transition.pmDebug("PM: hibernation: Hibernation mode set to '" + t + "'");
        }
        answer(w, ok ? null : Errno.EINVAL);
      }
      case PM_TEST -> answer(w, attrs.storePmTest(t));
      case PM_DEBUG_MESSAGES -> answer(w, attrs.storePmDebugMessages(t));
      case WAKEUP_COUNT -> answer(w, attrs.storeWakeupCount(t));
      case MAX_USER_FREQ -> answer(w, alarm.storeMaxUserFreq(t));
      case WAKEALARM -> {
        RtcWakealarm.Stored st = alarm.store(t, ctx, config.rtcSec());
        if (st.kernelLine() != null) {
          transition.printk(LogLevel.ERR, st.kernelLine());
        }
        answer(w, st.errno());
      }
      default -> answer(w, Errno.EINVAL);
    }
  }

  private void answer(Write w, Errno errno) {
    transition.reply(w.job(), new Sysctl.Answer("", errno));
  }

  /** kernel/power/main.c state_store(): decode_state(), then pm_suspend() or hibernate(). */
  private void state(Write w, String t) {
    if (t.equals("disk")) {
      if (transition.busy()) {
        answer(w, Errno.EBUSY);
      } else {
        hibernation.start(w.job(), w.pid());
      }
    } else if (t.equals("mem") || t.equals("freeze")) {
      boolean toDeep = t.equals("mem") && attrs.memDeep();
      if (transition.busy()) {
        suspend.rejectBusy(toDeep);
        answer(w, Errno.EBUSY);
      } else {
        suspend.start(w.job(), w.pid(), toDeep);
      }
    } else {
      // decode_state(): anything else (standby is not supported here) is EINVAL.
      answer(w, Errno.EINVAL);
    }
  }
}
