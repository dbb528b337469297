package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.BusyboxUsage;
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
    boolean invert = false;
    boolean count = false;
    boolean ignoreCase = false;
    boolean word = false;
    boolean wholeLine = false;
    boolean number = false;
    boolean fixed = false;
    boolean quiet = false;
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1) {
      if (args.get(i).equals("--")) {
        i++;
        break;
      }
      for (char c : args.get(i).substring(1).toCharArray()) {
        switch (c) {
          case 'v' -> invert = true;
          case 'c' -> count = true;
          case 'i' -> ignoreCase = true;
          case 'w' -> word = true;
          case 'x' -> wholeLine = true;
          case 'n' -> number = true;
          case 'F' -> fixed = true;
          case 'q' -> quiet = true;
          case 'E' -> { }
          default -> {
            if ("HhlLosrRemfABCz".indexOf(c) >= 0) {
              return new ShellJob.Failure(2, "grep: -" + c + " is not supported by smpsim's grep"
                  + " (it runs -" + OPTIONS + ")");
            }
            return new ShellJob.Failure(2, "grep: invalid option -- '" + c + "'\n"
                + BusyboxUsage.of("grep"));
          }
        }
      }
      i++;
    }
    if (i >= args.size()) {
      return new ShellJob.Failure(2, BusyboxUsage.of("grep"));
    }
    String pattern = args.get(i);
    if (!fixed) {
      if (!Commands.compiles(pattern)) {
        // Debian's busybox 1.35 says no more than this (no regerror() text); grep's
        // xfunc_error_retval is 2.
        return new ShellJob.Failure(2, "grep: bad regex '" + pattern + "'");
      }
    }
    return new GrepArgs(new TextFilter.Grep(pattern, invert, count, ignoreCase, word, wholeLine,
        number, fixed), quiet, List.copyOf(args.subList(i + 1, args.size())));
  }
}
