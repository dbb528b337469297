package io.smpsim.kernel.hotplug;

import io.smpsim.kernel.core.CpuList;
import io.smpsim.kernel.JobAsker;
import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.IoApic;
import io.smpsim.hw.apic.RedirectionEntry;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.core.JobTable;
import io.smpsim.kernel.core.Vectors;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.printk.Printk;
import io.smpsim.kernel.core.Errno;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.sim.Address;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * CPU hotplug, machine-wide (kernel/cpu.c): the CPU masks (cpu_online_mask, cpu_present_mask,
 * cpu_possible_mask), and the state machine that takes a CPU down or brings it up, one
 * operation at a time as {@code cpu_hotplug_lock} serializes them (requests that arrive while
 * one runs wait in a queue).
 *
 * <p>Down: the dying CPU's ONLINE teardowns ({@code lockup_detector:online}, through the
 * watchdog control), then {@code take_cpu_down} (clear the online bit, {@code fixup_irqs}
 * re-routes the IO-APIC pins aimed at it, the CPU stops its local APIC timer, takes its local
 * APIC offline and migrates its runqueue), then {@code play_dead}; once it reports death the
 * control side prints {@code smpboot: CPU N is now offline}. Up: {@code do_boot_cpu} prints the
 * announce line and the control CPU wakes the AP with INIT/SIPI; the AP sets itself up (local
 * APIC, tick, lockup detectors with fresh timestamps) and reports in.
 *
 * <p>The PM core uses the same path for {@code freeze_secondary_cpus} /
 * {@code thaw_secondary_cpus}; between PM_SUSPEND_PREPARE and PM_POST_SUSPEND user requests get
 * EBUSY ({@code cpu_hotplug_disabled}).
 */
public final class CpuHotplug extends Entity<Sysctl.OfflineAsker> {

  /**
   * What the hotplug controller accepts besides the sysctl entity's
   * {@link Sysctl.WatchdogOffline}.
   */
  public sealed interface Command extends Sysctl.OfflineAsker
      permits SetOnline, QueryMasks, Request, Freeze, Thaw, SetDisabled, FreezeTasks,
          ThawTasks, Dead, ApOnline, RouteIrq, WakeupFailed {}

  /**
   * What the entity that freezes the CPUs for a system sleep (the PM core) accepts from the
   * controller: the ends of its {@link Freeze} and {@link Thaw}.
   */
  public interface FreezeAsker extends SimMessage {}

  /** freeze_secondary_cpus() is done: {@code primary} is the one CPU left online. */
  public record CpusFrozen(int primary) implements FreezeAsker {}

  /** thaw_secondary_cpus() is done. */
  public record CpusThawed() implements FreezeAsker {}

  /** set_cpu_online(cpu, online), as the boot CPU brings the others up at boot. */
  public record SetOnline(int cpu, boolean online) implements Command {}

  /** Send the masks to the shell job {@code job}. */
  public record QueryMasks(long job) implements Command {}

  /**
   * A write of {@code /sys/devices/system/cpu/cpuN/online} for shell job {@code job}, by the
   * shell running on {@code shellCpu} with the CPU affinity {@code shellAllowed} (null: every
   * CPU): taking its own CPU down moves it.
   */
  public record Request(long job, int cpu, boolean online, int shellCpu, BitSet shellAllowed)
      implements Command {}

  /** freeze_secondary_cpus(): the PM core takes every non-boot CPU down; then tells replyTo. */
  public record Freeze(Address<FreezeAsker> replyTo) implements Command {}

  /** thaw_secondary_cpus(): bring the frozen CPUs back; then tell replyTo. */
  public record Thaw(Address<FreezeAsker> replyTo) implements Command {}

  /** cpu_hotplug_disable() / cpu_hotplug_enable() (the PM notifier). */
  public record SetDisabled(boolean disabled) implements Command {}

  /**
   * freeze_processes() at the start of a system sleep: every CPU's user tasks leave its
   * runqueue for the refrigerator (before the CPUs go down, so none of them is migrated).
   */
  public record FreezeTasks() implements Command {}

  /**
   * thaw_processes() at the end of a system sleep, on the lowest online CPU: every CPU wakes the
   * user tasks the freezer stopped on it.
   */
  public record ThawTasks() implements Command {}

