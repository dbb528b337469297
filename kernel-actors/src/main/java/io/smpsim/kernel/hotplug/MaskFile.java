package io.smpsim.kernel.hotplug;

import io.smpsim.kernel.core.TextFilter;
import io.smpsim.kernel.core.VfsFile;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.sim.SimMessage;

/** A file whose text is computed from the machine's CPU masks. */
public interface MaskFile extends VfsFile {

  /** The file's text for these masks. */
  String render(CpuHotplug.Masks masks, MachineConfig config);

  @Override
  default ShellJob read(TextFilter filter) {
    return new MaskReadJob(this, filter);
  }

  /** Asks the hotplug controller for the masks, then renders. */
  final class MaskReadJob implements ShellJob {
    private final MaskFile file;
    private final TextFilter filter;

    MaskReadJob(MaskFile file, TextFilter filter) {
      this.file = file;
      this.filter = filter;
    }

    @Override
    public void start(JobContext jc) {
      jc.send(jc.layout().hotplug(), new CpuHotplug.QueryMasks(jc.jobId()));
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (body instanceof CpuHotplug.Masks m) {
        String out = filter.apply(file.render(m, jc.config()));
        jc.finish(filter.exit(out), out, "");
      }
    }
  }
}
