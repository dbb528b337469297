package io.smpsim.kernel.net;

import io.smpsim.hw.nic.NicConfig;
import io.smpsim.sim.serialization.WireMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenario's machines and their NICs, by name, so a command on one machine can name an
 * interface of another ({@code traffic ... dst m1:eth0}). Every scenario NIC has a fixed
 * address, {@code 10.<machine / 256>.<machine % 256>.<nic + 1>}, the one its traffic carries
 * and other machines' traffic is addressed to.
 *
 * @param machines machine names, by index
 * @param nics each machine's NIC names, by index
 */
public record NetDirectory(List<String> machines, List<List<String>> nics)
    implements WireMessage {

  /** The directory of a scenario's machines: their names and NICs, by machine index. */
  public static NetDirectory of(List<String> machines, List<List<NicConfig>> machineNics) {
    List<List<String>> nics = new ArrayList<>();
    for (List<NicConfig> n : machineNics) {
      nics.add(List.copyOf(n.stream().map(NicConfig::name).toList()));
    }
    return new NetDirectory(List.copyOf(machines), List.copyOf(nics));
  }

  /** The address of NIC {@code nic} of machine {@code machine}. */
  public static int address(int machine, int nic) {
    return (10 << 24) | ((machine >>> 8 & 0xFF) << 16) | ((machine & 0xFF) << 8) | (nic + 1);
  }

  /**
   * The address of the interface {@code M:IF} names, or {@code null} when no scenario machine
   * has such a NIC.
   */
  public Integer resolve(String machineColonIf) {
    int colon = machineColonIf.indexOf(':');
    if (colon < 0) {
      return null;
    }
    int m = machines.indexOf(machineColonIf.substring(0, colon));
    if (m < 0) {
      return null;
    }
    int n = nics.get(m).indexOf(machineColonIf.substring(colon + 1));
    return n < 0 ? null : address(m, n);
  }
}
