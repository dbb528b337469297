package io.smpsim.kernel.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.hw.HwTimings;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.hw.nic.NicConfig;
import io.smpsim.hw.nic.NicLink;
import io.smpsim.kernel.linux.LinuxWorld;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.testing.MiniWorld;
import io.smpsim.sim.Address;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The network namespace entity with its NICs and their TX queue entities, run without a
 * cluster: two machines whose eth0 are cabled together (1 us), each with a 1 Gbit/s NIC of one
 * TX queue and a 4-descriptor ring.
 */
class NetnsTest {

  private static final long L = 100;
  private static final long MS = 1_000_000;
  /** 1042 bytes at 1 Gbit/s. */
  private static final long FRAME_NS = 8_336;

  private final LinuxWorld world;
  private final int netns0;
  private final int netns1;
  private long job;

  NetnsTest() {
    List<MachineConfig> machines = new ArrayList<>();
    for (int m = 0; m < 2; m++) {
      NicConfig eth0 = new NicConfig("eth0", 1, 1, 1_000_000_000L, 4,
          new NicLink(1 - m, 0, 1_000, 1_000_000_000L));
      machines.add(new MachineConfig("m" + m, m, 2, 1, 250, true, "", "cpu", 3_000_000,
          HwTimings.uniform(L), 1_000_000, MachineConfig.Placement.MACHINE, List.of(), List.of(eth0)));
    }
    world = new LinuxWorld(machines, List.of());
    netns0 = world.layout(0).id(MachineLayout.Slot.NETNS);
    netns1 = world.layout(1).id(MachineLayout.Slot.NETNS);
  }

  private MiniWorld start() {
    MiniWorld w = new MiniWorld(world, 1, L, netns0, world.layout(0).nic(0).id(),
        world.layout(0).txQueue(0).id(), netns1, world.layout(1).nic(0).id(),
        world.layout(1).txQueue(0).id());
    cpus(w);
    for (int m = 0; m < 2; m++) {
      for (int c = 0; c < 2; c++) {
        w.inject(0, m == 0 ? netns0 : netns1, new Netns.CpuOnline(c, true));
      }
    }
    return w;
  }

  /**
   * The machines' CPUs and local APICs, which this world does not host, as the namespace needs
   * them: each woken sender runs at once and hands its packet on {@code XMIT_NS} later; each
   * NIC vector is taken at once (interrupt delivery, L) and its NAPI poll asked for (mmio, L).
   */
  private void cpus(MiniWorld w) {
    w.standIn(d -> {
      for (int m = 0; m < 2; m++) {
        for (int c = 0; c < 2; c++) {
          int netns = m == 0 ? netns0 : netns1;
          if (d.payload() instanceof Cpu.KernelMail k
              && k.body() instanceof NetCpuMail.SenderWake s
              && world.layout(m).cpu(c).id() == d.dst()) {
            w.inject(d.time() + 2_000, netns, new Netns.SenderRan(s.flow()));
          }
          if (d.payload() instanceof LocalApic.Routed r
              && world.layout(m).apic(c).id() == d.dst()) {
            w.inject(d.time() + 2 * L, netns,
                new Netns.NapiPoll(r.vector() - NicVectors.FIRST_VECTOR, c));
          }
        }
      }
    });
  }

  /** Runs {@code line} on {@code netns} at {@code time}; returns its job id. */
  private long exec(MiniWorld w, int netns, long time, String line) {
    w.inject(time, netns, command(netns, ++job, line));
    return job;
  }

  /** Job {@code id} running {@code line}, asked by the shell of {@code netns}'s machine. */
  private Netns.Exec command(int netns, long id, String line) {
    MachineLayout l = world.layout(netns == netns0 ? 0 : 1);
    return new Netns.Exec(id, line, Address.of(l.id(MachineLayout.Slot.SHELL)));
  }

  /** The answer to job {@code id}. */
  private static NetCommandResult answer(MiniWorld w, long id) {
    for (MiniWorld.Delivery d : w.elsewhere()) {
      if (d.payload() instanceof NetAsker.Answer r && r.job() == id) {
        return r.result();
      }
    }
    throw new AssertionError("no answer to job " + id);
  }

  /** When each frame reached m1's network stack. */
  private static List<Long> arrivals(MiniWorld w, int netns) {
    List<Long> out = new ArrayList<>();
    for (String t : w.trace()) {
      String[] f = t.split(" ", 3);
      if (f[1].endsWith(">" + netns) && f[2].startsWith("Received[")) {
        out.add(Long.parseLong(f[0]));
      }
    }
    return out;
  }

