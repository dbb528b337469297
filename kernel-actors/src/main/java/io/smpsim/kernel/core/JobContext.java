package io.smpsim.kernel.core;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.sim.Address;
import io.smpsim.sim.SimMessage;

/** What a running job can do. */
public interface JobContext {

  /** The job's id: requests it sends carry it so replies find their way back. */
  long jobId();

  long now();

  MachineConfig config();

  MachineLayout layout();

  /** The kernel's tables (its files, its commands). */
  KernelTables tables();

  /** A pid for a task the command creates. */
  int allocatePid();

  /** The last pid handed out (pids are never reused: the forks since boot, total_forks). */
  int lastPid();

  /**
   * The CPU the shell task (init, which runs the commands) last ran on: where its next system
   * call starts. It starts on the boot CPU (kernel_init execs /init there) and stays where the
   * scheduler last put it ({@link #shellRanOn}).
   */
  int shellCpu();

  /** The scheduler ran the shell task on {@code cpu}. */
  void shellRanOn(int cpu);

  /** The shell's background jobs ({@code &}), which {@code jobs} and {@code kill %N} use. */
  JobTable jobs();

  /** The shell's working directory, which relative paths start from (absolute, normalized). */
  String cwd();

  /** {@code cd}: the shell's working directory is now {@code dir}. */
  void cwd(String dir);

  /** The working directory before the last {@code cd} ({@code cd -}). */
  String previousCwd();

  /**
   * Sets a timer for the job: {@code body} comes back to it ({@link ShellJob#onReply}) after
   * {@code delayNs} of simulated time.
   */
  void timer(long delayNs, SimMessage body);

  /** Sends a request into the machine (kernel-internal latency). */
  <M extends SimMessage> void send(Address<M> to, M msg);

  /** Finishes the job with an exit status and its output. */
  void finish(int exit, String stdout, String stderr);

  /** Finishes successfully with {@code stdout}. */
  default void ok(String stdout) {
    finish(0, stdout, "");
  }

  /** Fails with status {@code exit} and one line on stderr. */
  default void fail(int exit, String message) {
    finish(exit, "", message.endsWith("\n") ? message : message + "\n");
  }
}
