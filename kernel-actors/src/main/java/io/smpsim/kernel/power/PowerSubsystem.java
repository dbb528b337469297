package io.smpsim.kernel.power;

import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.core.Listing;
import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;
import java.util.List;

/**
 * The PM core and the RTC alarm (kernel/power/, drivers/rtc): /sys/power and the wake alarm's
 * files, smpsim's PM fault-injection verbs, and their wire.
 */
public final class PowerSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    for (String f : List.of(SuspendResume.STATE, SuspendResume.MEM_SLEEP, SuspendResume.DISK,
        SuspendResume.PM_TEST, SuspendResume.PM_DEBUG_MESSAGES, SuspendResume.WAKEUP_COUNT,
        SuspendResume.WAKEALARM, SuspendResume.PM_WAKEUP_IRQ)) {
      r.file(f, c -> new PowerFile(f));
    }
    for (String f : SuspendResume.RTC_FILES) {
      r.file(f, c -> new PowerFile(f));
    }
    for (String f : SuspendResume.KNOB_FILES) {
      r.file(f, c -> new PowerFile(f));
    }
    r.files(SuspendResume.SUSPEND_STATS + "/(.*)",
        (m, c) -> SuspendResume.SUSPEND_STATS_FILES.contains(m.group(1))
            ? new PowerFile(m.group()) : null);
    // kernel/power/main.c suspend_attrs[]: all 0444.
    r.listing(SuspendResume.SUSPEND_STATS, (m, c) -> SuspendResume.SUSPEND_STATS_FILES.stream()
        .map(n -> Listing.Entry.file(n, false)).toList());
    r.directories((dir, c) -> dir.equals("/sys/power")
        || dir.equals(SuspendResume.SUSPEND_STATS) || dir.equals("/sys/class/rtc/rtc0"));
    r.command("inject resume-busywait", (args, line, c) -> PowerInject.resumeBusywait(args));
    // A wake-up comes from outside the machine: it does not wait for the command (a suspend)
    // the shell is blocked in.
    r.outOfBand("inject wakeup", MachineLayout.Slot.POWER, new SuspendResume.Wakeup());
    r.wire(SuspendResume.Read.class, SuspendResume.Write.class, SuspendResume.Wakeup.class,
        SuspendResume.Step.class, SuspendResume.Alarm.class,
        SuspendResume.ResumeBusywait.class, PowerMail.SyscoreSuspend.class,
        PowerMail.SyscoreResume.class);
  }
}