  /** cpu_report_death(): the dying CPU is in play_dead. */
  public record Dead(int cpu) implements Command {}

  /** The AP brought up by hotplug reached CPUHP_ONLINE. */
  public record ApOnline(int cpu) implements Command {}

  /** do_boot_cpu() gave up waiting for {@code cpu}'s first sign of life. */
  public record WakeupFailed(int cpu) implements Command {}

  /** The kernel routes device IRQ {@code gsi} to {@code cpu} (its effective affinity). */
  public record RouteIrq(int gsi, int cpu) implements Command {}

  /** The masks, as answered to {@link QueryMasks}. */
  public record Masks(BitSet online, BitSet present, BitSet possible) implements SimMessage {}

  /**
   * The outcome of a {@link Request}: {@code error} null on success, else the errno; the CPU
   * the shell runs on after it, and whether its affinity fell back to every CPU (it had no
   * online CPU left).
   */
  public record Result(Errno error, int shellCpu, boolean shellFallback) implements SimMessage {}

  /** The IO-APIC pins whose effective CPU the kernel tracks: rtc0 (IRQ 8), acpi (IRQ 9). */
  static final int[] DEVICE_GSIS = {8, 9};

  private final MachineConfig config;
  private final MachineLayout layout;
  private final BitSet online = new BitSet();
  private final BitSet present;
  private final BitSet possible;
  /** Effective CPU of each IO-APIC pin the kernel routed to one CPU, or -1. */
  private final int[] irqCpu = new int[IoApic.PINS];
  private boolean disabled;
  private boolean devicesRouted;

  private final ArrayDeque<Command> queue = new ArrayDeque<>();
  /** Where the request's writer, the shell, runs once its CPU is down (-1: it stays). */
  private int shellTo = -1;
  /** Whether the shell's affinity fell back to every CPU on the way. */
  private boolean shellFallback;
  /** The operation holding cpu_hotplug_lock, or null. */
  private Command current;
  /** The CPU being taken down or brought up by {@link #current}, or -1. */
  private int busyCpu = -1;
  /** The control CPU that kicked {@link #busyCpu} up (the lowest online one). */
  private int kickCpu;
  /** freeze_secondary_cpus: the CPUs taken down (frozen_cpus). */
  private final BitSet frozen = new BitSet();
  /** thaw: the CPUs still to bring up. */
  private final BitSet thawing = new BitSet();

  private transient EntityContext ctx;

  public CpuHotplug(MachineConfig config, MachineLayout layout) {
    this.config = config;
    this.layout = layout;
    this.present = CpuList.range(config.cpus());
    this.possible = CpuList.range(config.cpus());
    java.util.Arrays.fill(irqCpu, -1);
  }

  /** Whether the boot CPU has an online file (cpu0_hotplug, 3.7-6.4). */
  public static boolean cpu0Hotpluggable(MachineConfig config) {
    return config.kernelCmdline().has("cpu0_hotplug");
  }

  @Override
  public void onEvent(EntityContext ctx, int src, Sysctl.OfflineAsker msg) {
    this.ctx = ctx;
    if (msg instanceof SetOnline s) {
      online.set(s.cpu(), s.online());
      if (s.cpu() == 0 && s.online() && !devicesRouted) {
        // Legacy IRQs are set up while only the boot CPU is online: their vectors land there.
        devicesRouted = true;
        for (int gsi : DEVICE_GSIS) {
          route(gsi, 0);
        }
      }
    } else if (msg instanceof QueryMasks q) {
      reply(q.job(), new Masks((BitSet) online.clone(), (BitSet) present.clone(),
          (BitSet) possible.clone()));
    } else if (msg instanceof RouteIrq r) {
      route(r.gsi(), r.cpu());
    } else if (msg instanceof Sysctl.WatchdogOffline w) {
      if (w.cpu() == busyCpu) {
        takeCpuDown(w.cpu());
      }
    } else if (msg instanceof Dead d) {
      if (d.cpu() == busyCpu) {
        // arch/x86/kernel/smpboot.c common_cpu_die(), once the CPU is dead.
        printk("smpboot: CPU " + d.cpu() + " is now offline");
        busyCpu = -1;
        downDone(d.cpu());
      }
    } else if (msg instanceof ApOnline a) {
      if (a.cpu() == busyCpu) {
        // The AP's call-in wakes the control CPU's task, which unparks its hotplug thread.
        toCpu(a.cpu(), new HotplugMail.Complete(kickCpu));
        toCpu(kickCpu, new HotplugMail.Unpark(a.cpu()));
        online.set(a.cpu());
        busyCpu = -1;
        upDone(a.cpu());
      }
    } else if (msg instanceof WakeupFailed f) {
      if (f.cpu() == busyCpu) {
        busyCpu = -1;
        upFailed(f.cpu());
      }
    } else if (msg instanceof Command c) {
      queue.add(c);
    } else {
      throw new IllegalArgumentException("the hotplug controller does not understand " + msg);
    }
    while (current == null && !queue.isEmpty()) {
      start(queue.poll());
    }
  }

