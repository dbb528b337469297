package io.smpsim.kernel.sysctl;

import io.smpsim.kernel.core.AnsweredFile;
import io.smpsim.kernel.core.Errno;
import io.smpsim.kernel.JobAsker;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.panic.KernelLock;
import io.smpsim.kernel.printk.Klog;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.printk.Printk;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The machine's {@code /proc/sys/kernel} and the kernel words behind it, as one entity: it
 * answers sysctl reads and writes with the kernel's proc handlers and errnos, one request at a
 * time. The plain integers are {@link KernelKnobs}; the lockup detectors' knobs and their
 * reconfiguration, the machine-wide half of kernel/watchdog.c, are
 * {@link LockupDetectorControl}; die_lock, panic_cpu and backtrace_flag are
 * {@link KernelLocks}; the NMI handlers' longest runs are {@link NmiDurations}; the load
 * average (kernel/sched/loadavg.c's calc_load_tasks and avenrun) is {@link LoadAvg}.
 */
public final class Sysctl extends Entity<Sysctl.Command> {

  /** CONFIG_NR_CPUS: the length of {@code watchdog_cpumask}. */
  public static final int NR_CPUS = 8192;

  /** The files of /proc/sys/kernel smpsim serves, in directory order. */
  public static final List<String> NAMES = List.of("domainname",
      "hardlockup_all_cpu_backtrace", "hardlockup_panic", "hostname", "hung_task_panic",
      "hung_task_timeout_secs", "nmi_watchdog", "osrelease", "ostype", "panic", "panic_on_oops",
      "panic_on_rcu_stall", "perf_event_paranoid", "printk", "soft_watchdog",
      "softlockup_all_cpu_backtrace", "softlockup_panic", "sysrq", "tainted",
      "unknown_nmi_panic", "version", "watchdog", "watchdog_cpumask", "watchdog_thresh");

  /** Whether /proc/sys/kernel/{@code name} is read-only (0444): no write reaches it. */
  public static boolean readOnly(String name) {
    return UtsNames.readOnly(name);
  }

  /** What the sysctl entity accepts. */
  public sealed interface Command extends SimMessage
      permits Read, Write, LockupDetectorInit, CpuOnline, Ack, PerfEnabled, AddTaint,
          LegacyNmiActive, Acquire, Release, CpuOffline, NmiDuration, NrRunning, LoadAvgRead,
          SyslogConsoleLevel, SysrqLoglevel {}

  /** SysRq's loglevel keys: console_loglevel = {@code level} (0 to 9, no minimum). */
  public record SysrqLoglevel(int level) implements Command {}

  /** syslog(SYSLOG_ACTION_CONSOLE_LEVEL, level) for shell job {@code job} ({@code dmesg -n}). */
  public record SyslogConsoleLevel(long job, int level) implements Command {}

  /** Read /proc/sys/kernel/{@code name} for shell job {@code job}. */
  public record Read(long job, String name) implements Command {}

  /** Write {@code text} to /proc/sys/kernel/{@code name} for shell job {@code job}. */
  public record Write(long job, String name, String text) implements Command {
    @Override
    public long traceId() {
      return job * 31 + name.hashCode() * 17L + text.hashCode();
    }
  }

  /** lockup_detector_init() on the boot CPU. */
  public record LockupDetectorInit(int cpu) implements Command {}

  /** The CPU reached the lockup detectors' hotplug state (lockup_detector_online_cpu). */
  public record CpuOnline(int cpu) implements Command {}

  /**
   * The CPU leaves the lockup detectors' hotplug state (lockup_detector_offline_cpu): its
   * detectors stop; then the hotplug controller hears {@code WatchdogOffline}.
   */
  public record CpuOffline(int cpu) implements Command {}

  /**
   * What an entity that takes CPUs down (the hotplug controller) accepts from the sysctl entity:
   * the end of the lockup detectors' offline work it asked for with {@link CpuOffline}.
   */
  public interface OfflineAsker extends SimMessage {}

  /** lockup_detector_offline_cpu() is done for {@code cpu}. */
  public record WatchdogOffline(int cpu) implements OfflineAsker {}

  /** A CPU finished what it was told. */
  public record Ack(int cpu) implements Command {}

  /** A CPU's perf hard-lockup event was enabled or released ({@code watchdog_cpus}). */
  public record PerfEnabled(int cpu, boolean on) implements Command {}

  /** add_taint(). */
  public record AddTaint(int flag) implements Command {}

  /** A CPU's 2.6 NMI watchdog was armed or silenced ({@code nmi_active}). */
  public record LegacyNmiActive(int cpu, boolean on) implements Command {}

  /** A CPU wants {@code lock} (the machine's memory decides who comes first). */
  public record Acquire(int cpu, KernelLock lock) implements Command {}

  /** A CPU lets {@code lock} go. */
  public record Release(int cpu, KernelLock lock) implements Command {}

  /**
   * nmi_check_duration(): NMI handler {@code handler} ran {@code ns} on {@code cpu} (as
   * sched_clock() measured it around the call). Its longest run is machine-wide memory.
   */
  public record NmiDuration(int cpu, String handler, long ns) implements Command {}

  /**
   * A CPU's runqueue ({@code rq->nr_running}) grew or shrank by {@code delta}: what the load
   * average's windows count ({@link LoadAvg}).
   */
  public record NrRunning(int cpu, int delta) implements Command {}

  /** Read the load averages for shell job {@code job}: answered with a {@link LoadAvg.Avenrun}. */
  public record LoadAvgRead(long job) implements Command {}

  /**
   * The answer to a read (the file's text) or a write: what the shell's {@link AnsweredFile}
   * jobs show. The PM core answers its files with it too.
   *
   * @param text what a read returns
   * @param error the write's or read's errno, or null
   */
  public record Answer(String text, Errno error) implements AnsweredFile.Answer {}

  private final MachineConfig config;
  private final MachineLayout layout;
  private final KernelKnobs knobs;
  private final LockupDetectorControl detectors;
  private final KernelLocks locks = new KernelLocks();
  private final NmiDurations nmiDurations = new NmiDurations();
  private final LoadAvg loadAvg;
  private final PrintkLevels printk;
  private final UtsNames uts;
  /** Requests waiting for the one being carried out (watchdog_mutex). */
  private final ArrayDeque<Command> queue = new ArrayDeque<>();

  private transient EntityContext ctx;
  private transient Outbox outbox;

  public Sysctl(MachineConfig config, MachineLayout layout) {
    this.config = config;
    this.layout = layout;
    WatchdogBoot boot = WatchdogBoot.of(config);
    this.knobs = new KernelKnobs(boot);
    this.detectors = new LockupDetectorControl(config, boot, knobs);
    this.loadAvg = new LoadAvg(config.kernel(), config.hz());
    this.printk = new PrintkLevels(config.cmdline());
    this.uts = new UtsNames(config);
  }

  /** The knobs as the per-CPU code sees them. */
  public WatchdogParams params() {
    return detectors.params();
  }

  @Override
  public void onEvent(EntityContext ctx, int src, Command msg) {
    this.ctx = ctx;
    if (outbox == null) {
      outbox = new Outbox();
    }
    detectors.bind(outbox);
    if (msg instanceof Ack) {
      detectors.ack();
    } else if (msg instanceof PerfEnabled p) {
      detectors.perfEnabled(p);
    } else if (msg instanceof AddTaint t) {
      if ((knobs.taint & (1 << t.flag())) == 0) {
        knobs.taint |= 1 << t.flag();
        detectors.publish();
      }
    } else if (msg instanceof LegacyNmiActive a) {
      detectors.legacyActive(a.cpu(), a.on());
    } else if (msg instanceof Acquire a) {
      locks.acquire(a.cpu(), a.lock(), detectors.online(), outbox::toCpu);
    } else if (msg instanceof Release r) {
      locks.release(r.cpu(), r.lock(), outbox::toCpu);
    } else if (msg instanceof NrRunning n) {
      loadAvg.change(ctx.now() / config.tickNs(), n.delta());
    } else if (msg instanceof LoadAvgRead r) {
      ctx.send(layout.shell(), config.timings().mmio(),
          new JobAsker.Answer(r.job(), loadAvg.read(ctx.now() / config.tickNs())));
    } else if (msg instanceof SysrqLoglevel l) {
      int before = printk.consoleLevel();
      printk.sysrqLevel(l.level());
      consoleLevelChanged(before);
    } else if (msg instanceof SyslogConsoleLevel c) {
      int before = printk.consoleLevel();
      Errno e = printk.syslogConsoleLevel(c.level());
      consoleLevelChanged(before);
      outbox.reply(c.job(), new Answer("", e));
    } else if (msg instanceof NmiDuration d) {
      List<String> lines = nmiDurations.check(d.handler(), d.ns(), ctx.now());
      if (!lines.isEmpty()) {
        outbox.toCpu(d.cpu(), new NmiDurations.TooLong(lines));
      }
    } else {
      queue.add(msg);
    }
    while (!detectors.busy() && !queue.isEmpty()) {
      start(queue.poll());
    }
  }

  private void start(Command msg) {
    if (msg instanceof Read r) {
      outbox.reply(r.job(), new Answer(read(r.name()), null));
    } else if (msg instanceof Write w) {
      write(w);
    } else {
      detectors.start(msg);
    }
  }

  private String read(String name) {
    if (name.equals("printk")) {
      return printk.read();
    }
    if (UtsNames.owns(name)) {
      return uts.read(name);
    }
    if (LockupDetectorControl.owns(name)) {
      return detectors.read(name);
    }
    return KernelKnobs.owns(name) ? knobs.read(name) : "";
  }

  private void write(Write w) {
    if (UtsNames.owns(w.name()) && !UtsNames.readOnly(w.name())) {
      outbox.reply(w.job(), new Answer("", uts.write(w.name(), w.text())));
    } else if (w.name().equals("printk")) {
      int before = printk.consoleLevel();
      Errno e = printk.write(w.text());
      consoleLevelChanged(before);
      outbox.reply(w.job(), new Answer("", e));
    } else if (LockupDetectorControl.owns(w.name())) {
      detectors.write(w);
    } else if (KernelKnobs.owns(w.name())) {
      Errno e = knobs.write(w.name(), w.text());
      if (e == null) {
        detectors.publish();
      }
      outbox.reply(w.job(), new Answer("", e));
    } else {
      outbox.reply(w.job(), new Answer("", Errno.EINVAL));
    }
  }

  /** The log buffer decides what reaches the console: it learns a new console_loglevel. */
  private void consoleLevelChanged(int before) {
    if (printk.consoleLevel() != before) {
      ctx.send(layout.klog(), config.timings().mmio(), new Klog.ConsoleLevel(
          printk.consoleLevel()));
    }
  }

  /** The entity's mail, for the parts it holds. */
  private final class Outbox implements LockupDetectorControl.Outbox {

    @Override
    public void toCpu(int cpu, SimMessage msg) {
      ctx.send(layout.cpu(cpu), config.timings().mmio(), new Cpu.KernelMail(msg));
    }

    @Override
    public void reply(long job, Answer a) {
      ctx.send(layout.shell(), config.timings().mmio(), new JobAsker.Answer(job, a));
    }

    @Override
    public void log(String line) {
      ctx.send(layout.klog(), config.timings().mmio(), Printk.line(ctx.now(), LogLevel.INFO,
          line));
    }

    @Override
    public void watchdogOffline(int cpu) {
      ctx.send(layout.hotplug(), config.timings().mmio(), new WatchdogOffline(cpu));
    }
  }
}
