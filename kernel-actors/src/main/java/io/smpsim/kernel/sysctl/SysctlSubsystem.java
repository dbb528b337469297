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

  /** The directories of /proc/sys on an x86-64 6.1 kernel. */
  private static final java.util.List<String> SYS_BASES =
      java.util.List.of("abi", "debug", "dev", "fs", "kernel", "net", "user", "vm");

  @Override
  public void register(Registry r) {
    r.files(PROC_SYS_KERNEL + "(.*)",
        (m, c) -> Sysctl.NAMES.contains(m.group(1)) ? new SysctlFile(m.group(1)) : null);
    // /proc/sys and its base directories; what lies deeper (net/ipv4, ...) smpsim has not.
    r.directories((dir, c) -> dir.equals("/proc/sys")
        || (dir.startsWith("/proc/sys/") && SYS_BASES.contains(dir.substring(10))));
    // proc_sys_readdir(): the table's entries, each with its ctl_table mode: 0644 but the UTS
    // names a kernel build fixes (ostype, osrelease, version: 0444).
    r.listing("/proc/sys/kernel", (m, c) -> Sysctl.NAMES.stream()
        .map(n -> Listing.Entry.file(n, !Sysctl.readOnly(n))).toList());
    // /proc/sys itself: the kernel's sysctl base directories (kernel/sysctl.c sysctl_init_bases,
    // fs/proc/proc_sysctl.c; abi from arch/x86/entry/vsyscall, debug/dev/fs/net/user/vm from
    // their subsystems), each a directory of mode 0555.
    r.listing("/proc/sys", (m, c) -> SYS_BASES.stream()
        .map(n -> new Listing.Entry(n, 'd', 0555)).toList());
    r.command("sysctl", (args, line, c) -> SysctlCommand.parse(args));
    r.wire(Errno.class, Sysctl.Read.class, Sysctl.Write.class, Sysctl.LockupDetectorInit.class,
        Sysctl.CpuOnline.class, Sysctl.Ack.class, Sysctl.PerfEnabled.class,
        Sysctl.AddTaint.class, Sysctl.LegacyNmiActive.class, Sysctl.Answer.class,
        Sysctl.Acquire.class, Sysctl.Release.class, Sysctl.CpuOffline.class,
        Sysctl.WatchdogOffline.class, Sysctl.NmiDuration.class, NmiDurations.TooLong.class,
        Sysctl.NrRunning.class, Sysctl.LoadAvgRead.class, LoadAvg.Avenrun.class,
        Sysctl.SyslogConsoleLevel.class, Sysctl.SysrqLoglevel.class);
  }
}
