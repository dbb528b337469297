package io.smpsim.kernel.core;

import java.util.List;

/**
 * busybox getopt32() for applets whose options are single letters without arguments: the
 * letters given (alone or together, as {@code -ab}), or the refusal getopt prints for one the
 * applet does not take ({@code APPLET: invalid option -- 'x'}, then the applet's usage;
 * exit 1).
 *
 * @param letters the option letters seen, each once
 * @param failure the refusal, or null
 */
public record Getopt(String letters, ShellJob.Failure failure) {

  /** The options of {@code args} for {@code applet}, which takes the letters in {@code allowed}. */
  public static Getopt letters(String applet, List<String> args, String allowed) {
    StringBuilder seen = new StringBuilder();
    for (String a : args) {
      if (!a.startsWith("-") || a.length() < 2) {
        continue;
      }
      for (char c : a.substring(1).toCharArray()) {
        if (allowed.indexOf(c) < 0) {
          return new Getopt("", BusyboxUsage.invalidOption(applet, c));
        }
        if (seen.indexOf(String.valueOf(c)) < 0) {
          seen.append(c);
        }
      }
    }
    return new Getopt(seen.toString(), null);
  }

  /** Whether option {@code c} was given. */
  public boolean has(char c) {
    return letters.indexOf(c) >= 0;
  }
}
