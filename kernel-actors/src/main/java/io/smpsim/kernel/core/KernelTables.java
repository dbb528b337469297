package io.smpsim.kernel.core;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.sim.SimMessage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables a composed kernel runs with (what its subsystems registered in a
 * {@link Registry}): immutable once built, and the same for every machine of the kernel.
 */
public final class KernelTables {

  /** Files of a path pattern. */
  record PatternFile(Pattern pattern, FileFactory open) {}

  /** A line that bypasses the shell's queue. */
  public record OutOfBand(MachineLayout.Slot to, SimMessage msg) {}

  /** A system-sleep callback: what the PM core sends to whom on suspend and on resume. */
  public record PmCallback(MachineLayout.Slot to, SimMessage suspend, SimMessage resume) {}

  /**
   * A CPU mail handler, whether it still runs on a stopped CPU, and whether it waits until the
   * CPU can schedule.
   */
  public record Mail(CpuMailHandler<?> handler, boolean evenStopped, boolean whenSchedulable) {}

  private final Map<String, Function<MachineConfig, VfsFile>> files;
  private final List<PatternFile> patternFiles;
  private final List<BiPredicate<String, MachineConfig>> directories;
  private final Map<String, CommandParser> commands;
  private final Set<String> background;
  private final Map<String, OutOfBand> outOfBand;
  private final Map<Class<?>, Mail> mail;
  private final List<PerCpu<?>> perCpu;
  private final List<Function<MachineConfig, ?>> perCpuInit;
  private final Map<PerCpu<?>, Integer> perCpuIndex = new IdentityHashMap<>();
  private final List<Class<?>> wire;
  private final String hotplugStates;
  private final Map<PmPhase, List<PmCallback>> pm;
  private final List<ContextSwitchHook> contextSwitch;
  private final List<CpuOnlineHook> cpuOnline;
  private final List<PatternListing> listings;
  private final List<Function<MachineConfig, List<IrqLine>>> irqLines;
  private final Map<Integer, VectorHandler> vectors;

  KernelTables(Registry r) {
    this.files = Map.copyOf(r.files);
    this.patternFiles = List.copyOf(r.patternFiles);
    this.directories = List.copyOf(r.directories);
    this.commands = Map.copyOf(r.commands);
    this.background = Set.copyOf(r.background);
    this.outOfBand = Map.copyOf(r.outOfBand);
    this.mail = new HashMap<>(r.mail);
    this.perCpu = List.copyOf(r.perCpuOrder);
    List<Function<MachineConfig, ?>> init = new ArrayList<>();
    for (PerCpu<?> k : perCpu) {
      perCpuIndex.put(k, perCpuIndex.size());
      init.add(r.perCpu.get(k));
    }
    this.perCpuInit = List.copyOf(init);
    this.wire = List.copyOf(r.wire);
    StringBuilder states = new StringBuilder();
    r.hotplugStates.forEach((n, name) -> states.append(String.format("%3d: %s", n, name)).append('\n'));
    this.hotplugStates = states.toString();
    Map<PmPhase, List<PmCallback>> callbacks = new EnumMap<>(PmPhase.class);
    r.pm.forEach((phase, list) -> callbacks.put(phase, List.copyOf(list)));
    this.pm = callbacks;
    this.contextSwitch = List.copyOf(r.contextSwitch);
    this.cpuOnline = List.copyOf(r.cpuOnline);
    this.listings = List.copyOf(r.listings);
    this.irqLines = List.copyOf(r.irqLines);
    this.vectors = Map.copyOf(r.vectors);
  }

  /** The CPU online/offline hooks, in registration order. */
  public List<CpuOnlineHook> cpuOnlineHooks() {
    return cpuOnline;
  }

  /** The context-switch hooks, in registration order. */
  public List<ContextSwitchHook> contextSwitchHooks() {
    return contextSwitch;
  }

  /**
   * /sys/devices/system/cpu/hotplug/states: every registered state with a name, in state
   * order, {@code %3d: %s} (kernel/cpu.c states_show).
   */
  public String hotplugStates() {
    return hotplugStates;
  }

  /** The system-sleep callbacks of {@code phase}, in registration (suspend) order. */
  public List<PmCallback> pmCallbacks(PmPhase phase) {
    return pm.getOrDefault(phase, List.of());
  }

  /** The file at the normalized {@code path}, or null if this machine has none. */
  public VfsFile file(String path, MachineConfig config) {
    Function<MachineConfig, VfsFile> exact = files.get(path);
    if (exact != null) {
      return exact.apply(config);
    }
    for (PatternFile p : patternFiles) {
      Matcher m = p.pattern().matcher(path);
      if (m.matches()) {
        VfsFile f = p.open().open(m, config);
        if (f != null) {
          return f;
        }
      }
    }
    return null;
  }

