package io.smpsim.kernel.core;

import java.util.ArrayList;
import java.util.List;

/**
 * busybox getopt32() for an applet's command line: option letters, alone or together
 * ({@code -ab}), those marked {@code :} in the spec taking an argument (joined, {@code -k2}, or
 * the next word), {@code --} ending the options; the options may follow operands (GNU
 * permutation) unless the spec starts with {@code +}. An unknown letter or a missing argument
 * is getopt's complaint followed by the applet's usage.
 *
 * @param given the options in the order given, each as its letter and its argument (null for
 *     a flag)
 * @param operands the words that are no options
 * @param failure the refusal, or null
 */
public record Options(List<Given> given, List<String> operands, ShellJob.Failure failure) {

  /** One option given: its letter and its argument (null for a flag). */
  public record Given(char letter, String value) {}

  /**
   * Parses {@code args} for {@code applet} by {@code spec}; a refusal exits
   * {@code failExit} (busybox's xfunc_error_retval: 2 for sort and grep, else 1).
   */
  public static Options parse(String applet, List<String> args, String spec, int failExit) {
    boolean permute = !spec.startsWith("+");
    String letters = permute ? spec : spec.substring(1);
    List<Given> given = new ArrayList<>();
    List<String> operands = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        operands.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (!a.startsWith("-") || a.length() == 1) {
        if (!permute) {
          operands.addAll(args.subList(i, args.size()));
          break;
        }
        operands.add(a);
        continue;
      }
      for (int k = 1; k < a.length(); k++) {
        char c = a.charAt(k);
        int at = letters.indexOf(c);
        if (at < 0 || c == ':') {
          return refused(applet, applet + ": invalid option -- '" + c + "'", failExit);
        }
        if (at + 1 < letters.length() && letters.charAt(at + 1) == ':') {
          String value = k + 1 < a.length() ? a.substring(k + 1) : i + 1 < args.size()
              ? args.get(++i) : null;
          if (value == null) {
            return refused(applet, applet + ": option requires an argument -- '" + c + "'",
                failExit);
          }
          given.add(new Given(c, value));
          break;
        }
        given.add(new Given(c, null));
      }
    }
    return new Options(List.copyOf(given), List.copyOf(operands), null);
  }

  private static Options refused(String applet, String message, int exit) {
    return new Options(List.of(), List.of(),
        new ShellJob.Failure(exit, message + "\n" + BusyboxUsage.of(applet)));
  }

  /** Whether option {@code c} was given. */
  public boolean has(char c) {
    return given.stream().anyMatch(g -> g.letter() == c);
  }

  /** The argument of the last {@code c} given, or null. */
  public String value(char c) {
    String v = null;
    for (Given g : given) {
      if (g.letter() == c) {
        v = g.value();
      }
    }
    return v;
  }

  /** The arguments of every {@code c} given, in order. */
  public List<String> values(char c) {
    return given.stream().filter(g -> g.letter() == c).map(Given::value).toList();
  }
}
