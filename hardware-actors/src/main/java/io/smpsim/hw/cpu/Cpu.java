package io.smpsim.hw.cpu;

import io.smpsim.hw.HwTimings;
import io.smpsim.hw.Topology;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.pmu.Pmu;
import io.smpsim.sim.Address;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;
import io.smpsim.sim.SimOutput;
import io.smpsim.sim.SimRandom;
import java.util.ArrayList;
import java.util.BitSet;

/**
 * One logical CPU. It knows nothing of Linux: it holds the execution state the hardware enforces
 * and runs the installed {@link CpuKernel} when something arrives. The rules it enforces:
 * <ul>
 *   <li>a maskable interrupt is taken only with the interrupt flag set and no handler running;
 *       otherwise it stays pending in the IRR (one bit per vector: repeats collapse);</li>
 *   <li>an NMI is taken whatever the interrupt flag; taking one blocks NMIs until the next
 *       IRET: meanwhile a second is latched, at most one, and delivered at that IRET; further
 *       ones are lost. The IRET is normally the NMI handler's own return, but any IRET unblocks
 *       (Intel SDM vol. 3, 6.7.1 "Handling Multiple NMIs"): an exception taken and returned
 *       from inside the handler ({@link CpuContext#iret}) re-opens the window, and the next NMI
 *       nests on top of the running handler;</li>
 *   <li>a halted CPU wakes on an accepted interrupt or NMI and, unless its handler says
 *       otherwise, halts again when the handler returns;</li>
 *   <li>a CPU that is off or waiting for SIPI ignores everything but INIT and SIPI;</li>
 *   <li>while its PMU counts, the core tells it when it stops and starts executing (HLT and
 *       wake-ups), so unhalted-cycle counters do not advance on a halted CPU.</li>
 * </ul>
 */
public final class Cpu extends Entity<Cpu.Command> {

  /** What a CPU accepts. */
  public sealed interface Command extends SimMessage
      permits PowerOn, InitIpi, StartupIpi, Interrupt, Nmi, KernelMail, HandlerEnd, NmiStatus,
          WatchHalt {}

  /** Reset of the boot CPU at power-on. */
  public record PowerOn() implements Command {}

  /** INIT from the local APIC: reset, wait for a startup IPI. */
  public record InitIpi() implements Command {}

  /** STARTUP from the local APIC: start executing at page {@code vector}. */
  public record StartupIpi(int vector) implements Command {
    @Override
    public long traceId() {
      return 0x5191L * 31 + vector;
    }
  }

  /** A fixed-mode interrupt with its vector. */
  public record Interrupt(int vector) implements Command {
    @Override
    public long traceId() {
      return 0x1e7L * 31 + vector;
    }
  }

  /** A non-maskable interrupt. */
  public record Nmi(NmiSource source) implements Command {
    @Override
    public long traceId() {
      return 0x2a1L * 31 + source.ordinal();
    }
  }

  /** A message for the kernel running on this CPU. */
  public record KernelMail(SimMessage body) implements Command {
    @Override
    public long traceId() {
      return body.traceId() * 31 + 0x3a11L;
    }
  }

  /** The held handler with this token returns. */
  public record HandlerEnd(long token) implements Command {}

  /**
   * The chipset's NMI status register (port 0x61) changed: what an {@code inb(0x61)} on this CPU
   * now reads. The chipset broadcasts every change, so a read costs the kernel no round trip.
   */
  public record NmiStatus(int value) implements Command {
    @Override
    public long traceId() {
      return 0x61L * 31 + value;
    }
  }

  /** The PMU starts ({@code on}) or stops needing this core's halted/running signal. */
  public record WatchHalt(boolean on) implements Command {}

  /** Power state of the core. */
  public enum Power { OFF, WAIT_FOR_SIPI, ON }

  /** One running handler: a maskable interrupt, or an NMI nested on top of it. */
  static final class Frame {
    final boolean nmi;
    final long token;
    boolean held;
    /** A held handler whose time is up while an NMI ran on top of it. */
    boolean expired;
    /** The timer that ends a held handler, or -1. */
    long timer = -1;

    Frame(boolean nmi, long token) {
      this.nmi = nmi;
      this.token = token;
    }
  }

  private final int index;
  private final Topology topology;
  private final HwTimings timings;
  private final CpuKernel kernel;

  private Power power = Power.OFF;
  private boolean halted;
  private boolean interruptFlag;
  private final ArrayList<Frame> frames = new ArrayList<>(2);
  /** NMIs are blocked: set by taking an NMI, cleared by the next IRET. */
  private boolean nmiBlocked;
  private boolean nmiLatched;
  private NmiSource latchedSource;
  private final BitSet pending = new BitSet(256);
  /** Whether the handlers now running woke the CPU from HLT and it should halt again after. */
  private boolean resumeHalt;
  private long nextToken;
  private int nmiStatus;
  /** Whether the PMU listens to this core's halted/running signal. */
  private boolean pmuWatching;
  /** The running state the PMU last heard. */
  private boolean reportedRunning;
  /** Whether the core left HLT during the event being handled. */
  private boolean wokeInEvent;
  /** Interrupts the kernel took without waking the core one by one ({@link CpuContext#wokeBriefly}). */
  private int briefWakeups;

