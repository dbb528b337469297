package io.smpsim.kernel.kprobes;

import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code inject kprobe FUNC}: insmod of the kprobes.txt example module with its probe on
 * {@code FUNC}, one of the NMI-path functions smpsim runs. register_kprobe() runs on the shell's
 * CPU, which logs "Planted kprobe at ..." or "register_kprobe failed, returned -22"; the command
 * fails as insmod does when the module's init fails.
 */
public final class KprobeInject {

  static final String USAGE = "usage: inject kprobe FUNC (FUNC: "
      + String.join(", ", new TreeSet<>(Kprobes.SYMBOLS.keySet())) + ")";

  private KprobeInject() {}

  /** Parses the words after {@code inject kprobe}. */
  public static ShellJob parse(List<String> args, MachineConfig config) {
    if (!config.kernel().legacyNmiWatchdog()) {
      return new ShellJob.Failure(2, "inject: kprobe: the probed NMI path is the 2.6 kernel's"
          + " (kernel = \"2.6.x\"; " + config.kernel().text() + " runs another)");
    }
    if (args.size() != 1) {
      return new ShellJob.Failure(2, USAGE);
    }
    String function = args.get(0);
    if (!Kprobes.SYMBOLS.containsKey(function)) {
      return new ShellJob.Failure(2, "inject: kprobe: smpsim runs no '" + function + "' to probe;"
          + " " + USAGE.substring("usage: ".length()));
    }
    return new Insmod(function, Kprobes.blacklisted(config, function));
  }

  /** Loads the module: register_kprobe() on the shell's CPU. */
  record Insmod(String function, boolean refused) implements ShellJob {
    @Override
    public void start(JobContext jc) {
      jc.send(jc.layout().cpu(jc.shellCpu()), new Cpu.KernelMail(new KprobeMail.Register(function)));
      if (refused) {
        // insmod: the module's init returned register_kprobe()'s -EINVAL.
        jc.fail(1, "inject: error inserting kprobe at '" + function + "': " + Kprobes.EINVAL
            + " Invalid argument");
      } else {
        jc.ok("");
      }
    }
  }
}
