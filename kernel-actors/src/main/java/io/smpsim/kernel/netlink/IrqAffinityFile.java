package io.smpsim.kernel.netlink;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.TextFilter;
import io.smpsim.kernel.core.VfsFile;
import io.smpsim.kernel.net.NetAsker;
import io.smpsim.kernel.net.NetCommandResult;
import io.smpsim.kernel.net.Netns;
import io.smpsim.sim.Address;
import io.smpsim.sim.SimMessage;

/**
 * /proc/irq/N/smp_affinity_list of a NIC queue vector (kernel/irq/proc.c): the CPU list the
 * vector may be delivered to, as the network namespace (which owns its NICs' vectors) keeps it.
 * A write with a malformed list, a CPU past nr_cpu_ids or no online CPU fails as busybox ash
 * reports it: {@code sh: write error: <strerror>}.
 *
 * @param irq the Linux IRQ
 */
public record IrqAffinityFile(int irq) implements VfsFile {

  @Override
  public ShellJob read(TextFilter filter) {
    return new Job(irq, null, filter);
  }

  @Override
  public ShellJob write(String value) {
    return new Job(irq, value, null);
  }

  /** The request to the namespace and its answer; {@code write} null for a read. */
  static final class Job implements ShellJob {
    private final int irq;
    private final String write;
    private final TextFilter filter;

    Job(int irq, String write, TextFilter filter) {
      this.irq = irq;
      this.write = write;
      this.filter = filter;
    }

    @Override
    public void start(JobContext jc) {
      Address<NetAsker> shell = Address.of(jc.layout().shell().id());
      jc.send(jc.layout().netns(), new Netns.IrqAffinity(jc.jobId(), irq, write, shell));
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (!(body instanceof NetCommandResult r)) {
        return;
      }
      if (r.exit() != 0) {
        jc.fail(1, "sh: write error: " + r.stderr());
      } else if (write != null) {
        jc.ok("");
      } else {
        String out = filter.apply(r.stdout());
        jc.finish(filter.exit(out), out, "");
      }
    }
  }
}