  private void route(MiniWorld w) {
    exec(w, netns0, MS / 2, "ip addr add 10.0.0.1/24 dev eth0");
  }

  @Test
  void aNicSendsBackToBackAtLineRateAndItsCompletionsRefillTheRing() {
    MiniWorld w = start();
    route(w);
    long send = exec(w, netns0, MS, "@send 10.0.0.2 10 1000");
    w.runUntil(2 * MS);
    assertEquals("sent 10 errors 0\n", answer(w, send).stdout());
    // To the TX queue's entity (100 ns), doorbell (100 ns), serialization (8336 ns), cable
    // (1 us), interrupt (100 ns); then the ring of 4 is refilled from pfifo_fast as completions
    // are polled (MSI write, interrupt, the poll's request and its hand-over to the TX queue,
    // then the doorbell: 500 ns after each, well within the next frame's wire time), with no
    // gap on the wire.
    List<Long> want = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      want.add(MS + 2 * L + FRAME_NS * (i + 1) + 1_000 + L);
    }
    assertEquals(want, arrivals(w, netns1));
    long show = exec(w, netns1, 2 * MS, "traffic show dev eth0");
    w.runUntil(3 * MS);
    assertEquals("eth0 rx 10 pkts 10420 bytes, first 0.001009 last 0.001084, delay min 0.009ms"
        + " avg 0.047ms max 0.084ms\n", answer(w, show).stdout());
  }

  @Test
  void theLinkCountersOfANicAreWhatItsTxQueueEntitySent() {
    MiniWorld w = start();
    route(w);
    exec(w, netns0, MS, "@send 10.0.0.2 10 1000");
    long show = exec(w, netns0, 2 * MS, "ip -s link show dev eth0");
    w.runUntil(3 * MS);
    String[] lines = answer(w, show).stdout().split("\n");
    assertEquals("    TX:  bytes packets errors dropped carrier collsns           ", lines[4]);
    assertEquals(List.of("10420", "10", "0", "0", "0", "0"),
        List.of(lines[5].trim().split(" +")), "gathered from m0/eth0-tx-0");
  }

  @Test
  void withPlacementPerCpuEachTxQueueSitsWithTheCpuOfItsVector() {
    NicConfig eth0 = new NicConfig("eth0", 2, 2, 1_000_000_000L, 4, null);
    LinuxWorld w = new LinuxWorld(List.of(new MachineConfig("m0", 0, 4, 1, 250, true, "",
        "cpu", 3_000_000, HwTimings.uniform(L), 1_000_000, MachineConfig.Placement.CPU,
        List.of(), List.of(eth0))), List.of());
    MachineLayout l = w.layout(0);
    assertEquals("m0/eth0-tx-1", w.nameOf(l.txQueue(1).id()));
    assertEquals(w.groupOf(l.cpu(0).id()), w.groupOf(l.txQueue(0).id()));
    assertEquals(w.groupOf(l.cpu(1).id()), w.groupOf(l.txQueue(1).id()));
    assertTrue(w.groupOf(l.txQueue(0).id()) != w.groupOf(l.txQueue(1).id()));
  }

  @Test
  void aTbfWatchdogReleasesEachPacketWhenItsTokensAreThere() {
    MiniWorld w = start();
    route(w);
    exec(w, netns0, MS / 2,
        "tc qdisc add dev eth0 root handle 1: tbf rate 1mbit burst 1042 limit 10000");
    exec(w, netns0, MS, "@send 10.0.0.2 4 1000");
    w.runUntil(100 * MS);
    List<Long> got = arrivals(w, netns1);
    assertEquals(4, got.size());
    // One packet of burst at once, then one per 1042 * 8 / 1 Mbit/s = 8.336 ms.
    assertEquals(MS + 2 * L + FRAME_NS + 1_000 + L, got.get(0));
    for (int i = 1; i < 4; i++) {
      long gap = got.get(i) - got.get(i - 1);
      assertTrue(Math.abs(gap - 8_336_000) <= 1_000, "gap " + i + ": " + gap);
    }
    long show = exec(w, netns0, 100 * MS, "tc -s qdisc show dev eth0");
    w.runUntil(101 * MS);
    assertEquals("qdisc tbf 1: root refcnt 2 rate 1Mbit burst 1042b lat 71.7ms \n"
        + " Sent 4168 bytes 4 pkt (dropped 0, overlimits 5 requeues 0) \n"
        + " backlog 0b 0p requeues 0\n", answer(w, show).stdout());
  }

  @Test
  void aRejectedCommandChangesNothingAndAnUnknownVerbIsNotFound() {
    MiniWorld w = start();
    long bad = exec(w, netns0, MS, "tc qdisc add dev eth0 root tbf rate 1mbit");
    long traffic = exec(w, netns0, MS, "traffic start dev eth0 size 100");
    long show = exec(w, netns0, MS, "tc qdisc show dev eth0");
    w.runUntil(2 * MS);
    assertEquals(1, answer(w, bad).exit());
    assertEquals("traffic: dev, rate and size are required\n" + "Usage: traffic start dev DEV"
        + " rate RATE size BYTES [flows N] [proto udp|tcp] [dst MACHINE:IF] [for TIME]"
        + " [priority CLASSID] [mark N] [cpu N] [queue N]\n       traffic stop dev DEV\n"
        + "       traffic show [dev DEV]\n", answer(w, traffic).stderr());
    assertEquals("qdisc pfifo_fast 0: root refcnt 2 bands 3 priomap 1 2 2 2 1 2 0 0 1 1 1 1 1 1 1"
        + " 1\n", answer(w, show).stdout());
  }

  @Test
  void trafficToAnInterfaceNoMachineHasFailsAloneAndTheRunGoesOn() {
    MiniWorld w = start();
    long noMachine =
        exec(w, netns0, MS, "traffic start dev eth0 rate 1mbit size 100 dst nosuch:eth0");
    long noIf = exec(w, netns0, MS, "traffic start dev eth0 rate 1mbit size 100 dst m0:nosuchif");
    long garbage = exec(w, netns0, MS, "traffic start dev eth0 rate 1mbit size 100 dst garbage");
    long good = exec(w, netns0, 2 * MS, "traffic start dev eth0 rate 1mbit size 100 dst m1:eth0");
    long show = exec(w, netns0, 3 * MS, "traffic show dev eth0");
    w.runUntil(4 * MS);
    assertEquals(1, answer(w, noMachine).exit());
    assertEquals("traffic: no interface \"nosuch:eth0\" in the scenario\n",
        answer(w, noMachine).stderr());
    assertEquals("traffic: no interface \"m0:nosuchif\" in the scenario\n",
        answer(w, noIf).stderr());
    assertEquals(1, answer(w, garbage).exit());
    assertEquals("traffic: no interface \"garbage\" in the scenario\n",
        answer(w, garbage).stderr());
    assertEquals(0, answer(w, good).exit());
    assertEquals(0, answer(w, show).exit());
  }

  @Test
  void aCheckpointTakenMidTrafficGoesOnExactlyLikeTheOriginal() {
    MiniWorld w = start();
    exec(w, netns0, MS, "tc qdisc add dev eth0 root handle 1: htb default 10");
    exec(w, netns0, MS, "tc class add dev eth0 parent 1: classid 1:10 htb rate 20mbit");
    exec(w, netns0, MS, "tc qdisc add dev eth0 parent 1:10 netem delay 2ms 1ms loss 5%");
    exec(w, netns0, 2 * MS, "traffic start dev eth0 rate 30mbit size 1000 flows 4 dst m1:eth0");
    w.runUntil(30 * MS);
    MiniWorld copy = KryoRoundTrip.copy(w);
    cpus(copy);
    for (MiniWorld x : List.of(w, copy)) {
      x.inject(60 * MS, netns0, command(netns0, 100, "tc -s qdisc show dev eth0"));
      x.inject(60 * MS, netns0, command(netns0, 101, "traffic show dev eth0"));
      x.inject(60 * MS, netns1, command(netns1, 102, "traffic show dev eth0"));
      x.runUntil(61 * MS);
    }
    for (int i = 0; i < Math.min(w.trace().size(), copy.trace().size()); i++) {
      assertEquals(w.trace().get(i), copy.trace().get(i), "event " + i);
    }
    assertEquals(w.trace().size(), copy.trace().size());
    assertEquals(w.elsewhere().toString(), copy.elsewhere().toString());
    assertTrue(answer(copy, 102).stdout().startsWith("eth0 rx "), answer(copy, 102).stdout());
  }
}
