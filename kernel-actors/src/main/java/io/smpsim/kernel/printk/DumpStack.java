package io.smpsim.kernel.printk;

import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.panic.Taint;
import io.smpsim.kernel.task.CpuTask;
import java.util.ArrayList;
import java.util.List;

/**
 * What the kernel prints about a CPU's state in a report: {@code show_regs()} and
 * {@code dump_stack()} (arch/x86/kernel/process_64.c, arch/x86/kernel/dumpstack.c,
 * lib/dump_stack.c) in the 6.6 layout, and {@code show_registers()} of the 2.6 x86_64 die path.
 * smpsim runs no instructions, so the register values are fixed, derived from the CPU and
 * task; the layout, the task line, the flags (IF) and the call trace follow what the CPU was
 * doing.
 */
public final class DumpStack {

  /** The hardware name line (dmi_dump). */
  public static final String HARDWARE =
      "Hardware name: smpsim Simulated SMP machine/smpsim, BIOS 1.0 01/01/2026";

  private DumpStack() {}

  /** The interrupted context of a report. */
  public record Where(int cpu, CpuTask task, boolean irqsOn, int taint, KernelVersion kernel) {

    public String comm() {
      return task == null ? "swapper/" + cpu : task.comm();
    }

    public int pid() {
      return task == null ? 0 : task.pid();
    }

    public String rip() {
      return task == null ? "native_safe_halt+0xb/0x10" : task.kind().rip();
    }
  }

  /**
   * dump_stack_print_info(): "CPU: 3 PID: 201 Comm: inject/3 Not tainted 6.1.0-56-amd64 #1
   * Debian 6.1.192-2", the release part as the machine's kernel prints it.
   */
  public static String cpuLine(Where w) {
    return "CPU: " + w.cpu() + " PID: " + w.pid() + " Comm: " + w.comm() + " "
        + Taint.print(w.taint()) + " " + w.kernel().dumpStackRelease();
  }

  /** show_regs() of the interrupted context, with "Modules linked in:" before it. */
  public static List<String> showRegs(Where w) {
    List<String> l = new ArrayList<>();
    l.add("Modules linked in:");
    l.add(cpuLine(w));
    l.add(HARDWARE);
    if (w.task() != null && w.task().kind().userMode()) {
      l.addAll(userRegs(w));
      return l;
    }
    l.add("RIP: 0010:" + w.rip());
    l.add("Code: 0f 1f 44 00 00 55 48 89 e5 53 48 89 fb 65 8b 05 c2 7e 3f 7e 89 c0 48 0f a3 05 78"
        + " 2b 6e 01 73 0e <f3> 90 48 8b 03 a8 01 74 f7 5b 5d c3 cc cc cc cc");
    long rsp = 0xffffc90000003e98L + 0x4000L * w.cpu();
    l.add(String.format("RSP: 0018:%016x EFLAGS: %08x", rsp, w.irqsOn() ? 0x246 : 0x046));
    l.add(String.format("RAX: %016x RBX: %016x RCX: %016x", 0L, 0x100L + w.pid(), 0L));
    l.add(String.format("RDX: %016x RSI: %016x RDI: %016x", 0L, 0L, 0L));
    l.add(String.format("RBP: %016x R08: %016x R09: %016x", rsp + 0x10, 0L, 0L));
    l.add(String.format("R10: %016x R11: %016x R12: %016x", 0L, 0L, 0L));
    l.add(String.format("R13: %016x R14: %016x R15: %016x", 0L, 0L, 0L));
    l.add(String.format("FS:  0000000000000000(0000) GS:%016x(0000) knlGS:0000000000000000",
        0xffff88803fc00000L + 0x40000L * w.cpu()));
    l.add("CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033");
    l.add("CR2: 0000000000000000 CR3: 000000000262e000 CR4: 00000000003506f0");
    l.addAll(taskTrace(w));
    return l;
  }

