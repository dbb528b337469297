package io.smpsim.kernel.shell;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.JobTable;
import io.smpsim.kernel.core.KernelTables;
import io.smpsim.sim.Address;
import io.smpsim.sim.SimMessage;

/**
 * A job's context that passes everything to an outer context but how the job ends: the shell's
 * compound jobs (a {@code cat} of several files, a pipeline) run a part under it and decide in
 * {@link #finish} what the part's end means.
 */
abstract class ForwardingJobContext implements JobContext {

  /** The context the compound job itself runs in. */
  final JobContext outer;

  ForwardingJobContext(JobContext outer) {
    this.outer = outer;
  }

  @Override
  public long jobId() {
    return outer.jobId();
  }

  @Override
  public long now() {
    return outer.now();
  }

  @Override
  public MachineConfig config() {
    return outer.config();
  }

  @Override
  public MachineLayout layout() {
    return outer.layout();
  }

  @Override
  public KernelTables tables() {
    return outer.tables();
  }

  @Override
  public int allocatePid() {
    return outer.allocatePid();
  }

  @Override
  public int lastPid() {
    return outer.lastPid();
  }

  @Override
  public int shellCpu() {
    return outer.shellCpu();
  }

  @Override
  public void shellRanOn(int cpu) {
    outer.shellRanOn(cpu);
  }

  @Override
  public void timer(long delayNs, SimMessage body) {
    outer.timer(delayNs, body);
  }

  @Override
  public JobTable jobs() {
    return outer.jobs();
  }

  @Override
  public String cwd() {
    return outer.cwd();
  }

  @Override
  public void cwd(String dir) {
    outer.cwd(dir);
  }

  @Override
  public String previousCwd() {
    return outer.previousCwd();
  }

  @Override
  public <M extends SimMessage> void send(Address<M> to, M msg) {
    outer.send(to, msg);
  }
}