  // ---- operations -----------------------------------------------------------------------------

  private void start(Command msg) {
    current = msg;
    if (msg instanceof SetDisabled s) {
      disabled = s.disabled();
      current = null;
    } else if (msg instanceof FreezeTasks) {
      toEveryCpu(new HotplugMail.FreezeTasks());
      current = null;
    } else if (msg instanceof ThawTasks) {
      toEveryCpu(new HotplugMail.ThawTasks(online.nextSetBit(0)));
      current = null;
    } else if (msg instanceof Request r) {
      if (r.online() == online.get(r.cpu())) {
        // device_online()/device_offline(): already in that state, nothing to do.
        finishRequest(null);
      } else if (disabled) {
        finishRequest(Errno.EBUSY);
      } else if (r.online()) {
        cpuUp(r.cpu());
      } else if (online.cardinality() <= 1) {
        // _cpu_down(): the last online CPU stays.
        finishRequest(Errno.EBUSY);
      } else {
        cpuDown(r.cpu());
      }
    } else if (msg instanceof Freeze) {
      printk("Disabling non-boot CPUs ...");
      frozen.clear();
      freezeNext();
    } else if (msg instanceof Thaw) {
      disabled = false;
      thawing.clear();
      thawing.or(frozen);
      if (!thawing.isEmpty()) {
        printk("Enabling non-boot CPUs ...");
      }
      thawNext();
    }
  }

  private void freezeNext() {
    int primary = online.nextSetBit(0);
    // kernel/cpu.c (6.6) freeze_secondary_cpus(): for_each_online_cpu, ascending.
    int next = online.nextSetBit(primary + 1);
    if (next < 0) {
      // cpu_hotplug_disabled++ until thaw.
      disabled = true;
      Freeze f = (Freeze) current;
      current = null;
      ctx.send(f.replyTo(), config.timings().mmio(), new CpusFrozen(primary));
      return;
    }
    cpuDown(next);
  }

  private void thawNext() {
    int next = thawing.nextSetBit(0);
    if (next < 0) {
      if (!frozen.isEmpty()) {
        // arch_thaw_secondary_cpus_end(): mtrr_aps_init() on the control CPU.
        int control = online.nextSetBit(0);
        List<Integer> aps = new ArrayList<>();
        for (int c = online.nextSetBit(0); c >= 0; c = online.nextSetBit(c + 1)) {
          if (c != control) {
            aps.add(c);
          }
        }
        toCpu(control, new HotplugMail.MtrrApsInit(aps));
      }
      frozen.clear();
      Thaw t = (Thaw) current;
      current = null;
      ctx.send(t.replyTo(), config.timings().mmio(), new CpusThawed());
      return;
    }
    thawing.clear(next);
    cpuUp(next);
  }

  private void downDone(int cpu) {
    if (current instanceof Freeze) {
      frozen.set(cpu);
      freezeNext();
    } else {
      finishRequest(null);
    }
  }

  private void upDone(int cpu) {
    if (current instanceof Thaw) {
      printk("CPU" + cpu + " is up");
      thawNext();
    } else {
      finishRequest(null);
    }
  }

  /**
   * native_cpu_up() failed: _cpu_up() rolls the CPU back and the write fails with EIO. (A thaw
   * never meets it: the frozen CPUs answered once, and an AP's start-up time does not change.)
   */
  private void upFailed(int cpu) {
    printk(LogLevel.ERR, ApWakeup.failedLine(cpu));
    finishRequest(Errno.EIO);
  }

