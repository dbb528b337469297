package io.smpsim.hw.apic;

import io.smpsim.hw.HwTimings;
import io.smpsim.hw.Topology;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.hw.cpu.NmiSource;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;

/**
 * The local APIC of one CPU: the LVT timer, the LVT entries for the performance counter and the
 * LINT0/LINT1 pins, and the ICR through which its CPU sends IPIs to other local APICs (fixed
 * vector, NMI, INIT, SIPI; to one APIC id or with the self / all / all-but-self shorthands).
 * Everything it accepts reaches its CPU after the machine's interrupt delivery latency.
 */
public final class LocalApic extends Entity<LocalApic.Command> {

  /** What a local APIC accepts. */
  public sealed interface Command extends SimMessage
      permits WriteLvt, ArmTimer, StopTimer, WriteIcr, Ipi, TimerExpired, Lint, PerfOverflow,
          Routed, SetEnabled {}

  /** The CPU writes an LVT entry. */
  public record WriteLvt(Lvt lvt, LvtEntry entry) implements Command {}

  /**
   * The CPU arms the LVT timer: one-shot after {@code ns}, periodic every {@code ns}, or
   * TSC-deadline at absolute time {@code ns}.
   */
  public record ArmTimer(TimerMode mode, long ns) implements Command {}

  /** The CPU stops the LVT timer (initial count 0). */
  public record StopTimer() implements Command {}

  /** The CPU writes the ICR: send an IPI. */
  public record WriteIcr(DeliveryMode mode, Shorthand shorthand, int destApicId, int vector)
      implements Command {}

  /** An IPI arriving from another local APIC. */
  public record Ipi(DeliveryMode mode, int vector, int fromApicId) implements Command {
    @Override
    public long traceId() {
      return (mode.ordinal() * 257L + vector) * 65_537L + fromApicId;
    }
  }

  /** The LVT timer's own expiry (generation guards against re-programming). */
  public record TimerExpired(long generation) implements Command {}

  /** An edge on LINT0 (pin 0) or LINT1 (pin 1). */
  public record Lint(int pin) implements Command {}

  /** The CPU's performance counter overflowed (the PMI). */
  public record PerfOverflow() implements Command {}

  /** An interrupt routed from the IO-APIC. */
  public record Routed(int vector, DeliveryMode mode) implements Command {
    @Override
    public long traceId() {
      return mode.ordinal() * 257L + vector;
    }
  }

  /** Software enable (SPIV bit 8); disabling masks every LVT entry. */
  public record SetEnabled(boolean enabled) implements Command {}

  private final int index;
  private final Topology topology;
  private final HwTimings timings;
  /** Intel P6/arch-perfmon CPUs set the LVTPC mask bit when they deliver a PMI. */
  private final boolean masksLvtpcOnPmi;
  private final LvtEntry[] lvt = new LvtEntry[Lvt.values().length];
  private boolean enabled = true;
  private TimerMode timerMode;
  private long timerPeriod;
  private long timerGeneration;
  private long timerHandle = -1;
  private long timerIrqs;

  public LocalApic(int index, Topology topology, HwTimings timings, boolean masksLvtpcOnPmi) {
    this.index = index;
    this.topology = topology;
    this.timings = timings;
    this.masksLvtpcOnPmi = masksLvtpcOnPmi;
    java.util.Arrays.fill(lvt, LvtEntry.MASKED);
  }

  /** The current value of an LVT entry. */
  public LvtEntry lvt(Lvt entry) {
    return lvt[entry.ordinal()];
  }

  /** How many timer interrupts this APIC has delivered to its CPU. */
  public long timerInterrupts() {
    return timerIrqs;
  }

