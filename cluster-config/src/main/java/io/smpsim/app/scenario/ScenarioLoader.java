package io.smpsim.app.scenario;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ScenarioException(file + ": no such file");
    } catch (IOException e) {
      throw new ScenarioException(file + ": cannot read: " + e.getMessage());
    }
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
    long duration = durationNs != null ? durationNs : root.duration("duration");
    if (duration <= 0) {
      throw root.error("duration", "must be positive");
    }
    long lookahead = lookahead(root);
    m.validate(root, lookahead);
    List<io.smpsim.kernel.MachineConfig> machines = List.of();
    List<io.smpsim.kernel.TimelineCommand> timeline = List.of();
    if (m instanceof MachinesModel) {
      machines = MachinesModel.machines(root, lookahead);
      timeline = MachinesModel.timeline(root, machines);
    }
    String source = root.toConfig().root().render(ConfigRenderOptions.concise());
    return new Scenario(origin, source, model, s, duration, lookahead, machines, timeline);
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

  /** Parses HOCON text into a validating reader; syntax errors carry the line. */
  static ConfigReader parse(String text, String origin) {
    try {
      Config c = ConfigFactory.parseString(text,
          ConfigParseOptions.defaults().setOriginDescription(origin)
              .setSyntax(ConfigSyntax.CONF).setAllowMissing(false)).resolve();
      return new ConfigReader(origin, "", c.root());
    } catch (ConfigException e) {
      int line = e.origin() == null ? 0 : e.origin().lineNumber();
      String msg = e.getMessage();
      int cut = msg.indexOf(": ");
      String reason = cut >= 0 && msg.startsWith(origin) ? msg.substring(cut + 2) : msg;
      throw new ScenarioException(origin, line, "", reason.replaceFirst("^\\d+: ", ""));
    }
  }
}
