package io.smpsim.kernel.core;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.sim.SimMessage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What subsystems register into, once, while a kernel is composed; {@link #build()} freezes it
 * into the {@link KernelTables} the machine runs with. A name registered twice (a path, a
 * command, a mail class, a per-CPU key) is a composition bug and fails at once.
 */
public final class Registry {

  final Map<String, Function<MachineConfig, VfsFile>> files = new HashMap<>();
  final List<KernelTables.PatternFile> patternFiles = new ArrayList<>();
  final List<BiPredicate<String, MachineConfig>> directories = new ArrayList<>();
  final Map<String, CommandParser> commands = new HashMap<>();
  final Set<String> background = new HashSet<>();
  final Map<String, KernelTables.OutOfBand> outOfBand = new HashMap<>();
  final Map<Class<?>, KernelTables.Mail> mail = new HashMap<>();
  final Map<PerCpu<?>, Function<MachineConfig, ?>> perCpu = new IdentityHashMap<>();
  final List<PerCpu<?>> perCpuOrder = new ArrayList<>();
  final Set<Class<?>> wire = new LinkedHashSet<>();
  final TreeMap<Integer, String> hotplugStates = new TreeMap<>();
  final Map<PmPhase, List<KernelTables.PmCallback>> pm = new EnumMap<>(PmPhase.class);
  final List<ContextSwitchHook> contextSwitch = new ArrayList<>();
  final List<CpuOnlineHook> cpuOnline = new ArrayList<>();
  final List<KernelTables.PatternListing> listings = new ArrayList<>();
  final List<Function<MachineConfig, List<IrqLine>>> irqLines = new ArrayList<>();
  final TreeMap<Integer, VectorHandler> vectors = new TreeMap<>();

  /** Composes a kernel from its subsystems, in order. */
  public static KernelTables compose(List<? extends Subsystem> subsystems) {
    Registry r = new Registry();
    for (Subsystem s : subsystems) {
      s.register(r);
    }
    return r.build();
  }

  /** A procfs/sysfs file at exactly {@code path}; {@code open} may return null (no such file). */
  public void file(String path, Function<MachineConfig, VfsFile> open) {
    if (files.putIfAbsent(path, open) != null) {
      throw new IllegalStateException("two subsystems register " + path);
    }
  }

  /** Files at the paths {@code regex} matches (whole path), tried after the exact paths. */
  public void files(String regex, FileFactory open) {
    patternFiles.add(new KernelTables.PatternFile(Pattern.compile(regex), open));
  }

  /**
   * Entries of the directories {@code regex} matches (whole path), as {@code ls} shows them;
   * several subsystems may list entries of one directory.
   */
  public void listing(String regex, Listing list) {
    listings.add(new KernelTables.PatternListing(Pattern.compile(regex), list));
  }

  /**
   * Device interrupt lines of the machines this subsystem's hardware is on, the device rows of
   * /proc/interrupts and the per-IRQ counts of /proc/stat's intr line (a NIC's per-queue MSI
   * vectors, the IO-APIC's legacy lines); several subsystems may add lines.
   */
  public void irqLines(Function<MachineConfig, List<IrqLine>> lines) {
    irqLines.add(lines);
  }

  /**
   * The handler of the device interrupt vectors {@code first..last} (x86 vectors a subsystem's
   * devices raise, such as MSI-X vectors); overlapping ranges are a composition bug.
   */
  public void vectors(int first, int last, VectorHandler handler) {
    for (int v = first; v <= last; v++) {
      if (vectors.putIfAbsent(v, handler) != null) {
        throw new IllegalStateException("two handlers for vector " + v);
      }
    }
  }

  /** Directories that exist (where creating a file is EACCES rather than ENOENT). */
  public void directories(BiPredicate<String, MachineConfig> exists) {
    directories.add(exists);
  }

  /**
   * The shell command {@code name} ("sysctl"); a name of two words ("inject resume-busywait")
   * is a verb of a command another subsystem owns, and wins over the command itself.
   */
  public void command(String name, CommandParser parser) {
    if (commands.putIfAbsent(name, parser) != null) {
      throw new IllegalStateException("two subsystems register the command " + name);
    }
  }

  /**
   * A command {@code name} (registered with {@link #command}) whose line may end in {@code &}:
   * its parser sees the {@code &} and starts the background job itself; any other command's
   * {@code &} is refused.
   */
  public void background(String name) {
    background.add(name);
  }

  /**
   * A command line that does not wait for the shell (an event from outside the machine, like
   * the power button): the shell sends {@code msg} to the machine-wide entity {@code to} at
   * once, whatever job it is blocked in, and reports the line done.
   */
  public void outOfBand(String line, MachineLayout.Slot to, SimMessage msg) {
    outOfBand.put(KernelTables.normalizeLine(line), new KernelTables.OutOfBand(to, msg));
  }

  /** How a CPU handles kernel mail of class {@code type}; dropped once the CPU has stopped. */
  public <M extends SimMessage> void cpuMail(Class<M> type, CpuMailHandler<? super M> handler) {
    addMail(type, handler, false);
  }

  /**
   * Like {@link #cpuMail}, for the mail a CPU must still take after it stopped or wedged (the
   * panic's own steps and locks: a stopped CPU is how a panic ends).
   */
  public <M extends SimMessage> void cpuMailEvenStopped(Class<M> type,
      CpuMailHandler<? super M> handler) {
    addMail(type, handler, true);
  }

  /**
   * Like {@link #cpuMail}, for work that waits until the CPU can schedule (smp_call_on_cpu():
   * the stopper or a kworker runs it once no task pins the CPU).
   */
  public <M extends SimMessage> void cpuWork(Class<M> type, CpuMailHandler<? super M> handler) {
    put(type, new KernelTables.Mail(handler, false, true));
  }

  private void addMail(Class<?> type, CpuMailHandler<?> handler, boolean evenStopped) {
    put(type, new KernelTables.Mail(handler, evenStopped, false));
  }

  private void put(Class<?> type, KernelTables.Mail m) {
    if (mail.putIfAbsent(type, m) != null) {
      throw new IllegalStateException("two handlers for CPU mail " + type.getName());
    }
  }

  /** A per-CPU variable and how each CPU's copy starts. */
  public <T> void perCpu(PerCpu<T> key, Function<MachineConfig, T> init) {
    if (perCpu.putIfAbsent(key, init) != null) {
      throw new IllegalStateException("per-CPU variable registered twice: " + key.name());
    }
    perCpuOrder.add(key);
  }

  /**
   * A CPU hotplug state (enum cpuhp_state) as /sys/devices/system/cpu/hotplug/states lists
   * it: {@code number} is the state's place in the recorded kernel's table.
   */
  public void hotplugState(int number, String name) {
    if (hotplugStates.putIfAbsent(number, name) != null) {
      throw new IllegalStateException("cpuhp state " + number + " registered twice");
    }
  }

  /**
   * A system-sleep callback: at {@code phase} of a suspend the PM core sends {@code suspend} to
   * the machine-wide entity {@code to}, and {@code resume} at the same phase of the resume;
   * either may be null, for nothing to do then.
   */
  public void pmCallback(PmPhase phase, MachineLayout.Slot to, SimMessage suspend,
      SimMessage resume) {
    pm.computeIfAbsent(phase, p -> new ArrayList<>())
        .add(new KernelTables.PmCallback(to, suspend, resume));
  }

  /**
   * Called at every context switch on a CPU, in registration order (what __schedule() tells
   * RCU: kernel/sched/core.c rcu_note_context_switch()).
   */
  public void contextSwitch(ContextSwitchHook hook) {
    contextSwitch.add(hook);
  }

  /** Called on a CPU when it comes online or goes offline, in registration order. */
  public void cpuOnline(CpuOnlineHook hook) {
    cpuOnline.add(hook);
  }

  /** Classes that travel between entities, for Kryo (registration order is wire order). */
  public void wire(Class<?>... classes) {
    wire.addAll(List.of(classes));
  }

  /** The frozen tables. */
  public KernelTables build() {
    return new KernelTables(this);
  }
}