  @Override
  public void onEvent(EntityContext ctx, int src, Command msg) {
    if (msg instanceof TimerExpired t) {
      onTimer(ctx, t.generation());
    } else if (msg instanceof Ipi ipi) {
      accept(ctx, ipi);
    } else if (msg instanceof WriteIcr icr) {
      send(ctx, icr);
    } else if (msg instanceof ArmTimer arm) {
      arm(ctx, arm);
    } else if (msg instanceof StopTimer) {
      stopTimer(ctx);
    } else if (msg instanceof WriteLvt w) {
      lvt[w.lvt().ordinal()] = enabled ? w.entry() : w.entry().withMasked(true);
    } else if (msg instanceof Lint l) {
      Lvt pin = l.pin() == 0 ? Lvt.LINT0 : Lvt.LINT1;
      deliverLvt(ctx, pin, l.pin() == 0 ? NmiSource.LINT0 : NmiSource.LINT1);
    } else if (msg instanceof PerfOverflow) {
      deliverLvt(ctx, Lvt.PERF_COUNTER, NmiSource.PERF_COUNTER);
      if (masksLvtpcOnPmi) {
        int i = Lvt.PERF_COUNTER.ordinal();
        lvt[i] = lvt[i].withMasked(true);
      }
    } else if (msg instanceof Routed r) {
      if (r.mode() == DeliveryMode.NMI) {
        toCpu(ctx, new Cpu.Nmi(NmiSource.IO_APIC));
      } else if (enabled) {
        toCpu(ctx, new Cpu.Interrupt(r.vector()));
      }
    } else if (msg instanceof SetEnabled e) {
      enabled = e.enabled();
      if (!enabled) {
        for (int i = 0; i < lvt.length; i++) {
          lvt[i] = lvt[i].withMasked(true);
        }
      }
    }
  }

  private void toCpu(EntityContext ctx, Cpu.Command c) {
    ctx.send(topology.cpu(index), timings.interruptDelivery(), c);
  }

  private void deliverLvt(EntityContext ctx, Lvt entry, NmiSource source) {
    LvtEntry e = lvt[entry.ordinal()];
    if (e.masked()) {
      return;
    }
    switch (e.mode()) {
      case NMI -> toCpu(ctx, new Cpu.Nmi(source));
      case FIXED, EXTINT, LOWEST_PRIORITY -> toCpu(ctx, new Cpu.Interrupt(e.vector()));
      default -> { }
    }
  }

  private void accept(EntityContext ctx, Ipi ipi) {
    switch (ipi.mode()) {
      case INIT -> toCpu(ctx, new Cpu.InitIpi());
      case STARTUP -> toCpu(ctx, new Cpu.StartupIpi(ipi.vector()));
      case NMI -> toCpu(ctx, new Cpu.Nmi(NmiSource.IPI));
      case FIXED, LOWEST_PRIORITY -> {
        if (enabled) {
          toCpu(ctx, new Cpu.Interrupt(ipi.vector()));
        }
      }
      default -> { }
    }
  }

  private void send(EntityContext ctx, WriteIcr icr) {
    int self = topology.apicId(index);
    Ipi ipi = new Ipi(icr.mode(), icr.vector(), self);
    switch (icr.shorthand()) {
      case SELF -> accept(ctx, ipi);
      case NONE -> {
        int target = topology.cpuOfApicId(icr.destApicId());
        if (target == index) {
          accept(ctx, ipi);
        } else if (target >= 0) {
          ctx.send(topology.apic(target), timings.ipi(), ipi);
        }
      }
      case ALL_INCLUDING_SELF, ALL_EXCLUDING_SELF -> {
        for (int c = 0; c < topology.cpus(); c++) {
          if (c != index) {
            ctx.send(topology.apic(c), timings.ipi(), ipi);
          } else if (icr.shorthand() == Shorthand.ALL_INCLUDING_SELF) {
            accept(ctx, ipi);
          }
        }
      }
    }
  }

  private void arm(EntityContext ctx, ArmTimer arm) {
    stopTimer(ctx);
    timerMode = arm.mode();
    long delay = switch (arm.mode()) {
      case ONE_SHOT, PERIODIC -> arm.ns();
      case TSC_DEADLINE -> Math.max(0, arm.ns() - ctx.now());
    };
    if (arm.mode() == TimerMode.PERIODIC && arm.ns() <= 0) {
      return;
    }
    timerPeriod = arm.ns();
    timerHandle = ctx.schedule(delay, new TimerExpired(timerGeneration));
  }

  private void stopTimer(EntityContext ctx) {
    if (timerHandle >= 0) {
      ctx.cancel(timerHandle);
      timerHandle = -1;
    }
    timerGeneration++;
  }

  private void onTimer(EntityContext ctx, long generation) {
    if (generation != timerGeneration) {
      return;
    }
    timerHandle = -1;
    if (timerMode == TimerMode.PERIODIC) {
      timerHandle = ctx.schedule(timerPeriod, new TimerExpired(timerGeneration));
    }
    LvtEntry e = lvt[Lvt.TIMER.ordinal()];
    if (!e.masked()) {
      timerIrqs++;
      toCpu(ctx, new Cpu.Interrupt(e.vector()));
    }
  }
}
