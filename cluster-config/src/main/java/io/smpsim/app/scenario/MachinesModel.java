package io.smpsim.app.scenario;

import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.linux.LinuxWorld;
import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.CpuId;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.Quirk;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.sim.SimWorld;
import io.smpsim.sim.WorldSpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The built-in model: Linux machines with a timeline of commands. */
public final class MachinesModel implements ScenarioModel {

  public static final String NAME = "machines";

  /** Keys of one machine. */
  static final Set<String> MACHINE_KEYS = Set.of("name", "cpus", "sockets", "placement", "hz",
      "dynticks", "cmdline", "cpu-model", "cpu-mhz", "ap-startup", "latencies", "quirks",
      "nics", "kernel", "pmu", "cpu-family", "cpu-model-number", "cpu-stepping",
      "invariant-tsc", "calibration-jitter", "emulator-host-cpus", "nmi-selftest", "bios-date", "rtc");
  static final Set<String> LATENCY_KEYS = Set.of("interrupt", "ipi", "ioapic", "mmio");
  static final Set<String> TIMELINE_KEYS = Set.of("at", "on", "run", "repeat", "expect");

  /** NR_CPUS of the simulated kernel (CONFIG_NR_CPUS=8192, as distribution kernels). */
  public static final int MAX_CPUS = 8192;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> keys() {
    return Set.of("machines", "timeline", "links");
  }

  @Override
  public void validate(ConfigReader root, long lookaheadNs) {
    List<MachineConfig> machines = machines(root, lookaheadNs);
    timeline(root, machines);
  }

  @Override
  public SimWorld build(WorldSpec spec) {
    ConfigReader root = ScenarioLoader.parse(spec.source(), spec.origin());
    long lookahead = ScenarioLoader.lookahead(root);
    List<MachineConfig> machines = machines(root, lookahead);
    return new LinuxWorld(machines, timeline(root, machines));
  }

  /** The machines of a scenario, validated. */
  public static List<MachineConfig> machines(ConfigReader root, long lookaheadNs) {
    List<ConfigReader> list = root.objects("machines");
    if (list.isEmpty()) {
      throw root.has("machines") ? root.error("machines", "needs at least one machine")
          : new ScenarioException(root.origin(), 0, "machines", "missing (a list of machines)");
    }
    List<MachineConfig> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigReader m = list.get(i);
      m.allowOnly(MACHINE_KEYS);
      String name = m.string("name", "m" + i);
      if (!names.add(name)) {
        throw m.error("name", "duplicate machine name '" + name + "'");
      }
      if (!name.matches("[A-Za-z0-9_.-]+")) {
        throw m.error("name", "use letters, digits, '_', '-' or '.'");
      }
      int cpus = m.intIn("cpus", 8, 1, MAX_CPUS);
      int sockets = m.intIn("sockets", 1, 1, cpus);
      String placement = m.string("placement", "machine");
      MachineConfig.Placement place;
      try {
        place = MachineConfig.Placement.valueOf(placement.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw m.error("placement", "must be machine, socket or cpu, got '" + placement + "'");
      }
      // Compared as a long: a cast first would let 4294967546 wrap round to 250.
      long hzValue = m.integer("hz", 250);
      if (java.util.Arrays.stream(MachineConfig.HZ_CHOICES).noneMatch(h -> h == hzValue)) {
        throw m.error("hz", "must be one of 100, 250, 300, 1000 (CONFIG_HZ), got " + hzValue);
      }
      int hz = (int) hzValue;
      long tickNs = 1_000_000_000L / hz;
      if (lookaheadNs > tickNs) {
        throw root.error("lookahead", Durations.format(lookaheadNs) + " is longer than the timer"
            + " tick of " + name + " (" + Durations.format(tickNs) + " at HZ " + hz + "): every"
            + " interrupt, IPI and NMI takes at least the lookahead, so no tick could arrive in"
            + " time; at most " + Durations.format(tickNs));
      }
      boolean dynticks = m.bool("dynticks", true);
      String cmdline = m.string("cmdline", "");
      String model = m.string("cpu-model", "Intel(R) Xeon(R) Platinum 8160 CPU @ 2.10GHz");
      double mhz = m.number("cpu-mhz", 2999.998);
      if (mhz < 100 || mhz > 10_000) {
        throw m.error("cpu-mhz", "must be between 100 and 10000, got " + mhz);
      }
      long apStartup = m.duration("ap-startup", 1_000_000);
      HwTimings timings = timings(m, lookaheadNs);
      String kernelText = m.string("kernel", KernelVersion.DEFAULT.text());
      KernelVersion kernel = KernelVersion.parse(kernelText);
      if (kernel == null) {
        throw m.error("kernel", "unknown kernel version '" + kernelText + "' (accepted: "
            + KernelVersion.ACCEPTED + ")");
      }
      boolean pmu = m.bool("pmu", true);
      out.add(new MachineConfig(name, i, cpus, sockets, hz, dynticks, cmdline, model,
          Math.round(mhz * 1000), timings, apStartup, place, quirks(m), NetKeys.nics(m), kernel,
          pmu, cpuId(m, model), m.bool("nmi-selftest", false), biosDate(m), rtc(m)));
    }
    return NetKeys.links(root, out, lookaheadNs);
  }

  /**
   * The CPUID of the machine's model: family, model number and stepping (0-255, as CPUID's
   * extended fields allow) and TSC invariance, each defaulting to what the model name implies.
   */
  private static CpuId cpuId(ConfigReader m, String model) {
    CpuId d = CpuId.defaultFor(model);
    return new CpuId(cpuidField(m, "cpu-family", d.family()),
        cpuidField(m, "cpu-model-number", d.model()), cpuidField(m, "cpu-stepping", d.stepping()),
        m.bool("invariant-tsc", d.invariantTsc()), jitter(m, d.calibrationJitter()),
        hostCpus(m, d.hostCpus()));
  }

