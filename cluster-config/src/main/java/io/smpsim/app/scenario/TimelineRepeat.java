package io.smpsim.app.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * A timeline entry's {@code repeat = N}: the command runs N times at its time, in order, with
 * {@code {i}} replaced by 1..N and {@code {x}} by the same number in hex (handy for tc class
 * ids). Setting up 10,000 htb classes is one entry:
 *
 * <pre>
 * { at = 1s, repeat = 10000, run = "tc class add dev eth0 parent 1:1 classid 1:{x} htb rate 1mbit" }
 * </pre>
 */
final class TimelineRepeat {

  static final int MAX_REPEAT = 1_000_000;

  private TimelineRepeat() {}

  /** The command lines of one timeline entry. */
  static List<String> expand(ConfigReader t, String run) {
    if (!t.has("repeat")) {
      return List.of(run);
    }
    int n = t.intIn("repeat", 1, 1, MAX_REPEAT);
    List<String> out = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      out.add(run.replace("{i}", Integer.toString(i)).replace("{x}", Integer.toHexString(i)));
    }
    return out;
  }
}
