package io.smpsim.kernel.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.smpsim.hw.HwTimings;
import io.smpsim.hw.nic.NicConfig;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.Quirk;
import io.smpsim.kernel.linux.LinuxWorld;
import io.smpsim.kernel.task.TaskKind;
import io.smpsim.kernel.testing.MiniWorld;
import io.smpsim.sim.Address;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quirk qdisc-destroy-in-rcu (museum S47) at the network namespace: a {@code tc qdisc del}
 * from CPU 0 queues __qdisc_destroy() there, due at the tick two jiffies later (HZ=250: 4 ms a
 * jiffy), and a {@code tc qdisc show} from CPU 0 whose read section covers that tick never
 * returns; the fixed kernel, another CPU's dump or a dump after the tick return.
 */
class QdiscDestroyInRcuTest {

  private static final long L = 100;
  private static final long MS = 1_000_000;
  private static final long US = 1_000;
  /** When the test deletes the qdisc: in jiffy 2, so the callback is due at jiffy 4 (16 ms). */
  private static final long DEL = 10 * MS;
  private static final long DUE = 16 * MS;
  /**
   * The prio root and the pfifos of bands 3 and 2 (in the qdisc hash's order) the dumps show:
   * 3 us under the read lock.
   */
  private static final String SHOWN = "qdisc prio 1: root refcnt 2 bands 3 priomap 1 2 2 2 1 2 0 0"
      + " 1 1 1 1 1 1 1 1\nqdisc pfifo 30: parent 1:3 limit 1000p\n"
      + "qdisc pfifo 20: parent 1:2 limit 1000p\n";

  /** A one-machine world: its namespace with eth0's TX queue entity, the prio tree set up. */
  private static final class Machine {
    private final LinuxWorld world;
    private final int netns;
    private final MiniWorld w;
    private long job;

    Machine(boolean quirk) {
      NicConfig eth0 = new NicConfig("eth0", 1, 1, 1_000_000_000L, 4, null);
      MachineConfig m = new MachineConfig("m0", 0, 2, 1, 250, true, "", "cpu", 3_000_000,
          HwTimings.uniform(L), 1_000_000, MachineConfig.Placement.MACHINE,
          quirk ? List.of(Quirk.QDISC_DESTROY_IN_RCU) : List.of(), List.of(eth0));
      world = new LinuxWorld(List.of(m), List.of());
      netns = world.layout(0).id(MachineLayout.Slot.NETNS);
      w = new MiniWorld(world, 1, L, netns, world.layout(0).nic(0).id(),
          world.layout(0).txQueue(0).id());
      exec(MS, 0, "tc qdisc add dev eth0 root handle 1: prio");
      for (int band = 1; band <= 3; band++) {
        exec(MS, 0, "tc qdisc add dev eth0 parent 1:" + band + " handle " + band + "0: pfifo");
      }
      exec(DEL, 0, "tc qdisc del dev eth0 parent 1:1 handle 10:");
    }

    /** Runs {@code line} from a task on CPU {@code cpu} at {@code time}; returns its job id. */
    long exec(long time, int cpu, String line) {
      Address<NetAsker> shell = Address.of(world.layout(0).id(MachineLayout.Slot.SHELL));
      w.inject(time, netns, new Netns.Exec(++job, line, shell, cpu));
      return job;
    }

    void runUntil(long end) {
      w.runUntil(end);
    }

    /** The delivery of the answer to job {@code id}. */
    MiniWorld.Delivery answer(long id) {
      for (MiniWorld.Delivery d : w.elsewhere()) {
        if (d.payload() instanceof NetAsker.Answer r && r.job() == id) {
          return d;
        }
      }
      throw new AssertionError("no answer to job " + id);
    }

    NetCommandResult result(long id) {
      return ((NetAsker.Answer) answer(id).payload()).result();
    }
  }

  @Test
  void aDumpOnTheCallbacksCpuOverItsTickNeverReturnsAndSpinsInTheWriteLock() {
    Machine m = new Machine(true);
    long dump = m.exec(DUE - 2 * US, 0, "tc qdisc show dev eth0");
    m.runUntil(DUE + MS);
    NetCommandResult r = m.result(dump);
    assertEquals(TaskKind.QDISC_DESTROY_RCU.rip(), r.spinsIn());
    assertEquals(DUE, m.answer(dump).time(), "the task is stuck from the callback's tick");
    assertEquals("", r.stdout());
  }

  @Test
  void theFixedKernelsDumpReturns() {
    Machine fixed = new Machine(false);
    long dump = fixed.exec(DUE - 2 * US, 0, "tc qdisc show dev eth0");
    fixed.runUntil(DUE + MS);
    assertNull(fixed.result(dump).spinsIn());
    assertEquals(SHOWN, fixed.result(dump).stdout());
  }

  @Test
  void aDumpOnAnotherCpuOrAfterTheCallbackRanReturns() {
    Machine m = new Machine(true);
    long other = m.exec(DUE - 2 * US, 1, "tc qdisc show dev eth0");
    long after = m.exec(DUE + 10 * US, 0, "tc qdisc show dev eth0");
    m.runUntil(DUE + MS);
    assertNull(m.result(other).spinsIn());
    assertEquals(SHOWN, m.result(other).stdout());
    assertNull(m.result(after).spinsIn());
    assertEquals(SHOWN, m.result(after).stdout());
  }

  @Test
  void aDumpThatEndsBeforeTheTickReturns() {
    Machine m = new Machine(true);
    long early = m.exec(DUE - 100 * US, 0, "tc qdisc show dev eth0");
    m.runUntil(DUE + MS);
    assertNull(m.result(early).spinsIn());
    assertEquals(SHOWN, m.result(early).stdout());
  }
}
