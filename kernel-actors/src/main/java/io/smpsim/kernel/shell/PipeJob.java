package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.sim.SimMessage;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A pipeline {@code CMD | grep ... | grep ...}: the first command runs as a job, its stdout
 * goes through each grep in turn, and the pipeline's exit status is the last grep's (POSIX:
 * the last command's). Every command's stderr reaches the console unfiltered.
 *
 * @param first the first command
 * @param greps the filters after it
 */
record PipeJob(ShellJob first, List<Grep> greps) implements ShellJob {

  /**
   * {@code grep [-E] [-v] [-c] PATTERN} reading its standard input (extended regular
   * expressions either way; -v selects the lines that do not match).
   */
  record Grep(String pattern, boolean invert, boolean count) {

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

    String apply(String text) {
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

  /** The first command's context: its output goes into the greps before the console. */
  private final class Piped extends ForwardingJobContext {

    Piped(JobContext jc) {
      super(jc);
    }

    @Override
    public void finish(int exit, String stdout, String stderr) {
      String text = stdout;
      int status = exit;
      for (Grep g : greps) {
        text = g.apply(text);
        // grep exits 1 when it selected no line (-c: when the count is 0).
        status = text.isEmpty() || text.equals("0\n") ? 1 : 0;
      }
      outer.finish(status, text, stderr);
    }
  }
}
