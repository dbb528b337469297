package io.smpsim.kernel.backtrace;

import io.smpsim.kernel.sysctl.BacktraceMail;
import io.smpsim.kernel.watchdog.Watchdogs;
import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Shorthand;
import io.smpsim.kernel.core.BacktraceCaller;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.core.PerCpu;
import io.smpsim.kernel.core.CpuList;
import io.smpsim.kernel.panic.KernelLock;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.sim.serialization.WireMessage;
import java.util.BitSet;
import java.util.List;

/**
 * One CPU's part of an all-CPU backtrace (lib/nmi_backtrace.c, 6.x): as the asking CPU,
 * {@code nmi_trigger_cpumask_backtrace()} (take {@code backtrace_flag}, copy the online mask,
 * dump itself if it is in the mask, print "Sending NMI from CPU x to CPUs ...:", NMI the others,
 * wait up to 10 s for their bits to clear, touching the soft-lockup watchdog); as a target,
 * {@code nmi_cpu_backtrace()} from the arch_bt NMI handler.
 *
 * <p>On a 2.6 machine ({@code nmi_watchdog=1|2}) it is {@code __trigger_all_cpu_backtrace()}
 * of arch/x86_64/kernel/nmi.c instead: no flag, no IPI and no "Sending" line; the online mask,
 * the asking CPU included, is copied into backtrace_mask and each CPU prints its backtrace in
 * its next watchdog NMI (nmi_watchdog_tick), so only CPUs whose NMI watchdog ticks answer.
 *
 * <p>{@code backtrace_flag} and {@code cpu_online_mask} are machine-wide memory: the flag is
 * taken with {@link Sysctl.Acquire} ({@link KernelLock#BACKTRACE}), whose answer carries the
 * online mask. While it waits for that answer and for the others, a CPU asking from an
 * interrupt or NMI handler stays in it.
 */
public final class NmiBacktrace implements WireMessage {

  /** The per-CPU variable. */
  public static final PerCpu<NmiBacktrace> KEY = new PerCpu<>("nmi_backtrace");

  /** {@code cpu}'s copy. */
  public static NmiBacktrace of(KernelCpu cpu) {
    return cpu.get(KEY);
  }

  /** How long the asking CPU waits for the others (10 * 1000 x mdelay(1)). */
  public static final long WAIT_NS = 10_000_000_000L;

  /**
   * The end of one request on the asking CPU.
   *
   * @param then who asked
   * @param job the shell job waiting on it (SysRq), or -1
   * @param held whether the asking CPU was kept in its interrupt or NMI handler
   * @param waited whether it went through the wait loop (it held backtrace_flag)
   */
  public record Finished(BacktraceCaller then, long job, boolean held, boolean waited) {}

  // ---- the asking side ----
  private BacktraceCaller then;
  private long job = -1;
  private boolean excludeSelf;
  /** trigger_single_cpu_backtrace()'s one CPU, or -1 for the online mask. */
  private int only = -1;
  private boolean held;
  private boolean flagPending;
  /** Whether this CPU set backtrace_flag (and must clear it). */
  private boolean owned;
  /** backtrace_mask as this CPU waits on it, or null. */
  private BitSet waiting;
  private long timer = -1;

  // ---- the target side ----
  /** The CPU that set this CPU's bit in backtrace_mask, or -1. */
  private int requestedBy = -1;
  /** How many CPUs that CPU sent the NMI to. */
  private int targets;

  /** The handler's name as nmi_check_duration() prints it (%ps of action->handler). */
  static final String HANDLER = "nmi_cpu_backtrace_handler";

  /** Whether this CPU is in nmi_trigger_cpumask_backtrace() now. */
  public boolean asking() {
    return then != null;
  }

  /**
   * nmi_trigger_cpumask_backtrace(cpu_online_mask, exclude_self ? this cpu : -1): starts the
   * request; returns false (and the caller goes on at once) if this CPU is already in one.
   */
  public boolean trigger(KernelCpu k, boolean excludeSelf, BacktraceCaller then, long job) {
    return trigger(k, excludeSelf, -1, then, job);
  }

  /**
   * trigger_single_cpu_backtrace(cpu) (include/linux/nmi.h): the same request over the mask of
   * {@code cpu} alone; false if this CPU is already in one.
   */
  public boolean triggerSingle(KernelCpu k, int cpu, BacktraceCaller then) {
    return trigger(k, false, cpu, then, -1);
  }

  private boolean trigger(KernelCpu k, boolean excludeSelf, int only, BacktraceCaller then,
      long job) {
    if (this.then != null) {
      return false;
    }
    this.only = only;
    this.then = then;
    this.job = job;
    this.excludeSelf = excludeSelf;
    this.held = k.hw().inNmi() || k.hw().inIrq();
    if (held) {
      k.hw().holdHandler(Long.MAX_VALUE);
    }
    flagPending = true;
    k.toSysctl(new Sysctl.Acquire(k.index(), KernelLock.BACKTRACE));
    return true;
  }

