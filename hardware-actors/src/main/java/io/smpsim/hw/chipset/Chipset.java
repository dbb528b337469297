package io.smpsim.hw.chipset;

import io.smpsim.hw.HwTimings;
import io.smpsim.hw.Topology;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;

/**
 * The chipset's NMI logic (the PC/AT southbridge): the platform NMI sources and the two ports
 * the kernel uses to read and control them.
 * <ul>
 *   <li>Port 0x61, NMI status and control: bit 7 SERR (PCI system error), bit 6 IOCHK (I/O
 *       channel check); writing bit 2 clears and disables SERR, bit 3 clears and disables
 *       IOCHK, until the bit is written 0 again.</li>
 *   <li>Port 0x70 bit 7, the NMI-enable gate (shared with the CMOS index): 1 blocks the
 *       chipset's NMI output.</li>
 * </ul>
 * The NMI output is a level (a pending source with the gate open); each rising edge becomes an
 * NMI on every CPU's LINT1 pin, which the local APIC delivers or masks by its LVT1 entry. Every
 * change of port 0x61 is broadcast to the CPUs ({@link Cpu.NmiStatus}) so that reading it costs
 * the kernel no round trip.
 */
public final class Chipset extends Entity<Chipset.Command> {

  /** The NMI status and control port. */
  public static final int NMI_REASON_PORT = 0x61;
  /** The CMOS/RTC index port whose bit 7 gates NMIs. */
  public static final int RTC_INDEX_PORT = 0x70;
  /** Port 0x61 status: PCI SERR#. */
  public static final int REASON_SERR = 0x80;
  /** Port 0x61 status: I/O channel check. */
  public static final int REASON_IOCHK = 0x40;
  /** Port 0x61 control: clear and disable SERR. */
  public static final int CLEAR_SERR = 0x04;
  /** Port 0x61 control: clear and disable IOCHK. */
  public static final int CLEAR_IOCHK = 0x08;
  /** Port 0x70: NMI disable. */
  public static final int NMI_DISABLE = 0x80;

  /** What the chipset accepts. */
  public sealed interface Command extends SimMessage permits Assert, Outb {}

  /** A device asserts an NMI source. */
  public record Assert(NmiLine line) implements Command {
    @Override
    public long traceId() {
      return 0xc5e7L * 31 + line.ordinal();
    }
  }

  /** The kernel writes {@code value} to I/O port {@code port} (0x61 or 0x70). */
  public record Outb(int port, int value) implements Command {
    @Override
    public long traceId() {
      return (0x0b0L * 31 + port) * 257 + value;
    }
  }

  private final Topology topology;
  private final HwTimings timings;
  /** Status bits 7 and 6 of port 0x61. */
  private int status;
  /** Control bits 0-3 of port 0x61. */
  private int control;
  private boolean gateOpen = true;
  private boolean line;
  private long nmis;

  public Chipset(Topology topology, HwTimings timings) {
    this.topology = topology;
    this.timings = timings;
  }

  /** What {@code inb(0x61)} reads. */
  public int port61() {
    return status | control;
  }

  /** Whether the NMI-enable gate is open (port 0x70 bit 7 clear). */
  public boolean gateOpen() {
    return gateOpen;
  }

  /** How many NMIs the chipset raised. */
  public long nmis() {
    return nmis;
  }

  @Override
  public void onEvent(EntityContext ctx, int src, Command msg) {
    int before = port61();
    if (msg instanceof Assert a) {
      int bit = a.line() == NmiLine.SERR ? REASON_SERR : REASON_IOCHK;
      int disable = a.line() == NmiLine.SERR ? CLEAR_SERR : CLEAR_IOCHK;
      if ((control & disable) == 0) {
        status |= bit;
      }
    } else if (msg instanceof Outb o) {
      if (o.port() == NMI_REASON_PORT) {
        control = o.value() & 0x0f;
        if ((control & CLEAR_SERR) != 0) {
          status &= ~REASON_SERR;
        }
        if ((control & CLEAR_IOCHK) != 0) {
          status &= ~REASON_IOCHK;
        }
      } else if (o.port() == RTC_INDEX_PORT) {
        gateOpen = (o.value() & NMI_DISABLE) == 0;
      }
    }
    if (port61() != before) {
      for (int c = 0; c < topology.cpus(); c++) {
        ctx.send(topology.cpu(c), timings.ioApic(), new Cpu.NmiStatus(port61()));
      }
    }
    updateLine(ctx);
  }

  private void updateLine(EntityContext ctx) {
    boolean now = gateOpen && status != 0;
    if (now && !line) {
      nmis++;
      for (int c = 0; c < topology.cpus(); c++) {
        ctx.send(topology.apic(c), timings.ioApic(), new LocalApic.Lint(1));
      }
    }
    line = now;
  }
}
