package io.smpsim.app.run;

import io.smpsim.kernel.net.sched.QdiscKinds;
import java.util.ArrayList;
import java.util.List;

/**
 * What Tab offers inside a {@code tc} or {@code ip} command line, following iproute2's grammar
 * (tc/tc.c, ip/ip.c): the object, then its command, then the keywords of that object's
 * command, device names after {@code dev}, qdisc kinds where a qdisc's kind goes.
 */
final class NetCommandWords {

  private NetCommandWords() {}

  /**
   * The candidates for the word after {@code before} (the command's words typed so far, the
   * command first), on a machine with devices {@code devices}.
   */
  static List<String> next(List<String> before, List<String> devices) {
    String cmd = before.get(0);
    String prev = before.get(before.size() - 1);
    if (prev.equals("dev")) {
      return devices;
    }
    List<String> words = new ArrayList<>();
    for (String w : before.subList(1, before.size())) {
      if (!w.startsWith("-")) {
        words.add(w);
      }
    }
    if (cmd.equals("tc")) {
      return tc(words, prev);
    }
    return ip(words);
  }

  private static List<String> tc(List<String> words, String prev) {
    if (words.isEmpty()) {
      return List.of("qdisc", "class", "filter", "-s", "-d");
    }
    if (words.size() == 1) {
      return List.of("add", "del", "change", "replace", "show");
    }
    String object = words.get(0);
    boolean show = words.get(1).equals("show") || words.get(1).equals("list");
    if (object.equals("qdisc")) {
      if (!show && (prev.equals("root") || prev.endsWith(":") || prev.equals("ingress")
          || prev.equals("clsact"))) {
        return QdiscKinds.KINDS;
      }
      return show ? List.of("dev", "ingress") : List.of("dev", "root", "parent", "handle");
    }
    if (object.equals("class")) {
      return show ? List.of("dev", "parent", "classid")
          : List.of("dev", "parent", "classid", "htb", "prio");
    }
    return List.of("dev", "parent", "protocol", "prio", "handle", "u32", "matchall", "basic",
        "fw");
  }

  private static List<String> ip(List<String> words) {
    if (words.isEmpty()) {
      return List.of("link", "address", "neighbour", "-s");
    }
    String object = words.get(0);
    if (words.size() == 1) {
      if ("link".startsWith(object)) {
        return List.of("add", "set", "delete", "show");
      }
      if ("address".startsWith(object)) {
        return List.of("add", "delete", "show");
      }
      return List.of("add");
    }
    if ("link".startsWith(object)) {
      return words.get(1).equals("add") ? List.of("name", "type", "numtxqueues", "numrxqueues",
          "txqueuelen", "mtu") : List.of("dev", "up", "down", "mtu", "txqueuelen", "address");
    }
    return List.of("dev");
  }
}
