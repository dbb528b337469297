package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.BusyboxUsage;
import io.smpsim.kernel.core.Options;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.TextFilter;
import java.util.List;

/**
 * busybox grep's command line (findutils/grep.c), the options smpsim's grep runs: -c -E -F -i
 * -n -q -v -w -x, alone or together, then the pattern and the files. busybox's other options are
 * refused by name, unknown ones as getopt refuses them (with the usage); grep's errors exit 2.
 *
 * @param grep the selection
 * @param quiet -q: nothing printed, the status says whether a line was selected
 * @param files the operands after the pattern
 */
record GrepArgs(TextFilter.Grep grep, boolean quiet, List<String> files) {

  /** The options, as the refusal lists them. */
  static final String OPTIONS = "cEFinqvwx";

  /** The grep of {@code args}, or the failure to print. */
  static Object parse(List<String> args) {
    // busybox's getopt32 spec, its arguments included, so that getopt's errors are its own.
    Options o = Options.parse("grep", args, "cEFinqvwxHhlLosrRze:f:m:A:B:C:", 2);
    if (o.failure() != null) {
      return o.failure();
    }
    for (Options.Given g : o.given()) {
      if (OPTIONS.indexOf(g.letter()) < 0) {
        return new ShellJob.Failure(2, "grep: -" + g.letter() + " is not supported by smpsim's"
            + " grep (it runs -" + OPTIONS + ")");
      }
    }
    if (o.operands().isEmpty()) {
      return new ShellJob.Failure(2, BusyboxUsage.of("grep"));
    }
    boolean invert = o.has('v');
    boolean count = o.has('c');
    boolean ignoreCase = o.has('i');
    boolean word = o.has('w');
    boolean wholeLine = o.has('x');
    boolean number = o.has('n');
    boolean fixed = o.has('F');
    boolean quiet = o.has('q');
    String pattern = o.operands().get(0);
    if (!fixed) {
      if (!Commands.compiles(pattern)) {
        // Debian's busybox 1.35 says no more than this (no regerror() text); grep's
        // xfunc_error_retval is 2.
        return new ShellJob.Failure(2, "grep: bad regex '" + pattern + "'");
      }
    }
    return new GrepArgs(new TextFilter.Grep(pattern, invert, count, ignoreCase, word, wholeLine,
        number, fixed), quiet, o.operands().subList(1, o.operands().size()));
  }
}
