package io.smpsim.kernel.backtrace;

import io.smpsim.kernel.watchdog.Watchdogs;
import io.smpsim.kernel.core.BacktraceCaller;
import io.smpsim.kernel.core.JobTable;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.panic.Taint;
import io.smpsim.kernel.printk.DumpStack;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code nmi_cpu_backtrace()} (lib/nmi_backtrace.c, 6.x) prints for one CPU: from the NMI
 * handler, with the interrupted registers, either the "skipped: idling" line (the PC is in the
 * idle loop and {@code nmi_backtrace.backtrace_idle} is 0) or "NMI backtrace for cpu N" and
 * show_regs(); on the asking CPU itself, "NMI backtrace for cpu N" and dump_stack() from where
 * it asked. The frames follow the real 6.1 kernel's output of SysRq 'l'.
 */
public final class NmiCpuBacktrace {

  /** The idle CPU's PC (x86 default_idle: sti; hlt). */
  public static final String IDLE_PC = "native_safe_halt+0xb/0x10";

  /** The frames of nmi_trigger_cpumask_backtrace() above dump_stack() on the asking CPU. */
  private static final List<String> TRIGGER_FRAMES = List.of(
      " dump_stack_lvl+0x44/0x5c",
      " nmi_cpu_backtrace.cold+0x32/0x79",
      " ? lapic_can_unplug_cpu+0x70/0x70",
      " nmi_trigger_cpumask_backtrace+0xed/0x100");

  /** The write(2) to /proc/sysrq-trigger, from __handle_sysrq down to the syscall entry. */
  private static final List<String> SYSRQ_FRAMES = List.of(
      " __handle_sysrq.cold+0x44/0x11c",
      " write_sysrq_trigger+0x24/0x40",
      " proc_reg_write+0x56/0xa0",
      " vfs_write+0xc7/0x3f0",
      " ksys_write+0x6b/0xf0",
      " do_syscall_64+0x5d/0xb0",
      " entry_SYSCALL_64_after_hwframe+0x6e/0xd8");

  /** The user registers of the shell's write(1, "l\n", 2), as show_regs prints a user frame. */
  private static final List<String> SHELL_USER_REGS = List.of(
      "RIP: 0033:0x47b7a0",
      "Code: 40 00 48 c7 c2 e0 ff ff ff f7 d8 64 89 02 48 c7 c0 ff ff ff ff eb b7 0f 1f 00 80 3d"
          + " e8 85 16 00 00 74 17 b8 01 00 00 00 0f 05 <48> 3d 00 f0 ff ff 77 58 c3 0f 1f 80 00"
          + " 00 00 00 48 83 ec 28 48 89",
      "RSP: 002b:00007ffdb08fe428 EFLAGS: 00000202 ORIG_RAX: 0000000000000001",
      "RAX: ffffffffffffffda RBX: 0000000000000001 RCX: 000000000047b7a0",
      "RDX: 0000000000000002 RSI: 000000003107d890 RDI: 0000000000000001",
      "RBP: 000000003107d890 R08: fefefefefefefeff R09: fefefefefefeff6b",
      "R10: 00000000000001b6 R11: 0000000000000202 R12: 0000000000000002",
      "R13: 000000003107a3a0 R14: 0000000000000001 R15: 00007ffdb08fe490");


  private NmiCpuBacktrace() {}

  /** nmi_cpu_backtrace(regs) in the arch_bt NMI handler of a targeted CPU. */
  public static List<String> fromNmi(KernelCpu k) {
    if (k.current() == null && k.idle()) {
      return List.of("NMI backtrace for cpu " + k.index() + " skipped: idling at " + IDLE_PC);
    }
    List<String> lines = new ArrayList<>();
    lines.add("NMI backtrace for cpu " + k.index());
    List<String> regs = DumpStack.showRegs(k.where());
    // show_regs() from the NMI: no "Modules linked in:" (that is the oops path's).
    lines.addAll(regs.subList(1, regs.size()));
    return lines;
  }

  /**
   * 2.6 nmi_watchdog_tick() (arch/x86_64/kernel/nmi.c): "NMI backtrace for cpu %d" then
   * dump_stack() ("Pid:" line and call trace, as x86_64 traps.c prints it). Only the
   * interrupted context's frames are shown, the NMI stack's own are left out.
   */
  public static List<String> legacy(KernelCpu k) {
    List<String> lines = new ArrayList<>();
    lines.add("NMI backtrace for cpu " + k.index());
    List<String> regs = DumpStack.legacyShowRegisters(k.where());
    lines.add(regs.stream().filter(l -> l.startsWith("Pid: ")).findFirst().orElseThrow());
    lines.add("Call Trace:");
    if (k.current() != null) {
      String rip = regs.stream().filter(l -> l.startsWith("RIP: ")).findFirst().orElseThrow();
      // "RIP: 0010:[<addr>]  [<addr>] sym": the interrupted function heads the trace.
      lines.add(" " + rip.substring(rip.indexOf("  ") + 2));
    }
    int trace = regs.indexOf("Call Trace:");
    for (int i = trace + 1; i < regs.size() && regs.get(i).startsWith(" [<"); i++) {
      lines.add(regs.get(i));
    }
    lines.add("");
    return lines;
  }

  /**
   * dump_stack() of the shell's write to /proc/sysrq-trigger, {@code handler} (with panic()
   * and dump_stack_lvl above it) called from __handle_sysrq.
   */
  public static List<String> sysrqWriter(KernelCpu k, List<String> handler) {
    List<String> lines = new ArrayList<>();
    lines.add("CPU: " + k.index() + " PID: " + JobTable.SHELL_PID + " Comm: "
        + JobTable.SHELL_COMM + " " + Taint.print(Watchdogs.of(k).params().taint()) + " "
        + k.config().kernel().dumpStackRelease());
    lines.add(DumpStack.HARDWARE);
    lines.add("Call Trace:");
    lines.add(" <TASK>");
    lines.addAll(handler);
    lines.addAll(SYSRQ_FRAMES);
    lines.addAll(SHELL_USER_REGS);
    lines.add(" </TASK>");
    return lines;
  }

  /** nmi_cpu_backtrace(NULL) on the asking CPU: dump_stack() of the code that asked. */
  public static List<String> self(KernelCpu k, BacktraceCaller then) {
    List<String> lines = new ArrayList<>();
    lines.add("NMI backtrace for cpu " + k.index());
    if (then.isSysrqWrite()) {
      // The shell's write asked: its dump_stack() is the SysRq writer's, with the trigger's frames.
      lines.addAll(sysrqWriter(k, TRIGGER_FRAMES));
      return lines;
    }
    DumpStack.Where w = k.where();
    List<String> frames = new ArrayList<>(TRIGGER_FRAMES);
    frames.addAll(then.frames());
    List<String> trace = DumpStack.taskTrace(w);
    // taskTrace: "Call Trace:", " <TASK>", frames..., " </TASK>": ours go after <TASK>.
    List<String> dump = new ArrayList<>(trace.subList(0, 2));
    dump.addAll(frames);
    dump.addAll(trace.subList(2, trace.size()));
    lines.add(DumpStack.cpuLine(w));
    lines.add(DumpStack.HARDWARE);
    lines.addAll(dump);
    return lines;
  }
}