  /**
   * The registers of a task interrupted in user mode (arch/x86/kernel/process_64.c show_regs():
   * __show_regs(regs, SHOW_REGS_USER), and no call trace: the kernel has no stack to show). The
   * interrupt's frame has no syscall number (orig_ax is -1), so no ORIG_RAX; after the general
   * registers only the user's FS and (inactive) GS bases, from MSR_FS_BASE and
   * MSR_KERNEL_GS_BASE. The values are the shell binary's loop, fixed as the kernel-mode ones.
   */
  private static List<String> userRegs(Where w) {
    List<String> l = new ArrayList<>();
    long rsp = 0x00007ffc26b38028L - 0x1000L * w.cpu();
    long heap = 0x21662000L + 0x10000L * w.pid();
    l.add("RIP: 0033:" + w.rip());
    l.add("Code: 8b 74 24 08 48 8d 3d 34 e7 0b 00 31 c0 e8 57 ef ff ff 48 83 c4 18 c3 48 8b 3d 8b"
        + " 5f 0f 00 48 8d 35 3e e5 0b 00 e9 c3 ff ff ff <31> ff e9 a0 99 f3 ff e9 fb aa f3 ff 48"
        + " 8b 35 6c 5f 0f 00 e9 af d4");
    l.add(String.format("RSP: 002b:%016x EFLAGS: %08x", rsp, 0x202));
    l.add(String.format("RAX: %016x RBX: %016x RCX: %016x", 1L, 0L, 2L));
    l.add(String.format("RDX: %016x RSI: %016x RDI: %016x", heap + 0x710, heap + 0xb50, 1L));
    l.add(String.format("RBP: %016x R08: %016x R09: %016x", 0L, 0L, 0L));
    l.add(String.format("R10: %016x R11: %016x R12: %016x", 0x4471a0L, 0L, heap + 0xab8));
    l.add(String.format("R13: %016x R14: %016x R15: %016x", 0L, 0L, 0L));
    l.add(String.format("FS:  %016x GS:  %016x", heap + 0x3c0 - 0x1000, 0L));
    return l;
  }

  /** dump_stack() from interrupt context (a soft lockup report without regs, a panic). */
  public static List<String> dumpStack(Where w, List<String> frames) {
    List<String> l = new ArrayList<>();
    l.add(cpuLine(w));
    l.add(HARDWARE);
    l.add("Call Trace:");
    l.addAll(frames);
    return l;
  }

  /**
   * The interrupted registers as show_trace_log_lvl() prints them where the unwinder meets the
   * pt_regs of an interrupt or NMI (arch/x86/kernel/dumpstack.c show_regs_if_on_stack():
   * __show_regs(regs, SHOW_REGS_SHORT)): RIP, Code and RSP, then the general registers; no
   * segment or control registers.
   */
  public static List<String> shortRegs(Where w) {
    List<String> regs = showRegs(w);
    int rip = 0;
    while (!regs.get(rip).startsWith("RIP: ")) {
      rip++;
    }
    int r13 = rip;
    while (!regs.get(r13).startsWith("R13: ")) {
      r13++;
    }
    return regs.subList(rip, r13 + 1);
  }

  /**
   * The interrupted task's part of a call trace below an interrupt taken from it (a report
   * from the timer interrupt): the IRQ entry stub, the registers it saved, then the task's
   * frames, between {@code <TASK>} and {@code </TASK>}; for a task under a spinning softirq
   * ({@link #inSoftirq}), the softirq first, still on the IRQ stack, without its
   * {@code <IRQ>}: the caller's interrupt frames are on that stack too, and end with
   * {@code </IRQ>} only for a task interrupted in process context.
   */
  public static List<String> irqTaskTrace(Where w) {
    List<String> trace = taskTrace(w);
    List<String> l = new ArrayList<>();
    if (inSoftirq(w)) {
      // The interrupt came in the softirq, on the IRQ stack already: the softirq's registers
      // and frames, then the task the softirq interrupted (the rest of taskTrace).
      l.add(w.kernel().timerInterruptEntryFrame());
      l.addAll(shortRegs(w));
      l.addAll(trace.subList(2, trace.size()));
      return l;
    }
    l.add(" <TASK>");
    l.add(w.kernel().timerInterruptEntryFrame());
    l.addAll(shortRegs(w));
    if (w.task() == null || !w.task().kind().userMode()) {
      l.addAll(trace.subList(2, trace.size() - 1));
    }
    l.add(" </TASK>");
    return l;
  }

  /** Whether the interrupted context is a softirq spinning over the CPU's task. */
  public static boolean inSoftirq(Where w) {
    return w.task() != null && !w.task().kind().softirqFrames().isEmpty();
  }