  /** A backtrace message for this CPU; returns the finished request, if this ended one. */
  public Finished onMail(KernelCpu k, BacktraceMail.Mail m) {
    if (m instanceof BacktraceMail.Request r) {
      requestedBy = r.fromCpu();
      targets = r.targets();
    } else if (m instanceof BacktraceMail.HandlerEnd e) {
      handlerEnd(k, e);
    } else if (m instanceof BacktraceMail.Flag f) {
      if (flagPending) {
        flagPending = false;
        owned = f.ok();
        if (Watchdogs.of(k).boot().mode().legacy()) {
          return startLegacy(k, f.online());
        }
        // test_and_set_bit() found it set: another backtrace is in progress; no double dump.
        return f.ok() ? start(k, f.online()) : finish(k, false);
      }
    } else if (m instanceof BacktraceMail.Done d) {
      if (waiting != null) {
        waiting.clear(d.cpu());
        if (waiting.isEmpty()) {
          k.hw().cancel(timer);
          return finish(k, owned);
        }
      }
    } else if (m instanceof BacktraceMail.Timeout) {
      if (waiting != null) {
        // CPUs that never answered just have no backtrace (no CONFIG_NMI_CHECK_CPU); their
        // bits stay set, so an NMI that gets through later still prints theirs.
        return finish(k, owned);
      }
    }
    return null;
  }

  private Finished start(KernelCpu k, BitSet online) {
    BitSet mask = (BitSet) online.clone();
    if (only >= 0) {
      mask.clear(0, only);
      mask.clear(only + 1, Math.max(only + 1, mask.length()));
    }
    int self = k.index();
    if (excludeSelf) {
      mask.clear(self);
    }
    if (mask.get(self)) {
      // No NMI to itself: nmi_cpu_backtrace(NULL), a dump_stack() of where it is.
      k.printk(LogLevel.WARNING, NmiCpuBacktrace.self(k, then));
      mask.clear(self);
    }
    if (mask.isEmpty()) {
      return finish(k, true);
    }
    k.printk(LogLevel.INFO, List.of("Sending NMI from CPU " + self + " to CPUs "
        + CpuList.format(mask) + ":"));
    // x86 nmi_raise_cpu_backtrace(): apic->send_IPI_mask(mask, NMI_VECTOR), one ICR write per
    // CPU; the bits are in memory before the NMIs leave.
    int n = mask.cardinality();
    for (int c = mask.nextSetBit(0); c >= 0; c = mask.nextSetBit(c + 1)) {
      k.mail(c, new BacktraceMail.Request(self, n));
    }
    for (int c = mask.nextSetBit(0); c >= 0; c = mask.nextSetBit(c + 1)) {
      k.hw().apic(new LocalApic.WriteIcr(DeliveryMode.NMI, Shorthand.NONE,
          k.layout().apicId(c), 2));
    }
    waiting = mask;
    timer = k.hw().later(WAIT_NS, new BacktraceMail.Timeout());
    return null;
  }

  /** 2.6: backtrace_mask = cpu_online_map, then wait for the watchdog NMIs to clear it. */
  private Finished startLegacy(KernelCpu k, BitSet online) {
    BitSet mask = (BitSet) online.clone();
    if (excludeSelf) {
      mask.clear(k.index());
    }
    if (mask.isEmpty()) {
      return finish(k, owned);
    }
    for (int c = mask.nextSetBit(0); c >= 0; c = mask.nextSetBit(c + 1)) {
      if (c == k.index()) {
        requestedBy = c;
      } else {
        k.mail(c, new BacktraceMail.Request(k.index(), mask.cardinality()));
      }
    }
    waiting = mask;
    timer = k.hw().later(WAIT_NS, new BacktraceMail.Timeout());
    return null;
  }

  private Finished finish(KernelCpu k, boolean owned) {
    this.owned = false;
    if (owned) {
      // clear_bit_unlock(0, &backtrace_flag)
      k.toSysctl(new Sysctl.Release(k.index(), KernelLock.BACKTRACE));
    }
    Finished f = new Finished(then, job, held, owned);
    then = null;
    only = -1;
    job = -1;
    held = false;
    waiting = null;
    timer = -1;
    return f;
  }

  /**
   * The arch_bt NMI handler's work (nmi_cpu_backtrace with regs): if this CPU's bit is set,
   * print its backtrace under the printk CPU lock (one block in the log), clear the bit and
   * claim the NMI. The handler runs as long as its printing takes ({@link
   * io.smpsim.kernel.CpuId#nmiHandlerNs}); the bit is cleared at its end, and nmi_handle()
   * hands the time to nmi_check_duration(). The 2.6 path (from nmi_watchdog_tick, which has no
   * such check) takes no time.
   */
  public boolean nmiCpuBacktrace(KernelCpu k) {
    if (requestedBy < 0) {
      return false;
    }
    int from = requestedBy;
    requestedBy = -1;
    if (Watchdogs.of(k).boot().mode().legacy()) {
      k.printk(LogLevel.WARNING, NmiCpuBacktrace.legacy(k));
      if (from == k.index()) {
        // The asking CPU's own watchdog NMI, in its wait loop: the bit is cleared in place.
        k.hw().later(0, new BacktraceMail.Done(from));
      } else {
        k.mail(from, new BacktraceMail.Done(k.index()));
      }
      return true;
    }
    List<String> lines = NmiCpuBacktrace.fromNmi(k);
    k.printk(LogLevel.WARNING, lines);
    // The targets' handlers and the sender's wait loop run at once.
    long ns = k.config().cpuId().nmiHandlerNs(lines.size(), targets + 1, k.hw().random());
    k.hw().holdHandler(Long.MAX_VALUE);
    k.hw().later(ns, new BacktraceMail.HandlerEnd(from, ns));
    return true;
  }

  /** The handler's end: the bit is cleared, nmi_check_duration(), the NMI returns. */
  private void handlerEnd(KernelCpu k, BacktraceMail.HandlerEnd e) {
    k.mail(e.fromCpu(), new BacktraceMail.Done(k.index()));
    k.toSysctl(new Sysctl.NmiDuration(k.index(), HANDLER, e.ns()));
    k.hw().endHandler();
  }
}
