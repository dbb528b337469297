package io.smpsim.kernel.netlink;

import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Shorthand;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.Duration;
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
import java.util.List;

/**
 * {@code inject qdisc-lock dev DEV [queue N] cpu M [for D]}: a kernel thread on CPU M takes the
 * root lock of DEV's TX queue N (queue 0 by default) with interrupts off and keeps it for D (for
 * ever without {@code for D}), as the inject spinlock holder does for its lock: every sender
 * whose packet goes to that root spins on its own CPU until the lock is free. The namespace
 * takes the lock first (a busy lock or a bad device fails the command), then the holder is woken
 * on M.
 *
 */
public final class QdiscLockJob implements ShellJob {

  private final String dev;
  private final int txq;
  private final int cpu;
  /** How long the holder keeps the lock, -1 for ever. */
  private final long runNs;
  /** The holder's pid, allocated when the job starts. */
  private int pid;

  QdiscLockJob(String dev, int txq, int cpu, long runNs) {
    this.dev = dev;
    this.txq = txq;
    this.cpu = cpu;
    this.runNs = runNs;
  }

  static final String USAGE = "usage: inject qdisc-lock dev DEV [queue N] cpu M [for D]";

  /** Parses the words after {@code inject qdisc-lock}; a bad line is a failing job. */
  static ShellJob parse(List<String> args, MachineConfig config) {
    if (args.size() < 2 || !args.get(0).equals("dev")) {
      return new ShellJob.Failure(2, USAGE);
    }
    String dev = args.get(1);
    int i = 2;
    int txq = 0;
    if (args.size() > i + 1 && args.get(i).equals("queue")) {
      if (!args.get(i + 1).matches("[0-9]{1,4}")) {
        return new ShellJob.Failure(2, "inject: bad queue '" + args.get(i + 1) + "'");
      }
      txq = Integer.parseInt(args.get(i + 1));
      i += 2;
    }
    if (args.size() < i + 2 || !args.get(i).equals("cpu")) {
      return new ShellJob.Failure(2, USAGE);
    }
    String n = args.get(i + 1);
    if (!n.matches("[0-9]{1,5}") || Integer.parseInt(n) >= config.cpus()) {
      return new ShellJob.Failure(2, "inject: no CPU '" + n + "' (CPUs 0-" + (config.cpus() - 1)
          + ")");
    }
    int cpu = Integer.parseInt(n);
    i += 2;
    long d = -1;
    if (args.size() == i + 2 && args.get(i).equals("for")) {
      d = Duration.parse(args.get(i + 1));
      if (d <= 0) {
        return new ShellJob.Failure(2, "inject: bad duration '" + args.get(i + 1) + "'");
      }
    } else if (args.size() != i) {
      return new ShellJob.Failure(2, USAGE);
    }
    return new QdiscLockJob(dev, txq, cpu, d);
  }

  @Override
  public void start(JobContext jc) {
    Address<NetAsker> shell = Address.of(jc.layout().shell().id());
    pid = jc.allocatePid();
    jc.send(jc.layout().netns(), new Netns.HoldQdiscLock(jc.jobId(), dev, txq, cpu, pid, shell));
  }

  @Override
  public void onReply(JobContext jc, SimMessage body) {
    if (!(body instanceof NetCommandResult r)) {
      return;
    }
    if (r.exit() != 0) {
      jc.finish(r.exit(), r.stdout(), r.stderr());
      return;
    }
    // A holder whose lock no CPU task names (lockHolder -1): the namespace keeps the lock, and
    // learns of its release from the context switch that ends the task (NetCpu).
    CpuTask t = new CpuTask("qdisclock/" + cpu, pid, TaskKind.LOCK_HOLDER, runNs, -1);
    jc.send(jc.layout().cpu(cpu), new Cpu.KernelMail(new TaskMail.Wake(t)));
    jc.send(jc.layout().apic(0), new LocalApic.WriteIcr(DeliveryMode.FIXED, Shorthand.NONE,
        jc.layout().apicId(cpu), Vectors.RESCHEDULE));
    jc.ok("");
  }
}
