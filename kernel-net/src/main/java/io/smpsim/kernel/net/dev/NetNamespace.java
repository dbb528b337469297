package io.smpsim.kernel.net.dev;

import io.smpsim.kernel.net.core.NetRandom;
import io.smpsim.kernel.net.sched.Noop;
import io.smpsim.kernel.net.sched.Qdisc;
import io.smpsim.kernel.net.sched.QdiscNet;
import io.smpsim.kernel.net.sched.SchedQuirk;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The network state of one simulated machine: its devices in registration order (the order
 * dumps walk), ifindex allocation, the builtin noop qdisc and the ONE qdisc auto-handle counter
 * of {@code qdisc_alloc_handle()} (8001:, 8002:, ... shared by all devices).
 */
public final class NetNamespace implements QdiscNet {

  private final List<NetDevice> devices = new ArrayList<>();
  private final Noop noop = new Noop();
  private final NetRandom random;
  private final int possibleCpus;
  private int nextIfindex = 1;
  private int autohandle = 0x80000000;
  private long nextPacketId = 1;
  /** The packet scheduler's historical bugs this namespace reproduces. */
  private final Set<SchedQuirk> quirks;
  private final long hrtimerResNs;

  /** A namespace with only {@code lo} (down), drawing randomness from {@code random}. */
  public NetNamespace(NetRandom random, int possibleCpus) {
    this(random, possibleCpus, Set.of(), 1);
  }

  /**
   * The same, reproducing the scheduler bugs {@code quirks}, on a kernel whose hrtimers have
   * the resolution {@code hrtimerResNs}.
   */
  public NetNamespace(NetRandom random, int possibleCpus, Set<SchedQuirk> quirks,
      long hrtimerResNs) {
    this.random = random;
    this.possibleCpus = possibleCpus;
    this.hrtimerResNs = hrtimerResNs;
    this.quirks = quirks.isEmpty() ? EnumSet.noneOf(SchedQuirk.class) : EnumSet.copyOf(quirks);
    addDevice("lo", DeviceKind.LOOPBACK, 1, 1);
  }

  @Override
  public boolean quirk(SchedQuirk q) {
    return quirks.contains(q);
  }

  @Override
  public long hrtimerResNs() {
    return hrtimerResNs;
  }

  /** Register a device with the next ifindex. */
  public NetDevice addDevice(String name, DeviceKind kind, int numTx, int numRx) {
    NetDevice d = new NetDevice(name, nextIfindex++, kind, numTx, numRx, noop);
    devices.add(d);
    return d;
  }

  public void removeDevice(NetDevice d) {
    devices.remove(d);
  }

  /** The device called {@code name}, or {@code null}. */
  public NetDevice device(String name) {
    for (NetDevice d : devices) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }

  /** The device with {@code ifindex}, or {@code null}. */
  public NetDevice device(int ifindex) {
    for (NetDevice d : devices) {
      if (d.ifindex() == ifindex) {
        return d;
      }
    }
    return null;
  }

  /** Devices in registration order. */
  public List<NetDevice> devices() {
    return devices;
  }

  /** The builtin noop qdisc. */
  public Qdisc noop() {
    return noop;
  }

  public NetRandom random() {
    return random;
  }

  /** How many CPUs are possible: the default queue count of a veth. */
  public int possibleCpus() {
    return possibleCpus;
  }

  /**
   * The next candidate of the global auto-handle counter (qdisc_alloc_handle): majors from
   * 8001 up to fffe, wrapping to 8000.
   */
  public int nextAutohandle() {
    autohandle += 0x10000;
    if (autohandle == 0xFFFF0000) {
      autohandle = 0x80000000;
    }
    return autohandle;
  }

  /**
   * Set the counter as if the kernel had last handed out {@code major}: the counter is global
   * and survives every namespace, so a machine that has run other work since boot continues
   * from where that work left it.
   */
  public void setAutohandleMajor(int major) {
    autohandle = major << 16;
  }

  /** The major of the last auto handle handed out (0x8000 before the first). */
  public int lastAutohandleMajor() {
    return autohandle >>> 16;
  }

  /** A fresh packet id (unique within this machine). */
  public long nextPacketId() {
    return nextPacketId++;
  }
}
