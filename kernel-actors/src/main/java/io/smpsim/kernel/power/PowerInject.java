package io.smpsim.kernel.power;

import io.smpsim.kernel.core.Duration;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import java.util.List;

/**
 * smpsim's PM fault-injection verbs: {@code inject wakeup} (a wake-up event from outside, like
 * the power button; it reaches the machine even while a suspend holds the shell) and
 * {@code inject resume-busywait D} (at the next resume a driver busy-waits D with interrupts
 * off, as IDE's ide_wait_not_busy() did).
 */
public final class PowerInject {

  private PowerInject() {}

  /** {@code inject resume-busywait D}. */
  public static ShellJob resumeBusywait(List<String> args) {
    long ns = args.size() == 1 ? Duration.parse(args.get(0)) : -1;
    if (ns <= 0) {
      return new ShellJob.Failure(2, "usage: inject resume-busywait DURATION");
    }
    return new Busywait(ns);
  }

  /** Tells the PM core. */
  record Busywait(long ns) implements ShellJob {
    @Override
    public void start(JobContext jc) {
      jc.send(jc.layout().power(), new SuspendResume.ResumeBusywait(ns));
      jc.ok("");
    }
  }
}
