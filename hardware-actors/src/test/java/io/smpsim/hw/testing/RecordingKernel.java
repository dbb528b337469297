package io.smpsim.hw.testing;

import io.smpsim.hw.cpu.CpuContext;
import io.smpsim.hw.cpu.CpuKernel;
import io.smpsim.hw.cpu.NmiSource;
import io.smpsim.sim.SimMessage;

/**
 * A kernel for hardware tests: reports every call the CPU makes into it as a {@link HwLine}
 * ({@code irq 0xec}, {@code nmi LINT1}, ...) and obeys {@link Script} messages, so a test can
 * disable interrupts, halt, keep the next handler running, or IRET from an exception inside it.
 */
public final class RecordingKernel implements CpuKernel {

  private long holdNextNmi;
  private long holdNextIrq;

  @Override
  public void onPowerOn(CpuContext cpu, boolean bootCpu) {
    cpu.output(new HwLine(cpu.now(), "power-on " + (bootCpu ? "bsp" : "ap")));
  }

  @Override
  public void onInterrupt(CpuContext cpu, int vector) {
    cpu.output(new HwLine(cpu.now(), String.format("irq 0x%02x", vector)));
    if (holdNextIrq > 0) {
      cpu.holdHandler(holdNextIrq);
      holdNextIrq = 0;
    }
  }

  @Override
  public void onNmi(CpuContext cpu, NmiSource source) {
    cpu.output(new HwLine(cpu.now(), "nmi " + source + " reason=" + cpu.nmiReason()));
    if (holdNextNmi > 0) {
      cpu.holdHandler(holdNextNmi);
      holdNextNmi = 0;
    }
  }

  @Override
  public void onMessage(CpuContext cpu, int src, SimMessage msg) {
    if (msg instanceof Script s) {
      switch (s.action()) {
        case CLI -> cpu.setInterruptsEnabled(false);
        case STI -> cpu.setInterruptsEnabled(true);
        case HALT -> cpu.halt();
        case HOLD_NEXT_NMI -> holdNextNmi = s.ns();
        case HOLD_NEXT_IRQ -> holdNextIrq = s.ns();
        case IRET -> cpu.iret();
      }
    } else {
      cpu.output(new HwLine(cpu.now(), "mail " + msg));
    }
  }

  @Override
  public void onInit(CpuContext cpu) {
    cpu.output(new HwLine(cpu.now(), "init"));
  }
}