  /** The DMI BIOS date, as DMI gives it: MM/DD/YYYY. */
  private static String biosDate(ConfigReader m) {
    String d = m.string("bios-date", MachineConfig.DEFAULT_BIOS_DATE);
    if (!d.matches("(0[1-9]|1[0-2])/(0[1-9]|[12][0-9]|3[01])/(19|20)[0-9]{2}")) {
      throw m.error("bios-date", "must be a date MM/DD/YYYY (as DMI gives it), got '" + d + "'");
    }
    return d;
  }

  /**
   * The RTC's time at power-on: an ISO-8601 UTC time ({@code 2026-11-22T01:37:33Z}), whole
   * seconds as the CMOS clock counts; by default the epoch.
   */
  private static long rtc(ConfigReader m) {
    String t = m.string("rtc", "1970-01-01T00:00:00Z");
    try {
      Instant i = Instant.parse(t);
      if (i.getNano() != 0 || i.getEpochSecond() < 0) {
        throw m.error("rtc", "must be a whole second at or after the epoch, got '" + t + "'");
      }
      return i.getEpochSecond();
    } catch (DateTimeParseException e) {
      throw m.error("rtc", "must be a UTC time such as 2026-11-22T01:37:33Z, got '" + t + "'");
    }
  }

  private static double jitter(ConfigReader m, double dflt) {
    double j = m.number("calibration-jitter", dflt);
    if (j < 0 || j > 2) {
      throw m.error("calibration-jitter", "must be between 0 and 2, got " + j);
    }
    return j;
  }

  private static int hostCpus(ConfigReader m, int dflt) {
    long n = m.integer("emulator-host-cpus", dflt);
    if (n < 0 || n > MAX_CPUS) {
      throw m.error("emulator-host-cpus", "must be between 0 and " + MAX_CPUS + ", got " + n);
    }
    return (int) n;
  }

  private static int cpuidField(ConfigReader m, String key, int dflt) {
    long v = m.integer(key, dflt);
    if (v < 0 || v > 255) {
      throw m.error(key, "must be between 0 and 255, got " + v);
    }
    return (int) v;
  }

  /** The machine's quirks: known names, each at most once. */
  private static List<Quirk> quirks(ConfigReader m) {
    List<Quirk> out = new ArrayList<>();
    if (!m.has("quirks")) {
      return out;
    }
    for (String q : m.strings("quirks")) {
      Quirk quirk = Quirk.byKey(q);
      if (quirk == null) {
        List<String> known = new ArrayList<>();
        for (Quirk k : Quirk.values()) {
          known.add(k.key());
        }
        throw m.error("quirks", "unknown quirk '" + q + "' (known: " + String.join(", ", known)
            + ")");
      }
      if (!out.contains(quirk)) {
        out.add(quirk);
      }
    }
    return out;
  }

  private static HwTimings timings(ConfigReader m, long lookahead) {
    if (!m.has("latencies")) {
      return HwTimings.uniform(lookahead);
    }
    ConfigReader l = m.object("latencies");
    l.allowOnly(LATENCY_KEYS);
    long[] v = new long[4];
    String[] keys = {"interrupt", "ipi", "ioapic", "mmio"};
    for (int i = 0; i < keys.length; i++) {
      v[i] = l.duration(keys[i], lookahead);
      if (v[i] < lookahead) {
        throw l.error(keys[i], "latency " + v[i] + " ns is below the lookahead L = " + lookahead
            + " ns (raise it, or lower 'lookahead')");
      }
    }
    return new HwTimings(v[0], v[1], v[2], v[3]);
  }

  /** The timeline, validated against the machines, in time order. */
  public static List<TimelineCommand> timeline(ConfigReader root,
      List<MachineConfig> machines) {
    return entries(root, machines).stream().map(Entry::command).toList();
  }

  /**
   * What each command of {@link #timeline} is expected to exit with, in the same order (a
   * command's request id is its index there).
   */
  public static List<Expectation> expectations(ConfigReader root,
      List<MachineConfig> machines) {
    return entries(root, machines).stream().map(Entry::expected).toList();
  }

  /** A command of the timeline with its expectation. */
  private record Entry(TimelineCommand command, Expectation expected) {}

  private static List<Entry> entries(ConfigReader root, List<MachineConfig> machines) {
    List<Entry> out = new ArrayList<>();
    for (ConfigReader t : root.objects("timeline")) {
      t.allowOnly(TIMELINE_KEYS);
      long at = t.duration("at");
      int machine;
      if (t.has("on")) {
        String on = t.string("on");
        machine = -1;
        for (MachineConfig m : machines) {
          if (m.name().equals(on)) {
            machine = m.index();
          }
        }
        if (machine < 0) {
          throw t.error("on", "no machine named '" + on + "'");
        }
      } else if (machines.size() == 1) {
        machine = 0;
      } else {
        throw new ScenarioException(t.origin(), t.line(), t.keyPath("on"),
            "missing (several machines: say which one runs the command)");
      }
      String run = t.string("run");
      if (run.isBlank()) {
        throw t.error("run", "empty command");
      }
      Expectation expected = Expectation.of(t);
      for (String line : TimelineRepeat.expand(t, run)) {
        out.add(new Entry(new TimelineCommand(at, machine, line, t.origin() + ":" + t.line()),
            expected));
      }
    }
    // A stable sort: entries at the same time keep the scenario's order.
    out.sort(Comparator.comparingLong(e -> e.command().atNs()));
    return out;
  }
}
