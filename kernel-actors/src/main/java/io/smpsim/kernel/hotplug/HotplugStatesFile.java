package io.smpsim.kernel.hotplug;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.TextFilter;
import io.smpsim.kernel.core.VfsFile;

/**
 * /sys/devices/system/cpu/hotplug/states (kernel/cpu.c states_show): the cpuhp states the
 * kernel's subsystems registered, in state order.
 */
record HotplugStatesFile() implements VfsFile {

  @Override
  public ShellJob read(TextFilter filter) {
    return new Read(filter);
  }

  /** The read: the listing is the kernel's, known at once. */
  record Read(TextFilter filter) implements ShellJob {
    @Override
    public void start(JobContext jc) {
      String out = filter.apply(jc.tables().hotplugStates());
      jc.finish(filter.exit(out), out, "");
    }
  }
}
