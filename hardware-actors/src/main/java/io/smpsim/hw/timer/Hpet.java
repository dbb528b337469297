package io.smpsim.hw.timer;

import io.smpsim.hw.Topology;
import io.smpsim.hw.apic.IoApic;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;

/**
 * The HPET: a free-running counter (14.318180 MHz by default) and a few comparators. In legacy
 * replacement mode comparator 0 drives IRQ0 (IO-APIC pin 2) and comparator 1 IRQ8; the kernel
 * uses it as a clocksource, and as the clock-event device that keeps the tick when local APIC
 * timers stop.
 */
public final class Hpet extends Entity<Hpet.Command> {

  /** MMIO base, as in the boot line {@code hpet0: at MMIO 0xfed00000}. */
  public static final long MMIO_BASE = 0xfed00000L;

  /** What the HPET accepts. */
  public sealed interface Command extends SimMessage permits Arm, Disarm, Fire {}

  /** Arm comparator {@code timer}: periodic every {@code periodNs} on GSI {@code gsi}. */
  public record Arm(int timer, long periodNs, int gsi) implements Command {}

  /** Stop comparator {@code timer}. */
  public record Disarm(int timer) implements Command {}

  /** A comparator matched. */
  public record Fire(int timer, long generation) implements Command {}

  private final Topology topology;
  private final long latency;
  private final long counterHz;
  private final long[] generation;
  private final long[] period;
  private final int[] gsi;
  private final long[] fired;

  public Hpet(Topology topology, long latency, int comparators, long counterHz) {
    this.topology = topology;
    this.latency = latency;
    this.counterHz = counterHz;
    this.generation = new long[comparators];
    this.period = new long[comparators];
    this.gsi = new int[comparators];
    this.fired = new long[comparators];
  }

  public int comparators() {
    return generation.length;
  }

  public long counterHz() {
    return counterHz;
  }

  public long fired(int timer) {
    return fired[timer];
  }

  @Override
  public void onEvent(EntityContext ctx, int src, Command msg) {
    if (msg instanceof Fire f) {
      if (f.generation() != generation[f.timer()]) {
        return;
      }
      fired[f.timer()]++;
      ctx.send(topology.ioApic(), latency, new IoApic.Irq(gsi[f.timer()]));
      ctx.schedule(period[f.timer()], f);
    } else if (msg instanceof Arm a) {
      generation[a.timer()]++;
      period[a.timer()] = a.periodNs();
      gsi[a.timer()] = a.gsi();
      ctx.schedule(a.periodNs(), new Fire(a.timer(), generation[a.timer()]));
    } else if (msg instanceof Disarm d) {
      generation[d.timer()]++;
    }
  }
}
