package io.smpsim.hw.apic;

import io.smpsim.hw.HwTimings;
import io.smpsim.hw.Topology;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;

/**
 * The IO-APIC: 24 pins (GSIs), each routed by its redirection entry to one CPU's local APIC or to
 * all of them, as a fixed interrupt or as an NMI. The kernel re-programs entries (to move IRQs
 * away from a CPU going offline, or for the old IO-APIC NMI watchdog).
 */
public final class IoApic extends Entity<IoApic.Command> {

  /** Number of redirection entries (GSI 0-23). */
  public static final int PINS = 24;

  /** What the IO-APIC accepts. */
  public sealed interface Command extends SimMessage permits Irq, Route {}

  /** A device raised its interrupt line, GSI {@code gsi}. */
  public record Irq(int gsi) implements Command {
    @Override
    public long traceId() {
      return 0x10a91cL * 31 + gsi;
    }
  }

  /** The kernel writes a redirection entry. */
  public record Route(int gsi, RedirectionEntry entry) implements Command {}

  private final Topology topology;
  private final HwTimings timings;
  private final RedirectionEntry[] table = new RedirectionEntry[PINS];
  private final long[] raised = new long[PINS];

  public IoApic(Topology topology, HwTimings timings) {
    this.topology = topology;
    this.timings = timings;
    java.util.Arrays.fill(table, RedirectionEntry.MASKED);
  }

  public RedirectionEntry entry(int gsi) {
    return table[gsi];
  }

  /** How often pin {@code gsi} was raised. */
  public long raised(int gsi) {
    return raised[gsi];
  }

  @Override
  public void onEvent(EntityContext ctx, int src, Command msg) {
    if (msg instanceof Irq irq) {
      raised[irq.gsi()]++;
      RedirectionEntry e = table[irq.gsi()];
      if (e.masked()) {
        return;
      }
      LocalApic.Routed r = new LocalApic.Routed(e.vector(), e.mode());
      if (e.destApicId() < 0) {
        for (int c = 0; c < topology.cpus(); c++) {
          ctx.send(topology.apic(c), timings.ioApic(), r);
        }
      } else {
        int cpu = topology.cpuOfApicId(e.destApicId());
        if (cpu >= 0) {
          ctx.send(topology.apic(cpu), timings.ioApic(), r);
        }
      }
    } else if (msg instanceof Route route) {
      table[route.gsi()] = route.entry();
    }
  }
}
