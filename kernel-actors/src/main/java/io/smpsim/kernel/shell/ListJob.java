package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.sim.SimMessage;
import java.util.List;

/**
 * A command list ({@code A; B}, {@code A && B}, {@code A || B}): each command runs once the one
 * before it is over, {@code &&} only after a success and {@code ||} only after a failure (a
 * command skipped leaves the status as it was), {@code $?} and {@code $!} expanded when its command starts;
 * the list's status is the last command run's. The outputs follow one another.
 */
final class ListJob implements ShellJob {

  /** The commands and the operators between them, alternating ({@link ShellWords#list}). */
  private final List<String> parts;
  private final StringBuilder out = new StringBuilder();
  private final StringBuilder err = new StringBuilder();
  /** The index of the next command in {@link #parts}. */
  private int next;
  private int status;
  private ShellJob current;

  /** @param status the status before the list ({@code $?} of its first command) */
  ListJob(List<String> parts, int status) {
    this.parts = List.copyOf(parts);
    this.status = status;
  }

  @Override
  public void start(JobContext jc) {
    proceed(jc);
  }

  private void proceed(JobContext jc) {
    while (next < parts.size()) {
      String op = next == 0 ? ";" : parts.get(next - 1);
      String cmd = parts.get(next);
      next += 2;
      if ((op.equals("&&") && status != 0) || (op.equals("||") && status == 0)) {
        continue;
      }
      try {
        current = Commands.parse(ShellWords.expand(cmd, status, jc.jobs().lastBackground()),
            jc.cwd(), jc.tables(), jc.config());
      } catch (IllegalArgumentException e) {
        current = new Failure(2, "sh: syntax error: " + e.getMessage());
      }
      current.start(part(jc));
      return;
    }
    jc.finish(status, out.toString(), err.toString());
  }

  @Override
  public void onReply(JobContext jc, SimMessage body) {
    if (current != null) {
      current.onReply(part(jc), body);
    }
  }

  /** The context of the command now running: its end moves on to the next. */
  private JobContext part(JobContext jc) {
    return new ForwardingJobContext(jc) {
      @Override
      public void finish(int exit, String stdout, String stderr) {
        if (current == null) {
          return;
        }
        out.append(stdout);
        err.append(stderr);
        status = exit;
        current = null;
        proceed(outer);
      }
    };
  }
}
