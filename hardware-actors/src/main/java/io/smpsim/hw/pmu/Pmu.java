package io.smpsim.hw.pmu;

import io.smpsim.hw.HwTimings;
import io.smpsim.hw.Topology;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;

/**
 * The performance-monitoring unit of one CPU: a few general-purpose counters that count the
 * architectural "unhalted core cycles" event at the core's clock, only while the core executes
 * (its CPU reports HLT and wake-ups). A counter programmed with a period overflows after that
 * many unhalted cycles and raises the PMI through the local APIC's LVT performance-counter entry,
 * then counts the next period (the kernel's overflow handler reloads {@code -period}; the reload
 * is folded in here).
 *
 * <p>Which software owns a counter is kept in a reservation bitmap (the kernel's
 * {@code perfctr_nmi_owner}, 2.6.19+ arch/x86/kernel/cpu/perfctr-watchdog.c): two users, the NMI
 * watchdog and a profiler, cannot take the same counter. A reservation is answered to the CPU's
 * kernel with {@link Reserved}.
 */
public final class Pmu extends Entity<Pmu.Command> {

  /** General-purpose counters per CPU (Intel arch-perfmon v2+ has at least four). */
  public static final int COUNTERS = 4;

  /**
   * Unhalted time one wake-up from HLT costs even when the CPU goes straight back to sleep:
   * leaving C1, the interrupt's entry and exit, and the idle loop's re-entry.
   */
  public static final long WAKE_COST_NS = 2_000;

  /** What a PMU accepts. */
  public sealed interface Command extends SimMessage
      permits Reserve, Release, Program, Stop, Running, Blip, Overflow, Wrmsr {}

  /** Reserve counter {@code counter} for {@code owner}, or the lowest free one when -1. */
  public record Reserve(int counter, String owner) implements Command {}

  /** Give counter {@code counter} back (stopping it) if {@code owner} holds it. */
  public record Release(int counter, String owner) implements Command {}

  /**
   * Write the counter's event select and value: count {@code event}, overflow every
   * {@code periodCycles} unhalted cycles. Only the counter's owner may program it.
   */
  public record Program(int counter, String owner, PmuEvent event, long periodCycles)
      implements Command {}

  /**
   * Write the counter's event select and value as {@link Program} does, whoever holds it: the
   * MSRs themselves know nothing of the reservation bitmap, which only the kernel's users
   * honour (a kernel before the bitmap existed wrote them regardless).
   */
  public record Wrmsr(int counter, PmuEvent event, long periodCycles) implements Command {}

  /** Stop counter {@code counter} (event select cleared); it stays reserved. */
  public record Stop(int counter, String owner) implements Command {}

  /** The core started ({@code true}) or stopped executing. */
  public record Running(boolean running) implements Command {}

  /**
   * The core woke from HLT and halted again at once, {@code wakeups} times (more than once for
   * the ticks a coasting kernel took together).
   */
  public record Blip(int wakeups) implements Command {}

  /** A counter reaches its overflow (generation guards against re-programming). */
  public record Overflow(int counter, long generation) implements Command {}

  /**
   * The answer to {@link Reserve}, delivered to the CPU's kernel.
   *
   * @param counter the counter reserved, or the one asked for when {@code ok} is false
   * @param owner who asked
   * @param ok whether the reservation succeeded
   */
  public record Reserved(int counter, String owner, boolean ok) implements SimMessage {}

  private final int index;
  private final Topology topology;
  private final HwTimings timings;
  private final long cpuKhz;
  private final String[] owners = new String[COUNTERS];
  private final boolean[] enabled = new boolean[COUNTERS];
  private final long[] periodNs = new long[COUNTERS];
  /** Unhalted ns left before the overflow, as of {@link #since}. */
  private final long[] remainingNs = new long[COUNTERS];
  private final long[] generation = new long[COUNTERS];
  private final long[] timer = new long[COUNTERS];
  private final long[] overflows = new long[COUNTERS];
  private boolean running;
  private long since;
  private boolean watching;

  public Pmu(int index, Topology topology, HwTimings timings, long cpuKhz) {
    this.index = index;
    this.topology = topology;
    this.timings = timings;
    this.cpuKhz = cpuKhz;
    java.util.Arrays.fill(timer, -1);
  }

  /** Who holds counter {@code counter}, or null. */
  public String owner(int counter) {
    return owners[counter];
  }

  /** How often counter {@code counter} overflowed. */
  public long overflows(int counter) {
    return overflows[counter];
  }

  /** The unhalted ns {@code cycles} take at this core's clock, rounded up. */
  public static long nanos(long cycles, long cpuKhz) {
    long whole = cycles / cpuKhz;
    long rest = cycles % cpuKhz;
    return whole * 1_000_000L + (rest * 1_000_000L + cpuKhz - 1) / cpuKhz;
  }

