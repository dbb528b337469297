package io.smpsim.app.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /**
   * An integer that fits a {@code long} exactly: HOCON reads a literal too large for a long (or
   * written with an exponent) as a double, which would otherwise saturate or lose digits.
   */
  public long integer(String key) {
    ConfigValue raw = object.get(key);
    if (raw != null && raw.valueType() == ConfigValueType.STRING
        && ((String) raw.unwrapped()).matches("[-+]?[0-9]{19,}")) {
      // HOCON keeps a literal too long for a long as a string.
      throw error(key, "out of range: " + raw.unwrapped() + " does not fit a 64-bit integer ("
          + Long.MIN_VALUE + ".." + Long.MAX_VALUE + ")");
    }
    ConfigValue v = value(key, ConfigValueType.NUMBER, "an integer");
    Number n = (Number) v.unwrapped();
    if (n instanceof Integer || n instanceof Long) {
      return n.longValue();
    }
    double d = n.doubleValue();
    if (d != Math.rint(d)) {
      throw error(key, "expected an integer, got " + v.render());
    }
    if (Math.abs(d) >= 0x1p63) {
      throw error(key, "out of range: " + v.render() + " does not fit a 64-bit integer ("
          + Long.MIN_VALUE + ".." + Long.MAX_VALUE + ")");
    }
    return (long) d;
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

  /** The longest duration or time a scenario or option may give: 1,000,000 h (114 years). */
  public static final long MAX_DURATION_NS = 1_000_000L * 3_600 * 1_000_000_000L;

  /** The longest duration, as users write it. */
  public static final String MAX_DURATION = "1000000h";

  private static final Pattern DURATION = Pattern.compile(
      "([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE]([+-]?[0-9]{1,3}))?\\s*([a-zA-Z]+)");

  private static final Map<String, Long> UNITS = units();

  private static Map<String, Long> units() {
    Map<String, Long> u = new HashMap<>();
    long[] ns = {1L, 1_000L, 1_000_000L, 1_000_000_000L, 60_000_000_000L, 3_600_000_000_000L,
        86_400_000_000_000L};
    String[][] names = {
        {"ns", "nano", "nanos", "nanosecond", "nanoseconds"},
        {"us", "micro", "micros", "microsecond", "microseconds"},
        {"ms", "milli", "millis", "millisecond", "milliseconds"},
        {"s", "second", "seconds"},
        {"m", "minute", "minutes"},
        {"h", "hour", "hours"},
        {"d", "day", "days"}};
    for (int i = 0; i < ns.length; i++) {
      for (String n : names[i]) {
        u.put(n, ns[i]);
      }
    }
    return Map.copyOf(u);
  }

  /**
   * Parses a duration with a unit ({@code 10s}, {@code 1.5ms}, {@code 100ns}), in ns, exactly:
   * a bare number is refused (which unit would it be?), and so are negative durations,
   * fractions of a nanosecond, and anything longer than {@link #MAX_DURATION}.
   */
  public static long parseDuration(String text) {
    String t = text.trim();
    if (t.isEmpty() || t.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
      throw new IllegalArgumentException("expected a duration with a unit such as 10s or 5ms,"
          + " got \"" + text + "\"");
    }
    if (t.startsWith("-")) {
      throw new IllegalArgumentException("must not be negative: " + text);
    }
    Matcher m = DURATION.matcher(t);
    Long unit = m.matches() ? UNITS.get(m.group(3)) : null;
    if (unit == null) {
      throw new IllegalArgumentException("not a duration: \"" + text + "\" (a number and a"
          + " unit: ns, us, ms, s, m, h or d)");
    }
    BigDecimal ns = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
    if (m.group(2) != null) {
      ns = ns.scaleByPowerOfTen(Integer.parseInt(m.group(2)));
    }
    if (ns.compareTo(BigDecimal.valueOf(MAX_DURATION_NS)) > 0) {
      throw new IllegalArgumentException("out of range: " + t + " is longer than "
          + MAX_DURATION + " (about 114 years), the most smpsim simulates");
    }
    if (ns.signum() != 0 && ns.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException("not a whole number of nanoseconds: " + t);
    }
    return ns.longValueExact();
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