  /**
   * migrate_tasks() of the writer off its dying CPU, as select_fallback_rq() places it (the
   * first online CPU of its mask; with none, its mask falls back to every CPU, and the kernel
   * says so, on the dying CPU, before the CPU is reported offline).
   */
  private void moveShell(Request r, int target) {
    int first = CpuList.firstAllowed(r.shellAllowed(), online);
    shellFallback = first < 0;
    shellTo = shellFallback ? target : first;
    if (shellFallback) {
      toCpu(r.cpu(), new HotplugMail.NoLongerAffine(JobTable.SHELL_PID, JobTable.SHELL_COMM));
    }
  }

  private void finishRequest(Errno e) {
    Request r = (Request) current;
    current = null;
    int to = shellTo >= 0 ? shellTo : r.shellCpu();
    reply(r.job(), new Result(e, to, shellFallback));
    shellTo = -1;
    shellFallback = false;
  }

  /** _cpu_down(): the ONLINE teardowns first, on the dying CPU (lockup_detector:online). */
  private void cpuDown(int cpu) {
    busyCpu = cpu;
    ctx.send(layout.sysctl(), config.timings().mmio(), new Sysctl.CpuOffline(cpu));
  }

  /** take_cpu_down() / __cpu_disable(): offline bit, fixup_irqs, then the CPU dies. */
  private void takeCpuDown(int cpu) {
    online.clear(cpu);
    int target = online.nextSetBit(0);
    if (current instanceof Request r && r.shellCpu() == cpu) {
      moveShell(r, target);
    }
    for (int gsi = 0; gsi < irqCpu.length; gsi++) {
      if (irqCpu[gsi] == cpu) {
        // irq_migrate_all_off_this_cpu(): the affinity (all CPUs) still has online CPUs, so
        // the pin moves to one of them without a message.
        route(gsi, target);
      }
    }
    toCpu(cpu, new HotplugMail.TakeDown(target, (BitSet) online.clone()));
  }

  /** _cpu_up() → native_cpu_up() → do_boot_cpu(): announce, then INIT/SIPI from a control CPU. */
  private void cpuUp(int cpu) {
    busyCpu = cpu;
    // arch/x86/kernel/smpboot.c announce_cpu(): up to 6.4 "x86: Booting SMP configuration:" is
    // printed whenever CPU 1 boots, also at runtime (as the recorded 6.1 kernel shows).
    if (cpu == 1) {
      printk("x86: Booting SMP configuration:");
    }
    printk("smpboot: Booting Node 0 Processor " + cpu + " APIC 0x"
        + Integer.toHexString(layout.apicId(cpu)));
    kickCpu = online.nextSetBit(0);
    toCpu(kickCpu, new HotplugMail.Kick(cpu));
    if (!ApWakeup.answersInTime(config)) {
      ctx.send(layout.hotplug(), ApWakeup.GIVE_UP_NS, new WakeupFailed(cpu));
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private void route(int gsi, int cpu) {
    irqCpu[gsi] = cpu;
    int vector = gsi < 16 ? Vectors.isa(gsi) : Vectors.isa(0) + gsi;
    ctx.send(layout.ioApic(), config.timings().mmio(), new IoApic.Route(gsi,
        new RedirectionEntry(vector, DeliveryMode.FIXED, layout.apicId(cpu), false)));
  }

  /** The effective CPU of IO-APIC pin {@code gsi}, or -1 (for tests and /proc/interrupts). */
  public int irqCpu(int gsi) {
    return irqCpu[gsi];
  }

  public BitSet online() {
    return (BitSet) online.clone();
  }

  private void toCpu(int cpu, SimMessage m) {
    ctx.send(layout.cpu(cpu), config.timings().ipi(), new Cpu.KernelMail(m));
  }

  private void toEveryCpu(SimMessage m) {
    for (int c = 0; c < config.cpus(); c++) {
      toCpu(c, m);
    }
  }

  private void printk(String line) {
    printk(LogLevel.INFO, line);
  }

  private void printk(LogLevel level, String line) {
    ctx.send(layout.klog(), config.timings().mmio(), Printk.line(ctx.now(), level, line));
  }

  private void reply(long job, SimMessage body) {
    ctx.send(layout.shell(), config.timings().mmio(), new JobAsker.Answer(job, body));
  }
}
