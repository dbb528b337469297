package io.smpsim.kernel.hotplug;

import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.PmPhase;
import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.Subsystem;
import io.smpsim.kernel.core.Vfs;
import io.smpsim.sim.SimMessage;
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
    Pattern cpuDir = Pattern.compile(CPU_N);
    r.directories((dir, config) -> {
      if (dir.equals(CPU_DIR)) {
        return true;
      }
      var m = cpuDir.matcher(dir);
      return m.matches() && Vfs.cpuNumber(m.group(1)) < config.cpus();
    });
    r.command("nproc", (args, line, config) -> new NprocJob());
    // cpu_hotplug_pm_callback(): no hotplug from user space while the machine sleeps.
    r.pmCallback(PmPhase.NOTIFIER, MachineLayout.Slot.HOTPLUG, new CpuHotplug.SetDisabled(true),
        new CpuHotplug.SetDisabled(false));
    r.wire(CpuHotplug.SetOnline.class, CpuHotplug.WakeupFailed.class, CpuHotplug.QueryMasks.class, CpuHotplug.Masks.class,
        CpuHotplug.Request.class, CpuHotplug.Result.class, CpuHotplug.Freeze.class,
        CpuHotplug.Thaw.class, CpuHotplug.SetDisabled.class, CpuHotplug.CpusFrozen.class, CpuHotplug.CpusThawed.class,
        CpuHotplug.Dead.class, CpuHotplug.ApOnline.class, CpuHotplug.RouteIrq.class,
        HotplugMail.TakeDown.class, HotplugMail.Kick.class, HotplugMail.Sipi.class);
  }

  /** nproc: the number of online CPUs. */
  static final class NprocJob implements ShellJob {
    @Override
    public void start(JobContext jc) {
      jc.send(jc.layout().hotplug(), new CpuHotplug.QueryMasks(jc.jobId()));
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (body instanceof CpuHotplug.Masks m) {
        jc.ok(m.online().cardinality() + "\n");
      }
    }
  }
}
