package io.smpsim.kernel.sysctl;

import io.smpsim.kernel.core.Errno;
import io.smpsim.kernel.core.Listing;
import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;

/**
 * The sysctl surface (kernel/sysctl.c, fs/proc/proc_sysctl.c) and the machine-wide entity
 * behind it: /proc/sys/kernel's files, the {@code sysctl} command, and their wire.
 */
public final class SysctlSubsystem implements Subsystem {

  private static final String PROC_SYS_KERNEL = "/proc/sys/kernel/";

  @Override
  public void register(Registry r) {
    r.files(PROC_SYS_KERNEL + "(.*)",
        (m, c) -> Sysctl.NAMES.contains(m.group(1)) ? new SysctlFile(m.group(1)) : null);
    r.directories((dir, c) -> dir.startsWith("/proc/sys"));
    // proc_sys_readdir(): the table's entries, each with its ctl_table mode; the lockup
    // detector's (kernel/watchdog.c watchdog_sysctls) and the rest smpsim has are all 0644.
    r.listing("/proc/sys/kernel", (m, c) -> Sysctl.NAMES.stream()
        .map(n -> Listing.Entry.file(n, true)).toList());
    r.command("sysctl", (args, line, c) -> SysctlCommand.parse(args));
    r.wire(Errno.class, Sysctl.Read.class, Sysctl.Write.class, Sysctl.LockupDetectorInit.class,
        Sysctl.CpuOnline.class, Sysctl.Ack.class, Sysctl.PerfEnabled.class,
        Sysctl.AddTaint.class, Sysctl.LegacyNmiActive.class, Sysctl.Answer.class,
        Sysctl.Acquire.class, Sysctl.Release.class, Sysctl.CpuOffline.class,
        Sysctl.WatchdogOffline.class);
  }
}