  /**
   * The interrupted task's part of a call trace. A softirq spinning over the task (on the IRQ
   * stack, from an interrupt's exit) comes first between {@code <IRQ>} and {@code </IRQ>}, then
   * the interrupt's entry stub on the task's stack; the interrupted registers the unwinder
   * would print there are not.
   */
  public static List<String> taskTrace(Where w) {
    List<String> l = new ArrayList<>();
    l.add("Call Trace:");
    if (inSoftirq(w)) {
      l.add(" <IRQ>");
      l.addAll(w.task().kind().softirqFrames());
      l.add(" </IRQ>");
      l.add(" <TASK>");
      l.add(w.kernel().timerInterruptEntryFrame());
      l.addAll(w.task().kind().syscallFrames());
      l.add(" </TASK>");
      return l;
    }
    l.add(" <TASK>");
    if (w.task() == null) {
      l.add(" default_idle+0x9/0x20");
      l.add(" default_idle_call+0x2c/0xe0");
      l.add(" do_idle+0x226/0x270");
      l.add(" cpu_startup_entry+0x1d/0x20");
      l.add(w.cpu() == 0 ? " rest_init+0xcc/0xd0" : " start_secondary+0x11b/0x140");
    } else if (w.task().callers() != null) {
      l.addAll(w.task().callers().lines().toList());
    } else {
      if (w.task().kind() == io.smpsim.kernel.task.TaskKind.SPINLOCK_WAIT) {
        // The slow path's callers: spin_lock() and the injected thread function.
        l.add(" _raw_spin_lock+0x29/0x30");
        l.add(" inject_spinlock_wait+0x2b/0x50");
      }
      List<String> syscall = w.task().kind().syscallFrames();
      l.addAll(syscall.isEmpty() ? w.kernel().kthreadFrames() : syscall);
    }
    l.add(" </TASK>");
    return l;
  }

  /** 2.6 x86_64 show_registers(): the die path's dump after "NMI Watchdog detected LOCKUP". */
  public static List<String> legacyShowRegisters(Where w) {
    List<String> l = new ArrayList<>();
    long rip = 0xffffffff8020b1d0L + 0x40L * (w.task() == null ? 0 : w.task().kind().ordinal());
    long rsp = 0xffff81003f1c3f08L + 0x10000L * w.cpu();
    l.add("CPU " + w.cpu() + " ");
    l.add("Modules linked in:");
    l.add("Pid: " + w.pid() + ", comm: " + w.comm() + " " + Taint.print(w.taint()) + " "
        + w.kernel().dumpStackRelease());
    String sym = w.rip();
    l.add(String.format("RIP: 0010:[<%016x>]  [<%016x>] %s", rip, rip, sym));
    l.add(String.format("RSP: 0018:%016x  EFLAGS: %08x", rsp, w.irqsOn() ? 0x246 : 0x046));
    l.add(String.format("RAX: %016x RBX: %016x RCX: %016x", 0L, 0L, 0L));
    l.add(String.format("RDX: %016x RSI: %016x RDI: %016x", 0L, 0L, 0L));
    l.add(String.format("RBP: %016x R08: %016x R09: %016x", rsp + 0x10, 0L, 0L));
    l.add(String.format("R10: %016x R11: %016x R12: %016x", 0L, 0L, 0L));
    l.add(String.format("R13: %016x R14: %016x R15: %016x", 0L, 0L, 0L));
    l.add("FS:  0000000000000000(0000) GS:ffffffff80622000(0000) knlGS:0000000000000000");
    l.add("CS:  0010 DS: 0018 ES: 0018 CR0: 000000008005003b");
    l.add("CR2: 0000000000000000 CR3: 0000000000201000 CR4: 00000000000006e0");
    l.add(String.format("Process %s (pid: %d, threadinfo %016x, task %016x)", w.comm(), w.pid(),
        rsp & ~0x1fffL, 0xffff81003f0c4080L + 0x100L * w.pid()));
    l.add("Stack:  0000000000000000 0000000000000000 0000000000000000");
    l.add("Call Trace:");
    l.add(w.task() == null ? " [<ffffffff80209e2a>] cpu_idle+0x5a/0x7b"
        : " [<ffffffff80248c5d>] kthread+0xd1/0x100");
    l.add(w.task() == null ? " [<ffffffff80650c0d>] start_secondary+0x474/0x483"
        : " [<ffffffff8020ae68>] child_rip+0xa/0x12");
    l.add("");
    l.add("");
    l.add("Code: f3 90 eb fc 0f 1f 40 00 55 48 89 e5 53 48 83 ec 08 48 8b 1d ");
    return l;
  }
}
