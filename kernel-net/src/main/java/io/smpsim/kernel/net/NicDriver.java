package io.smpsim.kernel.net;

import io.smpsim.hw.nic.Nic;
import io.smpsim.hw.nic.NicConfig;
import io.smpsim.kernel.net.dev.NetStack;
import io.smpsim.kernel.net.tc.NetShell;
import io.smpsim.kernel.net.core.Packet;
import io.smpsim.sim.Address;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver of one scenario NIC: which device it is, and per TX queue the packets posted to the
 * ring and not yet completed, in posting order (the NIC completes a queue's descriptors in that
 * order). A queue whose ring is full is stopped (netif_tx_stop_queue): the qdisc is not
 * dequeued until a completion frees a descriptor and wakes it.
 */
public final class NicDriver {

  /**
   * Probes the machine's NICs into {@code stack}, in configuration order, and brings each up as
   * the init system does at boot. The namespace and every TX queue entity make their devices
   * this one way, so ifindexes and handles agree between rtnetlink's trees and the queues'.
   *
   * @return one driver per NIC, in the same order
   */
  static List<NicDriver> probeAll(NetnsConfig config, NetStack stack, NetShell shell) {
    List<NicDriver> drivers = new ArrayList<>();
    List<NicConfig> nics = config.nics();
    for (int i = 0; i < nics.size(); i++) {
      NicConfig n = nics.get(i);
      stack.addNic(n.name(), n.txQueues(), n.rxQueues(), n.rateBps() / 1_000_000);
      drivers.add(new NicDriver(i, n.name(), config.nicAddresses().get(i), n.txQueues(),
          n.ring(), NetDirectory.address(config.machine(), i)));
      shell.exec("ip link set dev " + n.name() + " up", 0);
    }
    return drivers;
  }

  private final int index;
  private final String device;
  private final Address<Nic.Command> nic;
  private final int ring;
  private final int address;
  private final List<ArrayDeque<Packet>> posted = new ArrayList<>();
  /** Suspended: every TX queue stopped until resume. */
  private boolean detached;

  /**
   * The driver of NIC {@code index}.
   *
   * @param device the interface name
   * @param nic the NIC entity
   * @param txQueues TX queues
   * @param ring descriptors per TX queue
   * @param address the NIC's scenario address (see {@link NetDirectory})
   */
  public NicDriver(int index, String device, Address<Nic.Command> nic, int txQueues, int ring,
      int address) {
    this.index = index;
    this.device = device;
    this.nic = nic;
    this.ring = ring;
    this.address = address;
    for (int i = 0; i < txQueues; i++) {
      posted.add(new ArrayDeque<>());
    }
  }

  public int index() { return index; }
  public String device() { return device; }
  public Address<Nic.Command> nic() { return nic; }
  public int address() { return address; }

  /** netif_xmit_stopped(): no free descriptor on {@code txq}'s ring, or the device detached. */
  public boolean stopped(int txq) {
    return detached || posted.get(txq).size() >= ring;
  }

  /** netif_device_detach() / netif_device_attach() (driver suspend / resume). */
  public void detached(boolean d) {
    detached = d;
  }

  public boolean detached() {
    return detached;
  }

  public int txQueues() {
    return posted.size();
  }

  /** A packet posted to the ring of {@code txq}. */
  public void post(int txq, Packet p) {
    posted.get(txq).add(p);
  }

  /** The NIC completed the oldest descriptor of {@code txq}: its packet, or null. */
  public Packet complete(int txq) {
    return posted.get(txq).poll();
  }
}
