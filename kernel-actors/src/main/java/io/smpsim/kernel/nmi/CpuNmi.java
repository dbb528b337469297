package io.smpsim.kernel.nmi;

import io.smpsim.kernel.watchdog.Watchdogs;
import io.smpsim.hw.chipset.Chipset;
import io.smpsim.hw.cpu.NmiSource;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.core.PerCpu;
import io.smpsim.kernel.kprobes.Kprobes;
import io.smpsim.kernel.printk.DumpStack;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.watchdog.CpuWatchdog;
import io.smpsim.kernel.watchdog.LegacyNmiWatchdog;
import io.smpsim.kernel.watchdog.LegacyWatchdogCpu;
import io.smpsim.sim.serialization.WireMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * NMI handling on one CPU: the handler chains and die notifiers, and the two dispatchers, the
 * modern one (arch/x86/kernel/nmi.c {@code default_do_nmi}, 6.6) and the 2.6 one
 * (arch/x86_64/kernel/traps.c {@code default_do_nmi} with {@code nmi_watchdog_tick} and
 * {@code die_nmi}).
 */
public final class CpuNmi implements WireMessage {

  /** How long io_check_error() waits before re-enabling IOCHK (20000 x 100 us). */
  public static final long IOCHK_WAIT_NS = 2_000_000_000L;

  /** The per-CPU variable. */
  public static final PerCpu<CpuNmi> KEY = new PerCpu<>("nmi");

  private final NmiHandlers handlers = new NmiHandlers();
  private final DieNotifiers dieNotifiers = new DieNotifiers();
  private boolean debugger;
  /** set_nmi_callback()'s callback, or null (the 2.6.18 path; see {@link NmiCallback}). */
  private NmiCallback nmiCallback;

  public CpuNmi() {
    handlers.register(NmiType.LOCAL, new PerfNmiHandler(), false);
    handlers.register(NmiType.LOCAL, new ArchBacktraceHandler(),
        false);
  }

  public NmiHandlers handlers() {
    return handlers;
  }

  /** {@code cpu}'s copy. */
  public static CpuNmi of(KernelCpu cpu) {
    return cpu.get(KEY);
  }

  public DieNotifiers dieNotifiers() {
    return dieNotifiers;
  }

  /** set_nmi_callback() ({@code callback}) or unset_nmi_callback() ({@code null}). */
  public void nmiCallback(NmiCallback callback) {
    nmiCallback = callback;
  }

  /** A kernel debugger attaches: an NMI_UNKNOWN handler, and a die notifier for 2.6. */
  public void attachDebugger(boolean attach) {
    debugger = attach;
    if (attach && !handlers.registered(NmiType.UNKNOWN, "kgdb")) {
      handlers.register(NmiType.UNKNOWN, new DebuggerNmiHandler(), false);
      dieNotifiers.register(new DebuggerDieNotifier());
    } else if (!attach) {
      handlers.unregister(NmiType.UNKNOWN, "kgdb");
      dieNotifiers.unregister("debugger");
    }
  }

  /** What handlers see of one NMI. */
  private final class Ctx implements NmiContext {
    private final KernelCpu k;
    private final NmiSource source;
    private final CpuWatchdog watchdog;

    Ctx(KernelCpu k, NmiSource source, CpuWatchdog watchdog) {
      this.k = k;
      this.source = source;
      this.watchdog = watchdog;
    }

    @Override
    public NmiSource source() {
      return source;
    }

    @Override
    public int reason() {
      return k.hw().nmiReason();
    }

    @Override
    public int perfOverflow() {
      return source == NmiSource.PERF_COUNTER && watchdog != null ? watchdog.perfOverflow(k) : 0;
    }

    @Override
    public int debugger() {
      return debugger ? 1 : 0;
    }

    @Override
    public int backtrace() {
      return k.nmiCpuBacktrace() ? 1 : 0;
    }
  }

  // ---- modern ---------------------------------------------------------------------------------

