package io.smpsim.hw.timer;

import io.smpsim.hw.Topology;
import io.smpsim.hw.apic.IoApic;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;

/**
 * The 8254 programmable interval timer, channel 0: an input clock of 1 193 182 Hz divided by
 * the reload count; in rate-generator mode it raises IRQ0 every {@code reload} input cycles.
 * IRQ0 reaches the IO-APIC (pin 2 through the ISA override) and, when the machine wires the
 * 8259A as a virtual wire, every CPU's LINT0 (the old IO-APIC NMI watchdog's path).
 */
public final class Pit extends Entity<Pit.Command> {

  /** PIT_TICK_RATE (include/linux/timex.h). */
  public static final long INPUT_HZ = 1_193_182L;

  /** The IO-APIC pin IRQ0 arrives on (ACPI INT_SRC_OVR bus_irq 0 global_irq 2). */
  public static final int GSI = 2;

  /** What the PIT accepts. */
  public sealed interface Command extends SimMessage permits Program, Stop, Tick, VirtualWire {}

  /** Program channel 0 periodic (mode 2) with a reload count. */
  public record Program(int reload) implements Command {}

  /** Stop channel 0 (the kernel shuts the PIT clockevent down once the LAPIC timer works). */
  public record Stop() implements Command {}

  /** Channel 0's output edge. */
  public record Tick(long generation) implements Command {}

  /** Route IRQ0 through the 8259A to every CPU's LINT0 too (on), or not (off). */
  public record VirtualWire(boolean on) implements Command {}

  private final Topology topology;
  private final long latency;
  private int reload;
  private long generation;
  private long ticks;
  private boolean virtualWire;

  public Pit(Topology topology, long latency) {
    this.topology = topology;
    this.latency = latency;
  }

  /** The period of a reload count, in ns (rounded to the nearest ns). */
  public static long periodNs(int reload) {
    return (reload * 1_000_000_000L + INPUT_HZ / 2) / INPUT_HZ;
  }

  /** LATCH for a tick rate: {@code (PIT_TICK_RATE + HZ/2) / HZ} (include/linux/i8253.h). */
  public static int latch(int hz) {
    return (int) ((INPUT_HZ + hz / 2) / hz);
  }

  public long ticks() {
    return ticks;
  }

  @Override
  public void onEvent(EntityContext ctx, int src, Command msg) {
    if (msg instanceof Tick t) {
      if (t.generation() != generation) {
        return;
      }
      ticks++;
      ctx.send(topology.ioApic(), latency, new IoApic.Irq(GSI));
      if (virtualWire) {
        for (int c = 0; c < topology.cpus(); c++) {
          ctx.send(topology.apic(c), latency, new LocalApic.Lint(0));
        }
      }
      ctx.schedule(periodNs(reload), new Tick(generation));
    } else if (msg instanceof Program p) {
      generation++;
      reload = p.reload();
      ctx.schedule(periodNs(reload), new Tick(generation));
    } else if (msg instanceof Stop) {
      generation++;
    } else if (msg instanceof VirtualWire v) {
      virtualWire = v.on();
    }
  }
}
