package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.TextFilter;
import io.smpsim.sim.SimMessage;
import java.util.List;

/**
 * A text applet's command line parsed: what it does to its input ({@code filter}), the files it
 * reads one after the other as a single input (none: its standard input, in a pipeline), or
 * the refusal of its arguments.
 *
 * @param applet its name
 * @param filter what it prints for its input
 * @param files the files it reads
 * @param error the refusal, or null
 */
record TextCommand(String applet, TextFilter filter, List<String> files, ShellJob error) {

  /** A refused command line. */
  static TextCommand refused(String applet, ShellJob error) {
    return new TextCommand(applet, TextFilter.IDENTITY, List.of(), error);
  }

  /** The command on its files: their text read in turn, then the filter over all of it. */
  ShellJob job() {
    if (error != null) {
      return error;
    }
    if (files.isEmpty()) {
      return new ShellJob.Failure(1, applet + ": reading standard input is not supported"
          + " outside a pipeline");
    }
    return new Filtered(new CatJob(applet, files, TextFilter.IDENTITY, false), filter);
  }

  /** A job whose whole output goes through {@code filter}; its status stays the job's. */
  record Filtered(ShellJob inner, TextFilter filter) implements ShellJob {
    @Override
    public void start(JobContext jc) {
      inner.start(context(jc));
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      inner.onReply(context(jc), body);
    }

    private JobContext context(JobContext jc) {
      return new ForwardingJobContext(jc) {
        @Override
        public void finish(int exit, String stdout, String stderr) {
          outer.finish(exit, filter.apply(stdout), stderr);
        }
      };
    }
  }
}
