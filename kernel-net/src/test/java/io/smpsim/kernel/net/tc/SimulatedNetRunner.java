package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.NetCommandResult;
import io.smpsim.kernel.net.core.SplitMixRandom;
import io.smpsim.kernel.net.dev.NetStack;
import io.smpsim.kernel.net.dev.VethDriver;

/**
 * Runs commands against a fresh {@link NetStack} with a simulated clock: each command takes
 * 10 ms (about what a process spawn costs on the recording machine), {@code @sleep} advances
 * the clock, and qdisc watchdogs due in between fire first, as the engine would fire them.
 */
public final class SimulatedNetRunner implements CommandRunner {

  private static final long STEP_NS = 10_000_000L;
  private final NetStack stack;
  private final NetShell shell;
  private final VethDriver driver;
  private long nowNs;

  public SimulatedNetRunner(long seed) {
    this.stack = new NetStack(new SplitMixRandom(seed), 2);
    this.shell = new NetShell(stack);
    this.driver = new VethDriver(stack);
  }

  public NetStack stack() {
    return stack;
  }

  @Override
  public NetCommandResult run(String line) {
    driver.runUntil(nowNs);
    ShellResult s = shell.exec(line, nowNs);
    NetCommandResult r = new NetCommandResult(s.exit(), s.stdout(), s.stderr());
    nowNs += STEP_NS;
    if (line.startsWith("@sleep")) {
      nowNs += (long) (Double.parseDouble(line.split("\\s+")[1]) * 1e9);
    }
    return r;
  }
}