  /** exc_nmi() / default_do_nmi() of 6.6. */
  public void modern(KernelCpu k, NmiSource source, CpuWatchdog watchdog) {
    k.irqs().nmi++;
    Ctx ctx = new Ctx(k, source, watchdog);
    if (handlers.handle(NmiType.LOCAL, ctx) > 0) {
      return;
    }
    // Non-CPU-specific sources: any CPU may read the reason port (under nmi_reason_lock).
    int reason = k.hw().nmiReason();
    if ((reason & (Chipset.REASON_SERR | Chipset.REASON_IOCHK)) != 0) {
      if ((reason & Chipset.REASON_SERR) != 0) {
        pciSerrError(k, ctx, reason);
      } else {
        ioCheckError(k, ctx, reason);
      }
      return;
    }
    unknownNmiError(k, ctx, reason);
  }

  private void pciSerrError(KernelCpu k, Ctx ctx, int reason) {
    if (handlers.handle(NmiType.SERR, ctx) > 0) {
      return;
    }
    k.printk(LogLevel.EMERG, List.of(String.format(
        "NMI: PCI system error (SERR) for reason %02x on CPU %d.", reason, k.index()),
        "Dazed and confused, but trying to continue"));
    // Clear and disable the PCI SERR error line.
    outb(k, (reason & 0x0f) | Chipset.CLEAR_SERR);
  }

