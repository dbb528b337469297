package io.smpsim.kernel.kprobes;

import io.smpsim.hw.cpu.NmiSource;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.Quirk;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.core.PerCpu;
import io.smpsim.kernel.printk.LogLevel;
import java.util.List;
import java.util.Map;

/**
 * One CPU's kprobes (kernel/kprobes.c, arch/x86_64/kernel/kprobes.c of 2.6.1x): the probe this
 * CPU's text carries and the kprobe control block of the probe hit now running here.
 *
 * <p>The probe is the Documentation/kprobes.txt example module's: a pre-handler and a
 * post-handler that each printk one line ("pre_handler: p->addr=0x..., rip=..., eflags=0x..."),
 * put on one of the NMI-path functions smpsim runs ({@link #SYMBOLS}). A hit is the x86 kprobe
 * sequence: int3 at the function's first byte, the pre-handler, IRET from the int3 into the
 * single-stepped instruction, the debug trap, the post-handler, IRET back into the function.
 * Both printks go out on the serial console while the CPU waits ({@link Serial8250Console}),
 * and the first IRET re-opens the NMI window of the NMI the probe sits in: a second NMI nests
 * in the still-running first one (kprobe_handler() takes it as a re-entered probe: no handlers,
 * {@code nmissed} counted). On x86_64 every NMI starts at the top of the same IST stack
 * ({@code set_intr_gate_ist(2, &nmi, NMI_STACK)}, arch/x86_64/kernel/traps.c), so the nested
 * one has overwritten the interrupted NMI's return frame.
 *
 * <p>The fix (Fernando Vazquez, Andi Kleen, 2006, "Disallow kprobes on NMI handlers") put the
 * NMI path into .kprobes.text ({@code __kprobes} on do_nmi(), default_do_nmi(),
 * nmi_watchdog_tick() ...): register_kprobe() refuses an address there with -EINVAL
 * ({@code in_kprobes_functions()}). Quirk {@code kprobe-early-iret} is the kernel before it.
 */
public final class Kprobes {

  /** The per-CPU variable. */
  public static final PerCpu<Kprobes> KEY = new PerCpu<>("kprobes");

  /** The module {@code inject kprobe} loads (the kprobes.txt example). */
  public static final String MODULE = "kprobe_example";

  /** do_nmi(): every NMI. */
  public static final String DO_NMI = "do_nmi";
  /** default_do_nmi(): every NMI no set_nmi_callback() callback took. */
  public static final String DEFAULT_DO_NMI = "default_do_nmi";
  /** nmi_watchdog_tick(): every NMI that is not a chipset (SERR/IOCHK) one. */
  public static final String NMI_WATCHDOG_TICK = "nmi_watchdog_tick";

  /** The functions smpsim runs that a probe can be put on, with their addresses. */
  public static final Map<String, Long> SYMBOLS = Map.of(
      DO_NMI, 0xffffffff8026a8a0L,
      DEFAULT_DO_NMI, 0xffffffff8026a628L,
      NMI_WATCHDOG_TICK, 0xffffffff8021a0e0L);

  /** -EINVAL, what register_kprobe() returns for an address in .kprobes.text. */
  public static final int EINVAL = -22;

  /** RFLAGS in an NMI handler (IF clear), and with TF set while single-stepping. */
  private static final long NMI_EFLAGS = 0x46;
  private static final long TRAP_FLAG = 0x100;

  /** Where a probe hit stands (kprobe_status). */
  private enum Status { NONE, HIT_ACTIVE, HIT_SS }

  private String probe;
  private Status status = Status.NONE;
  private String hitFunction;
  private NmiSource hitSource;
  /** A nested NMI ran while the hit was open: the interrupted NMI's IST frame is gone. */
  private boolean nmiStackClobbered;
  private long nmissed;
  /** This CPU died of the corrupted NMI stack: its probe handlers run no more. */
  private boolean dead;

  /** {@code cpu}'s copy. */
  public static Kprobes of(KernelCpu cpu) {
    return cpu.get(KEY);
  }

