package io.smpsim.kernel.cpu;

import io.smpsim.kernel.core.Vectors;
import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Shorthand;
import io.smpsim.hw.cpu.CpuContext;
import io.smpsim.kernel.panic.KernelLock;
import io.smpsim.kernel.panic.Panic;
import io.smpsim.kernel.panic.PanicMail;
import io.smpsim.kernel.panic.PanicReport;
import io.smpsim.kernel.printk.DumpStack;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.shell.Shell;
import io.smpsim.kernel.sysctl.Sysctl;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * This CPU's part in oopses and panics: oops_begin()/oops_end() around die_lock
 * (arch/x86/kernel/dumpstack.c), panic() with its panic_cpu race and smp_send_stop()
 * (kernel/panic.c, arch/x86/kernel/smp.c), and stop_this_cpu() when another CPU panics.
 */
final class CpuPanic {

  private final LinuxCpu cpu;
  private Panic panic;
  /** panic() waits to learn whether this CPU is the one that panics (panic_cpu). */
  private String pending;
  private List<String> pendingFrames;
  /** A task's whole dump_stack() output for the panic in progress, or null. */
  private List<String> pendingDump;
  private List<String> dieLines;
  private boolean diePanics;
  private int stopRequestedBy = -1;

  CpuPanic(LinuxCpu cpu) {
    this.cpu = cpu;
  }

  /** Whether this CPU is panicking or waiting to learn if it may. */
  boolean inProgress() {
    return panic != null || pending != null;
  }

  /** Whether panic() waits for panic_cpu. */
  boolean waitingForPanicCpu() {
    return pending != null;
  }

  /** Whether an oops waits for die_lock. */
  boolean waitingForDieLock() {
    return dieLines != null;
  }

  /** Whether another CPU's panic asked this one to stop. */
  boolean stopRequested() {
    return stopRequestedBy >= 0;
  }

  /** CPU {@code panicCpu} panics and asks every other CPU to stop. */
  void stopRequestedBy(int panicCpu) {
    stopRequestedBy = panicCpu;
  }

  /** oops_begin(): spin on die_lock, in the NMI, until this CPU has it. */
  void dieNmi(List<String> lines, boolean panics) {
    cpu.hw().holdHandler(Long.MAX_VALUE);
    dieLines = new ArrayList<>(lines);
    diePanics = panics;
    cpu.toSysctl(new Sysctl.Acquire(cpu.index(), KernelLock.DIE));
  }

  /** die_lock is ours: print, then panic or kill the current task (do_exit). */
  void dieGranted() {
    cpu.printk(LogLevel.EMERG, dieLines);
    dieLines = null;
    if (diePanics) {
      panic("Non maskable interrupt", List.of());
      return;
    }
    if (cpu.current() == null) {
      panic("Attempted to kill the idle task!", List.of());
      return;
    }
    cpu.toSysctl(new Sysctl.Release(cpu.index(), KernelLock.DIE));
    cpu.finishTask(true);
    cpu.hw().endHandler();
  }

  void panic(String message, List<String> frames) {
    panic(message, frames, null);
  }

  /**
   * panic() from a task's system call: {@code dump} is dump_stack()'s whole output (CPU line,
   * hardware, call trace down to the user registers) in place of the interrupted context's.
   */
  void panicInTask(String message, List<String> dump) {
    panic(message, List.of(), dump);
  }

  private void panic(String message, List<String> frames, List<String> dump) {
    CpuContext hw = cpu.hw();
    if (panic != null || pending != null || cpu.isStopped()) {
      return;
    }
    hw.setInterruptsEnabled(false);
    if (hw.inIrq() || hw.inNmi()) {
      hw.holdHandler(Long.MAX_VALUE);
    }
    pending = message;
    pendingFrames = new ArrayList<>(frames);
    pendingDump = dump == null ? null : new ArrayList<>(dump);
    cpu.toSysctl(new Sysctl.Acquire(cpu.index(), KernelLock.PANIC));
  }