  private void ioCheckError(KernelCpu k, Ctx ctx, int reason) {
    if (handlers.handle(NmiType.IO_CHECK, ctx) > 0) {
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add(String.format("NMI: IOCK error (debug interrupt?) for reason %02x on CPU %d.",
        reason, k.index()));
    lines.addAll(DumpStack.showRegs(k.where()));
    k.printk(LogLevel.EMERG, lines);
    // Re-enable the IOCK line after a few seconds, touching the watchdog meanwhile.
    int clear = (reason & 0x0f) | Chipset.CLEAR_IOCHK;
    outb(k, clear);
    k.touchNmiWatchdog();
    k.hw().holdHandler(Long.MAX_VALUE);
    k.hw().later(IOCHK_WAIT_NS, new NmiMail.IochkWaitDone(clear & ~Chipset.CLEAR_IOCHK));
  }

  /** The end of io_check_error()'s wait: IOCHK back on, the NMI returns. */
  public void iochkWaitDone(KernelCpu k, int value) {
    k.touchNmiWatchdog();
    outb(k, value);
    k.hw().endHandler();
  }

  private void unknownNmiError(KernelCpu k, Ctx ctx, int reason) {
    if (handlers.handle(NmiType.UNKNOWN, ctx) > 0) {
      return;
    }
    String uhhuh = String.format("Uhhuh. NMI received for unknown reason %02x on CPU %d.",
        reason, k.index());
    if (Watchdogs.of(k).params().unknownNmiPanic()) {
      k.printk(LogLevel.EMERG, List.of(uhhuh));
      k.panic("NMI: Not continuing", List.of(" <NMI>", k.config().kernel().dumpStackLvlFrame(),
          k.config().kernel().panicFrame(), " nmi_panic+0x45/0x50",
          " unknown_nmi_error+0x76/0x80",
          " default_do_nmi+0xd4/0x100", " exc_nmi+0x139/0x1c0", " end_repeat_nmi+0xf/0x53",
          " </NMI>"));
      return;
    }
    k.printk(LogLevel.EMERG, List.of(uhhuh, "Dazed and confused, but trying to continue"));
  }

  private static void outb(KernelCpu k, int value) {
    k.hw().send(k.layout().chipset(), k.hw().mmioLatency(),
        new Chipset.Outb(Chipset.NMI_REASON_PORT, value));
  }

  // ---- 2.6 ------------------------------------------------------------------------------------

  /**
   * do_nmi() / default_do_nmi() of 2.6.2x x86_64, with the NMI watchdog's tick. A kprobe on one
   * of these functions ({@link Kprobes}) runs its handlers first; the function then goes on in
   * {@link #resumeProbed}.
   */
  public void legacy(KernelCpu k, NmiSource source, LegacyWatchdogCpu watchdog) {
    if (Kprobes.of(k).hit(k, Kprobes.DO_NMI, source)) {
      return;
    }
    doNmi(k, source, watchdog);
  }

  private void doNmi(KernelCpu k, NmiSource source, LegacyWatchdogCpu watchdog) {
    k.irqs().nmi++;
    Ctx ctx = new Ctx(k, source, null);
    if (nmiCallback != null && nmiCallback.handle(ctx)) {
      // 2.6.18 do_nmi(): "if (!nmi_callback(regs, cpu)) default_do_nmi(regs);".
      return;
    }
    if (Kprobes.of(k).hit(k, Kprobes.DEFAULT_DO_NMI, source)) {
      return;
    }
    defaultDoNmi(k, ctx, watchdog);
  }

  private void defaultDoNmi(KernelCpu k, Ctx ctx, LegacyWatchdogCpu watchdog) {
    // Only the BSP gets external NMIs from the system.
    int reason = k.index() == 0 ? k.hw().nmiReason() : 0;
    if ((reason & (Chipset.REASON_SERR | Chipset.REASON_IOCHK)) == 0) {
      if (dieNotifiers.notify(DieEvent.DIE_NMI_IPI, ctx) == DieNotifier.NOTIFY_STOP) {
        return;
      }
      if (Kprobes.of(k).hit(k, Kprobes.NMI_WATCHDOG_TICK, ctx.source())) {
        return;
      }
      fromWatchdogTick(k, ctx, watchdog, reason);
      return;
    }
    if (dieNotifiers.notify(DieEvent.DIE_NMI, ctx) == DieNotifier.NOTIFY_STOP) {
      return;
    }
    if ((reason & Chipset.REASON_SERR) != 0) {
      k.printk(LogLevel.EMERG, List.of(
          String.format("Uhhuh. NMI received for unknown reason %02x on CPU %d.", reason,
              k.index()),
          "You have some hardware problem, likely on the PCI bus.",
          "Dazed and confused, but trying to continue"));
      outb(k, (reason & 0x0f) | Chipset.CLEAR_SERR);
    }
    if ((reason & Chipset.REASON_IOCHK) != 0) {
      List<String> lines = new ArrayList<>();
      lines.add("NMI: IOCK error (debug interrupt?)");
      lines.addAll(DumpStack.legacyShowRegisters(k.where()));
      k.printk(LogLevel.EMERG, lines);
      int clear = (reason & 0x0f) | Chipset.CLEAR_IOCHK;
      outb(k, clear);
      k.hw().holdHandler(Long.MAX_VALUE);
      k.hw().later(IOCHK_WAIT_NS, new NmiMail.IochkWaitDone(clear & ~Chipset.CLEAR_IOCHK));
    }
  }

  /** default_do_nmi() from its nmi_watchdog_tick() call on. */
  private void fromWatchdogTick(KernelCpu k, Ctx ctx, LegacyWatchdogCpu watchdog, int reason) {
    if (nmiWatchdogTick(k, ctx, watchdog)) {
      return;
    }
    if (Watchdogs.of(k).params().unknownNmiPanic()) {
      dieNmi(k, ctx, String.format("NMI received for unknown reason %02x", reason), true);
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add(String.format("Uhhuh. NMI received for unknown reason %02x on CPU %d.", reason,
        k.index()));
    lines.add("Do you have a strange power saving mode enabled?");
    lines.add("Dazed and confused, but trying to continue");
    k.printk(LogLevel.EMERG, lines);
  }

  /**
   * A probed NMI-path function goes on after its kprobe's handlers. If a nested NMI ran while
   * the probe's IRETs had the NMI window open, it started at the top of the same NMI IST stack
   * and overwrote this NMI's return frame and saved state: the NMI finishes its work, but its
   * own IRET goes through the nested NMI's leftovers, and the CPU double-faults.
   */
  public void resumeProbed(KernelCpu k, String function, NmiSource source) {
    boolean clobbered = Kprobes.of(k).resume(k);
    // The NMI returns once this event is over, unless what runs now keeps it (die_lock, a wait).
    k.hw().holdHandler(0);
    LegacyWatchdogCpu watchdog = Watchdogs.of(k).legacy();
    switch (function) {
      case Kprobes.DO_NMI -> doNmi(k, source, watchdog);
      case Kprobes.DEFAULT_DO_NMI -> defaultDoNmi(k, new Ctx(k, source, null), watchdog);
      default -> fromWatchdogTick(k, new Ctx(k, source, null), watchdog,
          k.index() == 0 ? k.hw().nmiReason() : 0);
    }
    if (clobbered) {
      doubleFault(k);
    }
  }

  /**
   * do_double_fault() of 2.6 x86_64 (arch/x86_64/kernel/traps.c): die("double fault") prints
   * the oops (show_registers() with the loaded module, then the RIP/RSP summary), and
   * do_exit() from the NMI's interrupt context panics; with panic_on_oops oops_end() panics
   * first.
   */
  private void doubleFault(KernelCpu k) {
    List<String> regs = new ArrayList<>(DumpStack.legacyShowRegisters(k.where()));
    String rip = "";
    String rsp = "";
    for (int i = 0; i < regs.size(); i++) {
      String l = regs.get(i);
      if (l.equals("Modules linked in:")) {
        regs.set(i, "Modules linked in: " + Kprobes.MODULE);
      } else if (l.startsWith("RIP: 0010:")) {
        rip = l.substring(l.indexOf("  [<"));
      } else if (l.startsWith("RSP: 0018:")) {
        rsp = l.substring("RSP: 0018:".length(), "RSP: 0018:".length() + 16);
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add("double fault: 0000 [1] SMP ");
    lines.addAll(regs);
    k.printk(LogLevel.EMERG, lines);
    // The executive summary "in case the oops scrolled away": printk_address() ends its line.
    k.printk(LogLevel.ALERT, List.of("RIP " + rip.substring(1), " RSP <" + rsp + ">"));
    Kprobes.of(k).died();
    k.panic(Watchdogs.of(k).params().panicOnOops() ? "Fatal exception"
        : "Aiee, killing interrupt handler!", List.of());
  }

  /** nmi_watchdog_tick(): true when the NMI was the watchdog's (or a notifier's). */
  private boolean nmiWatchdogTick(KernelCpu k, Ctx ctx, LegacyWatchdogCpu watchdog) {
    boolean claimed = dieNotifiers.notify(DieEvent.DIE_NMI, ctx) == DieNotifier.NOTIFY_STOP;
    // __trigger_all_cpu_backtrace() set this CPU's bit: print here; it claims nothing.
    k.nmiCpuBacktrace();
    LegacyNmiWatchdog.Verdict v = watchdog.tick(k, claimed);
    if (v == LegacyNmiWatchdog.Verdict.LOCKUP) {
      dieNmi(k, ctx, "NMI Watchdog detected LOCKUP on CPU " + k.index(),
          Watchdogs.of(k).params().hardlockupPanic());
      return true;
    }
    return watchdog.claim(k, ctx.source()) || claimed;
  }

  /**
   * die_nmi(): offered to the die notifiers, then the report and the registers; then a panic
   * ({@code panic_on_timeout} or {@code panic_on_oops}), or the current task is killed.
   */
  private void dieNmi(KernelCpu k, Ctx ctx, String message, boolean doPanic) {
    if (dieNotifiers.notify(DieEvent.DIE_NMIWATCHDOG, ctx) == DieNotifier.NOTIFY_STOP) {
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add(message);
    lines.addAll(DumpStack.legacyShowRegisters(k.where()));
    k.dieNmi(lines, doPanic || Watchdogs.of(k).params().panicOnOops());
  }
}
