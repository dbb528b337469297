package io.smpsim.kernel.netlink;

import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.Vectors;
import io.smpsim.kernel.net.NetAsker;
import io.smpsim.kernel.net.NetCommandResult;
import io.smpsim.kernel.net.Netns;
import io.smpsim.kernel.task.CpuTask;
import io.smpsim.kernel.task.TaskKind;
import io.smpsim.kernel.task.TaskMail;
import io.smpsim.sim.Address;
import io.smpsim.sim.SimMessage;

/**
 * {@code ip}, {@code tc}, {@code traffic} and the tc oracle's pseudo-commands ({@code @send},
 * {@code @sleep}, {@code @nl-qdisc-add}, {@code @autohandle}): the line goes to the machine's
 * network namespace, which answers with what the command printed and its exit status.
 *
 * @param line the command line, as typed
 */
public record NetJob(String line) implements ShellJob {

  @Override
  public void start(JobContext jc) {
    Address<NetAsker> shell = Address.of(jc.layout().shell().id());
    jc.send(jc.layout().netns(), new Netns.Exec(jc.jobId(), line, shell, jc.shellCpu()));
  }

  @Override
  public void onReply(JobContext jc, SimMessage body) {
    if (body instanceof NetCommandResult r) {
      if (r.spinsIn() != null) {
        spin(jc, r.spinsIn());
        return;
      }
      jc.finish(r.exit(), r.stdout(), r.stderr());
    }
  }

  /**
   * The command's system call never returns (a scheduler quirk's endless loop): its task keeps
   * the CPU the shell ran it on, preemption off, so the soft-lockup detector reports it there;
   * the job never finishes, as the real command never returned to its shell.
   */
  private void spin(JobContext jc, String rip) {
    TaskKind kind = TaskKind.byRip(rip);
    int cpu = jc.shellCpu();
    String comm = line.strip().split("\\s+")[0];
    CpuTask t = new CpuTask(comm, jc.allocatePid(), kind != null ? kind
        : TaskKind.PREEMPT_OFF_SPIN, -1, -1);
    jc.send(jc.layout().cpu(cpu), new Cpu.KernelMail(new TaskMail.Wake(t)));
    jc.send(jc.layout().apic(cpu), new LocalApic.Ipi(DeliveryMode.FIXED, Vectors.RESCHEDULE,
        jc.layout().apicId(cpu)));
  }
}
