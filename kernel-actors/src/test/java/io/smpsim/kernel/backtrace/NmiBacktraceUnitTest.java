package io.smpsim.kernel.backtrace;

import io.smpsim.kernel.sysctl.BacktraceMail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.hw.HwTimings;
import io.smpsim.hw.cpu.CpuContext;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.panic.KernelLock;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.kernel.sysctl.NmiWatchdogMode;
import io.smpsim.kernel.sysctl.WatchdogParams;
import io.smpsim.kernel.watchdog.Watchdogs;
import io.smpsim.kernel.core.BacktraceCaller;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NmiBacktrace alone, on a recording stand-in for one CPU (the asking CPU 0 of 4, in an NMI
 * handler): the cases a whole machine rarely shows, a CPU that never answers and a request
 * refused because backtrace_flag is set.
 */
class NmiBacktraceUnitTest {

  /** Who asks, as the lockup detectors and SysRq do (nothing to go on with here). */
  enum Caller implements BacktraceCaller {
    HARD, SOFT,
    SYSRQ {
      @Override
      public boolean isSysrqWrite() {
        return true;
      }
    };

    @Override
    public void backtraceDone(KernelCpu cpu, long job) {}
  }

  /** What the stand-in CPU was asked to do. */
  private final List<String> printed = new ArrayList<>();
  private final List<String> mailed = new ArrayList<>();
  private final List<Object> sysctl = new ArrayList<>();
  private final List<String> hw = new ArrayList<>();

