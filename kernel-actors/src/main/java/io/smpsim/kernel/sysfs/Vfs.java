package io.smpsim.kernel.sysfs;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.kernel.sysctl.SysctlFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The procfs and sysfs files smpsim models, looked up by path. */
public final class Vfs {

  private static final String CPU_DIR = "/sys/devices/system/cpu";
  private static final String PROC_SYS_KERNEL = "/proc/sys/kernel/";
  private static final Pattern CPU_N = Pattern.compile(CPU_DIR + "/cpu(\\d+)(/.*)?");

  private Vfs() {}

  /** The file at {@code path}, or null if there is none. */
  public static VfsFile lookup(String path, MachineConfig config) {
    String p = normalize(path);
    switch (p) {
      case CPU_DIR + "/online":
        return new CpuMaskFile(CpuMaskFile.Kind.ONLINE);
      case CPU_DIR + "/offline":
        return new CpuMaskFile(CpuMaskFile.Kind.OFFLINE);
      case CPU_DIR + "/possible":
        return new CpuMaskFile(CpuMaskFile.Kind.POSSIBLE);
      case CPU_DIR + "/present":
        return new CpuMaskFile(CpuMaskFile.Kind.PRESENT);
      case CPU_DIR + "/kernel_max":
        return new StaticFile("8191\n");
      // RCU's stall-warning parameters (kernel/rcu/update.c), read-only here: RCU stalls are
      // not modelled, the values are the recorded kernel's.
      case "/sys/module/rcupdate/parameters/rcu_cpu_stall_suppress":
      case "/sys/module/rcupdate/parameters/rcu_cpu_stall_ftrace_dump":
        return new StaticFile("0\n");
      case "/sys/module/rcupdate/parameters/rcu_cpu_stall_timeout":
        return new StaticFile("21\n");
      case CPU_DIR + "/hotplug/states":
        return new StaticFile(io.smpsim.kernel.hotplug.CpuhpStates.listing());
      case "/proc/cpuinfo":
        return new CpuInfoFile();
      case "/proc/cmdline":
        return new StaticFile(config.kernelCmdline().raw() + "\n");
      case "/proc/interrupts":
        return new InterruptsFile();
      case "/proc/sysrq-trigger":
        return new io.smpsim.kernel.sysrq.SysrqTrigger();
      case io.smpsim.kernel.power.SuspendResume.STATE:
      case io.smpsim.kernel.power.SuspendResume.MEM_SLEEP:
      case io.smpsim.kernel.power.SuspendResume.WAKEALARM:
        return new io.smpsim.kernel.power.PowerFile(p);
      default:
        break;
    }
    if (p.startsWith(PROC_SYS_KERNEL)
        && Sysctl.NAMES.contains(p.substring(PROC_SYS_KERNEL.length()))) {
      return new SysctlFile(p.substring(PROC_SYS_KERNEL.length()));
    }
    Matcher m = CPU_N.matcher(p);
    if (m.matches()) {
      int cpu = cpuNumber(m.group(1));
      String rest = m.group(2) == null ? "" : m.group(2);
      // x86: the boot CPU is not hotpluggable and has no online file (unless cpu0_hotplug).
      boolean hotpluggable = cpu > 0
          || io.smpsim.kernel.hotplug.CpuHotplug.cpu0Hotpluggable(config);
      if (hotpluggable && cpu < config.cpus() && rest.equals("/online")) {
        return new CpuOnlineFile(cpu);
      }
      if (cpu < config.cpus() && rest.equals("/hotplug/target")) {
        return new CpuHotplugTargetFile(cpu);
      }
      if (cpu < config.cpus() && rest.equals("/hotplug/state")) {
        return new CpuHotplugStateFile(cpu);
      }
    }
    return null;
  }

  /** Whether {@code path} lies in /proc/sys, where creating a file is ENOENT. */
  public static boolean isProcSys(String path) {
    return normalize(path).startsWith("/proc/sys/");
  }

  /** Whether the directory holding {@code path} exists (for the shell's create errors). */
  public static boolean directoryExists(String path, MachineConfig config) {
    String p = normalize(path);
    int slash = p.lastIndexOf('/');
    String dir = slash <= 0 ? "/" : p.substring(0, slash);
    if (dir.equals(CPU_DIR) || dir.equals("/proc") || dir.startsWith("/proc/sys")
        || dir.equals("/sys/power") || dir.equals("/sys/class/rtc/rtc0")) {
      return true;
    }
    Matcher m = Pattern.compile(CPU_DIR + "/cpu(\\d+)").matcher(dir);
    return m.matches() && cpuNumber(m.group(1)) < config.cpus();
  }

  /**
   * The number in a {@code cpuN} directory name, or {@link Integer#MAX_VALUE} when no CPU
   * directory can have that name (too many digits for an int, or a leading zero: sysfs names
   * are "cpu%u"), so such a path is ENOENT like any other missing file, never a parse error.
   */
  private static int cpuNumber(String digits) {
    if (digits.length() > 9 || (digits.length() > 1 && digits.charAt(0) == '0')) {
      return Integer.MAX_VALUE;
    }
    return Integer.parseInt(digits);
  }

  private static String normalize(String path) {
    String p = path.replaceAll("/+", "/");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
