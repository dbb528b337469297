package io.smpsim.kernel.hotplug;

import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.core.BusyboxUsage;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.JobTable;
import io.smpsim.kernel.core.Listing;
import io.smpsim.kernel.core.PmPhase;
import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.Subsystem;
import io.smpsim.kernel.core.Vfs;
import io.smpsim.sim.SimMessage;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CPU hotplug (kernel/cpu.c, drivers/base/cpu.c): the CPU masks and per-CPU online files of
 * /sys/devices/system/cpu, the cpuhp state files, {@code nproc}, and the controller's wire.
 */
public final class HotplugSubsystem implements Subsystem {

  private static final String CPU_DIR = "/sys/devices/system/cpu";
  private static final String CPU_N = CPU_DIR + "/cpu(\\d+)";

  @Override
  public void register(Registry r) {
    r.file(CPU_DIR + "/online", c -> new CpuMaskFile(CpuMaskFile.Kind.ONLINE));
    r.file(CPU_DIR + "/offline", c -> new CpuMaskFile(CpuMaskFile.Kind.OFFLINE));
    r.file(CPU_DIR + "/possible", c -> new CpuMaskFile(CpuMaskFile.Kind.POSSIBLE));
    r.file(CPU_DIR + "/present", c -> new CpuMaskFile(CpuMaskFile.Kind.PRESENT));
    r.file(CPU_DIR + "/hotplug/states", c -> new HotplugStatesFile());
    CpuhpStates.register(r);
    r.files(CPU_N + "(/.*)?", (m, config) -> {
      int cpu = Vfs.cpuNumber(m.group(1));
      String rest = m.group(2) == null ? "" : m.group(2);
      // x86: the boot CPU is not hotpluggable and has no online file (unless cpu0_hotplug).
      boolean hotpluggable = cpu > 0 || CpuHotplug.cpu0Hotpluggable(config);
      if (hotpluggable && cpu < config.cpus() && rest.equals("/online")) {
        return new CpuOnlineFile(cpu);
      }
      if (cpu < config.cpus() && rest.equals("/hotplug/state")) {
        return new CpuHotplugStateFile(cpu);
      }
      if (cpu < config.cpus() && rest.equals("/hotplug/target")) {
        return new CpuHotplugTargetFile(cpu);
      }
      return null;
    });
    r.listing(CPU_N, (m, config) -> {
      int cpu = Vfs.cpuNumber(m.group(1));
      return cpu < config.cpus() ? cpuDirectory(cpu > 0 || CpuHotplug.cpu0Hotpluggable(config))
          : null;
    });
    r.listing(CPU_DIR, (m, config) -> cpuRoot(config.cpus()));
    // kernel/cpu.c cpuhp_cpu_attrs: state (0444), target and fail (0644).
    r.listing(CPU_N + "/hotplug", (m, config) -> Vfs.cpuNumber(m.group(1)) < config.cpus()
        ? List.of(new Listing.Entry("state", '-', 0444), Listing.Entry.file("target", true),
            Listing.Entry.file("fail", true))
        : null);
    Pattern cpuDir = Pattern.compile(CPU_N);
    r.directories((dir, config) -> {
      if (dir.equals(CPU_DIR)) {
        return true;
      }
      var m = cpuDir.matcher(dir);
      return m.matches() && Vfs.cpuNumber(m.group(1)) < config.cpus();
    });
    r.command("nproc", (args, line, config) -> NprocJob.parse(args));
    // cpu_hotplug_pm_callback(): no hotplug from user space while the machine sleeps.
    r.pmCallback(PmPhase.NOTIFIER, MachineLayout.Slot.HOTPLUG, new CpuHotplug.SetDisabled(true),
        new CpuHotplug.SetDisabled(false));
    // The freezer's side of the CPUs: freeze_processes() takes the user tasks off the
    // runqueues, thaw_processes() wakes each on its CPU.
    r.pmCallback(PmPhase.TASKS, MachineLayout.Slot.HOTPLUG, new CpuHotplug.FreezeTasks(),
        new CpuHotplug.ThawTasks());
    r.wire(CpuHotplug.SetOnline.class, CpuHotplug.WakeupFailed.class, CpuHotplug.QueryMasks.class, CpuHotplug.Masks.class,
        CpuHotplug.Request.class, CpuHotplug.Result.class, CpuHotplug.Freeze.class,
        CpuHotplug.Thaw.class, CpuHotplug.SetDisabled.class, CpuHotplug.FreezeTasks.class,
        CpuHotplug.ThawTasks.class, HotplugMail.FreezeTasks.class, HotplugMail.ThawTasks.class,
        CpuHotplug.CpusFrozen.class, CpuHotplug.CpusThawed.class,
        CpuHotplug.Dead.class, CpuHotplug.ApOnline.class, CpuHotplug.RouteIrq.class,
        HotplugMail.TakeDown.class, HotplugMail.NoLongerAffine.class, HotplugMail.Kick.class,
        HotplugMail.Sipi.class,
        HotplugMail.Unpark.class, HotplugMail.Complete.class, HotplugMail.MtrrApsInit.class);
  }

