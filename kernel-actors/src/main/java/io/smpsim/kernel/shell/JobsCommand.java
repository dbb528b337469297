package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.JobTable;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.signal.Signals;
import java.util.List;

/**
 * busybox ash's {@code jobs [-lp] [%JOB...]} (shell/ash.c jobscmd, showjob): each job from the
 * current one ({@code +}; the previous one {@code -}) to the oldest, as
 * {@code [1]+  Running} padded to column 33 where the command text would follow (a shell
 * without job control keeps none), {@code -l} with the pid, {@code -p} the pid alone. A job
 * whose process ended shows how ({@code Terminated}, {@code Killed}: strsignal()) and is then
 * forgotten, except under {@code -p}. A stopped process is still {@code Running} to a shell
 * without job control, which never waits for stops.
 */
record JobsCommand(boolean pids, boolean pidOnly, List<String> specs) implements ShellJob {

  /** Parses the words after {@code jobs}: ash's nextopt("lp"). */
  static ShellJob parse(List<String> args) {
    boolean l = false;
    boolean p = false;
    int i = 0;
    for (; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("-") || a.equals("-")) {
        break;
      }
      if (a.equals("--")) {
        i++;
        break;
      }
      for (char c : a.substring(1).toCharArray()) {
        if (c == 'l') {
          l = true;
        } else if (c == 'p') {
          p = true;
        } else {
          return new Failure(2, "sh: jobs: illegal option -" + c);
        }
      }
    }
    return new JobsCommand(l, p, List.copyOf(args.subList(i, args.size())));
  }

  @Override
  public void start(JobContext jc) {
    JobTable table = jc.jobs();
    StringBuilder out = new StringBuilder();
    if (specs.isEmpty()) {
      for (JobTable.Job j : table.list()) {
        show(table, j, out);
      }
      jc.ok(out.toString());
      return;
    }
    for (String spec : specs) {
      String[] error = new String[1];
      JobTable.Job j = table.resolve(spec, error);
      if (j == null) {
        jc.finish(2, out.toString(), "sh: jobs: " + error[0] + "\n");
        return;
      }
      show(table, j, out);
    }
    jc.ok(out.toString());
  }

  /** showjob(): one line; a finished job is then freed (not under -p). */
  private void show(JobTable table, JobTable.Job j, StringBuilder out) {
    if (pidOnly) {
      out.append(j.pid()).append('\n');
      return;
    }
    List<JobTable.Job> now = table.list();
    char mark = now.get(0) == j ? '+' : now.size() > 1 && now.get(1) == j ? '-' : ' ';
    StringBuilder s = new StringBuilder().append('[').append(j.number()).append(']')
        .append(mark).append("  ");
    if (pids) {
      s.append(j.pid()).append(' ');
    }
    s.append(j.running() ? "Running" : Signals.description(j.killedBy()));
    // fprintf("%*c", 33 - col, ' '): the padding, at least the one blank %c prints.
    s.append(" ".repeat(Math.max(33 - s.length(), 1)));
    out.append(s).append('\n');
    if (!j.running()) {
      table.forget(j);
    }
  }
}
