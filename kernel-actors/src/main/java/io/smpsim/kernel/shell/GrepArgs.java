package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.TextFilter;
import java.util.List;

/**
 * busybox grep's command line (findutils/grep.c), the options smpsim's grep runs: -c -E -F -i
 * -n -v -w -x, alone or together, then the pattern and the files. Another option is refused as
 * getopt refuses it; grep's errors exit 2.
 *
 * @param grep the selection
 * @param files the operands after the pattern
 */
record GrepArgs(TextFilter.Grep grep, List<String> files) {

  /** The options, as the usage line lists them. */
  static final String OPTIONS = "cEFinvwx";

  /** The grep of {@code args}, or the failure to print. */
  static Object parse(List<String> args) {
    boolean invert = false;
    boolean count = false;
    boolean ignoreCase = false;
    boolean word = false;
    boolean wholeLine = false;
    boolean number = false;
    boolean fixed = false;
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
          case 'E' -> { }
          default -> {
            return new ShellJob.Failure(2, OPTIONS.indexOf(c) < 0 && "HhlLoqsrRemfABC"
                .indexOf(c) >= 0 ? "grep: -" + c + " is not supported by smpsim's grep (it runs -"
                + OPTIONS + ")" : "grep: invalid option -- '" + c + "'");
          }
        }
      }
      i++;
    }
    if (i >= args.size()) {
      return new ShellJob.Failure(2, "Usage: grep [-" + OPTIONS + "] PATTERN FILE");
    }
    String pattern = args.get(i);
    if (!fixed) {
      String bad = Commands.badRegex(pattern);
      if (bad != null) {
        // libbb/xregcomp.c: bb_error_msg_and_die("bad regex '%s': %s", regex, regerror()), and
        // grep's xfunc_error_retval is 2. The regerror() text is glibc's.
        return new ShellJob.Failure(2, "grep: bad regex '" + pattern + "': " + bad);
      }
    }
    return new GrepArgs(new TextFilter.Grep(pattern, invert, count, ignoreCase, word, wholeLine,
        number, fixed), List.copyOf(args.subList(i + 1, args.size())));
  }
}
