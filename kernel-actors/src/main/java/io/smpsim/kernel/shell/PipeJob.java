package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.sim.SimMessage;
import java.util.List;

/**
 * A pipeline {@code CMD | grep ... | head ...}: the first command runs as a job, its stdout
 * goes through each filter in turn, and the pipeline's exit status is the last filter's (POSIX:
 * the last command's). Every command's stderr reaches the console unfiltered.
 *
 * @param first the first command
 * @param filters the filters after it
 */
record PipeJob(ShellJob first, List<Filter> filters) implements ShellJob {

  /** A command reading its standard input in a pipeline. */
  sealed interface Filter {

    /** Its output for {@code text} on its standard input. */
    String apply(String text);

    /** Its exit status for that output. */
    int status(String output);

    /** Whether it prints nothing, whatever its output decided (grep -q). */
    default boolean quiet() {
      return false;
    }
  }

  /** {@code head [-n N]...} reading its standard input: always succeeds. */
  record HeadFilter(io.smpsim.kernel.core.TextFilter.Head head, boolean header)
      implements Filter {
    @Override
    public String apply(String text) {
      // head -v names its standard input as busybox does (bb_msg_standard_input).
      return (header ? Head.header("standard input", true) : "") + head.apply(text);
    }

    @Override
    public int status(String output) {
      return 0;
    }
  }

  /** {@code tail} or {@code wc} reading its standard input: always succeeds. */
  record Text(io.smpsim.kernel.core.TextFilter filter) implements Filter {
    @Override
    public String apply(String text) {
      return filter.apply(text);
    }

    @Override
    public int status(String output) {
      return 0;
    }
  }

  /** {@code grep [OPTIONS] PATTERN} reading its standard input ({@link GrepArgs}). */
  record GrepFilter(io.smpsim.kernel.core.TextFilter.Grep grep, boolean quiet)
      implements Filter {
    @Override
    public String apply(String text) {
      return grep.apply(text);
    }

    @Override
    public int status(String output) {
      return grep.exit(output);
    }
  }

  @Override
  public void start(JobContext jc) {
    first.start(new Piped(jc));
  }

  @Override
  public void onReply(JobContext jc, SimMessage body) {
    first.onReply(new Piped(jc), body);
  }

  /** The first command's context: its output goes into the filters before the console. */
  private final class Piped extends ForwardingJobContext {

    Piped(JobContext jc) {
      super(jc);
    }

    @Override
    public void finish(int exit, String stdout, String stderr) {
      String text = stdout;
      int status = exit;
      for (Filter f : filters) {
        text = f.apply(text);
        status = f.status(text);
        if (f.quiet()) {
          text = "";
        }
      }
      outer.finish(status, text, stderr);
    }
  }
}