  private KernelCpu cpu0() {
    MachineConfig config = new MachineConfig("m0", 0, 4, 1, 250, true, "console=ttyS0",
        "Test CPU", 3_000_000, HwTimings.uniform(100), 1_000_000,
        MachineConfig.Placement.MACHINE);
    MachineLayout layout = new MachineLayout(0, 4);
    WatchdogParams params = new WatchdogParams(NmiWatchdogMode.PERF, true, true, 10, false,
        false, true, false, false, 0, false, false, 0);
    Watchdogs watchdogs = new Watchdogs(config);
    watchdogs.publish(params);
    CpuContext ctx = (CpuContext) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {CpuContext.class}, (p, m, a) -> {
          switch (m.getName()) {
            case "inNmi":
              return true;
            case "inIrq":
              return false;
            case "now":
              return 5_000_000_000L;
            case "later":
              hw.add("later " + a[0] + " " + a[1].getClass().getSimpleName());
              return 7L;
            default:
              hw.add(m.getName() + (a == null ? "" : " " + a[0]));
              return null;
          }
        });
    return (KernelCpu) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {KernelCpu.class}, (p, m, a) -> {
          switch (m.getName()) {
            case "hw":
              return ctx;
            case "index":
              return 0;
            case "config":
              return config;
            case "layout":
              return layout;
            case "get":
              return watchdogs;
            case "taint":
              return params.taint();
            case "current":
              return null;
            case "idle":
              return true;
            case "printk":
              @SuppressWarnings("unchecked") List<String> lines = (List<String>) a[1];
              printed.addAll(lines);
              return null;
            case "mail":
              mailed.add(a[0] + " " + a[1]);
              return null;
            case "toSysctl":
              sysctl.add(a[0]);
              return null;
            default:
              throw new UnsupportedOperationException(m.getName());
          }
        });
  }

  private static BitSet cpus(int n) {
    BitSet b = new BitSet();
    b.set(0, n);
    return b;
  }

  @Test
  void aCpuThatNeverAnswersIsLeftOutAfterTenSecondsAndTheFlagIsReleased() {
    KernelCpu k = cpu0();
    NmiBacktrace bt = new NmiBacktrace();
    assertTrue(bt.trigger(k, true, Caller.HARD, -1));
    assertEquals(List.of(new Sysctl.Acquire(0, KernelLock.BACKTRACE)), sysctl);
    assertTrue(hw.contains("holdHandler " + Long.MAX_VALUE), hw.toString());
    assertFalse(bt.trigger(k, true, Caller.SOFT, -1), "one at a time");

    assertNull(bt.onMail(k, new BacktraceMail.Flag(true, cpus(4))));
    assertEquals(List.of("Sending NMI from CPU 0 to CPUs 1-3:"), printed);
    assertEquals(List.of("1 Request[fromCpu=0, targets=3]", "2 Request[fromCpu=0, targets=3]",
        "3 Request[fromCpu=0, targets=3]"),
        mailed);
    assertTrue(hw.contains("later " + NmiBacktrace.WAIT_NS + " Timeout"), hw.toString());
    assertNull(bt.onMail(k, new BacktraceMail.Done(1)));
    assertNull(bt.onMail(k, new BacktraceMail.Done(3)));
    // CPU 2 never answers: nothing is printed for it (no CONFIG_NMI_CHECK_CPU).
    NmiBacktrace.Finished f = bt.onMail(k, new BacktraceMail.Timeout());
    assertEquals(new NmiBacktrace.Finished(Caller.HARD, -1, true, true), f);
    assertEquals(new Sysctl.Release(0, KernelLock.BACKTRACE), sysctl.get(1));
    assertEquals(1, printed.size());
    assertNull(bt.onMail(k, new BacktraceMail.Done(2)), "a late answer ends nothing");
    assertFalse(bt.asking());
  }

  @Test
  void allAnswersEndTheWaitAndCancelTheTimer() {
    KernelCpu k = cpu0();
    NmiBacktrace bt = new NmiBacktrace();
    bt.trigger(k, true, Caller.SOFT, -1);
    bt.onMail(k, new BacktraceMail.Flag(true, cpus(3)));
    assertNull(bt.onMail(k, new BacktraceMail.Done(2)));
    NmiBacktrace.Finished f = bt.onMail(k, new BacktraceMail.Done(1));
    assertEquals(Caller.SOFT, f.then());
    assertTrue(hw.contains("cancel 7"), hw.toString());
  }

  @Test
  void aRequestWhileAnotherIsInProgressReturnsWithoutPrintingOrReleasing() {
    KernelCpu k = cpu0();
    NmiBacktrace bt = new NmiBacktrace();
    bt.trigger(k, false, Caller.SYSRQ, 42);
    NmiBacktrace.Finished f = bt.onMail(k, new BacktraceMail.Flag(false, cpus(4)));
    assertEquals(new NmiBacktrace.Finished(Caller.SYSRQ, 42, true, false), f);
    assertTrue(printed.isEmpty());
    assertTrue(mailed.isEmpty());
    assertEquals(1, sysctl.size(), "the flag is not ours to release");
  }

  @Test
  void offlineCpusAreNotTargetsAndALoneOnlineCpuNmisNobody() {
    KernelCpu k = cpu0();
    NmiBacktrace bt = new NmiBacktrace();
    bt.trigger(k, true, Caller.HARD, -1);
    BitSet online = new BitSet();
    online.set(0);
    online.set(2);
    bt.onMail(k, new BacktraceMail.Flag(true, online));
    assertEquals(List.of("Sending NMI from CPU 0 to CPUs 2:"), printed);
    assertEquals(List.of("2 Request[fromCpu=0, targets=1]"), mailed);

    NmiBacktrace alone = new NmiBacktrace();
    alone.trigger(k, true, Caller.HARD, -1);
    online.clear(2);
    NmiBacktrace.Finished f = alone.onMail(k, new BacktraceMail.Flag(true, online));
    assertEquals(Caller.HARD, f.then());
    assertEquals(1, printed.size(), "no Sending line for an empty mask");
  }

  @Test
  void aTargetAnswersOnlyWhenItsBitIsSet() {
    KernelCpu k = cpu0();
    NmiBacktrace bt = new NmiBacktrace();
    assertFalse(bt.nmiCpuBacktrace(k), "NMI_DONE: not ours");
    bt.onMail(k, new BacktraceMail.Request(3, 1));
    assertTrue(bt.nmiCpuBacktrace(k));
    assertEquals(List.of("NMI backtrace for cpu 0 skipped: idling at native_safe_halt+0xb/0x10"),
        printed);
    assertFalse(bt.nmiCpuBacktrace(k), "the bit is claimed");
    // The handler runs as long as its one line takes on hardware; its bit clears at the end.
    assertEquals(List.of("holdHandler " + Long.MAX_VALUE, "later 2000 HandlerEnd"),
        hw.subList(hw.indexOf("holdHandler " + Long.MAX_VALUE), hw.size()));
    assertTrue(mailed.isEmpty());
    bt.onMail(k, new BacktraceMail.HandlerEnd(3, 2000));
    assertEquals(List.of("3 Done[cpu=0]"), mailed);
    assertEquals(List.of(new Sysctl.NmiDuration(0, "nmi_cpu_backtrace_handler", 2000)), sysctl);
    assertEquals("endHandler", hw.get(hw.size() - 1));
  }
}