  private transient EntityContext ctx;
  private transient Context context;

  public Cpu(int index, Topology topology, HwTimings timings, CpuKernel kernel) {
    this.index = index;
    this.topology = topology;
    this.timings = timings;
    this.kernel = kernel;
  }

  public CpuKernel kernel() {
    return kernel;
  }

  /** The boot processor is reset when the machine powers on. */
  @Override
  public void onStart(EntityContext ctx) {
    if (index == 0) {
      ctx.schedule(0, new PowerOn());
    }
  }

  public Power power() {
    return power;
  }

  @Override
  public void onEvent(EntityContext ctx, int src, Command msg) {
    this.ctx = ctx;
    if (context == null) {
      context = new Context();
    }
    if (msg instanceof KernelMail m) {
      kernel.onMessage(context, src, m.body());
    } else if (msg instanceof NmiStatus st) {
      nmiStatus = st.value();
    } else if (msg instanceof WatchHalt w) {
      pmuWatching = w.on();
      if (pmuWatching) {
        // Tell the PMU where the core stands now; from here on it hears every change.
        reportedRunning = running();
        ctx.send(topology.pmu(index), timings.interruptDelivery(), new Pmu.Running(reportedRunning));
      }
    } else if (msg instanceof Interrupt irq) {
      if (power == Power.ON) {
        pending.set(irq.vector());
        deliverPending();
      }
    } else if (msg instanceof Nmi nmi) {
      onNmi(nmi.source());
    } else if (msg instanceof HandlerEnd end) {
      onHandlerEnd(end.token());
    } else if (msg instanceof PowerOn) {
      power = Power.ON;
      interruptFlag = false;
      kernel.onPowerOn(context, true);
    } else if (msg instanceof InitIpi) {
      onInit();
    } else if (msg instanceof StartupIpi && power == Power.WAIT_FOR_SIPI) {
      power = Power.ON;
      setHalted(false);
      interruptFlag = false;
      kernel.onPowerOn(context, false);
    }
    syncPmu();
  }

  /** Whether the core executes instructions (counts unhalted cycles). */
  private boolean running() {
    return power == Power.ON && !halted;
  }

  private void setHalted(boolean h) {
    if (halted && !h) {
      wokeInEvent = true;
    }
    halted = h;
  }

  /**
   * Reports the core's running state to its PMU at the end of an event: a change, or a wake-up
   * that ended in HLT again within the event (an idle CPU taking an interrupt).
   */
  private void syncPmu() {
    if (pmuWatching) {
      if (briefWakeups > 0) {
        ctx.send(topology.pmu(index), timings.interruptDelivery(), new Pmu.Blip(briefWakeups));
      }
      boolean r = running();
      if (r != reportedRunning) {
        reportedRunning = r;
        ctx.send(topology.pmu(index), timings.interruptDelivery(), new Pmu.Running(r));
      } else if (!r && wokeInEvent) {
        ctx.send(topology.pmu(index), timings.interruptDelivery(), new Pmu.Blip(1));
      }
    }
    wokeInEvent = false;
    briefWakeups = 0;
  }

  private void onInit() {
    // INIT resets the core whatever it was doing; handlers and pending state are lost.
    power = Power.WAIT_FOR_SIPI;
    setHalted(false);
    interruptFlag = false;
    nmiBlocked = false;
    nmiLatched = false;
    pending.clear();
    resumeHalt = false;
    for (Frame f : frames) {
      cancelTimer(f);
    }
    frames.clear();
    kernel.onInit(context);
  }

  private boolean inNmi() {
    for (Frame f : frames) {
      if (f.nmi) {
        return true;
      }
    }
    return false;
  }

  /** Takes pending vectors, highest first, while the CPU can take a maskable interrupt. */
  private void deliverPending() {
    while (power == Power.ON && interruptFlag && frames.isEmpty() && !pending.isEmpty()) {
      int vector = pending.previousSetBit(255);
      pending.clear(vector);
      Frame f = push(false);
      kernel.onInterrupt(context, vector);
      if (!f.held) {
        pop();
      }
    }
  }

  private void onNmi(NmiSource source) {
    if (power != Power.ON) {
      return;
    }
    if (nmiBlocked) {
      // One NMI is latched while NMIs are blocked; any more are lost.
      if (!nmiLatched) {
        nmiLatched = true;
        latchedSource = source;
      }
      return;
    }
    runNmi(source);
  }