  /**
   * Whether register_kprobe() refuses {@code function}: after the fix the NMI path is in
   * .kprobes.text.
   */
  public static boolean blacklisted(MachineConfig config, String function) {
    return SYMBOLS.containsKey(function) && !config.has(Quirk.KPROBE_EARLY_IRET);
  }

  /** The function this CPU's probe is on, or null. */
  public String probe() {
    return probe;
  }

  /** The probe's hits this CPU took without running its handlers (re-entered). */
  public long nmissed() {
    return nmissed;
  }

  /** The module's init on the shell's CPU: register_kprobe() and the module's printk. */
  void register(KernelCpu k, String function) {
    long addr = SYMBOLS.get(function);
    if (blacklisted(k.config(), function)) {
      k.printk(LogLevel.WARNING, List.of("register_kprobe failed, returned " + EINVAL));
      return;
    }
    for (int c = 0; c < k.config().cpus(); c++) {
      if (c != k.index()) {
        k.mail(c, new KprobeMail.Arm(function));
      }
    }
    probe = function;
    k.printk(LogLevel.WARNING, List.of(String.format("Planted kprobe at %016x", addr)));
  }

  /** arch_arm_kprobe() as this CPU sees it. */
  void arm(String function) {
    probe = function;
  }

  /**
   * The NMI path reaches {@code function}'s first instruction. Returns true if a probe is hit
   * and its handlers now run (the function goes on at {@link KprobeMail.Resume}); false if the
   * function runs on at once (no probe here, or a re-entered probe: kprobe_handler()'s "We have
   * reentered the kprobe_handler()" single-steps it without handlers).
   */
  public boolean hit(KernelCpu k, String function, NmiSource source) {
    if (dead || !function.equals(probe)) {
      return false;
    }
    if (status != Status.NONE) {
      nmissed++;
      nmiStackClobbered = true;
      return false;
    }
    status = Status.HIT_ACTIVE;
    hitFunction = function;
    hitSource = source;
    long addr = SYMBOLS.get(function);
    String line = String.format("pre_handler: p->addr=0x%016x, rip=%x, eflags=0x%x", addr,
        addr + 1, NMI_EFLAGS);
    k.printk(LogLevel.WARNING, List.of(line));
    k.hw().holdHandler(Long.MAX_VALUE);
    k.hw().later(Serial8250Console.writeNs(line, baud(k)), new KprobeMail.SingleStep());
    return true;
  }

  /**
   * The pre-handler is done: the int3 handler returns with IRET into the single-stepped copy of
   * the instruction (NMIs unblocked from here on), the debug trap follows and runs the
   * post-handler.
   */
  void singleStep(KernelCpu k) {
    if (status != Status.HIT_ACTIVE) {
      return;
    }
    status = Status.HIT_SS;
    // The IRET: an NMI latched during the pre-handler nests here, at once.
    k.hw().iret();
    long addr = SYMBOLS.get(hitFunction);
    String line = String.format("post_handler: p->addr=0x%016x, eflags=0x%x", addr,
        NMI_EFLAGS | TRAP_FLAG);
    k.printk(LogLevel.WARNING, List.of(line));
    k.hw().later(Serial8250Console.writeNs(line, baud(k)),
        new KprobeMail.Resume(hitFunction, hitSource));
  }

  /**
   * The post-handler is done: the debug trap returns with IRET into the probed function.
   * Returns whether a nested NMI overwrote this NMI's return frame meanwhile (the NMI's own
   * IRET then goes wrong).
   */
  public boolean resume(KernelCpu k) {
    status = Status.NONE;
    hitFunction = null;
    hitSource = null;
    k.hw().iret();
    boolean clobbered = nmiStackClobbered;
    nmiStackClobbered = false;
    return clobbered;
  }

  /**
   * The CPU double-faulted on the corrupted NMI stack and went into panic(): what it executes
   * from there on is no longer the kernel's code, so smpsim runs no more probe handlers on it
   * (its later NMIs go straight through the NMI path).
   */
  public void died() {
    dead = true;
    status = Status.NONE;
  }

  private static int baud(KernelCpu k) {
    return Serial8250Console.baud(k.config().kernelCmdline());
  }
}
