package io.smpsim.app.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Typed, validating access to one object of a scenario file. Every error names the file, the
 * line and the full key; unknown keys are errors, so a typo never goes unnoticed.
 */
public final class ConfigReader {

  private final String origin;
  private final String path;
  private final ConfigObject object;

  public ConfigReader(String origin, String path, ConfigObject object) {
    this.origin = origin;
    this.path = path;
    this.object = object;
  }

  /** The key's full path, e.g. {@code machines[0].cpus}. */
  public String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public String origin() {
    return origin;
  }

  /** The line this object starts at. */
  public int line() {
    return Math.max(0, object.origin().lineNumber());
  }

  public boolean has(String key) {
    return object.containsKey(key);
  }

  /** Fails on any key not in {@code allowed}. */
  public void allowOnly(Set<String> allowed) {
    for (String key : object.keySet()) {
      if (!allowed.contains(key)) {
        List<String> sorted = new ArrayList<>(allowed);
        java.util.Collections.sort(sorted);
        throw error(key, "unknown key (known keys: " + String.join(", ", sorted) + ")");
      }
    }
  }

  /** An error about {@code key}, at the key's line. */
  public ScenarioException error(String key, String reason) {
    ConfigValue v = object.get(key);
    int line = v != null ? v.origin().lineNumber() : line();
    return new ScenarioException(origin, line, keyPath(key), reason);
  }

  private ConfigValue value(String key, ConfigValueType type, String what) {
    ConfigValue v = object.get(key);
    if (v == null) {
      throw new ScenarioException(origin, line(), keyPath(key), "missing (" + what + " needed)");
    }
    if (v.valueType() != type) {
      throw error(key, "expected " + what + ", got " + describe(v));
    }
    return v;
  }

  private static String describe(ConfigValue v) {
    return switch (v.valueType()) {
      case STRING -> "a string (\"" + v.unwrapped() + "\")";
      case NUMBER -> "a number (" + v.unwrapped() + ")";
      case BOOLEAN -> "a boolean (" + v.unwrapped() + ")";
      case LIST -> "a list";
      case OBJECT -> "an object";
      case NULL -> "null";
    };
  }

  public String string(String key) {
    ConfigValue v = object.get(key);
    if (v != null && (v.valueType() == ConfigValueType.NUMBER
        || v.valueType() == ConfigValueType.BOOLEAN)) {
      return String.valueOf(v.unwrapped());
    }
    return (String) value(key, ConfigValueType.STRING, "a string").unwrapped();
  }

  public String string(String key, String dflt) {
    return has(key) ? string(key) : dflt;
  }

  public long integer(String key) {
    ConfigValue v = value(key, ConfigValueType.NUMBER, "an integer");
    Number n = (Number) v.unwrapped();
    if (n.doubleValue() != Math.rint(n.doubleValue())) {
      throw error(key, "expected an integer, got " + n);
    }
    return n.longValue();
  }

  public long integer(String key, long dflt) {
    return has(key) ? integer(key) : dflt;
  }

  /** An integer in {@code [min, max]}. */
  public int intIn(String key, int dflt, int min, int max) {
    long v = integer(key, dflt);
    if (v < min || v > max) {
      throw error(key, "must be between " + min + " and " + max + ", got " + v);
    }
    return (int) v;
  }

  public double number(String key, double dflt) {
    if (!has(key)) {
      return dflt;
    }
    return ((Number) value(key, ConfigValueType.NUMBER, "a number").unwrapped()).doubleValue();
  }

  public boolean bool(String key, boolean dflt) {
    if (!has(key)) {
      return dflt;
    }
    return (Boolean) value(key, ConfigValueType.BOOLEAN, "true or false").unwrapped();
  }

  /** A duration with a unit ({@code 10s}, {@code 250ms}, {@code 100ns}, {@code 1h}), in ns. */
  public long duration(String key) {
    ConfigValue v = object.get(key);
    if (v == null) {
      throw new ScenarioException(origin, line(), keyPath(key), "missing (a duration needed)");
    }
    if (v.valueType() != ConfigValueType.STRING) {
      throw error(key, "expected a duration with a unit such as 10s or 5ms, got " + describe(v));
    }
    try {
      return parseDuration((String) v.unwrapped());
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }

  public long duration(String key, long dflt) {
    return has(key) ? duration(key) : dflt;
  }

  /** Parses a duration with a unit, in ns; a bare number is refused (which unit would it be?). */
  public static long parseDuration(String text) {
    String t = text.trim();
    if (t.isEmpty() || t.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
      throw new IllegalArgumentException("expected a duration with a unit such as 10s or 5ms,"
          + " got \"" + text + "\"");
    }
    try {
      Duration d = ConfigFactory.parseString("d = \"" + t + "\"").getDuration("d");
      if (d.isNegative()) {
        throw new IllegalArgumentException("must not be negative: " + text);
      }
      return d.toNanos();
    } catch (ConfigException e) {
      throw new IllegalArgumentException("not a duration: \"" + text + "\"");
    }
  }

  /** A sub-object. */
  public ConfigReader object(String key) {
    return new ConfigReader(origin, keyPath(key),
        (ConfigObject) value(key, ConfigValueType.OBJECT, "an object"));
  }

  /** A list of objects. */
  public List<ConfigReader> objects(String key) {
    if (!has(key)) {
      return List.of();
    }
    ConfigList list = (ConfigList) value(key, ConfigValueType.LIST, "a list");
    List<ConfigReader> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue v = list.get(i);
      String p = keyPath(key) + "[" + i + "]";
      if (v.valueType() != ConfigValueType.OBJECT) {
        throw new ScenarioException(origin, v.origin().lineNumber(), p,
            "expected an object, got " + describe(v));
      }
      out.add(new ConfigReader(origin, p, (ConfigObject) v));
    }
    return out;
  }

  /** A list of strings. */
  public List<String> strings(String key) {
    if (!has(key)) {
      return List.of();
    }
    ConfigList list = (ConfigList) value(key, ConfigValueType.LIST, "a list of strings");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue v = list.get(i);
      if (v.valueType() != ConfigValueType.STRING) {
        throw new ScenarioException(origin, v.origin().lineNumber(),
            keyPath(key) + "[" + i + "]", "expected a string, got " + describe(v));
      }
      out.add((String) v.unwrapped());
    }
    return out;
  }

  /** The underlying config, for models that read their own section. */
  public Config toConfig() {
    return object.toConfig();
  }
}