  @Override
  public void onEvent(EntityContext ctx, int src, Command msg) {
    if (msg instanceof Overflow o) {
      onOverflow(ctx, o);
    } else if (msg instanceof Running r) {
      if (r.running() != running) {
        account(ctx.now());
        running = r.running();
        if (running) {
          charge(WAKE_COST_NS);
        }
        rearmAll(ctx);
      }
    } else if (msg instanceof Blip b) {
      account(ctx.now());
      charge(WAKE_COST_NS * b.wakeups());
      rearmAll(ctx);
    } else if (msg instanceof Reserve r) {
      reserve(ctx, r);
    } else if (msg instanceof Release r) {
      if (r.owner().equals(owners[r.counter()])) {
        stop(ctx, r.counter());
        owners[r.counter()] = null;
        updateWatch(ctx);
      }
    } else if (msg instanceof Program p) {
      if (p.owner().equals(owners[p.counter()])) {
        write(ctx, p.counter(), p.periodCycles());
      }
    } else if (msg instanceof Wrmsr w) {
      write(ctx, w.counter(), w.periodCycles());
    } else if (msg instanceof Stop s) {
      if (s.owner().equals(owners[s.counter()])) {
        stop(ctx, s.counter());
        updateWatch(ctx);
      }
    }
  }

  /** Starts counter {@code c} counting a fresh period of {@code periodCycles}. */
  private void write(EntityContext ctx, int c, long periodCycles) {
    account(ctx.now());
    enabled[c] = true;
    periodNs[c] = nanos(periodCycles, cpuKhz);
    remainingNs[c] = periodNs[c];
    arm(ctx, c);
    updateWatch(ctx);
  }

  private void reserve(EntityContext ctx, Reserve r) {
    int c = r.counter();
    boolean ok;
    if (c < 0) {
      c = 0;
      while (c < COUNTERS && owners[c] != null && !owners[c].equals(r.owner())) {
        c++;
      }
      ok = c < COUNTERS;
      if (!ok) {
        c = -1;
      }
    } else {
      ok = owners[c] == null || owners[c].equals(r.owner());
    }
    if (ok) {
      owners[c] = r.owner();
    }
    ctx.send(topology.cpu(index), timings.mmio(),
        new Cpu.KernelMail(new Reserved(c, r.owner(), ok)));
  }

  private void stop(EntityContext ctx, int c) {
    account(ctx.now());
    enabled[c] = false;
    disarm(ctx, c);
  }

  /** Brings every enabled counter's remaining time up to {@code now}. */
  private void account(long now) {
    if (running) {
      long ran = now - since;
      for (int c = 0; c < COUNTERS; c++) {
        if (enabled[c]) {
          remainingNs[c] = Math.max(0, remainingNs[c] - ran);
        }
      }
    }
    since = now;
  }

  /** Counts {@code ns} of unhalted time that happened outside the running state (a wake-up). */
  private void charge(long ns) {
    for (int c = 0; c < COUNTERS; c++) {
      if (enabled[c]) {
        remainingNs[c] = Math.max(0, remainingNs[c] - ns);
      }
    }
  }

  private void rearmAll(EntityContext ctx) {
    for (int c = 0; c < COUNTERS; c++) {
      if (enabled[c]) {
        arm(ctx, c);
      }
    }
  }

  /** Schedules counter {@code c}'s overflow: now if it is due, else when running time runs out. */
  private void arm(EntityContext ctx, int c) {
    disarm(ctx, c);
    if (remainingNs[c] == 0) {
      timer[c] = ctx.schedule(0, new Overflow(c, generation[c]));
    } else if (running) {
      timer[c] = ctx.schedule(remainingNs[c], new Overflow(c, generation[c]));
    }
  }

  private void disarm(EntityContext ctx, int c) {
    if (timer[c] >= 0) {
      ctx.cancel(timer[c]);
      timer[c] = -1;
    }
    generation[c]++;
  }

  private void onOverflow(EntityContext ctx, Overflow o) {
    int c = o.counter();
    if (o.generation() != generation[c] || !enabled[c]) {
      return;
    }
    timer[c] = -1;
    account(ctx.now());
    overflows[c]++;
    ctx.send(topology.apic(index), timings.interruptDelivery(), new LocalApic.PerfOverflow());
    remainingNs[c] = periodNs[c];
    arm(ctx, c);
  }

  /** Asks the core for its halted/running signal only while some counter counts. */
  private void updateWatch(EntityContext ctx) {
    boolean any = false;
    for (boolean e : enabled) {
      any |= e;
    }
    if (any != watching) {
      watching = any;
      if (!any) {
        // The core stops reporting; it reports its state afresh when asked again.
        account(ctx.now());
        running = false;
      }
      ctx.send(topology.cpu(index), timings.interruptDelivery(), new Cpu.WatchHalt(any));
    }
  }
}
