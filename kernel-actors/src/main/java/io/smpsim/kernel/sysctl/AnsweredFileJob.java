package io.smpsim.kernel.sysctl;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.TextFilter;
import io.smpsim.sim.SimMessage;

/**
 * The shell's side of a file whose reads and writes a kernel entity serves (a /proc/sys knob,
 * a /sys/power file): the job sends one request and shows the {@link Sysctl.Answer}. A refused
 * write is busybox ash's {@code sh: write error: <strerror>}. Subclasses only say where the
 * request goes; they are plain classes, so a job in flight is saved with a checkpoint.
 */
public abstract class AnsweredFileJob implements ShellJob {

  @Override
  public final void start(JobContext jc) {
    ask(jc);
  }

  /** Sends the request, naming {@code jc.jobId()} as the job to answer. */
  protected abstract void ask(JobContext jc);

  @Override
  public final void onReply(JobContext jc, SimMessage body) {
    if (body instanceof Sysctl.Answer a) {
      answered(jc, a);
    }
  }

  abstract void answered(JobContext jc, Sysctl.Answer a);

  /** A read: the answer's text, through the command's filter (grep). */
  public abstract static class Read extends AnsweredFileJob {
    private final TextFilter filter;

    protected Read(TextFilter filter) {
      this.filter = filter;
    }

    @Override
    final void answered(JobContext jc, Sysctl.Answer a) {
      // A show() that fails (pm_wakeup_irq's ENODATA): busybox cat's read error.
      if (a.error() != null) {
        jc.fail(1, "cat: read error: " + a.error().text());
        return;
      }
      String out = filter.apply(a.text());
      jc.finish(filter.exit(out), out, "");
    }
  }

  /** A write, as {@code echo VALUE > FILE} does. */
  public abstract static class Write extends AnsweredFileJob {
    @Override
    final void answered(JobContext jc, Sysctl.Answer a) {
      if (a.error() != null) {
        jc.fail(1, "sh: write error: " + a.error().text());
      } else {
        jc.ok("");
      }
    }
  }
}
