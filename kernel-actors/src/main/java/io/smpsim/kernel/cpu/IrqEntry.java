package io.smpsim.kernel.cpu;

import io.smpsim.hw.cpu.NmiSource;
import io.smpsim.kernel.core.IrqStats;
import io.smpsim.kernel.trace.IrqCounters;
import io.smpsim.kernel.core.Vectors;
import io.smpsim.kernel.nmi.CpuNmi;
import io.smpsim.kernel.watchdog.Watchdogs;

/**
 * Interrupt and NMI entry on one CPU (arch/x86/kernel/irq.c, apic/, smp.c, nmi.c exc_nmi):
 * each vector's accounting and handler, then the end-of-interrupt work; an NMI goes to the
 * stop callback of a panic, or to the NMI dispatcher of the kernel the machine runs.
 */
final class IrqEntry {

  private final LinuxCpu cpu;
  /** The machine wedged in firmware: not even another NMI gets through. */
  private boolean wedged;

  IrqEntry(LinuxCpu cpu) {
    this.cpu = cpu;
  }

  /** Whether the machine wedged in an NMI. */
  boolean wedged() {
    return wedged;
  }

  /** A maskable interrupt on {@code vector}. */
  void interrupt(int vector) {
    IrqStats irqs = cpu.irqs();
    if (vector == Vectors.LOCAL_TIMER) {
      irqs.loc++;
      if (irqs.loc % cpu.config().hz() == 0) {
        // An output for the run's report only (no event, nothing reads it back).
        IrqCounters.emit(cpu);
      }
      cpu.tick().localTimerInterrupt();
    } else if (vector >= Vectors.ISA_IRQ_BASE
        && vector < Vectors.ISA_IRQ_BASE + IrqStats.ISA_IRQS) {
      irqs.isa[vector - Vectors.ISA_IRQ_BASE]++;
      addInterruptRandomness();
    } else if (vector == Vectors.RESCHEDULE) {
      irqs.res++;
      cpu.sched.schedule();
    } else if (vector == Vectors.CALL_FUNCTION || vector == Vectors.CALL_FUNCTION_SINGLE) {
      irqs.cal++;
      // A function that keeps the CPU (check_nmi_watchdog's nmi_cpu_busy) was queued for it.
      cpu.sched.schedule();
    } else if (vector == Vectors.REBOOT) {
      if (cpu.panics.stopRequested()) {
        cpu.panics.stopThisCpu();
        return;
      }
    } else if (vector == Vectors.IRQ_WORK) {
      irqs.irqWork++;
    } else if (vector == Vectors.SPURIOUS_APIC) {
      irqs.spurious++;
    } else if (cpu.deviceVector(vector) != null) {
      // A device vector a subsystem allocated (a NIC queue's MSI-X vector).
      cpu.deviceVector(vector).handle(cpu, vector);
      addInterruptRandomness();
    }
    cpu.sched.afterIrq();
  }

  /**
   * handle_irq_event_percpu() ends every device interrupt with add_interrupt_randomness(): the
   * fast pool may add its mix timer here, expiring now ({@link FastPool}).
   */
  private void addInterruptRandomness() {
    if (!FastPool.mixesByTimer(cpu.config().kernel())) {
      return;
    }
    long j = cpu.jiffies();
    if (cpu.fastPool.interrupt(j, cpu.config().hz())) {
      cpu.tick().addTimer(TimerFn.RANDOM_MIX, j);
    }
  }

  /** An NMI from {@code source}. */
  void nmi(NmiSource source) {
    if (wedged) {
      return;
    }
    if (cpu.panics.stopRequested()) {
      // smp_stop_nmi_callback: the panicking CPU's NMI stops this one.
      cpu.irqs().nmi++;
      cpu.panics.stopThisCpu();
      return;
    }
    if (cpu.bootCpu().inAcpiIni() && (source == NmiSource.LINT0 || source == NmiSource.LINT1)) {
      // The T60 firmware's _INI was storing to chipset registers: the machine wedges here,
      // so hard that not even another NMI gets through.
      wedged = true;
      cpu.hw().holdHandler(Long.MAX_VALUE);
      return;
    }
    Watchdogs w = Watchdogs.of(cpu);
    if (cpu.current() != null && cpu.current().kind().touches()) {
      // The busy-wait calls touch_nmi_watchdog() every few microseconds.
      w.modern().hard().touch();
    }
    if (w.boot().mode().legacy()) {
      CpuNmi.of(cpu).legacy(cpu, source, w.legacy());
    } else {
      CpuNmi.of(cpu).modern(cpu, source, w.modern());
    }
    if (cpu.current() != null && cpu.current().irqsOff()) {
      // No tick reaches a CPU with interrupts off: its NMIs show its counters instead.
      IrqCounters.emit(cpu);
    }
  }
}