  /**
   * The entries of /sys/devices/system/cpu/cpuN on a 6.1 x86 machine: the CPU device's own
   * (drivers/base/cpu.c: crash_notes and crash_notes_size 0400, online 0644 only when the CPU
   * is hotpluggable, which arch/x86/kernel/topology.c arch_register_cpu() sets for every CPU
   * but the boot CPU unless CPU0 hotplug is configured), the driver core's (uevent, power,
   * subsystem, driver, firmware_node, node0 from drivers/base/core.c and node.c), the cache
   * and topology groups (drivers/base/cacheinfo.c, topology.c) and the hotplug state group
   * (kernel/cpu.c cpuhp_cpu_attr_group).
   */
  static List<Listing.Entry> cpuDirectory(boolean hotpluggable) {
    List<Listing.Entry> l = new ArrayList<>(List.of(Listing.Entry.dir("cache"),
        new Listing.Entry("crash_notes", '-', 0400),
        new Listing.Entry("crash_notes_size", '-', 0400), Listing.Entry.link("driver"),
        Listing.Entry.link("firmware_node"), Listing.Entry.dir("hotplug"),
        Listing.Entry.link("node0"), Listing.Entry.dir("power"), Listing.Entry.link("subsystem"),
        Listing.Entry.dir("topology"), Listing.Entry.file("uevent", true)));
    if (hotpluggable) {
      l.add(Listing.Entry.file("online", true));
    }
    return l;
  }

  /**
   * The entries of /sys/devices/system/cpu on a 6.1 x86-64 machine: a cpuN directory per
   * possible CPU, the root attributes of drivers/base/cpu.c (online, possible, present, offline,
   * kernel_max, isolated; modalias for GENERIC_CPU_AUTOPROBE; the vulnerabilities group), the
   * hotplug and smt groups of kernel/cpu.c, the cpufreq and cpuidle kobjects of their cores,
   * and the driver core's power and uevent. (nohz_full and microcode depend on the build's
   * configuration and the CPU, so they are left out.)
   */
  static List<Listing.Entry> cpuRoot(int cpus) {
    List<Listing.Entry> l = new ArrayList<>();
    for (int cpu = 0; cpu < cpus; cpu++) {
      l.add(Listing.Entry.dir("cpu" + cpu));
    }
    for (String d : List.of("cpufreq", "cpuidle", "hotplug", "power", "smt", "vulnerabilities")) {
      l.add(Listing.Entry.dir(d));
    }
    for (String f : List.of("isolated", "kernel_max", "modalias", "offline", "online",
        "possible", "present")) {
      l.add(Listing.Entry.file(f, false));
    }
    l.add(Listing.Entry.file("uevent", true));
    return l;
  }

  /**
   * busybox nproc (coreutils/nproc.c): the CPUs the shell may run on (sched_getaffinity(): the
   * online CPUs of its affinity), or with {@code --all} the cpuN directories of
   * /sys/devices/system/cpu (every present CPU, online or not); less {@code --ignore=N}, and at
   * least 1.
   *
   * @param all {@code --all}
   * @param ignore {@code --ignore}'s N
   */
  record NprocJob(boolean all, int ignore) implements ShellJob {

    /**
     * Parses nproc's options as getopt32long("\xfe:+") does: {@code --all}, {@code --ignore=N}
     * or {@code --ignore N} (a non-negative number), options stopping at the first operand.
     */
    static ShellJob parse(List<String> args) {
      boolean all = false;
      int ignore = 0;
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (a.equals("--")) {
          break;
        }
        if (a.equals("--all")) {
          all = true;
        } else if (a.equals("--ignore") || a.startsWith("--ignore=")) {
          String n;
          if (a.equals("--ignore")) {
            if (i + 1 == args.size()) {
              return new Failure(1, "nproc: option '--ignore' requires an argument");
            }
            n = args.get(++i);
          } else {
            n = a.substring("--ignore=".length());
          }
          if (!n.matches("\\d{1,9}")) {
            return new Failure(1, "nproc: invalid number '" + n + "'");
          }
          ignore = Integer.parseInt(n);
        } else if (a.startsWith("--")) {
          return BusyboxUsage.refuse("nproc", "nproc: unrecognized option '" + a + "'");
        } else if (a.startsWith("-") && a.length() > 1) {
          return BusyboxUsage.invalidOption("nproc", a.charAt(1));
        } else {
          break;
        }
      }
      return new NprocJob(all, ignore);
    }

    @Override
    public void start(JobContext jc) {
      if (all) {
        finish(jc, jc.config().cpus());
        return;
      }
      jc.send(jc.layout().hotplug(), new CpuHotplug.QueryMasks(jc.jobId()));
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (body instanceof CpuHotplug.Masks m) {
        BitSet usable = (BitSet) m.online().clone();
        BitSet affinity = jc.jobs().affinity(JobTable.SHELL_PID);
        if (affinity != null) {
          usable.and(affinity);
        }
        finish(jc, usable.cardinality());
      }
    }

    private void finish(JobContext jc, int cpus) {
      jc.ok(Math.max(1, cpus - ignore) + "\n");
    }
  }
}
