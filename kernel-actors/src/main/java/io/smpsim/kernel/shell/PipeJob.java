package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.sim.SimMessage;
import java.util.List;
import java.util.regex.Pattern;

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

  /**
   * {@code grep [-E] [-v] [-c] PATTERN} reading its standard input (extended regular
   * expressions either way; -v selects the lines that do not match).
   */
  record Grep(String pattern, boolean invert, boolean count) implements Filter {

    /** The grep of {@code args}, or null when they are not a filter smpsim runs. */
    static Grep parse(List<String> args) {
      boolean invert = false;
      boolean count = false;
      int i = 0;
      while (i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1) {
        for (char c : args.get(i).substring(1).toCharArray()) {
          switch (c) {
            case 'v' -> invert = true;
            case 'c' -> count = true;
            case 'E' -> { }
            default -> {
              return null;
            }
          }
        }
        i++;
      }
      return args.size() == i + 1 ? new Grep(args.get(i), invert, count) : null;
    }

    @Override
    public int status(String output) {
      // grep exits 1 when it selected no line (-c: when the count is 0).
      return output.isEmpty() || output.equals("0\n") ? 1 : 0;
    }

    @Override
    public String apply(String text) {
      Pattern p = Pattern.compile(pattern);
      StringBuilder out = new StringBuilder();
      int n = 0;
      String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
      if (!text.isEmpty()) {
        for (String line : body.split("\n", -1)) {
          if (p.matcher(line).find() != invert) {
            n++;
            out.append(line).append('\n');
          }
        }
      }
      return count ? n + "\n" : out.toString();
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
      }
      outer.finish(status, text, stderr);
    }
  }
}
