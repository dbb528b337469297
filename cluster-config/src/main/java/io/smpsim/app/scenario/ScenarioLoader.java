package io.smpsim.app.scenario;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Loads scenario files (HOCON): parses, checks every key and value, and fails with the file, the
 * line and the key of the first problem, before anything runs.
 */
public final class ScenarioLoader {

  /** Keys every scenario may have. */
  static final Set<String> COMMON_KEYS = Set.of("seed", "duration", "lookahead", "model");

  /** Default lookahead when a scenario does not set one. */
  public static final long DEFAULT_LOOKAHEAD_NS = 100;

  private final Map<String, ScenarioModel> models = new LinkedHashMap<>();

  /** A loader knowing the built-in model and every model on the class path. */
  public ScenarioLoader() {
    register(new MachinesModel());
    for (ScenarioModel m : ServiceLoader.load(ScenarioModel.class)) {
      register(m);
    }
  }

  private void register(ScenarioModel m) {
    models.putIfAbsent(m.name(), m);
  }

  public Map<String, ScenarioModel> models() {
    return models;
  }

  /**
   * Loads a scenario file.
   *
   * @param seed a seed overriding the file's, or null
   * @param durationNs a duration overriding the file's, or null
   */
  public Scenario load(Path file, Long seed, Long durationNs) {
    String text = ScenarioText.read(file, file.toString());
    return load(text, file.toString(), seed, durationNs);
  }

  /** Loads a scenario from its text. */
  public Scenario load(String text, String origin, Long seed, Long durationNs) {
    ConfigReader root = parse(text, origin);
    String model = root.string("model", MachinesModel.NAME);
    ScenarioModel m = models.get(model);
    if (m == null) {
      throw root.error("model", "unknown model '" + model + "' (known: "
          + String.join(", ", models.keySet()) + ")");
    }
    Set<String> allowed = new HashSet<>(COMMON_KEYS);
    allowed.addAll(m.keys());
    root.allowOnly(allowed);
    long s = seed != null ? seed : root.integer("seed", 1);
    if (durationNs != null && durationNs <= 0) {
      // The command line's --duration, not the file's line, is what to fix.
      throw new ScenarioException("--duration must be positive, got "
          + Durations.format(durationNs));
    }
    long duration = durationNs != null ? durationNs : root.duration("duration");
    if (duration <= 0) {
      throw root.error("duration", "must be positive");
    }
    long lookahead = lookahead(root);
    if (lookahead >= duration) {
      throw root.error("lookahead", Durations.format(lookahead) + " is not shorter than the"
          + " duration (" + Durations.format(duration) + "): no event could happen inside the"
          + " run");
    }
    m.validate(root, lookahead);
    if (durationNs == null) {
      timelineInside(root, duration);
    }
    List<io.smpsim.kernel.MachineConfig> machines = List.of();
    List<io.smpsim.kernel.TimelineCommand> timeline = List.of();
    List<Expectation> expected = List.of();
    if (m instanceof MachinesModel) {
      machines = MachinesModel.machines(root, lookahead);
      timeline = MachinesModel.timeline(root, machines);
      expected = MachinesModel.expectations(root, machines);
    }
    String source = root.toConfig().root().render(ConfigRenderOptions.concise());
    return new Scenario(origin, source, model, s, duration, lookahead, machines, timeline,
        expected);
  }

  /**
   * Refuses timeline entries at or after the end of the run: they would never run, and a user
   * who wrote them expects them to.
   */
  private static void timelineInside(ConfigReader root, long durationNs) {
    if (!root.has("timeline")) {
      return;
    }
    for (ConfigReader t : root.objects("timeline")) {
      if (t.has("at") && t.duration("at") >= durationNs) {
        throw t.error("at", "at " + Durations.format(t.duration("at")) + " is not before the end"
            + " of the run (duration = " + Durations.format(durationNs) + "): it would never run");
      }
    }
  }

  /**
   * The timeline entries of a scenario that will not run because the run ends first (a
   * {@code --duration} shorter than the file's), for a warning.
   */
  public static List<io.smpsim.kernel.TimelineCommand> beyondEnd(Scenario scenario) {
    return scenario.timeline().stream().filter(c -> c.atNs() >= scenario.durationNs()).toList();
  }

  /** The scenario's lookahead, at least 1 ns. */
  static long lookahead(ConfigReader root) {
    long l = root.duration("lookahead", DEFAULT_LOOKAHEAD_NS);
    if (l < 1) {
      throw root.error("lookahead", "must be at least 1ns");
    }
    return l;
  }

  /** A reader over a scenario's text, for models building their world on a node. */
  public static ConfigReader reader(String text, String origin) {
    return parse(text, origin);
  }

  /** The directory includes resolve against: the scenario file's, else the working one. */
  private static Path baseDir(String origin) {
    Path cwd = Path.of("").toAbsolutePath();
    try {
      Path parent = Path.of(origin).toAbsolutePath().getParent();
      return parent != null ? parent : cwd;
    } catch (java.nio.file.InvalidPathException e) {
      // A world built on another node from a scenario sent by a client on another system.
      return cwd;
    }
  }

  /**
   * Parses HOCON text into a validating reader; syntax errors carry the file and line (of the
   * included file when the error is in one). Includes resolve against the directory of
   * {@code origin}.
   */
  static ConfigReader parse(String text, String origin) {
    ScenarioText.check(text, origin);
    Path base = baseDir(origin);
    ScenarioIncluder includer = new ScenarioIncluder(base, origin, text, 0);
    try {
      Config c = ConfigFactory.parseString(text, includer.options()).resolve();
      return new ConfigReader(origin, "", c.root());
    } catch (ConfigException e) {
      String desc = e.origin() == null ? origin : e.origin().description();
      String where = desc.replaceFirst(": \\d+(-\\d+)?$", "");
      int line = e.origin() == null ? 0 : e.origin().lineNumber();
      String msg = e.getMessage();
      String reason = msg.startsWith(desc + ": ") ? msg.substring(desc.length() + 2) : msg;
      throw new ScenarioException(where, line, "", reason);
    } catch (StackOverflowError e) {
      // ScenarioText bounds the nesting of each file; this is the backstop for what it cannot
      // see, such as substitutions that expand into each other.
      throw new ScenarioException(origin + ": nested too deeply to read");
    }
  }
}