  private void runNmi(NmiSource source) {
    nmiBlocked = true;
    Frame f = push(true);
    kernel.onNmi(context, source);
    if (!f.held) {
      pop();
    }
  }

  private Frame push(boolean nmi) {
    if (frames.isEmpty()) {
      resumeHalt = halted;
      setHalted(false);
    }
    Frame f = new Frame(nmi, nextToken++);
    frames.add(f);
    return f;
  }

  /** Returns from the top handler, then resumes whatever the return uncovers. */
  private void pop() {
    Frame top = frames.remove(frames.size() - 1);
    if (top.nmi) {
      // The NMI handler's IRET.
      nmiBlocked = false;
      if (nmiLatched) {
        nmiLatched = false;
        runNmi(latchedSource);
        return;
      }
    }
    if (!frames.isEmpty()) {
      Frame below = frames.get(frames.size() - 1);
      if (below.expired) {
        pop();
      }
      return;
    }
    if (resumeHalt) {
      resumeHalt = false;
      setHalted(true);
    }
    deliverPending();
  }

  private void onHandlerEnd(long token) {
    for (int i = frames.size() - 1; i >= 0; i--) {
      Frame f = frames.get(i);
      if (f.token == token && f.held) {
        f.timer = -1;
        if (i == frames.size() - 1) {
          f.held = false;
          pop();
        } else {
          f.expired = true;
        }
        return;
      }
    }
  }

  private void cancelTimer(Frame f) {
    if (f.timer >= 0) {
      ctx.cancel(f.timer);
      f.timer = -1;
    }
  }

  /** The kernel's view of this CPU. */
  private final class Context implements CpuContext {

    @Override
    public void wokeBriefly(int times) {
      briefWakeups += times;
    }

    @Override
    public long now() {
      return ctx.now();
    }

    @Override
    public int cpu() {
      return index;
    }

    @Override
    public int apicId() {
      return topology.apicId(index);
    }

    @Override
    public Topology topology() {
      return topology;
    }

    @Override
    public boolean isBootCpu() {
      return index == 0;
    }

    @Override
    public void halt() {
      if (!frames.isEmpty()) {
        // HLT requested from a handler: the CPU halts once the handlers return.
        resumeHalt = true;
        return;
      }
      setHalted(true);
      deliverPending();
    }

    @Override
    public void stayAwake() {
      resumeHalt = false;
      setHalted(false);
    }

    @Override
    public boolean isHalted() {
      return halted;
    }

    @Override
    public void setInterruptsEnabled(boolean enabled) {
      interruptFlag = enabled;
      deliverPending();
    }

    @Override
    public boolean interruptsEnabled() {
      return interruptFlag;
    }

    @Override
    public boolean inNmi() {
      return Cpu.this.inNmi();
    }

    @Override
    public boolean inIrq() {
      return !frames.isEmpty() && !frames.get(0).nmi;
    }

    @Override
    public void holdHandler(long ns) {
      if (frames.isEmpty()) {
        throw new IllegalStateException("cpu" + index + ": holdHandler outside a handler");
      }
      Frame top = frames.get(frames.size() - 1);
      top.held = true;
      cancelTimer(top);
      if (ns != Long.MAX_VALUE) {
        top.timer = ctx.schedule(ns, new HandlerEnd(top.token));
      }
    }

    @Override
    public void endHandler() {
      if (!frames.isEmpty() && frames.get(frames.size() - 1).held) {
        Frame top = frames.get(frames.size() - 1);
        cancelTimer(top);
        top.held = false;
        pop();
      }
    }

    @Override
    public void iret() {
      if (frames.isEmpty()) {
        throw new IllegalStateException("cpu" + index + ": iret outside a handler");
      }
      nmiBlocked = false;
      if (nmiLatched) {
        nmiLatched = false;
        runNmi(latchedSource);
      }
    }

    @Override
    public void apic(LocalApic.Command write) {
      ctx.send(topology.apic(index), timings.mmio(), write);
    }

    @Override
    public void pmu(Pmu.Command write) {
      ctx.send(topology.pmu(index), timings.mmio(), write);
    }

    @Override
    public int nmiReason() {
      return nmiStatus;
    }

    @Override
    public long mmioLatency() {
      return timings.mmio();
    }

    @Override
    public long ipiLatency() {
      return timings.ipi();
    }

    @Override
    public <M extends SimMessage> void send(Address<M> to, long latencyNs, M msg) {
      ctx.send(to, latencyNs, msg);
    }

    @Override
    public long later(long delayNs, SimMessage msg) {
      return ctx.schedule(delayNs, new KernelMail(msg));
    }

    @Override
    public void cancel(long handle) {
      ctx.cancel(handle);
    }

    @Override
    public SimRandom random() {
      return ctx.random();
    }

    @Override
    public void output(SimOutput out) {
      ctx.output(out);
    }
  }
}
