package io.smpsim.app.scenario;

import io.smpsim.hw.nic.NicConfig;
import io.smpsim.hw.nic.NicLink;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.net.tc.TcUnits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The networking keys of a scenario: each machine's {@code nics} and the top-level
 * {@code links} that cable two NICs together.
 *
 * <pre>
 * machines = [ { name = m0, nics = [ { name = eth0, tx-queues = 4, rate = 10gbit, ring = 256 } ] },
 *              { name = m1, nics = [ { name = eth0 } ] } ]
 * links = [ { a = "m0:eth0", b = "m1:eth0", latency = 5us, rate = 10gbit } ]
 * </pre>
 */
final class NetKeys {

  static final Set<String> NIC_KEYS = Set.of("name", "tx-queues", "rx-queues", "rate", "ring");
  static final Set<String> LINK_KEYS = Set.of("a", "b", "latency", "rate");
  /** A NIC's line rate when the scenario does not say. */
  static final String DEFAULT_RATE = "10gbit";
  /** A link's propagation delay when the scenario does not say (at least the lookahead). */
  static final long DEFAULT_LINK_LATENCY_NS = 1_000;
  static final int MAX_QUEUES = 1024;
  static final int MAX_RING = 65_536;

  private NetKeys() {}

  /** The {@code nics} of one machine object. */
  static List<NicConfig> nics(ConfigReader machine) {
    List<NicConfig> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<ConfigReader> list = machine.objects("nics");
    for (int i = 0; i < list.size(); i++) {
      ConfigReader n = list.get(i);
      n.allowOnly(NIC_KEYS);
      String name = n.string("name", "eth" + i);
      if (name.isEmpty() || name.length() > 15 || !name.matches("[A-Za-z0-9_.-]+")
          || name.equals("lo")) {
        throw n.error("name", "not a usable interface name: '" + name + "' (1 to 15 letters,"
            + " digits, '_', '-' or '.'; not lo)");
      }
      if (!names.add(name)) {
        throw n.error("name", "duplicate NIC name '" + name + "'");
      }
      int tx = n.intIn("tx-queues", 1, 1, MAX_QUEUES);
      int rx = n.intIn("rx-queues", tx, 1, MAX_QUEUES);
      long rate = rate(n, "rate", DEFAULT_RATE);
      int ring = n.intIn("ring", 256, 1, MAX_RING);
      out.add(new NicConfig(name, tx, rx, rate, ring, null));
    }
    return out;
  }

  /** A rate in tc syntax ({@code 10gbit}, {@code 100mbit}), in bits/s. */
  private static long rate(ConfigReader r, String key, String dflt) {
    String text = r.string(key, dflt);
    Long bytes = TcUnits.getRate64(text);
    if (bytes == null || bytes <= 0) {
      throw r.error(key, "not a rate: '" + text + "' (use tc units such as 10gbit or 100mbit)");
    }
    return bytes * 8;
  }

  /** The machines with the scenario's {@code links} plugged into their NICs. */
  static List<MachineConfig> links(ConfigReader root, List<MachineConfig> machines,
      long lookaheadNs) {
    List<List<NicConfig>> nics = new ArrayList<>();
    for (MachineConfig m : machines) {
      nics.add(new ArrayList<>(m.nics()));
    }
    Map<String, String> used = new HashMap<>();
    for (ConfigReader l : root.objects("links")) {
      l.allowOnly(LINK_KEYS);
      int[] a = end(l, "a", machines);
      int[] b = end(l, "b", machines);
      String ka = l.string("a");
      String kb = l.string("b");
      if (ka.equals(kb)) {
        throw l.error("b", "a link needs two different NICs");
      }
      for (String k : List.of("a", "b")) {
        String end = l.string(k);
        String other = used.putIfAbsent(end, l.keyPath(k));
        if (other != null) {
          throw l.error(k, end + " is already cabled (" + other + ")");
        }
      }
      long latency = l.duration("latency", Math.max(DEFAULT_LINK_LATENCY_NS, lookaheadNs));
      if (latency < lookaheadNs) {
        throw l.error("latency", "latency " + latency + " ns is below the lookahead L = "
            + lookaheadNs + " ns (raise it, or lower 'lookahead')");
      }
      NicConfig na = nics.get(a[0]).get(a[1]);
      NicConfig nb = nics.get(b[0]).get(b[1]);
      long rate = l.has("rate") ? rate(l, "rate", DEFAULT_RATE)
          : Math.min(na.rateBps(), nb.rateBps());
      nics.get(a[0]).set(a[1], na.withLink(new NicLink(b[0], b[1], latency, rate)));
      nics.get(b[0]).set(b[1], nb.withLink(new NicLink(a[0], a[1], latency, rate)));
    }
    List<MachineConfig> out = new ArrayList<>();
    for (int i = 0; i < machines.size(); i++) {
      out.add(machines.get(i).withNics(nics.get(i)));
    }
    return out;
  }

  /** {@code MACHINE:IF} → {machine index, NIC index}. */
  private static int[] end(ConfigReader l, String key, List<MachineConfig> machines) {
    String v = l.string(key);
    int colon = v.indexOf(':');
    if (colon < 0) {
      throw l.error(key, "expected MACHINE:IF (e.g. m0:eth0), got '" + v + "'");
    }
    String machine = v.substring(0, colon);
    String nic = v.substring(colon + 1);
    for (MachineConfig m : machines) {
      if (m.name().equals(machine)) {
        for (int n = 0; n < m.nics().size(); n++) {
          if (m.nics().get(n).name().equals(nic)) {
            return new int[] {m.index(), n};
          }
        }
        throw l.error(key, "machine '" + machine + "' has no NIC named '" + nic + "'");
      }
    }
    throw l.error(key, "no machine named '" + machine + "'");
  }
}