  /** The machine's device interrupt lines, by IRQ number. */
  public List<IrqLine> irqLines(MachineConfig config) {
    List<IrqLine> all = new ArrayList<>();
    for (Function<MachineConfig, List<IrqLine>> f : irqLines) {
      all.addAll(f.apply(config));
    }
    all.sort(java.util.Comparator.comparingInt(IrqLine::irq));
    return all;
  }

  /** A directory listing registered for the paths {@code pattern} matches. */
  record PatternListing(Pattern pattern, Listing list) {}

  /**
   * The entries of the normalized directory {@code dir} by name (ls's order, strcmp in the C
   * locale), or null when no subsystem lists it.
   */
  public java.util.SortedMap<String, Listing.Entry> listing(String dir, MachineConfig config) {
    java.util.TreeMap<String, Listing.Entry> out = null;
    for (PatternListing l : listings) {
      Matcher m = l.pattern().matcher(dir);
      if (m.matches()) {
        List<Listing.Entry> entries = l.list().list(m, config);
        if (entries != null) {
          if (out == null) {
            out = new java.util.TreeMap<>();
          }
          for (Listing.Entry e : entries) {
            out.put(e.name(), e);
          }
        }
      }
    }
    return out;
  }

  /**
   * The entries right under the normalized directory {@code dir} that the fixed paths name: the
   * files registered at exact paths in it, and the directories that hold such a file or have a
   * listing of their own at a fixed path; by name, true for a directory.
   */
  public java.util.SortedMap<String, Boolean> namedChildren(String dir) {
    String prefix = dir.endsWith("/") ? dir : dir + "/";
    java.util.TreeMap<String, Boolean> out = new java.util.TreeMap<>();
    for (String p : exactPaths()) {
      child(prefix, p, false, out);
    }
    for (String d : listedDirectories()) {
      child(prefix, d, true, out);
    }
    return out;
  }

  /** The component of {@code path} right under {@code prefix}, if it is under it. */
  private static void child(String prefix, String path, boolean pathIsDir,
      java.util.Map<String, Boolean> entries) {
    if (!path.startsWith(prefix) || path.length() == prefix.length()) {
      return;
    }
    int slash = path.indexOf('/', prefix.length());
    String name = path.substring(prefix.length(), slash < 0 ? path.length() : slash);
    entries.merge(name, slash >= 0 || pathIsDir, Boolean::logicalOr);
  }

  /** Whether the normalized directory {@code dir} exists. */
  public boolean directoryExists(String dir, MachineConfig config) {
    for (BiPredicate<String, MachineConfig> d : directories) {
      if (d.test(dir, config)) {
        return true;
      }
    }
    return false;
  }

  /** The parser of command {@code name} (one or two words), or null. */
  public CommandParser command(String name) {
    return commands.get(name);
  }

  /** Whether command {@code name} starts its own background job for a line ending in &. */
  public boolean background(String name) {
    return background.contains(name);
  }

  /** Every registered command name (one word, or a command and its verb), sorted. */
  public List<String> commandNames() {
    return commands.keySet().stream().sorted().toList();
  }

  /**
   * The files registered at exact paths, sorted (files named by a pattern, such as
   * {@code cpuN/online}, are not listed: a pattern names no finite set).
   */
  public List<String> exactPaths() {
    return files.keySet().stream().sorted().toList();
  }

  /**
   * The directories listed at a fixed path (a listing registered for a pattern with no regular
   * expression in it, such as {@code /proc/irq}), sorted: with {@link #exactPaths()} they name
   * every directory a path can be completed through.
   */
  public List<String> listedDirectories() {
    return listings.stream().map(l -> l.pattern().pattern())
        .filter(p -> p.chars().noneMatch(c -> "\\()[]{}?*+|^$.".indexOf(c) >= 0))
        .distinct().sorted().toList();
  }

  /** What {@code line} does if it bypasses the shell's queue, or null. */
  public OutOfBand outOfBand(String line) {
    return outOfBand.get(normalizeLine(line));
  }

  /** The handler of device interrupt vector {@code vector}, or null. */
  public VectorHandler vector(int vector) {
    return vectors.get(vector);
  }

  /** The handler of CPU mail of exactly {@code type}, or null. */
  public Mail cpuMail(Class<?> type) {
    return mail.get(type);
  }

  /** A fresh set of per-CPU variables, in registration order. */
  public Object[] newPerCpu(MachineConfig config) {
    Object[] slots = new Object[perCpuInit.size()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = perCpuInit.get(i).apply(config);
    }
    return slots;
  }

  /** Where {@code key}'s copy sits in a CPU's per-CPU variables. */
  public int perCpuIndex(PerCpu<?> key) {
    Integer i = perCpuIndex.get(key);
    if (i == null) {
      throw new IllegalArgumentException("no subsystem registered per-CPU " + key.name());
    }
    return i;
  }

  /** The wire classes, in registration order. */
  public List<Class<?>> wireClasses() {
    return wire;
  }

  static String normalizeLine(String line) {
    return line.trim().replaceAll("\\s+", " ");
  }
}
