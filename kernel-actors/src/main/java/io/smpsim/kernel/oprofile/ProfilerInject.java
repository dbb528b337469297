package io.smpsim.kernel.oprofile;

import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import java.util.List;

/**
 * {@code inject profiler start [cpu N]} and {@code inject profiler stop}: an oprofile session
 * ({@code opcontrol --start} / {@code --stop}) sampling every CPU, or only CPU N. The NMI hook is
 * set up on every CPU either way, as oprofile's is global.
 */
public final class ProfilerInject {

  static final String USAGE = "usage: inject profiler start [cpu N] | inject profiler stop";

  private ProfilerInject() {}

  /** Parses the words after {@code inject profiler}. */
  public static ShellJob parse(List<String> args, MachineConfig config) {
    if (!config.kernel().legacyNmiWatchdog()) {
      return new ShellJob.Failure(2, "inject: oprofile's NMI sampling needs a 2.6 kernel"
          + " (kernel = \"2.6.x\"; " + config.kernel().text() + " profiles through perf)");
    }
    if (args.equals(List.of("stop"))) {
      return new Session(false, -1);
    }
    if (args.equals(List.of("start"))) {
      return new Session(true, -1);
    }
    if (args.size() == 3 && args.get(0).equals("start") && args.get(1).equals("cpu")) {
      String n = args.get(2);
      if (!n.matches("[0-9]{1,5}") || Integer.parseInt(n) >= config.cpus()) {
        return new ShellJob.Failure(2, "inject: no CPU '" + n + "' (CPUs 0-"
            + (config.cpus() - 1) + ")");
      }
      return new Session(true, Integer.parseInt(n));
    }
    return new ShellJob.Failure(2, USAGE);
  }

  /** Starts ({@code only}: the one CPU sampled, -1 for all) or stops the profiler. */
  record Session(boolean start, int only) implements ShellJob {
    @Override
    public void start(JobContext jc) {
      for (int c = 0; c < jc.config().cpus(); c++) {
        jc.send(jc.layout().cpu(c), new Cpu.KernelMail(start
            ? new OprofileMail.Start(only < 0 || only == c) : new OprofileMail.Stop()));
      }
      jc.ok("");
    }
  }
}