  /** The panic_cpu race is decided: {@code first} if this CPU won it. */
  void granted(boolean first) {
    CpuContext hw = cpu.hw();
    String message = pending;
    List<String> frames = pendingFrames;
    List<String> dump = pendingDump;
    pending = null;
    pendingFrames = null;
    pendingDump = null;
    if (!first) {
      // Another CPU is already in panic(): this one stops itself (panic_smp_self_stop).
      cpu.markStopped();
      return;
    }
    BitSet others = new BitSet();
    for (int c = 0; c < cpu.config().cpus(); c++) {
      if (c != cpu.index()) {
        others.set(c);
      }
    }
    panic = new Panic(message, others);
    List<String> lines = new ArrayList<>();
    lines.add("Kernel panic - not syncing: " + message);
    if (dump != null) {
      lines.addAll(dump);
    } else {
      DumpStack.Where w = cpu.where();
      lines.add(DumpStack.cpuLine(w));
      lines.add(DumpStack.HARDWARE);
      lines.add("Call Trace:");
      String last = frames.isEmpty() ? "" : frames.get(frames.size() - 1);
      if (last.equals(" </IRQ>") && !w.kernel().legacyNmiWatchdog()) {
        // show_trace_log_lvl() leaves the IRQ stack for the task's, where the entry stub saved
        // the interrupted registers: they are printed there (6.x dumpstack.c). An interrupt
        // taken in a softirq stays on the IRQ stack: the softirq's frames come before </IRQ>.
        lines.addAll(DumpStack.inSoftirq(w) ? frames.subList(0, frames.size() - 1) : frames);
        lines.addAll(DumpStack.irqTaskTrace(w));
      } else if (last.equals(" </NMI>") && !w.kernel().legacyNmiWatchdog()) {
        // An NMI's pt_regs are on the NMI stack itself: printed before </NMI>.
        lines.addAll(frames.subList(0, frames.size() - 1));
        lines.addAll(DumpStack.shortRegs(w));
        lines.add(last);
        lines.addAll(DumpStack.taskTrace(w).subList(1, DumpStack.taskTrace(w).size()));
      } else {
        lines.addAll(frames);
        lines.addAll(DumpStack.taskTrace(w).subList(1, DumpStack.taskTrace(w).size()));
      }
    }
    cpu.printk(LogLevel.EMERG, lines);
    // smp_send_stop(): every other CPU is asked to stop, with REBOOT_VECTOR first.
    for (int c = others.nextSetBit(0); c >= 0; c = others.nextSetBit(c + 1)) {
      cpu.mail(c, new PanicMail.StopRequest(cpu.index()));
    }
    if (others.isEmpty()) {
      step(2);
      return;
    }
    hw.apic(new LocalApic.WriteIcr(DeliveryMode.FIXED, Shorthand.ALL_EXCLUDING_SELF, 0,
        Vectors.REBOOT));
    panic.step(1);
    panic.timer(hw.later(Panic.IPI_WAIT_NS, new PanicMail.Step(1)));
  }

  /** CPU {@code c} has stopped. */
  void onStopped(int c) {
    if (panic != null && panic.stopped(c) && panic.step() > 0 && panic.step() < 3) {
      cpu.hw().cancel(panic.timer());
      step(2);
    }
  }

  void step(int step) {
    if (panic == null || panic.step() >= 3) {
      return;
    }
    CpuContext hw = cpu.hw();
    if (step == 1 && panic.step() == 1 && !panic.waiting().isEmpty()) {
      // REBOOT_VECTOR did not stop them all (interrupts off): NMI those left.
      cpu.printk(LogLevel.EMERG, List.of("Shutting down cpus with NMI"));
      BitSet left = panic.waiting();
      for (int c = left.nextSetBit(0); c >= 0; c = left.nextSetBit(c + 1)) {
        hw.apic(new LocalApic.WriteIcr(DeliveryMode.NMI, Shorthand.NONE,
            cpu.layout().apicId(c), 2));
      }
      panic.step(2);
      panic.timer(hw.later(Panic.NMI_WAIT_NS, new PanicMail.Step(2)));
      return;
    }
    panic.step(3);
    // 2.6 kernels (before 3.14) had no dump_kernel_offset(): smpsim's 2.6 machines print the
    // 6.x notifier's line for a kernel without KASLR.
    boolean kaslr = cpu.where().kernel().major() >= 6
        && !cpu.config().kernelCmdline().has("nokaslr");
    String offset = Panic.kernelOffset(kaslr,
        Panic.kaslrOffset(cpu.config().name(), cpu.config().cmdline()));
    cpu.printk(LogLevel.EMERG,
        Panic.endLines(panic.message(), cpu.params().panicTimeout(), offset));
    hw.output(new PanicReport(cpu.config().name(), cpu.index(), panic.message()));
    hw.send(cpu.layout().shell(), cpu.config().timings().mmio(), new Shell.Panicked());
    // kernel/panic.c: panic=N>0 waits N s touching the NMI watchdog, then emergency_restart();
    // panic<0 restarts at once; panic=0 spins for good with interrupts on, touching the
    // soft-lockup watchdog while its hrtimer feeds the hard-lockup detector. Either way the
    // lockup detectors report nothing more from the panicking CPU.
    cpu.watchdog().panicEnded();
  }

  /** stop_this_cpu(): offline, local APIC disabled, interrupts off, halted for good. */
  void stopThisCpu() {
    CpuContext hw = cpu.hw();
    cpu.markStopped();
    cpu.mail(stopRequestedBy, new PanicMail.Stopped(cpu.index()));
    hw.apic(new LocalApic.SetEnabled(false));
    hw.setInterruptsEnabled(false);
    if (hw.inIrq() || hw.inNmi()) {
      hw.holdHandler(Long.MAX_VALUE);
    }
    hw.halt();
  }
}
