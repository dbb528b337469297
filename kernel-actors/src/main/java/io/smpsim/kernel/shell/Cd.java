package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.Vfs;
import java.util.List;

/**
 * busybox ash's {@code cd [DIR|-]} and {@code pwd} (shell/ash.c cdcmd, pwdcmd): the working
 * directory relative paths start from, kept logically ({@code ..} drops the last component).
 * {@code cd} alone goes to HOME, which the kernel sets to {@code /} for init; {@code cd -} to
 * the directory before, printing it; a path that is no directory is
 * {@code sh: cd: can't cd to X: No such file or directory} (or {@code Not a directory}), 2.
 *
 * @param target the operand ({@code null}: HOME), or null for pwd
 * @param pwd whether this is pwd
 */
record Cd(String target, boolean pwd) implements ShellJob {

  /** cd's words after its name; only the first counts, as in ash. */
  static ShellJob cd(List<String> args) {
    return new Cd(args.isEmpty() ? null : args.get(0), false);
  }

  /** pwd's words: -L and -P are its options (both print the logical path here). */
  static ShellJob pwd(List<String> args) {
    for (String a : args) {
      if (a.startsWith("-") && a.length() > 1) {
        for (char c : a.substring(1).toCharArray()) {
          if (c != 'L' && c != 'P') {
            return new Failure(2, "sh: pwd: illegal option -" + c);
          }
        }
      }
    }
    return new Cd(null, true);
  }

  @Override
  public void start(JobContext jc) {
    if (pwd) {
      jc.ok(jc.cwd() + "\n");
      return;
    }
    boolean back = "-".equals(target);
    String dir = target == null ? "/" : back ? jc.previousCwd()
        : Vfs.resolve(jc.cwd(), target);
    if (!Vfs.isDirectory(dir, jc.tables(), jc.config())) {
      String why = Vfs.lookup(dir, jc.tables(), jc.config()) != null ? "Not a directory"
          : "No such file or directory";
      jc.fail(2, "sh: cd: can't cd to " + (back ? dir : target) + ": " + why);
      return;
    }
    jc.cwd(dir);
    jc.ok(back ? dir + "\n" : "");
  }
}
